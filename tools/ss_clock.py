#!/usr/bin/env python3
"""A frozen, ticking clock for tools/test --clock.

``start(spec)`` moves Python's clock to ``spec`` (UTC, e.g. "2027-01-01
23:30") with freezegun, ticking from there, so that a test's own
``freeze_time`` still nests inside it. It also makes the database cursors
take their timestamp (``create_date``, ``write_date``, ``cr.now()``) from
that clock, as Odoo's own TestCursor does, instead of PostgreSQL's
``now()``, which no Python clock reaches. SQL that calls ``now()`` itself
still gets the real time.

Run as a script, it is the Odoo command line under that clock:

    SS_CLOCK="2027-01-01 23:30" python tools/ss_clock.py -d db -i sales_standard

tools/pytest_suite.py starts the same clock in pytest.
"""

import datetime
import os
import sys
import time

import freezegun

# Modules that keep the real clock: the HTTP server's threads and sockets, the
# database driver, HTTP clients' timeouts, and pytest's own timings. They are
# added to freezegun's default list (threading, queue, ...).
REAL_TIME_MODULES = [
    "_pytest.",
    "asyncio",
    "concurrent.futures",
    "http.client",
    "psycopg2",
    "selectors",
    "socketserver",
    "urllib3",
    "werkzeug.serving",
]


def parse(spec):
    """The naive UTC datetime of ``spec``; ValueError if it is not one."""
    value = datetime.datetime.fromisoformat(spec.strip())
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def _cursor_now(cursor):
    """Cursor.now() from Python's clock, once per transaction."""
    if cursor._now is None:
        # datetime.datetime is read now, so that freezegun's class is used.
        now = datetime.datetime.now(datetime.timezone.utc)
        cursor._now = now.replace(tzinfo=None)
    return cursor._now


def _marshal_both_dates():
    """Let XML-RPC answer with real and with frozen dates alike.

    Odoo's marshaller picks its writer by the exact class of a value: the
    module, imported under the clock, knows freezegun's date classes only,
    while the dates read from the database are real ones.
    """
    # pylint: disable=import-outside-toplevel
    from freezegun.api import FakeDate, FakeDatetime, real_date, real_datetime

    from odoo.addons.base.controllers.rpc import OdooMarshaller

    dispatch = OdooMarshaller.dispatch
    for real, fake in ((real_date, FakeDate), (real_datetime, FakeDatetime)):
        dispatch[real] = dispatch[fake] = dispatch.get(real) or dispatch[fake]


def start(spec):
    """Freeze the clock at ``spec`` (UTC), ticking; return the freezer."""
    os.environ["TZ"] = "UTC"
    time.tzset()
    freezer = freezegun.freeze_time(parse(spec), tick=True, ignore=REAL_TIME_MODULES)
    freezer.start()
    from odoo import sql_db  # pylint: disable=import-outside-toplevel

    sql_db.Cursor.now = _cursor_now
    _marshal_both_dates()
    return freezer


def main():
    spec = os.environ.get("SS_CLOCK", "")
    try:
        parse(spec)
    except ValueError:
        sys.exit(f"SS_CLOCK={spec!r} is not a date and time such as 2027-01-01 23:30")
    if sys.argv[1:] == ["--check"]:
        return
    # Odoo is imported before the clock starts, as in pytest: a module
    # imported under it could keep one of freezegun's functions for good
    # (logging.Formatter.converter = time.localtime, at its import).
    os.environ["TZ"] = "UTC"
    time.tzset()
    import odoo.cli  # pylint: disable=import-outside-toplevel

    freezer = start(spec)
    # This script in argv[0]: a prefork server starts its gevent process as
    # `python argv[0] gevent ...`, which then runs under the same clock.
    sys.argv = [os.path.abspath(__file__), *sys.argv[1:]]
    try:
        odoo.cli.main()
    finally:
        # The real clock again for what runs while Python shuts down.
        freezer.stop()


if __name__ == "__main__":
    main()
