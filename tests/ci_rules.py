"""pytest plugin: on CI, a test skipped because of PostgreSQL, the X server, the small
filesystem of the full-disk tests or LibreOffice fails the run.

Locally, tests that need PostgreSQL are skipped when its server binaries are
missing, the test with real key events when Xvfb or xdotool is, and the report's print
tests when LibreOffice is. On CI (environment variable CI=true) that would hide them, so:

* a test whose skip reason mentions PostgreSQL (or psycopg), Xvfb, xdotool, a small
  filesystem or LibreOffice (soffice) is reported as failed (an error, when the skip came
  from a fixture) instead
  of skipped;
* a whole module skipped for such a reason at collection time makes the
  session exit non-zero;

and the terminal summary lists them under "CI: tests that must run were skipped".

Loaded by tests/conftest.py; can also be loaded alone with `-p tests.ci_rules`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator

import pytest

CI_ENV = "CI"
MUST_RUN_REASON = re.compile(
    r"postgres|psycopg|xvfb|xdotool|small filesystem|libreoffice|soffice", re.IGNORECASE
)
FAILURE_PREFIX = "CI=true: tests that must run (PostgreSQL, Xvfb, LibreOffice …) were skipped"

_skipped_on_ci = pytest.StashKey[list[str]]()


def ci_enabled() -> bool:
    return os.environ.get(CI_ENV, "").strip().lower() in {"1", "true", "yes"}


def skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:  # (path, lineno, reason)
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr or "")


def is_must_run_skip(report: pytest.TestReport | pytest.CollectReport) -> bool:
    return (
        report.skipped
        and not hasattr(report, "wasxfail")
        and MUST_RUN_REASON.search(skip_reason(report)) is not None
    )


def _record(config: pytest.Config, entry: str) -> None:
    config.stash.setdefault(_skipped_on_ci, []).append(entry)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if ci_enabled() and is_must_run_skip(report):
        reason = skip_reason(report)
        report.outcome = "failed"
        report.longrepr = f"{FAILURE_PREFIX}: {reason}"
        _record(item.config, f"{item.nodeid}: {reason}")
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    # Left as a skip (turning it into a collection error would stop the whole
    # session); recorded so that pytest_sessionfinish fails the run.
    report = yield
    if ci_enabled() and is_must_run_skip(report):
        _record(collector.config, f"{collector.nodeid}: {skip_reason(report)}")
    return report


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if session.config.stash.get(_skipped_on_ci, None) and session.exitstatus in (
        pytest.ExitCode.OK,
        pytest.ExitCode.NO_TESTS_COLLECTED,
    ):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    entries = config.stash.get(_skipped_on_ci, None)
    if not entries:
        return
    terminalreporter.section("CI: tests that must run were skipped", sep="=", red=True, bold=True)
    terminalreporter.line(f"{FAILURE_PREFIX}; failing the run:", red=True)
    for entry in entries:
        terminalreporter.line(f"  {entry}")
