# SPDX-License-Identifier: EUPL-1.2
"""Render form widgets with the NL Design System (Utrecht) component classes.

Forms stay plain Django forms; the classes are added where they are drawn, so
every form in every app gets the same look without knowing about it.
"""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_COMPONENTS = {
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "clearablefile": "meldpunt-file-input",
    "multiplefile": "meldpunt-file-input",
    "file": "meldpunt-file-input",
}
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def component_classes(field: BoundField) -> str:
    """The component classes for a field's widget, with its invalid state."""
    classes = _COMPONENTS.get(field.widget_type, _TEXTBOX)
    if field.errors and classes.startswith("utrecht-"):
        block = classes.split()[0]
        classes += f" {block}--invalid"
    return classes


@register.filter
def utrecht_widget(field: BoundField) -> SafeString:
    """Draw the field's widget with its component classes added."""
    own = field.field.widget.attrs.get("class", "")
    classes = f"{own} {component_classes(field)}".strip()
    return field.as_widget(attrs={"class": classes})
