"""Build hook for setuptools (the project's metadata is in pyproject.toml).

The aligner anchors UN-language alignments on the shipped UN glossaries (``tmtool/align/shipped.py``). They live
in ``glossaries/`` beside the package, where the tour and the tests name them; this hook copies them into the
built package as ``tmtool/glossaries/``, so that an installed wheel aligns as a source checkout does
(``tests/core/test_packaging.py``).
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("un-places.csv", "un-places.tbx", "un-organs.csv", "un-organs.tbx")


class BuildPyWithGlossaries(build_py):
    """build_py, then the shipped glossaries into ``tmtool/glossaries/`` of the build."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "tmtool" / "glossaries"
        self.mkpath(str(target))
        for name in SHIPPED:
            self.copy_file(str(Path("glossaries") / name), str(target / name))


setup(cmdclass={"build_py": BuildPyWithGlossaries})
