"""Workstation settings: a typed object kept as JSON in the user's config folder.

The file carries a version number. When the format changes, the version goes up and a
numbered upgrade function (``UPGRADES[n]`` turns a version-``n`` dict into version
``n + 1``) is added; :func:`load` runs every upgrade from the file's version to the
current one, so a file written by any older release still loads (after Picard's
``config_upgrade``). Every field has a default that works without opening the dialog, and
a file that cannot be read, or a value that does not fit, gives the default and a warning
sentence, never a crash.

A machine-wide file that IT deploys (:func:`site_settings_path`: ProgramData on Windows,
/Library/Application Support on macOS, /etc/xdg on Linux) is read first: its values are
every user's defaults, the user's own file changes them, and its database wins unless the
file says ``"user_may_choose_database": true`` (bench PCs shared by several technicians
with roaming profiles then use one database, not one per profile).

A PostgreSQL password is never written here: it goes to the system keyring (see
``credentials``) or is asked for at start.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from recon_desktop import durable

SETTINGS_FILE = "settings.json"
SETTINGS_ENV = "RECON_SETTINGS"  # another settings file (tests, a second profile)
SITE_SETTINGS_ENV = "RECON_SITE_SETTINGS"  # another machine-wide file (tests, trying one out)
USER_MAY_CHOOSE_DATABASE = "user_may_choose_database"  # a key of the machine-wide file only
VERSION = 2

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
LABEL_WIDTH_MM = (20, 150)  # a label printer's labels, from small tube labels to shipping
LABEL_HEIGHT_MM = (10, 100)
DEFAULT_LABEL_MM = (50, 25)  # 2 × 1 inch, the commonest small label


def _v1_labels(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 prints labels: a workstation set up before gets the common 50 × 25 mm."""
    data.setdefault("label_width_mm", DEFAULT_LABEL_MM[0])
    data.setdefault("label_height_mm", DEFAULT_LABEL_MM[1])
    return data


# UPGRADES[n] upgrades a version-n dict to version n + 1
UPGRADES: dict[int, Upgrade] = {1: _v1_labels}


class Terminator(StrEnum):
    """What the scanner sends after a barcode. Enter always ends a scan typed by hand."""

    ENTER = "enter"
    TAB = "tab"
    NONE = "none"  # the scan ends after ``scanner_idle_ms`` without a key

    @property
    def label(self) -> str:
        return {"enter": "Enter", "tab": "Tab (or Enter)", "none": "None (end after a pause)"}[
            self.value
        ]


class DateFormat(StrEnum):
    ISO = "iso"
    DAY_FIRST = "day-first"
    MONTH_FIRST = "month-first"
    LANGUAGE = "language"  # as the date language writes them (its order, words and clock)

    @property
    def qt_date_pattern(self) -> str | None:
        """The date's QLocale pattern; None: the language's own short format."""
        return {"iso": "yyyy-MM-dd", "day-first": "dd/MM/yyyy", "month-first": "MM/dd/yyyy"}.get(
            self.value
        )

    @property
    def qt_time_pattern(self) -> str | None:
        """The time of day's QLocale pattern (minutes); None: the language's own clock."""
        return {"iso": "HH:mm", "day-first": "HH:mm", "month-first": "hh:mm AP"}.get(self.value)

    @property
    def label(self) -> str:
        return {
            "iso": "2026-03-31 14:05 (ISO)",
            "day-first": "31/03/2026 14:05",
            "month-first": "03/31/2026 02:05 PM",
            "language": "As the date language writes them",
        }[self.value]


FONT_SIZES = (10, 32)  # px of ordinary text; the style sheet scales with it
IDLE_MS = (20, 2000)
IDLE_LOCK_MINUTES = (0, 480)  # 0: never lock
# the languages the interface is translated into, by code, with their own names
INTERFACE_LANGUAGES = {"en": "English", "de": "Deutsch"}

DATE_LANGUAGES = (
    "system",
    "en_GB",
    "en_US",
    "de_DE",
    "fr_FR",
    "es_ES",
    "it_IT",
    "nl_NL",
    "pt_BR",
    "sv_SE",
    "da_DK",
    "fi_FI",
    "pl_PL",
    "ja_JP",
    "zh_CN",
)


@dataclass(frozen=True)
class Settings:
    """Everything a workstation remembers between starts. Immutable: change with
    :meth:`replace`, then :func:`save`."""

    # "" means the SQLite file in the user data folder; else a path or a postgresql:// URL
    # (without its password)
    database: str = ""
    scanner_terminator: Terminator = Terminator.ENTER
    scanner_idle_ms: int = 80  # a scanner types ~5 ms apart, people ~200 ms
    gs_substitute: str = ""  # a printable character a scanner sends instead of GS (0x1D)
    sounds: bool = True
    idle_lock_minutes: int = 10
    font_size: int = 14
    date_language: str = "system"
    # the language of the interface: "system" (German where the system's language is
    # German, else English) or one of INTERFACE_LANGUAGES; applies at the next start
    language: str = "system"
    date_format: DateFormat = DateFormat.ISO
    # where ending a session appends its anchor (the chain heads, kept outside the
    # database); "" means anchors.txt beside the log
    anchor_file: str = ""
    label_width_mm: int = DEFAULT_LABEL_MM[0]  # the labels in the label printer
    label_height_mm: int = DEFAULT_LABEL_MM[1]
    version: int = field(default=VERSION, repr=False)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["version"] = VERSION
        from recon_desktop.credentials import split_password

        data["database"] = split_password(self.database)[0]  # never a password on disk
        return {k: (str(v) if isinstance(v, StrEnum) else v) for k, v in data.items()}


def _int_in(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"a whole number from {low} to {high}")
        return value

    return check


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


def _database(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a path or a postgresql:// URL")
    from recon_desktop.credentials import split_password

    return split_password(value.strip())[0]  # a password in the file is never used


def _anchor_file(value: Any) -> str:
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError("a file path")
    return value.strip()


def _gs_substitute(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 1 or (value and not value.isprintable()):
        raise ValueError("one printable character, or nothing")
    return value


def _language(value: Any) -> str:
    if value not in DATE_LANGUAGES:
        raise ValueError(f"one of {', '.join(DATE_LANGUAGES)}")
    return str(value)


def _interface_language(value: Any) -> str:
    if value != "system" and value not in INTERFACE_LANGUAGES:
        raise ValueError(f"one of system, {', '.join(INTERFACE_LANGUAGES)}")
    return str(value)


def _choice(kind: type[StrEnum]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        try:
            return kind(value)
        except ValueError:
            raise ValueError(f"one of {', '.join(m.value for m in kind)}") from None

    return check


CHECKS: dict[str, Callable[[Any], Any]] = {
    "database": _database,
    "scanner_terminator": _choice(Terminator),
    "scanner_idle_ms": _int_in(*IDLE_MS),
    "gs_substitute": _gs_substitute,
    "sounds": _boolean,
    "idle_lock_minutes": _int_in(*IDLE_LOCK_MINUTES),
    "font_size": _int_in(*FONT_SIZES),
    "date_language": _language,
    "language": _interface_language,
    "date_format": _choice(DateFormat),
    "anchor_file": _anchor_file,
    "label_width_mm": _int_in(*LABEL_WIDTH_MM),
    "label_height_mm": _int_in(*LABEL_HEIGHT_MM),
}


@dataclass(frozen=True)
class SiteSettings:
    """The machine-wide file: the values it sets (checked) and whether users may choose
    another database than its own."""

    path: Path
    values: Mapping[str, Any]
    user_may_choose_database: bool = False

    @property
    def database(self) -> str:
        return str(self.values.get("database", ""))

    @property
    def locks_database(self) -> bool:
        """Its database is used whatever the user's own file says."""
        return bool(self.database) and not self.user_may_choose_database


@dataclass(frozen=True)
class Loaded:
    """What :func:`load` found: the settings to use and sentences about what was wrong."""

    settings: Settings
    path: Path
    warnings: tuple[str, ...] = ()
    upgraded_from: int | None = None
    site: SiteSettings | None = None  # the machine-wide file, when there is one
    own_database: str = ""  # the database of the user's own file (kept while IT's wins)

    def save(self, chosen: Settings) -> Loaded:
        """Write ``chosen`` to the user's file (see :func:`save`); the Loaded it makes."""
        save(chosen, self.path, site=self.site, own_database=self.own_database)
        locked = self.site is not None and self.site.locks_database
        return dataclasses.replace(
            self,
            settings=chosen,
            warnings=(),
            upgraded_from=None,
            own_database=self.own_database if locked else chosen.database,
        )


def site_settings_path() -> Path:
    """$RECON_SITE_SETTINGS, else settings.json in the machine-wide config folder:
    ``C:\\ProgramData\\recon-desktop`` on Windows, ``/Library/Application
    Support/recon-desktop`` on macOS, ``/etc/xdg/recon-desktop`` on Linux (the first folder
    of ``XDG_CONFIG_DIRS``)."""
    chosen = os.environ.get(SITE_SETTINGS_ENV)
    if chosen:
        return Path(chosen)
    from recon_desktop import paths

    return paths.site_config_dir() / SETTINGS_FILE


def settings_path() -> Path:
    """$RECON_SETTINGS, else settings.json in the user config folder (platformdirs)."""
    chosen = os.environ.get(SETTINGS_ENV)
    if chosen:
        return Path(chosen)
    from recon_desktop import paths

    return paths.config_dir() / SETTINGS_FILE


def upgrade(
    data: dict[str, Any], *, upgrades: Mapping[int, Upgrade] = UPGRADES, version: int = VERSION
) -> tuple[dict[str, Any], int]:
    """Run the numbered upgrades from the dict's version to ``version``; (dict, from)."""
    found = data.get("version", 1)
    if isinstance(found, bool) or not isinstance(found, int) or found < 1:
        raise ValueError(f"the version number {found!r} is not one this program wrote")
    start = found
    while found < version:
        step = upgrades.get(found)
        if step is None:
            raise ValueError(f"there is no upgrade from version {found}")
        data = step(dict(data))
        found += 1
        data["version"] = found
    return data, start


def from_dict(data: Mapping[str, Any], where: str = "the settings") -> tuple[Settings, list[str]]:
    """Typed settings from a (current-version) dict; a value that does not fit gives the
    default and a warning."""
    values, warnings = checked_values(data, where)
    return Settings(**values), warnings


def checked_values(data: Mapping[str, Any], where: str) -> tuple[dict[str, Any], list[str]]:
    """The values of a (current-version) dict that fit, by name; a warning for each that
    does not."""
    warnings: list[str] = []
    values: dict[str, Any] = {}
    defaults = Settings()
    for name, check in CHECKS.items():
        if name not in data:
            continue
        if name == "database" and isinstance(data[name], str):
            from recon_desktop.credentials import split_password

            if split_password(data[name])[1] is not None:
                warnings.append(
                    f"The database URL in {where} holds a password; it is not used from the "
                    "file. Enter it when asked, or keep it in the keyring from Settings, "
                    "then save the settings to remove it from the file."
                )
        try:
            values[name] = check(data[name])
        except ValueError as exc:
            warnings.append(
                f"{name} in {where} was {data[name]!r}, not {exc}; the default "
                f"{getattr(defaults, name)!r} is used."
            )
    return values, warnings


def load(
    path: Path | None = None,
    *,
    site_path: Path | None = None,
    upgrades: Mapping[int, Upgrade] = UPGRADES,
    version: int = VERSION,
) -> Loaded:
    """The settings in ``path`` (default :func:`settings_path`) over those of the
    machine-wide file ``site_path`` (default :func:`site_settings_path`), upgraded and
    checked.

    A missing file gives the defaults silently; an unreadable, damaged or newer file gives
    the defaults (or what could be read) and a warning sentence.
    """
    path = path or settings_path()
    site_path = site_path or site_settings_path()
    warnings: list[str] = []
    site: SiteSettings | None = None
    site_data, problems, _ = _read(site_path, upgrades, version, damaged_note="")
    warnings += problems
    if site_data is not None:
        values, problems = checked_values(site_data, str(site_path))
        warnings += problems
        allowed = site_data.get(USER_MAY_CHOOSE_DATABASE, False)
        if not isinstance(allowed, bool):
            warnings.append(
                f"{USER_MAY_CHOOSE_DATABASE} in {site_path} was {allowed!r}, not true or "
                "false; its database is used."
            )
            allowed = False
        site = SiteSettings(site_path, values, user_may_choose_database=allowed)
    own_data, problems, upgraded_from = _read(
        path,
        upgrades,
        version,
        damaged_note=" and the file is replaced when the settings are next saved",
    )
    warnings += problems
    own: dict[str, Any] = {}
    if own_data is not None:
        own, problems = checked_values(own_data, str(path))
        warnings += problems
    values = {**(site.values if site else {}), **own}
    own_database = own.get("database", "")
    if site is not None and site.database and (site.locks_database or not own_database):
        values["database"] = site.database  # "" in the user's file means this PC's default
    return Loaded(
        Settings(**values),
        path,
        tuple(warnings),
        upgraded_from=upgraded_from,
        site=site,
        own_database=own_database,
    )


BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),  # PowerShell 5.1: Set-Content -Encoding UTF8
    (b"\xff\xfe", "utf-16"),  # PowerShell 5.1: Out-File and > (UTF-16 LE)
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes) -> str:
    """The text of a settings file: UTF-8, or the encoding its byte order mark names
    (Windows tools write UTF-8 and UTF-16 with one)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    return data.decode("utf-8")


def _read(
    path: Path, upgrades: Mapping[int, Upgrade], version: int, *, damaged_note: str
) -> tuple[dict[str, Any] | None, list[str], int | None]:
    """A settings file's dict upgraded to ``version`` (None when there is none to use),
    warning sentences, and the version it was upgraded from."""
    try:
        text = decode(path.read_bytes())
    except FileNotFoundError:
        return None, [], None
    except (OSError, UnicodeDecodeError) as exc:
        return (
            None,
            [
                f"The settings file {path} could not be read ({_reason(exc)}); the defaults "
                "are used."
            ],
            None,
        )
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("it does not hold a JSON object")
    except ValueError as exc:
        return (
            None,
            [
                f"The settings file {path} is damaged ({_reason(exc)}); the defaults are "
                f"used{damaged_note}."
            ],
            None,
        )
    warnings: list[str] = []
    found = data.get("version", 1)
    if isinstance(found, int) and not isinstance(found, bool) and found > version:
        warnings.append(
            f"The settings file {path} was written by a newer recon-desktop (settings "
            f"version {found}, this one knows {version}); the settings it shares with this "
            "version are used."
        )
        data = {**data, "version": version}
    try:
        data, start = upgrade(data, upgrades=upgrades, version=version)
    except (ValueError, TypeError, KeyError) as exc:
        return (
            None,
            [
                f"The settings file {path} could not be upgraded ({_reason(exc)}); the "
                "defaults are used."
            ],
            None,
        )
    return data, warnings, start if start < version else None


def save(
    settings: Settings,
    path: Path | None = None,
    *,
    site: SiteSettings | None = None,
    own_database: str = "",
) -> Path:
    """Write the settings atomically (a crash leaves the old file or the new one).

    With a machine-wide file, a value it sets is left out of the user's file unless the
    user chose another (IT's later changes then still reach this user), and while its
    database wins the user's own choice (``own_database``) is kept as it was.
    """
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = settings.to_json()
    if site is not None:
        if site.locks_database:
            data["database"] = own_database
        its = Settings(**site.values).to_json()
        for name in site.values:
            if data.get(name) == its[name]:
                del data[name]
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            durable.sync_file(stream.fileno())  # macOS: F_FULLFSYNC
        os.replace(temporary, path)
        durable.sync_folder(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}"
    return str(exc) or type(exc).__name__
