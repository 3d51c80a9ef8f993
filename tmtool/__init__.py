"""tmtool: turn the language versions of official documents into translation memories and glossaries.

The pipeline, each stage a subpackage that never imports the CLI or the UI::

    documents  ->  segment  ->  align  ->  tmx / tm  (lookup)
                                  \\->  glossary

``tmtool.cli`` is the thin command line; ``tmtool.review`` is the Textual UI (a leaf).
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
