# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The small run of tools/benchmark.py, on a database with sales_standard.

tools/test runs this file in its first phase, beside the addon's tests, with
tools/ on the path (``import benchmark``): the benchmark is not shipped with
the addon, so neither is its test.
"""

from datetime import date, timedelta

import benchmark
from freezegun import freeze_time

from odoo import fields
from odoo.tests import TransactionCase, tagged

# Queries of one run of each path on the small data: a smoke test that the
# benchmark still runs, and a ceiling on each path's queries (never times).
BUDGETS = {
    "1": 60,  # the morning cron, every manager of the database
    "2": 25,  # one manager's figures for a half-month
    "3": 15,  # portfolio and industry ranking of every region
    "4a": 12,  # first page of the contact log, a manager
    "4n": 16,  # Odoo's own: first page of the manager's CRM pipeline list
    # first page of the contact log, the head of sales, who sees more of the
    # list's columns (the companies, in the test database)
    "4b": 20,
    "4c": 6,  # Odoo's own: my overdue activities
    "5": 10,  # clients with an overdue follow-up
    "6": 15,  # opening the client passport with the most documents
    "6n": 45,  # Odoo's own: the partner form of the same client
    "7": 60,  # 1,000 contacts with follow-ups in one call
    # Odoo's own: 1,000 activities done with a note, and the next ones
    # (about 5 queries an activity)
    "7n": 5500,
    "8": 60,  # a trip report with 50 visits
    "9a": 3600,  # 300 received emails captured one by one (about 11 each)
    "9b": 30,  # the same in one batch
}
# A Wednesday, a working day of the company's calendar: the morning cron
# (path 1) makes plans on working days only. The next Sunday is a day off.
WORKING_DAY = date(2026, 6, 17)
SUNDAY = date(2026, 6, 21)
MONDAY = date(2026, 6, 15)


@tagged("post_install", "-at_install", "is_query_count")
class TestBenchmark(TransactionCase):
    @freeze_time(f"{WORKING_DAY} {benchmark.MORNING}")
    def test_small_benchmark_runs(self):
        self.assertTrue(benchmark.build(self.env, "small"))
        self.assertFalse(benchmark.build(self.env, "small"), "built once")
        with self.assertRaises(ValueError):
            benchmark.build(self.env, "medium")
        clients = self.env["res.partner"].search_count(
            [("name", "like", "Bench Client %")]
        )
        self.assertEqual(clients, benchmark.SIZES["small"]["clients"])
        self.assertEqual(benchmark.working_day(self.env), WORKING_DAY)
        # Each path's answer is checked against its SQL bound's in the run.
        rows = benchmark.run(self.env, runs=1)
        by_path = {row["path"].split()[0]: row for row in rows[:-1]}
        self.assertEqual(set(by_path), set(BUDGETS))
        for path, budget in BUDGETS.items():
            with self.subTest(path=path):
                self.assertLessEqual(by_path[path]["queries"], budget)
                self.assertGreater(by_path[path]["sql_ms"], 0)
                self.assertGreater(by_path[path]["answer"], 0, "the path did work")
        # The cron made a plan line for every benchmark follow-up due today
        # or earlier (one per client).
        due = self.env["mail.activity"].search(
            [
                ("summary", "=", "Benchmark follow-up"),
                ("date_deadline", "<=", WORKING_DAY),
            ]
        )
        self.assertTrue(due)
        self.assertEqual(by_path["1"]["answer"], len(due))
        self.assertEqual(by_path["7"]["answer"], 1000)
        self.assertEqual(by_path["7n"]["answer"], 1000)
        self.assertEqual(by_path["4n"]["answer"], 80, "a full page of opportunities")
        self.assertEqual(by_path["6n"]["answer"], 1)
        # Each module path with a native analogue is compared with it.
        for path, native in (("4a", "4n"), ("6", "6n"), ("7", "7n")):
            with self.subTest(path=path):
                self.assertEqual(by_path[path]["native"], native)
                self.assertEqual(
                    by_path[path]["vs_native"],
                    round(by_path[path]["median_ms"] / by_path[native]["median_ms"], 2),
                )
        self.assertEqual(by_path["8"]["answer"], 50)
        # One received email a client, up to 1,000: every client at small.
        clients = benchmark.SIZES["small"]["clients"]
        self.assertEqual(by_path["9a"]["answer"], clients)
        self.assertEqual(by_path["9b"]["answer"], clients)
        self.assertIn("1 morning cron", benchmark.table(rows))

        # On a day off the cron makes no plan: its answer then differs from
        # the due follow-ups, and the benchmark says so rather than timing
        # nothing.
        with freeze_time(f"{SUNDAY} {benchmark.MORNING}"):
            self.assertEqual(benchmark.working_day(self.env), date(2026, 6, 22))
            cron = benchmark.paths(self.env)[0]
            self.assertTrue(cron.name.startswith("1 "))
            with self.assertRaisesRegex(
                benchmark.Disagreement, "1 morning cron.*only from SQL"
            ):
                cron.measure(1)

    def test_any_day_pins_a_working_day(self):
        """Whatever the day tools/bench runs on, the clock is set to a
        working day, on which path 1 times the real cron."""
        with freeze_time(f"{WORKING_DAY} {benchmark.MORNING}"):
            benchmark.build(self.env, "small")
        next_monday = MONDAY + timedelta(days=7)
        for offset in range(7):
            today = MONDAY + timedelta(days=offset)
            expected = today if today.weekday() < 5 else next_monday
            with (
                self.subTest(today=today),
                freeze_time(f"{today} 18:00:00"),
                benchmark.morning_of_working_day(self.env) as day,
            ):
                self.assertEqual(day, expected)
                self.assertEqual(
                    fields.Datetime.now(),
                    fields.Datetime.to_datetime(f"{expected} {benchmark.MORNING}"),
                )
        # Run on a Sunday, path 1 makes the plans of Monday: a line for
        # every follow-up due then, as its SQL bound does.
        with (
            freeze_time(f"{SUNDAY} 18:00:00"),
            benchmark.morning_of_working_day(self.env) as day,
        ):
            self.assertEqual(day, next_monday)
            cron = benchmark.paths(self.env)[0]
            self.assertTrue(cron.name.startswith("1 "))
            row = cron.measure(1)
        due = self.env["mail.activity"].search_count(
            [
                ("summary", "=", "Benchmark follow-up"),
                ("date_deadline", "<=", next_monday),
            ]
        )
        self.assertTrue(due)
        self.assertEqual(row["answer"], due)

    def test_a_disagreement_fails(self):
        path = benchmark.Path(
            self.env,
            "x a wrong bound",
            lambda: [1, 2, 3],
            lambda: [1, 2, 4],
        )
        with self.assertRaisesRegex(
            benchmark.Disagreement,
            r"'x a wrong bound'.*only from the ORM: \[3\]; only from SQL: \[4\]",
        ):
            path.measure(1)
