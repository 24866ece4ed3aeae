# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import SALESMAN
from .test_concurrency import TwoWorkersCase

WORKERS = 2
MANAGERS = 3
CLIENTS = 4
# Tuesday 7 April 2026, mid-morning for the managers (on UTC): the workers and
# the data agree on the day whatever the real hour.
NOW = "2026-04-07 08:00:00"
TODAY = date(2026, 4, 7)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestDailyPlanConcurrency(TwoWorkersCase):
    """Two cron workers prepare the plans at the same moment, each in its own
    database transaction: what they leave behind is committed, so the class
    makes its data in committed transactions and removes it afterwards. The
    clock is frozen from setUpClass on, in the workers' threads too. A cron
    is not retried as a request is: each worker runs it once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.addClassCleanup(cls._remove_data)
        with cls._cursor() as cr:
            env = cls._env(cr)
            plans = env["sales.daily.plan"].search([], order="id desc", limit=1)
            cls.last_plan_id = plans.id or 0
            cls.open_line_ids = (
                env["sales.daily.plan.line"].search([("state", "=", "planned")]).ids
            )
            # The managers' own calendar, every day a working day: their plans
            # depend on it alone, not on the company's calendar.
            calendar = env["resource.calendar"].create(
                {
                    "name": "Concurrency test: every day",
                    "tz": "UTC",
                    "attendance_ids": [
                        (
                            0,
                            0,
                            {
                                "name": str(day),
                                "dayofweek": str(day),
                                "hour_from": 8,
                                "hour_to": 17,
                                "day_period": "morning",
                            },
                        )
                        for day in range(7)
                    ],
                }
            )
            users = env["res.users"]
            for index in range(MANAGERS):
                users |= new_test_user(
                    env, login=f"ss_concurrent_{index}", groups=SALESMAN, tz="UTC"
                )
            env["resource.resource"].create(
                [
                    {"name": user.name, "user_id": user.id, "calendar_id": calendar.id}
                    for user in users
                ]
            )
            clients = env["res.partner"].create(
                [
                    {"name": f"Concurrent Client {index}", "is_company": True}
                    for index in range(MANAGERS * CLIENTS)
                ]
            )
            env["sales.contact.log"].create(
                [
                    {
                        "partner_id": client.id,
                        "user_id": users[index % MANAGERS].id,
                        "topic": "Concurrent follow-up",
                        "next_contact_date": TODAY,
                    }
                    for index, client in enumerate(clients)
                ]
            )
            cls.calendar_id = calendar.id
            cls.user_ids = users.ids
            cls.client_ids = clients.ids

    @classmethod
    def _remove_data(cls):
        with cls._cursor() as cr:
            env = cls._env(cr)
            plans = env["sales.daily.plan"].search([("id", ">", cls.last_plan_id)])
            lines = env["sales.daily.plan.line"].search(
                [("id", "in", cls.open_line_ids), ("state", "!=", "planned")]
            )
            lines.write({"state": "planned"})
            plans.unlink()
            env["sales.contact.log"].search(
                [("partner_id", "in", cls.client_ids)]
            ).unlink()
            env["res.partner"].browse(cls.client_ids).unlink()
            users = env["res.users"].browse(cls.user_ids)
            partners = users.partner_id
            users.resource_ids.unlink()
            users.unlink()
            partners.unlink()
            env["resource.calendar"].browse(cls.calendar_id).unlink()

    def _run_cron_in_parallel(self):
        barrier = threading.Barrier(WORKERS)

        def worker():
            with self._cursor() as cr:
                env = self._env(cr)
                # Both begin their transaction before either prepares a plan.
                env["res.users"].browse(self.user_ids).mapped("login")
                barrier.wait(timeout=30)
                env["sales.daily.plan"]._cron_prepare_daily_plans()

        with ThreadPoolExecutor(max_workers=WORKERS) as executor:
            futures = [executor.submit(worker) for _index in range(WORKERS)]
            # A worker that failed raises its error here.
            for future in futures:
                future.result(timeout=120)

    def _plans(self):
        with self._cursor() as cr:
            env = self._env(cr)
            return [
                (
                    plan.user_id.id,
                    plan.date,
                    len(plan.line_ids),
                    bool(plan.prepared_date),
                )
                for plan in env["sales.daily.plan"].search(
                    [("user_id", "in", self.user_ids)], order="user_id"
                )
            ]

    def test_two_workers_at_once_leave_one_plan_per_manager(self):
        expected = [(user_id, TODAY, CLIENTS, True) for user_id in self.user_ids]
        self._run_cron_in_parallel()
        self.assertEqual(self._plans(), expected)
        # And again, both at once, once the plans exist: nothing changes.
        self._run_cron_in_parallel()
        self.assertEqual(self._plans(), expected)
