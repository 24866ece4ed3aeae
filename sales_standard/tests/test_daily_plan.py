# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import date

import psycopg2
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import SalesStandardCase

# Wednesday 1 April 2026, mid-morning everywhere in Europe.
NOW = "2026-04-01 08:00:00"
TODAY = date(2026, 4, 1)


class DailyPlanCase(SalesStandardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plans = cls.env["sales.daily.plan"]
        cls.clients = cls.env["res.partner"].create(
            [{"name": f"Plan Client {i}", "is_company": True} for i in range(6)]
        )

    def _followup(self, client, due, user=None, logged=None):
        """A contact logged by `user` that plans the next one on `due`."""
        user = user or self.salesman
        return (
            self.env["sales.contact.log"]
            .with_user(user)
            .create(
                {
                    "partner_id": client.id,
                    "date": logged or min(due, TODAY),
                    "topic": f"Talk to {client.name}",
                    "next_contact_date": due,
                    "next_step": f"Call {client.name} again",
                }
            )
        )

    def _my_day(self, user=None):
        action = self.plans.with_user(user or self.salesman).action_open_my_day()
        return self.plans.with_user(user or self.salesman).browse(action["res_id"])

    def _lines(self, plan):
        return [
            (line.partner_id, line.source, line.carried_over)
            for line in plan.line_ids.sorted("sequence")
        ]


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestDailyPlan(DailyPlanCase):
    def test_sources_and_their_order(self):
        c = self.clients
        self._followup(c[0], date(2026, 3, 30))
        self._followup(c[1], date(2026, 3, 25), logged=date(2026, 3, 20))
        self._followup(c[2], TODAY)
        self._followup(c[3], date(2026, 4, 6))
        self._followup(c[4], date(2026, 3, 20), user=self.salesman_2)
        client_list = (
            self.env["sales.client.list"]
            .with_user(self.salesman)
            .create(
                {
                    "client_type": "dealer",
                    "line_ids": [
                        (0, 0, {"partner_id": c[5].id, "planned_date": TODAY}),
                        (0, 0, {"partner_id": c[3].id, "planned_date": "2026-04-02"}),
                    ],
                }
            )
        )
        plan = self._my_day()
        self.assertEqual((plan.user_id, plan.date), (self.salesman, TODAY))
        self.assertEqual(
            self._lines(plan),
            [
                (c[1], "overdue", False),
                (c[0], "overdue", False),
                (c[2], "followup", False),
                (c[5], "client_list", False),
            ],
            "overdue first, oldest first; then due today; then the client list",
        )
        first = plan.line_ids.sorted("sequence")[0]
        self.assertEqual(first.due_date, date(2026, 3, 25))
        self.assertEqual(first.topic, f"Talk to {c[1].name}")
        self.assertTrue(first.activity_id.active)
        self.assertEqual(
            plan.line_ids.filtered(
                lambda ln: ln.partner_id == c[5]
            ).client_list_line_id,
            client_list.line_ids.filtered(lambda ln: ln.partner_id == c[5]),
        )
        self.assertEqual(plan.progress, "0 of 4 done")

    def test_preparing_again_adds_only_what_is_missing(self):
        c = self.clients
        self._followup(c[0], date(2026, 3, 30))
        plan = self._my_day()
        manual = plan.line_ids.create(
            {"plan_id": plan.id, "partner_id": self.person.id, "topic": "Price list"}
        )
        self.assertEqual(
            (manual.partner_id, manual.contact_person_id, manual.source),
            (self.client, self.person, "manual"),
            "a contact person is planned with the client company",
        )
        self.assertEqual(self._my_day(), plan, "one plan per manager and day")
        plan.action_prepare()
        self.assertEqual(len(plan.line_ids), 2, "nothing added twice")
        self._followup(c[1], TODAY)
        plan.action_prepare()
        self.assertEqual(
            self._lines(plan),
            [
                (c[0], "overdue", False),
                (self.client, "manual", False),
                (c[1], "followup", False),
            ],
        )
        plan.action_prepare()
        self.assertEqual(len(plan.line_ids), 3)

    def test_topics_keep_every_character(self):
        """The plan's lines are inserted in one statement, each column sent
        as one PostgreSQL array literal: quotes, backslashes, braces, commas,
        the word NULL, spaces and Cyrillic reach the line as typed."""
        topics = [
            'Offer "Standard", v2',
            "C:\\prices\\2026 {draft}",
            "NULL",
            "  Звонок директору  ",
            'line one\nline two \\"',
        ]
        for client, topic in zip(self.clients, topics, strict=False):
            self.env["sales.contact.log"].with_user(self.salesman).create(
                {
                    "partner_id": client.id,
                    "date": TODAY,
                    "topic": topic,
                    "next_contact_date": TODAY,
                }
            )
        plan = self._my_day()
        self.assertEqual(
            {line.partner_id: line.topic for line in plan.line_ids},
            dict(zip(self.clients, topics, strict=False)),
        )

    def test_done_through_the_contact_log(self):
        c = self.clients
        log = self._followup(c[0], date(2026, 3, 30), logged=date(2026, 3, 23))
        old_followup = log.activity_ids
        plan = self._my_day()
        line = plan.line_ids
        action = line.with_user(self.salesman).action_done()
        self.assertEqual(action["res_model"], "sales.contact.log")
        context = action["context"]
        with Form(
            self.env["sales.contact.log"]
            .with_user(self.salesman)
            .with_context(**context)
        ) as form:
            self.assertEqual(form.partner_id, c[0])
            self.assertEqual(form.topic, f"Talk to {c[0].name}")
            form.result = "Offer accepted"
            form.next_contact_date = date(2026, 4, 10)
        new_log = form.save()
        self.assertEqual(line.state, "done")
        self.assertEqual(line.log_id, new_log)
        self.assertEqual(new_log.daily_plan_line_id, line)
        self.assertFalse(old_followup.active, "the old follow-up is closed")
        self.assertEqual(c[0].next_contact_date, date(2026, 4, 10))
        self.assertEqual(plan.progress, "1 of 1 done")
        self.assertEqual(plan.completion_rate, 100)
        with self.assertRaises(UserError):
            line.with_user(self.salesman).action_done()
        # Deleting the entry reopens the line: nothing is left half-done.
        new_log.unlink()
        self.assertEqual(line.state, "planned")
        self.assertEqual(plan.progress, "0 of 1 done")

    def test_a_contact_logged_elsewhere_marks_the_line_done(self):
        c = self.clients
        self._followup(c[0], TODAY, logged=date(2026, 3, 25))
        plan = self._my_day()
        log = self._followup(c[0], date(2026, 4, 8))
        self.assertEqual(plan.line_ids.log_id, log)
        self.assertEqual(plan.line_ids.state, "done")
        # Another manager's contact with the client does not.
        plan_2 = self._my_day(self.salesman_2)
        self.assertFalse(plan_2.line_ids)
        with self.assertRaises(ValidationError):
            self.env["sales.contact.log"].with_user(self.salesman_2).create(
                {
                    "partner_id": c[0].id,
                    "topic": "Not mine",
                    "daily_plan_line_id": plan.line_ids.id,
                }
            )

    def test_reschedule_to_a_time_and_to_another_day(self):
        c = self.clients
        log = self._followup(c[0], date(2026, 3, 30), logged=date(2026, 3, 23))
        self._followup(c[1], TODAY)
        plan = self._my_day()
        line_0, line_1 = plan.line_ids.sorted("sequence")
        wizards = self.env["sales.daily.plan.reschedule"].with_user(self.salesman)
        with Form(
            wizards.with_context(**line_0.action_reschedule()["context"])
        ) as form:
            self.assertEqual(form.date, TODAY)
            form.planned_time = 14.5
        form.save().action_confirm()
        self.assertEqual((line_0.state, line_0.planned_time), ("planned", 14.5))

        with Form(
            wizards.with_context(**line_0.action_reschedule()["context"])
        ) as form:
            form.date = date(2026, 4, 3)
            self.assertTrue(form.moves_followup)
        form.save().action_confirm()
        self.assertEqual(line_0.state, "rescheduled")
        self.assertEqual(line_0.moved_to_date, date(2026, 4, 3))
        moved = line_0.moved_line_ids
        self.assertEqual(
            (moved.plan_id.date, moved.plan_id.user_id, moved.source, moved.state),
            (date(2026, 4, 3), self.salesman, "rescheduled", "planned"),
        )
        self.assertEqual(moved.planned_time, 14.5)
        self.assertFalse(moved.plan_id.prepared_date, "prepared on its own day")
        # The follow-up moves; the entry keeps the control date it was given.
        self.assertEqual(log.next_contact_date, date(2026, 3, 30))
        self.assertEqual(log.activity_ids.date_deadline, date(2026, 4, 3))
        self.assertEqual(c[0].next_contact_date, date(2026, 4, 3))
        self.assertEqual(plan.progress, "0 of 2 done")

        with self.assertRaises(UserError):
            line_1._sales_move(date(2026, 3, 31))
        with self.assertRaises(UserError):
            line_0.with_user(self.salesman).action_reschedule()

    def test_cancel_asks_for_a_reason(self):
        c = self.clients
        self._followup(c[0], TODAY, logged=date(2026, 3, 25))
        self._followup(c[1], TODAY, logged=date(2026, 3, 25))
        plan = self._my_day()
        line_0, line_1 = plan.line_ids.sorted("sequence")
        with self.assertRaises(UserError):
            line_0.with_user(self.salesman)._sales_cancel("  ")
        wizards = self.env["sales.daily.plan.cancel"].with_user(self.salesman)
        wizards.with_context(**line_0.action_cancel()["context"]).create(
            {"reason": "Client on holiday"}
        ).action_confirm()
        self.assertEqual(
            (line_0.state, line_0.cancel_reason), ("cancelled", "Client on holiday")
        )
        self.assertTrue(line_0.activity_id.active, "the follow-up stays open")
        self.assertEqual(c[0].next_contact_date, TODAY)

        wizard = wizards.with_context(**line_1.action_cancel()["context"]).create(
            {"reason": "Plant closed", "close_followup": True}
        )
        self.assertTrue(wizard.has_followup)
        wizard.action_confirm()
        self.assertFalse(line_1.activity_id.active, "closed with the reason")
        self.assertFalse(c[1].next_contact_date)
        self.assertEqual(plan.progress, "0 of 0 done")

    def test_carry_over_across_the_weekend(self):
        c = self.clients
        self._followup(c[0], date(2026, 4, 3), logged=date(2026, 4, 1))
        with freeze_time("2026-04-03 08:00:00"):
            friday = self._my_day()
            manual = friday.line_ids.create(
                {"plan_id": friday.id, "partner_id": c[1].id, "topic": "Catalogue"}
            )
            done = friday.line_ids.create(
                {"plan_id": friday.id, "partner_id": c[2].id, "topic": "Visit"}
            )
            self._followup(c[2], date(2026, 4, 20), logged=date(2026, 4, 3))
            self.assertEqual(done.state, "done")
        with freeze_time("2026-04-04 08:00:00"):
            self.plans._cron_prepare_daily_plans()
            self.assertFalse(
                self.plans.search(
                    [("user_id", "=", self.salesman.id), ("date", "=", "2026-04-04")]
                ),
                "no plan on a day off",
            )
        with freeze_time("2026-04-06 08:00:00"):
            self.plans._cron_prepare_daily_plans()
            monday = self.plans.search(
                [("user_id", "=", self.salesman.id), ("date", "=", "2026-04-06")]
            )
            self.assertTrue(monday.prepared_date)
            self.assertEqual(
                self._lines(monday),
                [(c[0], "overdue", True), (c[1], "manual", True)],
                "Friday's leftovers go to Monday, marked as carried over",
            )
            self.assertEqual(manual.state, "rescheduled")
            self.assertEqual(manual.moved_to_date, date(2026, 4, 6))
            self.assertEqual(friday.progress, "1 of 3 done")

    def test_cron_twice_leaves_one_plan_per_manager(self):
        self._followup(self.clients[0], TODAY, logged=date(2026, 3, 25))
        self._followup(self.clients[1], TODAY, user=self.salesman_2)
        self.plans._cron_prepare_daily_plans(batch_size=1)
        # A batch at a time: the scheduler runs it again until all is done.
        for _run in range(20):
            if not self.plans._sales_plans_due():
                break
            self.plans._cron_prepare_daily_plans(batch_size=1)
        self.plans._cron_prepare_daily_plans()
        users = self.salesman | self.salesman_2 | self.salesman_all
        plans = self.plans.search([("user_id", "in", users.ids)])
        self.assertEqual(plans.user_id, users, "every active salesperson")
        self.assertEqual(len(plans), 3)
        self.assertEqual(set(plans.mapped("date")), {TODAY})
        self.assertEqual(len(plans.line_ids), 2)
        self.assertFalse(
            self.plans.search(
                [("user_id", "in", (self.accountant | self.internal).ids)]
            ),
            "no plan for users without sales rights",
        )

    def test_access(self):
        self._followup(self.clients[0], TODAY, logged=date(2026, 3, 25))
        plan = self._my_day()
        line = plan.line_ids
        other_plans = self.plans.with_user(self.salesman_2)
        self.assertFalse(other_plans.search([("id", "=", plan.id)]))
        with self.assertRaises(AccessError):
            other_plans.browse(plan.id).read(["date"])
        with self.assertRaises(AccessError):
            line.with_user(self.salesman_2).write({"topic": "Mine now"})
        with self.assertRaises(AccessError):
            line.with_user(self.salesman_2).action_done()
        with self.assertRaises(AccessError):
            plan.with_user(self.salesman_2).action_prepare()
        with self.assertRaises(AccessError):
            self.plans.with_user(self.salesman_2).create(
                {"user_id": self.salesman.id, "date": "2026-04-02"}
            )
        for user in (self.accountant, self.internal):
            with self.assertRaises(AccessError):
                self.plans.with_user(user).search([])
            with self.assertRaises(AccessError):
                self.plans.with_user(user).action_open_my_day()
        # The head of sales sees every manager's plan of today and its progress.
        self._my_day(self.salesman_2)
        head_plans = self.plans.with_user(self.sales_admin).search(
            [
                ("date", "=", TODAY),
                ("user_id", "in", (self.salesman | self.salesman_2).ids),
            ]
        )
        self.assertEqual(
            {plan.user_id: plan.progress for plan in head_plans},
            {self.salesman: "0 of 1 done", self.salesman_2: "0 of 0 done"},
        )
        line.with_user(self.sales_admin).write({"planned_time": 9})

    def test_unique_plan_per_manager_day_and_company(self):
        self._my_day()
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            self.cr.savepoint(),
            mute_logger("odoo.sql_db"),
        ):
            self.plans.create({"user_id": self.salesman.id, "date": TODAY})

    def test_printout(self):
        self._followup(self.clients[0], TODAY, logged=date(2026, 3, 25))
        plan = self._my_day()
        plan.line_ids.create(
            {"plan_id": plan.id, "partner_id": self.client.id, "topic": "Prices <b>"}
        )._sales_cancel("On <holiday>")
        report = self.env.ref("sales_standard.action_report_daily_plan")
        self.render_pdf(report, plan)
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["sales_standard"], ["ru_RU"], overwrite=True
        )
        html = (
            report.with_context(lang="ru_RU")
            ._render_qweb_html(report.report_name, plan.ids)[0]
            .decode()
        )
        self.assertIn("План контактов на день", html)
        self.assertIn("On &lt;holiday&gt;", html)
        self.assertIn("Prices &lt;b&gt;", html)


# Preparing a plan, from opening "My Day" to the action returned: no more
# queries for 1,000 clients due than for 10, and at most this many.
PREPARE_BUDGET = 30


@tagged("post_install", "-at_install", "is_query_count")
@freeze_time(NOW)
class TestDailyPlanQueries(DailyPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partners = cls.env["res.partner"].create(
            [{"name": f"Due Client {i}", "is_company": True} for i in range(1011)]
        )
        logs = cls.env["sales.contact.log"]
        values = []
        for index, partner in enumerate(partners):
            user = cls.salesman if index < 10 else cls.salesman_2
            if index == 1010:
                user = cls.salesman_all
            values.append(
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "date": "2026-03-01",
                    "topic": "Due",
                    "next_contact_date": TODAY if index % 2 else "2026-03-20",
                }
            )
        logs.create(values)

    def _prepare_counted(self, user):
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(PREPARE_BUDGET):
            before = self.cr.sql_log_count
            plan = self._my_day(user)
            self.env.flush_all()
            queries = self.cr.sql_log_count - before
        return plan, queries

    def test_same_queries_for_10_and_1000_due_clients(self):
        self._my_day(self.salesman_all)  # caches warmed by a first manager
        plan_10, queries_10 = self._prepare_counted(self.salesman)
        plan_1000, queries_1000 = self._prepare_counted(self.salesman_2)
        self.assertLessEqual(queries_1000, queries_10)
        self.assertEqual(len(plan_10.line_ids), 10)
        self.assertEqual(len(plan_1000.line_ids), 1000)
        self.assertEqual(plan_1000.line_ids.mapped("source").count("overdue"), 500)
