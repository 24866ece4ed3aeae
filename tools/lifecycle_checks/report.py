"""The lines tools/lifecycle counts: one per check, "ok: ..." or "FAILED: ..."."""

import sys


def ok(message):
    sys.stdout.write(f"ok: {message}\n")


def failed(message):
    sys.stdout.write(f"FAILED: {message}\n")


def check(condition, message, detail=""):
    """Report MESSAGE as passed when CONDITION holds, else as failed with DETAIL."""
    if condition:
        ok(message)
    else:
        failed(f"{message}{': ' + detail if detail else ''}")
