#!/usr/bin/env python3
"""Count the tests of a pytest JUnit report, as tools/test and tools/test-core do.

A test is one test method, that is one ``<testcase>`` element: pytest writes
a second element for the same test when its call fails and its teardown
errs, and both count as one test. A test failed if one of its elements holds
a ``<failure>`` or an ``<error>`` (a failed subtest puts its failure there
too); else it was skipped if one holds a ``<skipped>``; else it passed. The
``tests`` attribute of ``<testsuite>`` is not read: pytest 9 adds every
passed subtest to it.

The subtests and the warnings raised in the addons' own code are not in the
report: they come from the JSON summary that tools/pytest_suite.py writes
(``--summary``).

    junit_counts.py [--summary JSON] REPORT            the figures, in words
    junit_counts.py [--summary JSON] --shell REPORT    one line of numbers
    junit_counts.py --list REPORT                      the tests that did not pass
    junit_counts.py --by-addon REPORT                  a line per addon

``--shell`` prints, for ``read``: tests passed, failed, skipped; subtests
passed, failed, skipped; warnings of the addons' own code. Exits 2 when a
file is missing or unreadable.
"""

import argparse
import collections
import json
import re
import sys
import xml.etree.ElementTree as ET

OUTCOMES = ("passed", "failed", "skipped")
ADDON_OF_FILE = re.compile(r"(?:^|/)([^/]+)/tests/")
ADDON_OF_CLASS = re.compile(r"(?:^|\.)addons\.([^.]+)\.tests\.")


def _say(*lines):
    sys.stdout.writelines(f"{line}\n" for line in lines)


def _outcome(case):
    if case.find("failure") is not None or case.find("error") is not None:
        return "failed"
    if case.find("skipped") is not None:
        return "skipped"
    return "passed"


def _addon(case):
    match = ADDON_OF_FILE.search(case.get("file", "")) or ADDON_OF_CLASS.search(
        case.get("classname", "")
    )
    return match.group(1) if match else case.get("classname", "")


def read_tests(path):
    """{(classname, name): (addon, outcome)} of the report at ``path``."""
    tests = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        key = (case.get("classname", ""), case.get("name", ""))
        outcome = _outcome(case)
        if key in tests:
            # The worse outcome of the two elements.
            outcome = max(outcome, tests[key][1], key=OUTCOMES.index)
        tests[key] = (_addon(case), outcome)
    return tests


def read_summary(path):
    with open(path, encoding="utf-8") as file:
        summary = json.load(file)
    subtests = collections.Counter(summary["subtests"])
    return subtests, summary["own_warnings"]


def by_addon(tests):
    counts = collections.defaultdict(collections.Counter)
    for addon, outcome in tests.values():
        counts[addon][outcome] += 1
        counts["total"][outcome] += 1
    for addon in sorted(counts, key=lambda a: (a == "total", a)):
        c = counts[addon]
        _say(
            f"{addon:>10}: {sum(c.values())} run, {c['passed']} passed, "
            f"{c['failed']} failed, {c['skipped']} skipped"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("report")
    parser.add_argument("--summary", help="the JSON of tools/pytest_suite.py")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--shell", action="store_true")
    mode.add_argument("--list", action="store_true")
    mode.add_argument("--by-addon", action="store_true")
    args = parser.parse_args()
    try:
        tests = read_tests(args.report)
        subtests, warnings = (
            read_summary(args.summary) if args.summary else (collections.Counter(), [])
        )
    except (OSError, ET.ParseError, ValueError, KeyError) as exc:
        sys.stderr.write(f"junit_counts: cannot read the counts: {exc}\n")
        return 2
    counts = collections.Counter(outcome for _addon, outcome in tests.values())
    if args.by_addon:
        by_addon(tests)
    elif args.list:
        for (classname, name), (_addon, outcome) in sorted(tests.items()):
            if outcome != "passed":
                _say(f"{outcome}: {classname}.{name}")
    elif args.shell:
        numbers = [counts[o] for o in OUTCOMES] + [subtests[o] for o in OUTCOMES]
        _say(" ".join(map(str, [*numbers, len(warnings)])))
    else:
        _say(
            f"{counts['passed']} tests passed, {counts['failed']} failed, "
            f"{counts['skipped']} skipped"
        )
        if args.summary:
            _say(
                f"{subtests['passed']} subtests passed, {subtests['failed']} failed",
                f"{len(warnings)} warnings raised in the addons' own code",
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
