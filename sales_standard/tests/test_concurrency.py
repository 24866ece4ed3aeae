# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Two workers at the same moment, each in its own database transaction.

What they leave behind is committed: the class makes its data in committed
transactions and removes it afterwards. A request that meets a serialization
failure is retried as Odoo retries an RPC request (see
odoo.service.model.retrying, which cannot run in a worker thread of the test
runner: it reloads the registry, whose lock the runner holds).
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from functools import partial
from typing import NamedTuple

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.service.model import (
    MAX_TRIES_ON_CONCURRENCY_FAILURE,
    PG_CONCURRENCY_EXCEPTIONS_TO_RETRY,
)
from odoo.sql_db import db_connect
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

from .common import SALES_ADMIN, SALESMAN

TODAY = date(2026, 6, 15)


class Outcome(NamedTuple):
    """What a request retried as by Odoo did.

    result: what the function returned on the try that succeeded;
    hooks: that try's post-commit hooks sending emails, to run;
    attempts: the number of tries.
    """

    result: object
    hooks: list
    attempts: int


class TwoWorkersCase(BaseCase):
    """The machinery of a race: committed transactions of their own, run in
    parallel worker threads and retried as Odoo retries a request. A class
    using it makes its data committed, removes it afterwards, and sets
    `salesman_id` (a user each worker reads first, to take its snapshot)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    @classmethod
    def _cursor(cls):
        return db_connect(get_db_name()).cursor()

    @classmethod
    def _env(cls, cr, uid=SUPERUSER_ID):
        # The registry is taken once, in the main thread: looking it up from
        # a worker thread would wait for the lock the test runner holds.
        cr.transaction = api.Transaction(cls.registry)
        return api.Environment(cr, uid, {})

    @staticmethod
    def _retrying(function, env):
        """Call function(env) and commit, again after a serialization
        failure, as Odoo does for an RPC request.

        :return: an `Outcome`. The email hooks of the try that succeeded are
            handed to the main thread rather than run here: sending emails
            opens a cursor on the registry, whose lock the test runner holds.
        """
        for attempt in range(1, MAX_TRIES_ON_CONCURRENCY_FAILURE + 1):
            try:
                result = function(env)
                env.cr.flush()
                funcs = env.cr.postcommit._funcs
                hooks = [f for f in funcs if "send_after_commit" in f.__qualname__]
                for hook in hooks:
                    funcs.remove(hook)
                env.cr.commit()
                return Outcome(result, hooks, attempt)
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                # The rollback drops the post-commit hooks of the failed try.
                env.cr.rollback()
                if attempt == MAX_TRIES_ON_CONCURRENCY_FAILURE:
                    raise
                time.sleep(0.1 * attempt)

    def _in_parallel(self, *functions):
        """Run each function(env) in its own transaction, all beginning their
        transaction before any of them goes on; retried like an RPC call."""
        barrier = threading.Barrier(len(functions))

        def worker(function):
            with self._cursor() as cr:
                env = self._env(cr)
                # The transaction's snapshot is taken here, before the others
                # commit anything.
                env["res.users"].browse(self.salesman_id).mapped("login")
                barrier.wait(timeout=30)
                return self._retrying(function, env)

        with ThreadPoolExecutor(max_workers=len(functions)) as executor:
            futures = [executor.submit(worker, function) for function in functions]
            # A worker that failed raises its error here.
            return [future.result(timeout=120) for future in futures]


@tagged("post_install", "-at_install")
@freeze_time(f"{TODAY} 10:00:00")
class TestConcurrency(TwoWorkersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.addClassCleanup(cls._remove_data)
        with cls._cursor() as cr:
            env = cls._env(cr)
            cls.last_review_id = (
                env["sales.manager.report"].search([], order="id desc", limit=1).id or 0
            )
            salesman = new_test_user(env, login="ss_race_salesman", groups=SALESMAN)
            head = new_test_user(env, login="ss_race_head", groups=SALES_ADMIN)
            client = env["res.partner"].create(
                {"name": "Race Pumps", "is_company": True}
            )
            cls.salesman_id, cls.head_id, cls.client_id = (
                salesman.id,
                head.id,
                client.id,
            )

    @classmethod
    def _remove_data(cls):
        with cls._cursor() as cr:
            env = cls._env(cr)
            reviews = env["sales.manager.report"].search(
                [("id", ">", cls.last_review_id)]
            )
            env["mail.activity"].search(
                [
                    ("res_model", "=", "sales.manager.report"),
                    ("res_id", "in", reviews.ids),
                ]
            ).unlink()
            reviews.unlink()
            trips = env["sales.trip"].search([("user_id", "=", cls.salesman_id)])
            env["mail.activity"].search(
                [("res_model", "=", "sales.trip"), ("res_id", "in", trips.ids)]
            ).unlink()
            trips.write({"state": "cancelled"})
            trips.unlink()
            env["sales.client.passport"].search(
                [("partner_id", "=", cls.client_id)]
            ).unlink()
            logs = env["sales.contact.log"].search([("partner_id", "=", cls.client_id)])
            logs.unlink()
            env["mail.activity"].with_context(active_test=False).search(
                [("res_model", "=", "res.partner"), ("res_id", "=", cls.client_id)]
            ).unlink()
            env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "=", cls.client_id)]
            ).unlink()
            env["res.partner"].browse(cls.client_id).unlink()
            users = env["res.users"].browse([cls.salesman_id, cls.head_id])
            partners = users.partner_id
            users.unlink()
            partners.unlink()

    def test_two_entries_for_the_same_client_leave_one_open_followup(self):
        today = TODAY

        def log(next_date, env):
            env["sales.contact.log"].with_user(self.salesman_id).create(
                {
                    "partner_id": self.client_id,
                    "topic": f"Call, next on {next_date}",
                    "next_contact_date": next_date,
                }
            )

        self._in_parallel(
            partial(log, today + timedelta(days=3)),
            partial(log, today + timedelta(days=5)),
        )
        with self._cursor() as cr:
            env = self._env(cr)
            logs = env["sales.contact.log"].search(
                [("partner_id", "=", self.client_id)], order="date desc, id desc"
            )
            self.assertEqual(len(logs), 2, "both entries are kept")
            followups = env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", self.client_id)]
            )
            self.assertEqual(len(followups), 1, "exactly one open follow-up")
            self.assertEqual(followups.sales_contact_log_id, logs[0], "the newest one")
            self.assertEqual(
                env["res.partner"].browse(self.client_id).next_contact_date,
                logs[0].next_contact_date,
            )

    def test_two_filings_of_one_source_leave_one_document(self):
        """The same source filed by two requests at once (a quotation sent
        by two salespeople, say): one document, and neither request fails."""
        with self._cursor() as cr:
            env = self._env(cr)
            log = (
                env["sales.contact.log"]
                .with_user(self.salesman_id)
                .create(
                    {
                        "partner_id": self.client_id,
                        "topic": "Race terms",
                        "contact_form": "email",
                    }
                )
            )
            passport = env["sales.client.passport"].create(
                {"partner_id": self.client_id}
            )
            item = (
                (self.client_id, passport.company_id.id),
                {
                    "doc_type": "contract",
                    "name": "Race contract",
                    "res_model": "sales.contact.log",
                    "res_id": log.id,
                    "log_id": log.id,
                },
            )
            # (The cursor commits as the block ends.)

        def file(env):
            documents = env["sales.client.passport.document"].sudo()
            return documents._sales_file([item]).ids

        outcomes = self._in_parallel(file, file)
        self.assertEqual(sorted(len(outcome.result) for outcome in outcomes), [0, 1])
        # The later one met the other's document on its key, and was replayed.
        self.assertEqual(sorted(outcome.attempts for outcome in outcomes), [1, 2])
        with self._cursor() as cr:
            env = self._env(cr)
            documents = env["sales.client.passport.document"].search(
                [("passport_id", "=", passport.id), ("doc_type", "=", "contract")]
            )
            self.assertEqual(documents.mapped("name"), ["Race contract"])

    def test_two_review_reminder_runs_make_each_review_once(self):
        def remind(env):
            env["sales.manager.report"]._cron_remind_reviews()

        self._in_parallel(remind, remind)
        with self._cursor() as cr:
            env = self._env(cr)
            reviews = env["sales.manager.report"].search(
                [("id", ">", self.last_review_id)]
            )
            per_manager = {}
            for review in reviews:
                per_manager.setdefault(review.manager_id, []).append(review)
            self.assertIn(env["res.users"].browse(self.salesman_id), per_manager)
            self.assertTrue(
                all(len(drafts) == 1 for drafts in per_manager.values()),
                "one draft review per manager",
            )
            reminders = env["mail.activity"].search(
                [
                    ("res_model", "=", "sales.manager.report"),
                    ("res_id", "in", reviews.ids),
                ]
            )
            self.assertEqual(len(reminders), len(reviews), "one reminder per review")
            self.assertEqual(set(reminders.mapped("res_id")), set(reviews.ids))

    def test_a_retried_request_notifies_the_head_once(self):
        """Submitting a trip plans an approval activity for the head of sales,
        whose notification email Odoo sends after the commit (a post-commit
        hook). A request that fails with a serialization error and is retried
        leaves one activity, one email, and one hook that sends it."""
        with self._cursor() as cr:
            env = self._env(cr)
            today = TODAY
            trip = (
                env["sales.trip"]
                .with_user(self.salesman_id)
                .create(
                    {
                        "date_from": today + timedelta(days=10),
                        "date_to": today + timedelta(days=11),
                        "purpose": "Visit the plant",
                    }
                )
            )
            trip_id = trip.id

        edited = threading.Event()

        def edit(env):
            # Another user edits the same trip at the same moment, and
            # commits first.
            env["sales.trip"].browse(trip_id).write({"purpose": "Visit the plant, v2"})
            env.cr.postcommit.add(edited.set)

        def submit(env):
            # The first try writes the trip after that commit, in a
            # transaction begun before it: PostgreSQL refuses the write
            # (concurrent update) and the request is tried again.
            if not edited.wait(timeout=30):
                raise TimeoutError("the concurrent edit was not committed")
            env["sales.trip"].with_user(self.salesman_id).browse(
                trip_id
            ).action_submit()

        # Odoo logs the query that met the concurrent update before the retry.
        with mute_logger("odoo.sql_db"):
            edit_outcome, submit_outcome = self._in_parallel(edit, submit)
        self.assertEqual(edit_outcome.attempts, 1)
        self.assertEqual(submit_outcome.attempts, 2, "the submit was retried")
        hooks = edit_outcome.hooks + submit_outcome.hooks
        self.assertEqual(len(hooks), 1, "one post-commit hook sends the email")
        with self._cursor() as cr:
            env = self._env(cr)
            trip = env["sales.trip"].browse(trip_id)
            self.assertEqual(trip.state, "submitted")
            self.assertEqual(len(trip.activity_ids), 1)
            head = trip.activity_ids.user_id.partner_id
            emails = env["mail.mail"].search(
                [
                    ("recipient_ids", "in", head.ids),
                    ("model", "=", "sales.trip"),
                    ("res_id", "=", trip_id),
                ]
            )
            messages = env["mail.message"].search(
                [
                    ("model", "=", "sales.trip"),
                    ("res_id", "=", trip_id),
                    ("partner_ids", "in", head.ids),
                ]
            )
            self.assertEqual(len(emails), 1, "one email to send, not two")
            self.assertEqual(len(messages), 1, "one notification")
        for hook in hooks:
            hook()
