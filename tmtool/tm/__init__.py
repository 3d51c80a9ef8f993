"""tmtool.tm"""
