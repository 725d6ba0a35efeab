# SPDX-License-Identifier: EUPL-1.2
"""Parser warnings and refusals in the language of the person reading them.

The evidence parsers write English (their JSON output is a contract); each
warning and refusal is a ``Phrase`` that keeps its template and parameters,
translated here with the catalogue. A summary keeps them in that form, so the
preview shows them in the reader's language; a summary stored before holds
plain text, shown as it is.
"""

from typing import Any

from django.utils.translation import gettext, gettext_lazy

from meldpunt.core.evidence import Phrase, render_data

# How a date order reads on a page and in the import's header entry.
DATE_ORDERS = {
    "DMY": gettext_lazy("day-month-year"),
    "MDY": gettext_lazy("month-day-year"),
    "YMD": gettext_lazy("year-month-day"),
}


def date_order_words(code: str) -> str:
    """ "dag-maand-jaar (DMY)": the order in words, and as the code."""
    words = DATE_ORDERS.get(code)
    return f"{words} ({code})" if words else code


# The kinds of evidence file, as the parse names them.
KINDS = {
    "whatsapp": gettext_lazy("WhatsApp chat export"),
    "signal": gettext_lazy("Signal chat export"),
    "email": gettext_lazy("saved e-mail (.eml)"),
    "outlook-msg": gettext_lazy("Outlook message (.msg)"),
}


def kind_words(kind: str) -> str:
    """ "WhatsApp-chatexport (whatsapp)": the kind in words, and as the code."""
    words = KINDS.get(kind)
    return f"{words} ({kind})" if words else kind


def translated(item: object) -> str:
    """A Phrase, its stored form or plain text, in the active language."""
    return render_data(item, gettext)


def storable(warnings: list[Any]) -> list[Any]:
    """Warnings as JSON that keeps what :func:`translated` needs."""
    return [item.as_data() if isinstance(item, Phrase) else item for item in warnings]
