"""Every colour pair of the style meets WCAG AA, computed from resources/style.qss, the
scan looks (ui/style.py) and the icons: text 4.5:1 against its background; a control's
border, an icon, a selected row and the focus indicator 3:1 against what is beside them.
A disabled control is exempt (as WCAG exempts inactive components)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recon_desktop.ui import style

SHEET = Path(style.resource("style.qss")).read_text(encoding="utf-8")
ICONS = Path(style.resource("icons"))
TEXT, NON_TEXT = 4.5, 3.0
# what a control stands on when its rule does not say: windows, dialogs, banners, tables
CONTROL_TYPES = (
    "QLineEdit", "QComboBox", "QSpinBox", "QPlainTextEdit", "QTextEdit", "QPushButton",
    "QToolButton", "QCommandLinkButton", "QCheckBox", "QRadioButton", "QTableView",
    "QListWidget",
)  # fmt: skip
FOCUS = "#08374a"


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rules() -> list[tuple[str, dict[str, str]]]:
    """(selector, properties) for every selector, its rules merged in sheet order
    (comments dropped)."""
    text = re.sub(r"/\*.*?\*/", "", SHEET, flags=re.S)
    found: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        props = {}
        for part in body.split(";"):
            if ":" in part:
                name, value = part.split(":", 1)
                props[name.strip()] = value.strip()
        for selector in selectors.split(","):
            key = " ".join(selector.split())
            found[key] = {**found.get(key, {}), **props}
    return list(found.items())


def colour_of(value: str | None) -> str | None:
    if value is None:
        return None
    match = re.search(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", value)
    return match.group(0).lower() if match else None


def background(props: dict[str, str]) -> str | None:
    return colour_of(props.get("background") or props.get("background-color"))


def border(props: dict[str, str]) -> str | None:
    return colour_of(props.get("border-color") or props.get("border"))


def disabled(selector: str) -> bool:
    return ":disabled" in selector


RULES = rules()
BACKGROUNDS = sorted(
    {
        b
        for s, p in RULES
        if (b := background(p))
        and not disabled(s)
        and luminance(b) > 0.5
        and not s.endswith(("::separator", "::chunk"))  # lines and fills, not surfaces
    }
)  # every light surface text or a control can stand on


def test_the_sheet_is_read() -> None:
    assert len(RULES) > 80 and "#f3f5f6" in BACKGROUNDS and "#ffffff" in BACKGROUNDS


def text_pairs() -> list[tuple[str, str, str]]:
    pairs = []
    for selector, props in RULES:
        if disabled(selector):
            continue
        for fg_name, bg_name in (
            ("color", None),
            ("selection-color", "selection-background-color"),
            ("placeholder-text-color", None),
        ):
            fg = colour_of(props.get(fg_name))
            if fg is None:
                continue
            own = colour_of(props.get(bg_name)) if bg_name else background(props)
            for bg in [own] if own else BACKGROUNDS:
                pairs.append((f"{selector} {fg_name}", fg, bg))
    for look in (
        *style.TAG_LOOKS.values(),
        style.LOCATION_LOOK,
        style.WRONG_LOCATION_LOOK,
        style.NOT_SAVED_LOOK,
        style.UNDONE_LOOK,
    ):
        pairs.append((f"look {look.key}", look.foreground, look.background))
    return pairs


@pytest.mark.parametrize(("what", "fg", "bg"), text_pairs())
def test_text_is_4_5_to_1(what: str, fg: str, bg: str) -> None:
    assert ratio(fg, bg) >= TEXT, f"{what}: {fg} on {bg} is {ratio(fg, bg):.2f}:1"


def control_rules() -> list[tuple[str, dict[str, str]]]:
    return [
        (s, p)
        for s, p in RULES
        if s.split("#")[0].split(":")[0].split("[")[0] in CONTROL_TYPES
        and "::" not in s
        and not disabled(s)
        and "QAbstractItemView" not in s
    ]


@pytest.mark.parametrize(
    ("selector", "props"),
    [(s, p) for s, p in control_rules() if ":" not in s and border(p) is not None],
)
def test_a_controls_boundary_is_3_to_1(selector: str, props: dict[str, str]) -> None:
    """The border that shows where a field or button is, against the surfaces it stands on
    (unless its own fill already stands out that much)."""
    edge = border(props)
    assert edge is not None
    if edge == "transparent" or "transparent" in props.get("border", ""):
        return  # nothing to find: the control is its text (a check box's label)
    fill = background(props)
    for surface in BACKGROUNDS:
        if selector.startswith(("QTableView", "QListWidget")):
            continue  # a table's frame is not how it is found: its rows are
        if fill and ratio(fill, surface) >= NON_TEXT:
            continue
        assert ratio(edge, surface) >= NON_TEXT, (
            f"{selector}: border {edge} on {surface} is {ratio(edge, surface):.2f}:1"
        )


def _unfocused(selector: str) -> dict[str, str]:
    """The properties a control has without focus: its type's rule, then its own."""
    base = selector.replace(":focus", "")
    by_selector = dict(RULES)
    kind = base.split("#")[0].split(":")[0]
    return {**by_selector.get(kind, {}), **by_selector.get(base, {})}


FOCUSABLE_PANELS = ("QFrame#lastScanPanel:focus",)  # not a control: Tab reaches it to read it


def focus_rules() -> list[tuple[str, dict[str, str]]]:
    panels = [(s, p) for s, p in RULES if s in FOCUSABLE_PANELS]
    assert len(panels) == len(FOCUSABLE_PANELS)
    return [(s, p) for s, p in control_rules() if s.endswith(":focus")] + panels


def test_every_kind_of_control_shows_focus() -> None:
    kinds = {s.split("#")[0].split(":")[0] for s, _ in focus_rules()}
    assert set(CONTROL_TYPES) <= kinds, set(CONTROL_TYPES) - kinds


@pytest.mark.parametrize(("selector", "props"), focus_rules())
def test_the_focus_indicator_is_3_to_1(selector: str, props: dict[str, str]) -> None:
    """The focus border stands out against the surfaces around the control and its own
    fill, and the focused look differs by 3:1 from the unfocused one (its border, or its
    fill)."""
    edge = border(props)
    assert edge == FOCUS, f"{selector}: the focus border is {edge}"
    before = _unfocused(selector)
    width = props.get("border", "") or before.get("border", "")
    assert width.startswith("2px"), f"{selector}: a 2px focus border"
    fill = background(props) or background(before) or "#ffffff"
    for surface in [*BACKGROUNDS, fill]:
        assert ratio(edge, surface) >= NON_TEXT, f"{selector}: {edge} on {surface}"
    old_edge = border(before) if "transparent" not in before.get("border", "") else None
    old_fill = background(before)
    changes = [ratio(edge, old_edge or fill)]
    if old_fill and background(props):
        changes.append(ratio(background(props) or fill, old_fill))
    assert max(changes) >= NON_TEXT, f"{selector}: focused vs not {max(changes):.2f}:1"


def test_a_selected_row_stands_out_3_to_1() -> None:
    for selector, props in RULES:
        selected = colour_of(props.get("selection-background-color"))
        if selected is None:
            continue
        for plain in ("#ffffff", "#f7f9fa"):
            assert ratio(selected, plain) >= NON_TEXT, f"{selector}: {selected} on {plain}"
    menu = dict(RULES)["QMenu::item:selected"]
    assert ratio(background(menu) or "", "#ffffff") >= NON_TEXT


def icon_colours() -> list[tuple[str, str]]:
    found = []
    for path in sorted(ICONS.glob("*.svg")):
        if path.stem == "app" or path.stem.endswith("-disabled"):
            continue  # the program's own mark, beside its name; an inactive control
        for colour in set(re.findall(r"#[0-9a-fA-F]{6}", path.read_text(encoding="utf-8"))):
            found.append((path.stem, colour.lower()))
    return found


@pytest.mark.parametrize(("name", "colour"), icon_colours())
def test_icons_are_3_to_1(name: str, colour: str) -> None:
    """An icon's shape against the surfaces it is shown on, its white glyph against it."""
    if colour == "#ffffff":
        return
    svg = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
    surfaces = [*BACKGROUNDS, *(look.background for look in style.TAG_LOOKS.values())]
    for surface in surfaces:
        assert ratio(colour, surface) >= NON_TEXT, f"{name}: {colour} on {surface}"
    if "#ffffff" in svg.lower():
        assert ratio(colour, "#ffffff") >= NON_TEXT, f"{name}: its glyph on {colour}"
