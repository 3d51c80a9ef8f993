"""tmtool.tmx"""
