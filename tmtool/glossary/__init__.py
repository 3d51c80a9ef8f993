"""tmtool.glossary"""
