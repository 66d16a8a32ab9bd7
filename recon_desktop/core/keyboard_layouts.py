"""A scanner set to one keyboard layout typing into a computer that uses another.

A USB keyboard-wedge scanner sends key positions, not characters: set to US English at a
French (AZERTY) computer, the keys it presses for ``RC00000001`` come out as
``RCààààààà&``, and ``]C1`` at a German (QWERTZ) computer as ``+C1``. :func:`retypings`
turns what arrived back into what the scanner meant, for the common pairs of layouts, so
that an unknown barcode can be recognised as a known one typed through the wrong layout.

Each layout below lists, for the keys whose characters differ between the layouts, what
the key gives alone and with Shift, by the key's place on the keyboard (named by the
US layout's unshifted character). Dead keys (the French ``^``, the German ``´``) type
nothing on their own and are left out: a scan that went through one is not recognised.
"""

from __future__ import annotations

from dataclasses import dataclass

from recon_desktop.core.text import Text, translate

# the keys by place, as the US layout names them: the number row, then the three letter
# rows from the top, left to right (the key above Enter on a US keyboard last)
PLACES = "`1234567890-=qwertyuiop[]asdfghjkl;'zxcvbnm,./\\"


@dataclass(frozen=True)
class Layout:
    """What each key place types in one layout: alone, and with Shift ("" for a dead
    key, which types nothing by itself)."""

    name: str
    plain: str
    shifted: str

    def __post_init__(self) -> None:
        if not len(self.plain) == len(self.shifted) == len(PLACES):
            raise ValueError(f"{self.name}: one character per key place")

    def typed(self, place: int, shift: bool) -> str:
        char = (self.shifted if shift else self.plain)[place]
        return "" if char == DEAD else char


DEAD = "\u0000"  # marks a dead key in the tables
US = Layout(
    "US English (QWERTY)",
    "`1234567890-=qwertyuiop[]asdfghjkl;'zxcvbnm,./\\",
    '~!@#$%^&*()_+QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?|',
)
FRENCH = Layout(
    "French (AZERTY)",
    f"²&é\"'(-è_çà)=azertyuiop{DEAD}$qsdfghjklmùwxcvbn,;:!*",
    f"{DEAD}1234567890°+AZERTYUIOP{DEAD}£QSDFGHJKLM%WXCVBN?./§µ",
)
GERMAN = Layout(
    "German (QWERTZ)",
    f"{DEAD}1234567890ß{DEAD}qwertzuiopü+asdfghjklöäyxcvbnm,.-#",
    f"°!\"§$%&/()=?{DEAD}QWERTZUIOPÜ*ASDFGHJKLÖÄYXCVBNM;:_'",
)
# (the scanner's layout, the computer's): the pairs checked, most common first
PAIRS: tuple[tuple[Layout, Layout], ...] = (
    (US, FRENCH),
    (US, GERMAN),
    (FRENCH, US),
    (GERMAN, US),
)


def _keys(layout: Layout) -> dict[str, tuple[int, bool]]:
    """Where each character of a layout is typed: (key place, Shift)."""
    found: dict[str, tuple[int, bool]] = {}
    for shift, row in ((False, layout.plain), (True, layout.shifted)):
        for place, char in enumerate(row):
            if char != DEAD:
                found.setdefault(char, (place, shift))
    return found


_KEYS = {layout.name: _keys(layout) for layout in (US, FRENCH, GERMAN)}


def retype(text: str, *, scanner: Layout, computer: Layout) -> str | None:
    """What a scanner set to ``scanner`` meant, given what ``computer``'s layout made of
    its keys; None when a character cannot have come from those keys (so the pair is not
    the explanation). Characters no key types (GS, sent another way) stay as they are."""
    keys = _KEYS[computer.name]
    meant: list[str] = []
    for char in text:
        if char.isascii() and not char.isprintable():
            meant.append(char)  # GS and other control characters: not typed by a key
            continue
        where = keys.get(char)
        if where is None:
            if char == " ":
                meant.append(char)  # the space bar is the same everywhere
                continue
            return None  # no key of that layout types it
        retyped = scanner.typed(*where)
        if not retyped:
            return None  # the scanner's layout has a dead key there: it sent no such key
        meant.append(retyped)
    return "".join(meant)


def as_typed(text: str, *, scanner: Layout, computer: Layout) -> str:
    """What ``computer``'s layout makes of the keys a scanner set to ``scanner`` presses
    for ``text`` (the scanner's side: :func:`retype` undoes it). A character the scanner's
    layout cannot type raises ValueError; a dead key of the computer's types nothing."""
    typed: list[str] = []
    keys = _KEYS[scanner.name]
    for char in text:
        if char == " " or (char.isascii() and not char.isprintable()):
            typed.append(char)
            continue
        if char not in keys:
            raise ValueError(f"{char!r} has no key in the {scanner.name} layout")
        typed.append(computer.typed(*keys[char]))
    return "".join(typed)


@dataclass(frozen=True, slots=True)
class LayoutGuess:
    """An unknown scan that is a known barcode typed through another keyboard layout."""

    barcode: str  # the known barcode it probably is
    scanner: str  # the layout the scanner is set to
    computer: str  # the layout this computer uses

    def summary(self) -> Text:
        return translate(
            "LayoutGuess", "Probably {barcode}, typed for a {scanner} keyboard on a {computer} one."
        ).format(barcode=self.barcode, scanner=self.scanner, computer=self.computer)

    def advice(self) -> Text:
        return translate(
            "LayoutGuess",
            "Set the scanner's keyboard country to {computer} (a setup barcode in its "
            "manual), or switch this computer's keyboard to {scanner}, then scan again.",
        ).format(scanner=self.scanner, computer=self.computer)

    def sentence(self) -> Text:
        return translate("LayoutGuess", "{summary} {advice}").format(
            summary=self.summary(), advice=self.advice()
        )


def retypings(text: str) -> list[tuple[str, Layout, Layout]]:
    """Each different text the scan could have been meant as: (text, scanner's layout,
    computer's layout), in the order of :data:`PAIRS`."""
    found: list[tuple[str, Layout, Layout]] = []
    seen = {text}
    for scanner, computer in PAIRS:
        meant = retype(text, scanner=scanner, computer=computer)
        if meant is not None and meant not in seen:
            seen.add(meant)
            found.append((meant, scanner, computer))
    return found
