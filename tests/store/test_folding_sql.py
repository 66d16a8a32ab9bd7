"""The comparisons of ``store.folding`` on a real SQLite file give the answers of the key in
Python (``core.folding.fold``) for text of many scripts: SQLite compares a value of ASCII
alone itself and hands the others to the key function, so every kind of value is tried,
those whose key holds ASCII though they do not (ß, the Kelvin sign, ſ, ligatures), and
needles holding LIKE's own characters (``%``, ``_``, ``\\``)."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import peewee as pw
import pytest

from recon_desktop.core.folding import fold
from recon_desktop.store import folding
from recon_desktop.store.db import open_database

PIECES = (
    # ASCII: letters in both cases, digits, LIKE's wildcards and escape
    *"abcxyzABCXYZ019 -/", "%", "_", "\\", "\\%", "a_b", "50%",
    # Latin with accents, composed and decomposed, and the Nordic letters
    "é", "É", "è", "ñ", "Ñ", "ø", "Ø", "å", "Å", "e\u0301", "E\u0301", "a\u0308", "\u0301",
    # Greek (final sigma, tonos), Cyrillic
    "Σ", "σ", "ς", "ΑΙΘΑΝΌΛΗ", "αιθανόλη", "ά", "ΐ", "Ж", "ж", "Ё", "ё", "этанол",
    # whose key holds ASCII, or more letters than they have
    "ß", "ẞ", "\u212a", "\u212b", "ſ", "ﬁ", "ﬂ", "ﬀ", "İ", "ı", "µ", "ǅ", "Ａ", "ŉ",
)  # fmt: skip


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 6)))


def _variant(rng: random.Random, text: str) -> str:
    """The same words as a person might type them: another case, another Unicode form."""
    change = rng.choice((str.upper, str.lower, str.casefold, str.title, str, str.swapcase))
    form = rng.choice(("NFC", "NFD", "NFKC", None))
    changed = change(text)
    return changed if form is None else unicodedata.normalize(form, changed)


class Probe(pw.Model):
    value = pw.TextField(null=True)


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[pw.Database, list[str]]]:
    """A real database file (opened as the program opens it) with a table of values."""
    rng = random.Random(17)
    values = [_text(rng) for _ in range(1500)]
    values += ["", "ß", "SS", "ss", "\u212a", "k", "K", "ﬁx", "FIX", "%_\\", "Éthanol"]
    db = open_database(Path(tmp_path_factory.mktemp("fold")) / "fold.sqlite3")
    db.bind([Probe])
    db.create_tables([Probe])
    Probe.insert_many([(v,) for v in values] + [(None,)], fields=[Probe.value]).execute()
    assert Probe.select().where(pw.fn.LENGTH(Probe.value) != pw.fn.LENGTH(
        pw.Cast(Probe.value, "BLOB"))).count() > 500  # fmt: skip
    yield db, values
    db.close()


def _needles(values: list[str], seed: int) -> list[str]:
    rng = random.Random(seed)
    needles = ["%", "_", "\\", "ss", "k", "fi", "s", "σ", "e", "é", "Ethanol", "ΣΣ", ""]
    for _ in range(150):
        value = rng.choice(values)
        start = rng.randint(0, len(value))
        part = value[start : rng.randint(start, len(value))]
        needles.append(_variant(rng, part if rng.random() < 0.7 else _text(rng)))
    return needles


def _found(db: pw.Database, condition: object) -> list[str | None]:
    return sorted(v for (v,) in Probe.select(Probe.value).where(condition).tuples())


def _expected(values: list[str], match: object) -> list[str]:
    return sorted(v for v in values if match(fold(v)))  # type: ignore[operator]


def test_contains_is_the_key_held(probe: tuple[pw.Database, list[str]]) -> None:
    db, values = probe
    for needle in _needles(values, 1):
        key = fold(needle)
        found = _found(db, folding.contains(db, Probe.value, needle))
        assert found == _expected(values, lambda v, key=key: key in v), repr(needle)


def test_equal_is_the_same_key(probe: tuple[pw.Database, list[str]]) -> None:
    db, values = probe
    rng = random.Random(2)
    for needle in _needles(values, 2) + [_variant(rng, v) for v in values[:200]]:
        key = fold(needle)
        found = _found(db, folding.equal(db, Probe.value, needle))
        assert found == _expected(values, lambda v, key=key: v == key), repr(needle)
        # not equal: every other value (NULL is neither)
        others = _found(db, ~folding.equal(db, Probe.value, needle))
        assert others == _expected(values, lambda v, key=key: v != key), repr(needle)


def test_one_of_is_one_of_the_keys(probe: tuple[pw.Database, list[str]]) -> None:
    db, values = probe
    rng = random.Random(3)
    for _ in range(100):
        needles = [_variant(rng, rng.choice(values)) for _ in range(rng.randint(1, 4))]
        needles.append(_text(rng))
        keys = {fold(n) for n in needles}
        found = _found(db, folding.one_of(db, Probe.value, needles))
        assert found == _expected(values, lambda v, keys=keys: v in keys), repr(needles)


def test_the_pieces_that_look_like_ascii_go_through_the_key(
    probe: tuple[pw.Database, list[str]],
) -> None:
    """The cases the ASCII comparison alone would get wrong, by name."""
    db, _ = probe
    assert "ß" in _found(db, folding.contains(db, Probe.value, "SS"))
    assert "\u212a" in _found(db, folding.equal(db, Probe.value, "k"))
    assert "ﬁx" in _found(db, folding.one_of(db, Probe.value, ["FIX"]))
    assert _found(db, folding.equal(db, Probe.value, "%_\\")) == ["%_\\"]
    assert "Éthanol" not in _found(db, folding.contains(db, Probe.value, "ethanol"))
