"""pytest plugin of tools/test (loaded with ``-p pytest_suite``, tools/ on the path).

- Counts the subtests (``self.subTest``): pytest 9 puts each passed one in the
  JUnit report's ``tests`` figure without a ``<testcase>`` of its own.
- Records the warnings raised in this repository's addons (a warning whose
  file is under an addon of the repository: its models, wizards, tests...)
  or in its tools/ (the benchmark and its test), which pytest would otherwise
  only show in its summary: tools/test fails on any. Warnings of Odoo itself
  or of other libraries stay allowed.
- Writes both to the JSON file of ``--ss-summary`` at the end of the session,
  which tools/junit_counts.py reads beside the JUnit report.
- With the environment variable ``SS_CLOCK`` (UTC, e.g. "2027-01-01 23:30"),
  runs the session under that clock (tools/ss_clock.py), started before Odoo
  loads its registry, and leaves out the tests that open a browser.
"""

import collections
import inspect
import json
import os
import re
from pathlib import Path

import pytest
import ss_clock

ROOT = Path(__file__).resolve().parent.parent
BROWSER_CALL = re.compile(r"\.(start_tour|browser_js)\(")
CLOCK_SKIP = "a browser test does not run under tools/test --clock"
_clock_key = pytest.StashKey()


def _own_dirs():
    """The repository's addons, and tools/ (the benchmark and its test)."""
    return [path.parent for path in ROOT.glob("*/__manifest__.py")] + [ROOT / "tools"]


def pytest_addoption(parser):
    parser.getgroup("sales_standard").addoption(
        "--ss-summary",
        metavar="PATH",
        help="write the subtests' counts and the addons' own warnings to PATH (JSON)",
    )


def pytest_configure(config):
    clock = os.environ.get("SS_CLOCK")
    if clock:
        config.stash[_clock_key] = ss_clock.start(clock)
    config.pluginmanager.register(Recorder(config), "sales_standard_recorder")


def pytest_unconfigure(config):
    # The real clock again for what runs while Python shuts down.
    freezer = config.stash.get(_clock_key, None)
    if freezer is not None:
        freezer.stop()


def _opens_a_browser(item):
    try:
        source = inspect.getsource(item.obj)
    except (AttributeError, OSError, TypeError):
        return False
    return bool(BROWSER_CALL.search(source))


def _no_browser(self, *args, **kwargs):
    self.skipTest(CLOCK_SKIP)


def pytest_collection_modifyitems(config, items):
    """Under SS_CLOCK, leave out the tests that open a browser.

    Chromium keeps the real clock, so a tour cannot run under a frozen one.
    A test whose own code calls ``start_tour`` or ``browser_js`` is
    deselected; one that reaches the browser some other way is skipped there.
    """
    if config.stash.get(_clock_key, None) is None:
        return
    from odoo.tests import HttpCase  # pylint: disable=import-outside-toplevel

    HttpCase.browser_js = _no_browser
    browser = [item for item in items if _opens_a_browser(item)]
    if browser:
        config.hook.pytest_deselected(items=browser)
        items[:] = [item for item in items if item not in browser]


class Recorder:
    def __init__(self, config):
        self.config = config
        self.addons = [str(path) + os.sep for path in _own_dirs()]
        self.subtests = collections.Counter()
        self.warnings = []

    def _is_own(self, filename):
        path = os.path.realpath(filename)
        return any(path.startswith(addon) for addon in self.addons)

    def pytest_runtest_logreport(self, report):
        if isinstance(report, pytest.SubtestReport):
            self.subtests[report.outcome] += 1

    def pytest_warning_recorded(self, warning_message, when, nodeid, location):
        if self._is_own(warning_message.filename):
            self.warnings.append(
                {
                    "file": os.path.relpath(warning_message.filename, ROOT),
                    "line": warning_message.lineno,
                    "category": warning_message.category.__name__,
                    "message": str(warning_message.message),
                    "test": nodeid,
                    "when": when,
                }
            )

    def pytest_sessionfinish(self, session):
        path = self.config.getoption("ss_summary")
        if not path:
            return
        summary = {
            "subtests": {
                outcome: self.subtests[outcome]
                for outcome in ("passed", "failed", "skipped")
            },
            "own_warnings": self.warnings,
            "clock": os.environ.get("SS_CLOCK") or None,
        }
        Path(path).write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")

    def pytest_terminal_summary(self, terminalreporter):
        if not self.warnings:
            return
        terminalreporter.section("warnings raised in the addons' own code")
        seen = collections.defaultdict(list)
        for warning in self.warnings:
            key = "{file}:{line}: {category}: {message}".format(**warning)
            seen[key].append(warning["test"])
        for key, tests in seen.items():
            terminalreporter.line(f"{key}\n    {len(tests)} times, first in {tests[0]}")
