"""Term status: mapping between tmtool's statuses and the values of TBX and the CSV formats.

tmtool keeps five statuses (:data:`~tmtool.glossary.model.STATUSES`). TBX ``administrativeStatus`` has
more, finer values; those that have no status of their own are read as the nearest one and the exact
value is kept in ``Term.status_detail`` so that it is written back unchanged. TBX-Basic has no
"forbidden" and no "proposed": they are written as ``deprecatedTerm-admn-sts`` / no status plus a marker
note ``tmtool:status=forbidden`` that tmtool reads back (other tools show it as an ordinary note).
"""

from __future__ import annotations

import re

__all__ = ["TBX_ADMIN_STATUS", "from_tbx", "to_tbx", "MARKER_RE", "marker", "parse_status", "unknown_status"]

# TBX administrativeStatus value -> (status, status_detail)
TBX_ADMIN_STATUS: dict[str, tuple[str, str]] = {
    "preferredTerm-admn-sts": ("preferred", ""),
    "admittedTerm-admn-sts": ("admitted", ""),
    "deprecatedTerm-admn-sts": ("deprecated", ""),
    "supersededTerm-admn-sts": ("deprecated", "superseded"),
    "standardizedTerm-admn-sts": ("preferred", "standardized"),
    "legalTerm-admn-sts": ("preferred", "legal"),
    "regulatedTerm-admn-sts": ("preferred", "regulated"),
    "notRecommendedTerm-admn-sts": ("deprecated", "notRecommended"),
    "obsoleteTerm-admn-sts": ("deprecated", "obsolete"),
    # not in the TBX picklist, but written by some tools
    "forbiddenTerm-admn-sts": ("forbidden", ""),
    "proposedTerm-admn-sts": ("proposed", ""),
}
_BY_DETAIL = {detail: value for value, (_, detail) in TBX_ADMIN_STATUS.items() if detail}
# lower case, without "-admn-sts": "preferredterm" and the short form Weblate and translate-toolkit write, "preferred"
_BY_NAME = {k: mapped for value, mapped in TBX_ADMIN_STATUS.items()
            for k in (value[:-9].lower(), value[:-13].lower())}  # fmt: skip
MARKER_RE = re.compile(r"^tmtool:status=([a-z]+)$")


def from_tbx(value: str) -> tuple[str, str] | None:
    """``(status, status_detail)`` for a TBX administrativeStatus / normativeAuthorization value in any case, with
    or without ``Term-admn-sts`` / ``-admn-sts`` (``obsolete``, ``notRecommended``), or None."""
    low = value.strip().lower()
    low = low[:-9] if low.endswith("-admn-sts") else low
    if low in _BY_NAME:  # "obsoleteTerm-admn-sts", "obsoleteTerm" (normativeAuthorization), "obsolete", any case
        return _BY_NAME[low]
    return None


def to_tbx(status: str, detail: str = "") -> tuple[str | None, str | None]:
    """``(administrativeStatus value or None, marker note or None)`` to write for a status."""
    if detail and detail in _BY_DETAIL and TBX_ADMIN_STATUS[_BY_DETAIL[detail]][0] == status:
        return _BY_DETAIL[detail], None
    if status in ("preferred", "admitted", "deprecated"):
        return f"{status}Term-admn-sts", None
    if status == "forbidden":
        return "deprecatedTerm-admn-sts", marker(status)
    return None, marker(status)  # proposed: no TBX-Basic value


def marker(status: str) -> str:
    """The note text that carries a status TBX cannot express."""
    return f"tmtool:status={status}"


def parse_status(value: str) -> tuple[str, str] | None:
    """Status from a CSV cell: a tmtool status, a TBX value, or empty (preferred). None if unknown."""
    v = value.strip()
    if not v:
        return "preferred", ""
    return from_tbx(v)


def unknown_status(value: str) -> str:
    """The message for a status cell no reader knows, with the closest status when there is one:
    ``unknown status 'depricated' (did you mean deprecated? statuses: preferred, admitted, ...)``."""
    import difflib

    from ..errors import shown
    from .model import STATUSES

    # the statuses only: "recommended" is close to TBX's notRecommended, which means the opposite
    close = difflib.get_close_matches(value.strip().lower(), STATUSES, n=1, cutoff=0.8)
    guess = f"did you mean {close[0]}? " if close else ""
    return (f"unknown status {shown(value)} ({guess}statuses: {', '.join(STATUSES)}, or a TBX value such as "
            "supersededTerm-admn-sts; empty is preferred)")
