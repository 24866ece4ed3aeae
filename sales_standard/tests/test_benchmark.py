# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.tests import TransactionCase, tagged

from .. import benchmark

# Queries of one run of each path on the small data: a smoke test that the
# benchmark still runs, and a ceiling on each path's queries (never times).
BUDGETS = {
    "1": 60,  # the morning cron, every manager of the database
    "2": 25,  # one manager's figures for a half-month
    "3": 15,  # portfolio and industry ranking of every region
    "4a": 12,  # first page of the contact log, a manager
    "4b": 12,  # first page of the contact log, the head of sales
    "4c": 6,  # Odoo's own: my overdue activities
    "5": 10,  # clients with an overdue follow-up
    "6": 15,  # opening the client passport with the most documents
    "7": 60,  # 1,000 contacts with follow-ups in one call
    "8": 60,  # a trip report with 50 visits
}


@tagged("post_install", "-at_install", "is_query_count")
class TestBenchmark(TransactionCase):
    def test_small_benchmark_runs(self):
        self.assertTrue(benchmark.build(self.env, "small"))
        self.assertFalse(benchmark.build(self.env, "small"), "built once")
        with self.assertRaises(ValueError):
            benchmark.build(self.env, "medium")
        clients = self.env["res.partner"].search_count(
            [("name", "like", "Bench Client %")]
        )
        self.assertEqual(clients, benchmark.SIZES["small"]["clients"])
        rows = benchmark.run(self.env, runs=1)
        by_path = {row["path"].split()[0]: row for row in rows[:-1]}
        self.assertEqual(set(by_path), set(BUDGETS))
        for path, budget in BUDGETS.items():
            with self.subTest(path=path):
                self.assertLessEqual(by_path[path]["queries"], budget)
                self.assertGreater(by_path[path]["sql_ms"], 0)
        self.assertIn("1 morning cron", benchmark.table(rows))
