"""The bundles of Windows and macOS, checked on Linux: what the spec asks PyInstaller for
on each system (PyInstaller's EXE, COLLECT and BUNDLE stood in for by recorders), the .app
check of scripts/build_bundle.py, and the .icns icon."""

from __future__ import annotations

import importlib.util
import plistlib
import struct
import sys
import types
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "recon_desktop.spec"
ICONS = ROOT / "resources" / "icons"


class Built:
    """What the spec asked for."""

    def __init__(self) -> None:
        self.exes: list[dict[str, Any]] = []
        self.collect: dict[str, Any] = {}
        self.bundle: dict[str, Any] | None = None


def run_spec(platform: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> Built:
    built = Built()

    class Analysis:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.scripts: list[Any] = []
            self.pure: list[Any] = []
            self.binaries: list[tuple[str, str, str]] = []
            self.datas: list[tuple[str, str, str]] = []

    def exe(*args: Any, **kwargs: Any) -> dict[str, Any]:
        built.exes.append(kwargs)
        return kwargs

    def collect(*args: Any, **kwargs: Any) -> dict[str, Any]:
        built.collect = {"programs": [a for a in args if isinstance(a, dict)], **kwargs}
        return built.collect

    def bundle(*args: Any, **kwargs: Any) -> None:
        built.bundle = {"args": args, **kwargs}

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda *a, **k: []  # type: ignore[attr-defined]
    hooks.collect_dynamic_libs = lambda *a, **k: []  # type: ignore[attr-defined]
    hooks.copy_metadata = lambda *a, **k: []  # type: ignore[attr-defined]
    versioninfo = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in ("StringStruct", "VSVersionInfo", "FixedFileInfo", "StringFileInfo",
                 "StringTable", "VarFileInfo", "VarStruct"):  # fmt: skip
        setattr(versioninfo, name, lambda *a, _n=name, **k: (_n, a, k))
    win32 = types.ModuleType("PyInstaller.utils.win32")
    win32.versioninfo = versioninfo  # type: ignore[attr-defined]
    for name, module in {
        "PyInstaller": types.ModuleType("PyInstaller"),
        "PyInstaller.utils": types.ModuleType("PyInstaller.utils"),
        "PyInstaller.utils.hooks": hooks,
        "PyInstaller.utils.win32": win32,
        "PyInstaller.utils.win32.versioninfo": versioninfo,
    }.items():
        monkeypatch.setitem(sys.modules, name, module)
    for name in ("RECON_TARGET_ARCH", "RECON_CODESIGN_IDENTITY", "RECON_ENTITLEMENTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))
    namespace = {
        "SPECPATH": str(ROOT),
        "workpath": str(tmp_path),
        "Analysis": Analysis,
        "PYZ": lambda *a, **k: "pyz",
        "EXE": exe,
        "COLLECT": collect,
        "BUNDLE": bundle,
        "__file__": str(SPEC),
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return built


def test_macos_gets_a_windowed_app_and_a_console_cli(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    built = run_spec("darwin", monkeypatch, tmp_path, RECON_TARGET_ARCH="arm64")
    window, cli = built.exes
    assert (window["name"], window["console"]) == ("recon-desktop", False)
    assert (cli["name"], cli["console"]) == ("recon-desktop-cli", True)
    assert {e["target_arch"] for e in built.exes} == {"arm64"}
    assert {e["icon"] for e in built.exes} == {str(ICONS / "app.icns")}
    # the window's program first: BUNDLE starts the first executable of the COLLECT
    assert built.collect["programs"] == [window, cli]
    assert built.bundle is not None
    assert built.bundle["icon"] == str(ICONS / "app.icns")
    # COLLECT takes console from its last EXE (the CLI): the plist must undo what that
    # implies, or the app is background-only
    assert built.bundle["info_plist"]["LSBackgroundOnly"] is False
    assert built.bundle["name"] == "Recon Desktop.app"


def test_macos_signing_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    built = run_spec("darwin", monkeypatch, tmp_path)
    assert {e["target_arch"] for e in built.exes} == {None}  # the build machine's
    assert {e["codesign_identity"] for e in built.exes} == {None}  # ad hoc
    identity = "Developer ID Application: Lab Tools (ABCDE12345)"
    built = run_spec(
        "darwin",
        monkeypatch,
        tmp_path,
        RECON_CODESIGN_IDENTITY=identity,
        RECON_ENTITLEMENTS="/tmp/entitlements.plist",
    )
    assert {e["codesign_identity"] for e in built.exes} == {identity}
    assert {e["entitlements_file"] for e in built.exes} == {"/tmp/entitlements.plist"}


@pytest.mark.parametrize(("platform", "arch"), [("darwin", "ppc"), ("win32", "arm64")])
def test_a_target_arch_that_cannot_be_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, platform: str, arch: str
) -> None:
    with pytest.raises(SystemExit, match="RECON_TARGET_ARCH"):
        run_spec(platform, monkeypatch, tmp_path, RECON_TARGET_ARCH=arch)


def test_windows_gets_a_windowed_exe_and_a_console_cli(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    built = run_spec("win32", monkeypatch, tmp_path)
    window, cli = built.exes
    assert (window["name"], window["console"], cli["name"], cli["console"]) == (
        "recon-desktop",
        False,
        "recon-desktop-cli",
        True,
    )
    assert {e["icon"] for e in built.exes} == {str(ICONS / "app.ico")}
    assert window["version"] != cli["version"]  # each names its own file
    assert "recon-desktop-cli.exe" in Path(cli["version"]).read_text(encoding="utf-8")
    assert built.bundle is None


def test_linux_gets_one_program(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    built = run_spec("linux", monkeypatch, tmp_path)
    [only] = built.exes
    assert (only["name"], only["console"], only["icon"], only["version"]) == (
        "recon-desktop",
        True,
        None,
        None,
    )
    assert built.bundle is None


def build_bundle_module() -> Any:
    spec = importlib.util.spec_from_file_location("build_bundle", ROOT / "scripts/build_bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_app(folder: Path, **plist: Any) -> Path:
    app = folder / "Recon Desktop.app"
    (app / "Contents" / "MacOS").mkdir(parents=True)
    (app / "Contents" / "Resources").mkdir()
    for name in ("recon-desktop", "recon-desktop-cli"):
        (app / "Contents" / "MacOS" / name).write_bytes(b"\xcf\xfa\xed\xfe")
    (app / "Contents" / "Resources" / "app.icns").write_bytes((ICONS / "app.icns").read_bytes())
    info = {"CFBundleExecutable": "recon-desktop", "CFBundleIconFile": "app.icns", **plist}
    with open(app / "Contents" / "Info.plist", "wb") as handle:
        plistlib.dump(info, handle)
    return app


def test_the_app_check_finds_a_background_only_app(tmp_path: Path) -> None:
    build = build_bundle_module()
    assert build.app_problems(make_app(tmp_path / "good", LSBackgroundOnly=False)) == []
    bad = make_app(tmp_path / "bad", LSBackgroundOnly=True, CFBundleExecutable="recon-desktop-cli")
    (bad / "Contents" / "MacOS" / "recon-desktop-cli").unlink()
    assert build.app_problems(bad) == [
        "The app is background-only: it would have no Dock icon and no menus.",
        "The app starts 'recon-desktop-cli', not recon-desktop.",
        "The app holds no recon-desktop-cli program.",
    ]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_icns_holds_every_size_as_png() -> None:
    data = (ICONS / "app.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    entries: dict[str, tuple[int, int]] = {}
    at = 8
    while at < len(data):
        kind = data[at : at + 4].decode("ascii")
        (length,) = struct.unpack(">I", data[at + 4 : at + 8])
        entries[kind] = png_size(data[at + 8 : at + length])
        at += length
    assert at == len(data)
    expected = {"icp4": 16, "icp5": 32, "icp6": 64, "ic07": 128, "ic08": 256, "ic09": 512,
                "ic10": 1024, "ic11": 32, "ic12": 64, "ic13": 256, "ic14": 512}  # fmt: skip
    assert entries == {kind: (size, size) for kind, size in expected.items()}
