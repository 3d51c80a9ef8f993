"""tmtool.review"""
