"""Build the one-folder bundle, run its smoke test and print its size and start-up time.

    python scripts/build_bundle.py [--runs 5] [--skip-build] [--check-targets]
                                   [--target-arch x86_64|arm64|universal2]  (macOS)
                                   [--notarize KEYCHAIN_PROFILE]             (macOS)

The same script on Linux, Windows and macOS (a bundle is built on the system it is for):

1. Installs PyInstaller with pip when it is missing or another version (the version pinned
   in the ``bundle`` extra of the project).
2. Builds ``dist/recon-desktop/`` from ``recon_desktop.spec`` (on macOS also
   ``dist/Recon Desktop.app``; ``--target-arch`` or RECON_TARGET_ARCH chooses its CPU, the
   build machine's by default; RECON_CODESIGN_IDENTITY signs it, see the README).
3. Runs the frozen ``recon-desktop --smoke-test`` (a window, a demo session, one scan, the
   resources found inside the bundle); on Windows and macOS also the console
   ``recon-desktop-cli --version``, and on macOS checks the app's Info.plist (a windowed
   app, not a background-only one, with its icon).
4. With ``--notarize`` (macOS, signed with a Developer ID): sends the app to Apple's notary
   service with ``xcrun notarytool`` under that keychain profile, waits, and staples the
   ticket to the app.
5. Prints the benchmark: the folder's size on disk (target under 250 MB) and the time from
   process start to the first paint of the Barcode Tracking window, frozen and from source
   (median of several runs after one warm-up each; target: frozen within 1.5x of source).

Exits non-zero when the build or a check fails, and with ``--check-targets`` also when a
target is missed.
"""

from __future__ import annotations

import argparse
import os
import plistlib
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "recon_desktop.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
NAME = "recon-desktop"
# the version the bundle was last checked with (also pinned in the project's bundle extra)
PYINSTALLER_VERSION = "6.22.3"
PYINSTALLER = f"pyinstaller=={PYINSTALLER_VERSION}"
SIZE_TARGET_MB = 250
RATIO_TARGET = 1.5
PAINT = re.compile(r"first paint (\d+) ms after process start")
APP = DIST / "Recon Desktop.app"
TARGET_ARCHES = ("x86_64", "arm64", "universal2")


def executable(name: str = NAME) -> Path:
    """A program of the bundle: the window's (``recon-desktop``) or the console CLI's."""
    suffix = ".exe" if sys.platform == "win32" else ""
    if sys.platform == "darwin":
        inside = APP / "Contents" / "MacOS" / name
        if inside.exists():
            return inside
    return DIST / NAME / f"{name}{suffix}"


def app_problems(app: Path) -> list[str]:
    """What is wrong with a macOS .app for a window people use: sentences, none if sound."""
    try:
        with open(app / "Contents" / "Info.plist", "rb") as handle:
            info = plistlib.load(handle)
    except (OSError, plistlib.InvalidFileException) as exc:
        return [f"{app} has no readable Info.plist ({exc})."]
    problems = []
    if info.get("LSBackgroundOnly"):
        problems.append("The app is background-only: it would have no Dock icon and no menus.")
    if info.get("CFBundleExecutable") != NAME:
        problems.append(f"The app starts {info.get('CFBundleExecutable')!r}, not {NAME}.")
    icon = app / "Contents" / "Resources" / str(info.get("CFBundleIconFile", ""))
    if not icon.is_file() or icon.read_bytes()[:4] != b"icns":
        problems.append(f"The app's icon {icon.name or '(none)'} is not an .icns file.")
    for name in (NAME, f"{NAME}-cli"):
        if not (app / "Contents" / "MacOS" / name).is_file():
            problems.append(f"The app holds no {name} program.")
    return problems


def ensure_pyinstaller() -> None:
    try:
        import PyInstaller

        found = PyInstaller.__version__
    except ImportError:
        found = None
    if found != PYINSTALLER_VERSION:
        print(f"== Installing {PYINSTALLER} with pip (found: {found or 'none'})", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", PYINSTALLER], check=True)


def build(target_arch: str | None = None) -> float:
    print(f"== Building {DIST / NAME} from {SPEC.name}", flush=True)
    env = dict(os.environ)
    if target_arch:
        env["RECON_TARGET_ARCH"] = target_arch  # read by the spec
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(SPEC),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return time.monotonic() - started


def check_cli() -> str | None:
    """The console program beside the windowed one (Windows, macOS): its version line, or
    a sentence saying what is wrong."""
    cli = executable(f"{NAME}-cli")
    if not cli.exists():
        return f"There is no {cli}."
    done = subprocess.run(
        [str(cli), "--version"], capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode or not done.stdout.startswith(NAME):
        return f"{cli} --version failed (status {done.returncode}): {done.stderr.strip()}"
    return None


def notarize(profile: str) -> None:
    """Send the signed app to Apple's notary service, wait, staple the ticket, and check
    that Gatekeeper accepts the app (macOS, with a Developer ID signature)."""
    archive = DIST / "Recon Desktop.zip"
    print(f"== Notarizing {APP} (keychain profile {profile})", flush=True)
    steps = [
        ["ditto", "-c", "-k", "--keepParent", str(APP), str(archive)],
        ["xcrun", "notarytool", "submit", str(archive), "--keychain-profile", profile, "--wait"],
        ["xcrun", "stapler", "staple", str(APP)],
        ["spctl", "--assess", "--type", "execute", "--verbose", str(APP)],
    ]
    for step in steps:
        subprocess.run(step, check=True)


def run_reporting(command: list[str], *, t0: bool = False, timeout: float = 120) -> tuple[int, str]:
    """Run a command of the program; its report comes back through $RECON_REPORT_FILE
    (a windowed Windows executable has no stdout)."""
    with tempfile.TemporaryDirectory(prefix="recon-build-") as folder:
        report = Path(folder) / "report.txt"
        env = dict(os.environ, RECON_REPORT_FILE=str(report))
        if sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        if t0:
            env["RECON_STARTUP_T0"] = repr(time.time())
        done = subprocess.run(
            command,
            env=env,
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        text = report.read_text(encoding="utf-8") if report.exists() else done.stdout
        if done.returncode and not text.strip():
            text = done.stderr
        return done.returncode, text


def folder_size(folder: Path) -> int:
    """Bytes on disk (allocated blocks where the system reports them)."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            blocks = getattr(info, "st_blocks", None)
            total += blocks * 512 if blocks is not None else info.st_size
    return total


def startup_ms(command: list[str], runs: int) -> list[int]:
    times = []
    for attempt in range(runs + 1):  # the first run warms the disk cache and is dropped
        status, text = run_reporting(command, t0=True)
        found = PAINT.search(text)
        if status or not found:
            raise SystemExit(f"The start-up benchmark failed ({' '.join(command)}):\n{text}")
        if attempt:
            times.append(int(found.group(1)))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed starts of each (default 5)")
    parser.add_argument("--skip-build", action="store_true", help="use the existing bundle")
    parser.add_argument(
        "--check-targets",
        action="store_true",
        help="exit 1 when the size or start-up target is missed",
    )
    parser.add_argument(
        "--target-arch",
        choices=TARGET_ARCHES,
        default=os.environ.get("RECON_TARGET_ARCH") or None,
        help="macOS: the CPU of the app (default: RECON_TARGET_ARCH, else this Mac's)",
    )
    parser.add_argument(
        "--notarize",
        metavar="KEYCHAIN_PROFILE",
        help="macOS: notarize and staple the signed app (a notarytool keychain profile)",
    )
    args = parser.parse_args(argv)
    if (args.target_arch or args.notarize) and sys.platform != "darwin":
        parser.error("--target-arch and --notarize are for macOS builds")

    build_s = None
    if not args.skip_build:
        ensure_pyinstaller()
        build_s = build(args.target_arch)
    program = executable()
    if not program.exists():
        print(f"There is no bundle at {program}; build it first.", file=sys.stderr)
        return 1

    print(f"== Smoke test of the frozen program: {program} --smoke-test", flush=True)
    status, text = run_reporting([str(program), "--smoke-test"])
    print(text.rstrip(), flush=True)
    if status:
        print(f"The frozen smoke test failed (exit status {status}).", file=sys.stderr)
        return 1
    if "(frozen bundle)" not in text.partition("\n")[0]:
        print("The frozen program does not know it is the bundle.", file=sys.stderr)
        return 1
    if sys.platform in ("win32", "darwin"):
        problem = check_cli()
        problems = [problem] if problem else []
        if sys.platform == "darwin":
            problems += app_problems(APP)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
        print(f"== {executable(NAME + '-cli').name} answers; the programs are in place", flush=True)
    if args.notarize:
        notarize(args.notarize)

    print(f"== Start-up benchmark ({args.runs} runs each after a warm-up)", flush=True)
    frozen = startup_ms([str(program), "--startup-benchmark"], args.runs)
    source = startup_ms([sys.executable, "-m", "recon_desktop", "--startup-benchmark"], args.runs)
    size_mb = folder_size(program.parent if sys.platform != "darwin" else DIST / NAME) / 1e6
    frozen_ms, source_ms = statistics.median(frozen), statistics.median(source)
    ratio = frozen_ms / source_ms
    size_ok, ratio_ok = size_mb < SIZE_TARGET_MB, ratio <= RATIO_TARGET

    print()
    print("Bundle benchmark")
    if build_s is not None:
        print(f"  build time              {build_s:7.1f} s")
    print(
        f"  folder size on disk     {size_mb:7.1f} MB   target < {SIZE_TARGET_MB} MB  "
        f"{'ok' if size_ok else 'MISSED'}"
    )
    print(
        f"  start to first paint    {frozen_ms:7.0f} ms  frozen  (runs: "
        f"{', '.join(map(str, frozen))})"
    )
    print(
        f"                          {source_ms:7.0f} ms  from source  (runs: "
        f"{', '.join(map(str, source))})"
    )
    print(
        f"  frozen / source         {ratio:7.2f} x    target <= {RATIO_TARGET} x  "
        f"{'ok' if ratio_ok else 'MISSED'}"
    )
    if args.check_targets and not (size_ok and ratio_ok):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
