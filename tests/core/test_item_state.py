"""An item's values as its history records them: one canonical text, however it is made."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from recon_desktop.core import item_state

texts = st.text(max_size=30)
maybe = st.one_of(st.none(), texts)


@settings(database=None, deadline=None, max_examples=200)
@given(
    lab=texts,
    rows=st.lists(
        st.tuples(
            texts,
            texts,
            texts,
            st.one_of(st.none(), st.decimals(0, 10**6, places=3), st.integers(0, 10**9)),
            maybe,
            st.sampled_from([None, "active", "archived"]),
            maybe,
            st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2100, 1, 1))),
        ),
        max_size=20,
    ),
)
def test_the_fast_texts_are_the_canonical_texts(lab: str, rows: list[tuple]) -> None:  # type: ignore[type-arg]
    fast = item_state.StateTexts(lab)
    for barcode, ingredient, location, quantity, unit, status, lot, expiry in rows:
        slow = item_state.state_text(
            [
                barcode, ingredient, lab, location, item_state.quantity_text(quantity),
                unit or "", status or "active", lot, item_state.expiry_text(expiry),
            ]
        )  # fmt: skip
        assert fast(barcode, ingredient, location, quantity, unit, status, lot, expiry) == slow
        assert item_state.parse(slow)["barcode"] == barcode


def test_a_replay_gives_the_values_after_each_change() -> None:
    start = item_state.parse(
        item_state.state_text(
            ["A1", "Saline", "Lab", "Shelf 1", "10", "mL", "active", None, "2030-01-01"]
        )
    )
    now = item_state.replay(
        start, [("quantity", "7.50"), ("location", "Shelf 2"), ("expiry", None), ("set", "x")]
    )
    assert item_state.differences(now, {**start, "quantity": Decimal("7.5"), "location":
                                         "Shelf 2", "expiry": None}) == []  # fmt: skip
    assert item_state.differences(now, {**now, "status": "archived"}) == ["status"]
