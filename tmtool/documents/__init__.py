"""tmtool.documents"""
