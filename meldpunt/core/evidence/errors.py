# SPDX-License-Identifier: EUPL-1.2
"""The one exception every evidence parser raises for input it cannot accept."""


class EvidenceError(ValueError):
    """The file cannot be parsed; the message names the line or part and why."""
