"""Sentences the services say, kept translatable without Qt.

A service writes ``translate("Scanning", "Barcode {barcode} is not known.").format(
barcode=code)``: the result is an ordinary English ``str`` (logs, the command line and
the tests read it as before) that also remembers its context, its template and its values.
The window says it in the user's language through ``recon_desktop.ui.i18n.say``, which
looks the template up in the translations and fills in the values (numbers in the
user's locale, values that are themselves ``Text`` translated too).

The call has the shape of Qt's ``QCoreApplication.translate(context, text)`` on purpose:
Qt's lupdate finds these strings in the sources like the window's own (two literal
arguments, the values given to ``.format`` after the call).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Text(str):
    """An English sentence with its context, template and values."""

    context: str
    template: str
    values: Mapping[str, Any]

    def __new__(cls, context: str, template: str, values: Mapping[str, Any] | None = None) -> Text:
        values = dict(values or {})
        self = super().__new__(cls, template.format(**values) if values else template)
        self.context = context
        self.template = template
        self.values = values
        return self

    def format(self, *args: object, **values: Any) -> Text:
        if args:
            raise TypeError("Text.format takes named values only")
        return Text(self.context, self.template, {**self.values, **values})

    def __reduce__(self) -> tuple[Any, ...]:  # pickles (worker processes) keep the parts
        return (Text, (self.context, self.template, dict(self.values)))


def translate(context: str, template: str) -> Text:
    """Mark ``template`` for translation in ``context``; give values with ``.format``."""
    return Text(context, template)
