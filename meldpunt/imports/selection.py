# SPDX-License-Identifier: EUPL-1.2
"""Which entries to import: ``None`` for all, else inclusive index ranges.

People see entries numbered from 1; the ranges hold 0-based indexes.
"""

import re
from collections.abc import Iterable, Iterator

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

Ranges = list[list[int]]
_PART = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")


def parse_ranges(text: str, total: int) -> Ranges | None:
    """Read "1-20, 25, 30-40" (numbers as shown); empty means all."""
    if not text.strip():
        return None
    numbers: set[int] = set()
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        match = _PART.match(part)
        if match is None:
            raise ValidationError(
                _("%(part)s is not a number or a range such as 10-20.")
                % {"part": part.strip()[:20]},
                code="ranges",
            )
        start = int(match[1])
        stop = int(match[2] or start)
        if start > stop:
            raise ValidationError(
                _("%(part)s runs backwards; write the lower number first: %(fixed)s.")
                % {"part": part.strip()[:20], "fixed": f"{stop}-{start}"},
                code="ranges",
            )
        if not 1 <= start <= stop <= total:
            raise ValidationError(
                _("%(part)s is outside the entries 1 to %(total)s.")
                % {"part": part.strip()[:20], "total": total},
                code="ranges",
            )
        numbers.update(range(start - 1, stop))
    return from_indexes(numbers)


def from_indexes(indexes: Iterable[int]) -> Ranges:
    """Compress indexes into sorted inclusive ranges."""
    ranges: Ranges = []
    for index in sorted(set(indexes)):
        if ranges and ranges[-1][1] == index - 1:
            ranges[-1][1] = index
        else:
            ranges.append([index, index])
    return ranges


def selected_indexes(selection: Ranges | None, total: int) -> Iterator[int]:
    if selection is None:
        yield from range(total)
        return
    for start, stop in selection:
        yield from range(start, min(stop, total - 1) + 1)


def count_selected(selection: Ranges | None, total: int) -> int:
    return sum(1 for _index in selected_indexes(selection, total))


def describe(ranges: Ranges) -> str:
    """Ranges as people number entries: "5-9, 12"."""
    parts = [
        str(start + 1) if start == stop else f"{start + 1}-{stop + 1}"
        for start, stop in ranges
    ]
    return ", ".join(parts)


def left_out(selection: Ranges | None, total: int) -> Ranges:
    chosen = set(selected_indexes(selection, total))
    return from_indexes(index for index in range(total) if index not in chosen)
