"""Make the test helpers beside these tests (pdfmaker) importable."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
