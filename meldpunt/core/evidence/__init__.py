# SPDX-License-Identifier: EUPL-1.2
"""Evidence parsers: chat exports and saved mails into ``meldpunt.evidence/1``.

Use :func:`parse_path` or :func:`parse_bytes`; every refusal is an
:class:`EvidenceError` whose message names the line or part and what was
expected.
"""

from .api import DEFAULT_MAX_SIZE, parse_bytes, parse_path
from .archive import ArchiveLimits
from .errors import EvidenceError
from .output import as_format, to_json

__all__ = [
    "DEFAULT_MAX_SIZE",
    "ArchiveLimits",
    "EvidenceError",
    "as_format",
    "parse_bytes",
    "parse_path",
    "to_json",
]
