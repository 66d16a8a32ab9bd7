"""Text: a service's sentence in English for logs and the command line, keeping its
template and values for the window to say it in the user's language."""

from __future__ import annotations

import pickle
import threading
from decimal import Decimal

import pytest

from recon_desktop.core.import_rows import too_many_rows
from recon_desktop.core.records import Tag
from recon_desktop.core.text import Text, joined, plural, translate
from recon_desktop.errors import SessionStateError, ValidationError


def test_english_groups_counts_and_keeps_identifiers_as_given() -> None:
    sentence = translate("Test", "{count} scans in session #{id}").format(count=12345, id="12345")
    assert sentence == "12,345 scans in session #12345"
    assert sentence.template == "{count} scans in session #{id}"
    assert sentence.values == {"count": 12345, "id": "12345"}
    assert str(sentence) == "12,345 scans in session #12345" and type(str(sentence)) is str
    assert translate("Test", "{flag}").format(flag=True) == "True"  # a bool is no count
    assert translate("Test", "{amount} g").format(amount=Decimal("2.5")) == "2.5 g"


def test_one_and_many_are_two_sentences() -> None:
    one, many = translate("Test", "{count} line"), translate("Test", "{count} lines")
    assert plural(1, one, many) == "1 line" and plural(1, one, many).template == "{count} line"
    assert plural(2000, one, many) == "2,000 lines"
    assert plural(0, one, many).template == "{count} lines"


def test_joined_has_no_words_of_its_own() -> None:
    parts = [Tag.IN_SCOPE.label, "plain {text}", translate("Test", "{n} more").format(n=3)]
    said = joined(parts, "; ")
    assert said == "In Scope; plain {text}; 3 more"
    assert [said.values[f"part{n}"] for n in range(3)] == parts
    assert joined([]) == ""


def test_an_exception_keeps_its_text_through_a_pickle_and_a_thread() -> None:
    error = too_many_rows("big.csv")
    assert isinstance(error, ValidationError)
    assert str(error) == (
        "big.csv has more than 500,000 rows; at most 500,000 can be imported at once. "
        "Split the file."
    )
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again.args[0], Text)
    assert again.args[0].template == error.args[0].template
    assert again.args[0].values == {"file": "big.csv", "limit": 500_000}
    caught: list[BaseException] = []

    def refuse() -> None:
        try:
            raise SessionStateError(translate("Test", "Ended."))
        except SessionStateError as exc:
            caught.append(exc)

    worker = threading.Thread(target=refuse)
    worker.start()
    worker.join()
    assert isinstance(caught[0].args[0], Text) and caught[0].args[0].context == "Test"


def test_format_takes_named_values_only() -> None:
    with pytest.raises(TypeError):
        translate("Test", "{0}").format("x")


def test_values_can_be_given_in_steps() -> None:
    counted = plural(
        3,
        translate("Test", "{name} has {count} lab."),
        translate("Test", "{name} has {count} labs."),
    )
    assert counted == "{name} has 3 labs."  # not said until its name is given
    assert counted.format(name="Server") == "Server has 3 labs."
    assert counted.format(name="Server").values == {"count": 3, "name": "Server"}
