# SPDX-License-Identifier: EUPL-1.2
"""Evidence parsers: chat exports and saved mails into ``meldpunt.evidence/1``.

Use :func:`parse_path` or :func:`parse_bytes`; every refusal is an
:class:`EvidenceError` whose message names the line or part and what was
expected. Warnings and refusals are English :class:`Phrase` strings that keep
their template, for a caller that shows them in another language.
"""

from .api import DEFAULT_MAX_SIZE, parse_bytes, parse_path
from .archive import ArchiveLimits
from .errors import EvidenceError
from .output import as_format, to_json
from .phrase import Phrase, render_data

__all__ = [
    "DEFAULT_MAX_SIZE",
    "ArchiveLimits",
    "EvidenceError",
    "Phrase",
    "as_format",
    "parse_bytes",
    "parse_path",
    "render_data",
    "to_json",
]
