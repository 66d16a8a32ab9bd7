"""Keep the translations current: ``update`` collects the strings of each area's sources
into its ``resources/translations/<area>_<language>.ts`` (new strings arrive unfinished,
vanished ones are dropped), ``release`` compiles every ``.ts`` into the ``.qm`` the
program loads. Both are run after changing a user-visible string; the tests in
tests/ui/test_translations.py fail while either is out of date.

    python scripts/translations.py update
    python scripts/translations.py release
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "recon_desktop"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("de",)

# Which sources each area's .ts holds. Every module of the ui package is in exactly one.
SHELL = [
    "app.py",
    *(
        f"ui/{name}.py"
        for name in (
            "about", "announce", "banner", "child_windows", "crash_dialog", "end_dialog",
            "file_dialogs", "first_run", "heading", "i18n", "idle_lock", "main_window",
            "messages", "paths", "preferences", "session_menu", "settings_dialog", "shell",
            "signin", "sizing", "smoke", "sounds", "start_dialog", "style",
        )
    ),
]  # fmt: skip
SESSION = [
    f"ui/{name}.py"
    for name in (
        "action_dialog", "actions", "answers", "batch_load", "cycle_collector", "formatting",
        "import_wizard", "item_choice", "item_controller", "item_details", "item_labels",
        "label_answers", "labels", "live_session", "past_sessions", "poller", "record_table",
        "register_dialog", "report_export", "row_menu", "scan_answers", "scan_capture",
        "scan_elsewhere", "scan_list", "scan_pages", "scan_sender", "table_model",
        "view_actions", "views",
        "workers",
    )
]  # fmt: skip
MESSAGES = ["errors.py", "licences.py", "core/*.py", "readers/*.py", "services/*.py", "store/*.py"]
AREAS: dict[str, list[str]] = {"shell": SHELL, "session": SESSION, "messages": MESSAGES}


def sources(area: str) -> list[Path]:
    found: list[Path] = []
    for pattern in AREAS[area]:
        found += sorted(PACKAGE.glob(pattern))
    return found


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python, else on the PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def ts_file(area: str, language: str, folder: Path = TRANSLATIONS) -> Path:
    return folder / f"{area}_{language}.ts"


def update(folder: Path = TRANSLATIONS) -> None:
    for area in AREAS:
        for language in LANGUAGES:
            target = ts_file(area, language, folder)
            files = [str(p) for p in sources(area)]
            options = [
                "-silent",
                "-locations",
                "none",
                "-no-obsolete",
                "-target-language",
                language,
            ]
            command = [tool("pyside6-lupdate"), *options, *files, "-ts", str(target)]
            subprocess.run(command, check=True)


def release(folder: Path = TRANSLATIONS, out: Path | None = None) -> None:
    for ts in sorted(folder.glob("*.ts")):
        qm = (out or folder) / ts.with_suffix(".qm").name
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


if __name__ == "__main__":
    commands = {"update": update, "release": release}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]]()
