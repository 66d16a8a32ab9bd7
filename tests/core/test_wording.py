from recon_desktop.core.wording import counted


def test_one_is_singular_and_others_plural_with_thousands() -> None:
    assert counted(1, "row") == "1 row"
    assert counted(0, "row") == "0 rows"
    assert counted(2_000, "row") == "2,000 rows"
    assert counted(1, "minute") == "1 minute"
    assert counted(3, "field change") == "3 field changes"
    assert counted(2, "box", "boxes") == "2 boxes"
