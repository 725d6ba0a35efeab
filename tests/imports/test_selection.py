# SPDX-License-Identifier: EUPL-1.2
"""Reading the entries a person chose: "1-20, 25, 30-40", numbers as shown."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from meldpunt.imports.selection import parse_ranges


def test_numbers_and_ranges_become_sorted_index_ranges() -> None:
    assert parse_ranges(" 30-40, 1-20;25,, ", 50) == [[0, 19], [24, 24], [29, 39]]
    assert parse_ranges("  ", 50) is None  # empty: everything


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5-1", "5-1 loopt achteruit; zet het laagste getal eerst: 1-5."),
        ("1-60", "1-60 valt buiten de berichten 1 tot en met 50."),
        ("0", "0 valt buiten de berichten 1 tot en met 50."),
        ("tien", "tien is geen nummer en geen reeks zoals 10-20."),
    ],
)
def test_a_wrong_choice_is_refused_saying_what_is_wrong(
    text: str, message: str
) -> None:
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        parse_ranges(text, 50)

    assert refused.value.messages == [message]
