# SPDX-License-Identifier: EUPL-1.2
"""The one exception every evidence parser raises for input it cannot accept."""

from .phrase import Phrase


class EvidenceError(ValueError):
    """The file cannot be parsed; the message names the line or part and why.

    ``str(error)`` is the English message; ``phrase`` keeps its template and
    parameters for a translation.
    """

    def __init__(self, phrase: Phrase) -> None:
        super().__init__(phrase)
        self.phrase = phrase
