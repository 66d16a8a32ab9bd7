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

from collections.abc import Mapping, Sequence
from typing import Any


class Text(str):
    """An English sentence with its context, template and values."""

    context: str
    template: str
    values: Mapping[str, Any]

    def __new__(cls, context: str, template: str, values: Mapping[str, Any] | None = None) -> Text:
        values = dict(values or {})
        english = (
            template.format_map(_Given({k: _english(v) for k, v in values.items()}))
            if values
            else template
        )
        self = super().__new__(cls, english)
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


class _Given(dict[str, Any]):
    """The values given so far: a placeholder without one stays as it is, so a Text can be
    filled in steps (``plural(...)`` gives the count, the caller the rest)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def translate(context: str, template: str) -> Text:
    """Mark ``template`` for translation in ``context``; give values with ``.format``."""
    return Text(context, template)


def plural(count: int, one: Text, other: Text) -> Text:
    """``one`` when ``count`` is 1, else ``other``, with ``count`` filled in: both are
    written out (``translate`` each), as English and German count the same way."""
    return (one if count == 1 else other).format(count=count)


def _english(value: object) -> object:
    """A value as the English sentence writes it: whole numbers (counts) grouped by
    thousands ("2,000") as the window's English locale does; an identifier or a row
    number that must stay ungrouped is given as a str."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return value


def joined(parts: Sequence[str], separator: str = ", ") -> Text:
    """``parts`` one after the other with ``separator`` between: a Text of no words of its
    own (each part that is a Text is said in the user's language)."""
    names = [f"part{n}" for n in range(len(parts))]
    glue = separator.replace("{", "{{").replace("}", "}}")
    return Text(
        "Joined",
        glue.join("{" + name + "}" for name in names),
        dict(zip(names, parts, strict=True)),
    )
