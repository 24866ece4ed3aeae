# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import SalesStandardCase

# Monday 20 April 2026: the half-month just ended is 1-15 April, the period
# before it 17-31 March.
NOW = "2026-04-20 08:00:00"


class ManagerReportCase(SalesStandardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reports = cls.env["sales.manager.report"]
        cls.product = cls.env["product.product"].create(
            {"name": "Review Pump", "list_price": 1000, "taxes_id": False}
        )

    def _log(self, client, day, form="call_out", user=None, **values):
        """A contact logged on its own day, as it happens (the follow-ups it
        closes are closed that day)."""
        with freeze_time(f"{day} 10:00:00"):
            log = self.env["sales.contact.log"].create(
                {
                    "partner_id": client.id,
                    "user_id": (user or self.salesman).id,
                    "date": day,
                    "contact_form": form,
                    "topic": "Review topic",
                    **values,
                }
            )
            self.env.flush_all()
        return log

    def _set_create_date(self, records, day):
        records.flush_recordset()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET create_date = %s WHERE id IN %s",
                SQL.identifier(records._table),
                datetime.combine(day, datetime.min.time()),
                tuple(records.ids),
            )
        )
        records.invalidate_recordset(["create_date"])

    def _order(self, client, day, qty=1):
        order = self.env["sale.order"].create(
            {
                "partner_id": client.id,
                "user_id": self.salesman.id,
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "product_uom_qty": qty})
                ],
            }
        )
        self._set_create_date(order, day)
        with freeze_time(f"{day} 09:00:00"):
            order.action_confirm()
        return order

    def _review(self, **values):
        return self.reports.with_user(self.sales_admin).create(
            {"manager_id": self.salesman.id, **values}
        )

    def _figures(self, review):
        return {
            line.key: (line.value, line.previous_value) for line in review.figure_ids
        }


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestManagerReport(ManagerReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        clients = cls.env["res.partner"].create(
            [{"name": f"Review Client {i}", "is_company": True} for i in range(4)]
        )
        cls.clients = clients

    def _activity_data(self):
        """Contacts, requests, offers, orders, a payment, a plan and a trip of
        the manager in both periods, and some of other managers."""
        c = self.clients
        plan = self.env["sales.daily.plan"].create(
            {"user_id": self.salesman.id, "date": "2026-04-09"}
        )
        self.env["sales.daily.plan.line"].create(
            [
                {"plan_id": plan.id, "partner_id": c[0].id},
                {"plan_id": plan.id, "partner_id": c[3].id},
            ]
        )
        self._log(c[0], "2026-03-20", "letter")
        self._log(c[0], "2026-04-02", "call_out", next_contact_date="2026-04-06")
        self._log(c[0], "2026-04-09", "meeting")  # 3 days after the planned date
        self._log(c[1], "2026-04-03", "call_out", next_contact_date="2026-04-10")
        self._log(c[2], "2026-04-14", "visit")
        self._log(c[2], "2026-04-14", "email", milestone="order")
        self._log(c[3], "2026-04-05", "call_in", user=self.salesman_2)
        lead = self.env["crm.lead"].create(
            {"name": "Pumps wanted", "user_id": self.salesman.id, "partner_id": c[1].id}
        )
        self._set_create_date(lead, date(2026, 4, 7))
        order_1 = self._order(c[0], date(2026, 4, 8), qty=2)
        order_2 = self._order(c[1], date(2026, 4, 12), qty=3)
        self._order(c[1], date(2026, 3, 25), qty=1)
        invoice = order_1._create_invoices()
        invoice.invoice_date = "2026-04-10"
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": "2026-04-13"})._create_payments()
        trip = self.env["sales.trip"].create(
            {
                "user_id": self.salesman.id,
                "date_from": "2026-04-13",
                "date_to": "2026-04-14",
                "purpose": "Visit",
            }
        )
        trip.write({"state": "done"})
        return order_1, order_2, invoice

    def test_figures_against_the_records(self):
        order_1, order_2, invoice = self._activity_data()
        review = self._review()
        self.assertEqual(
            (review.date_from, review.date_to), (date(2026, 4, 1), date(2026, 4, 15))
        )
        self.assertEqual(review.reviewer_id, self.sales_admin)
        figures = self._figures(review)
        logs = self.env["sales.contact.log"].search(
            [
                ("user_id", "=", self.salesman.id),
                ("date", ">=", "2026-04-01"),
                ("date", "<=", "2026-04-15"),
                ("milestone", "=", False),
            ]
        )
        for form in ("letter", "email", "call_in", "call_out", "meeting", "visit"):
            self.assertEqual(
                figures[f"contacts_{form}"][0],
                len(logs.filtered(lambda log, form=form: log.contact_form == form)),
                form,
            )
        self.assertEqual(figures["contacts_call_out"], (2, 0))
        self.assertEqual(figures["contacts_letter"], (0, 1))
        self.assertEqual(figures["new_clients"], (2, 1), "clients 1 and 2; 0 in March")
        self.assertEqual(figures["requests"], (1, 0))
        self.assertEqual(figures["offers"], (2, 1))
        self.assertEqual(figures["orders"], (2, 1))
        self.assertEqual(
            figures["orders_amount"],
            (order_1.amount_untaxed + order_2.amount_untaxed, 1000),
        )
        self.assertEqual(figures["payments"], (invoice.amount_total, 0))
        self.assertEqual(figures["overdue_clients"], (1, 0), "client 1, due 10 April")
        self.assertEqual(
            figures["unplanned_clients"], (2, 1), "clients 0 and 2; client 0 before"
        )
        self.assertEqual(figures["followup_delay"], (3, 0))
        self.assertEqual(figures["plan_completion"], (50, 0))
        self.assertEqual(figures["trips"], (1, 0))

        line = review.figure_ids.filtered(lambda ln: ln.key == "orders")
        action = line.action_open_records()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]), order_1 | order_2
        )
        line = review.figure_ids.filtered(lambda ln: ln.key == "unplanned_clients")
        action = line.action_open_records()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]),
            self.clients[0] | self.clients[2],
        )

    def test_closing_freezes_the_figures_and_plans_the_instructions(self):
        self._activity_data()
        review = self._review(
            conclusions="Good discipline; slow on payments.",
            instruction_ids=[
                (
                    0,
                    0,
                    {"name": "Call the overdue clients", "date_deadline": "2026-04-22"},
                )
            ],
        )
        before = self._figures(review)
        with self.assertRaises(AccessError):
            review.with_user(self.salesman).action_close()
        with self.assertRaises(AccessError):
            review.with_user(self.salesman_all).action_close()
        review.with_user(self.sales_admin).action_close()
        self.assertEqual((review.state, review.close_date), ("done", date(2026, 4, 20)))
        activity = review.activity_ids
        self.assertEqual(
            (activity.user_id, activity.summary, activity.date_deadline),
            (self.salesman, "Call the overdue clients", date(2026, 4, 22)),
        )
        # Later edits of the data do not rewrite a signed review.
        self._log(self.clients[3], "2026-04-10", "call_out")
        self.env["sales.contact.log"].search(
            [("partner_id", "=", self.clients[2].id)]
        ).unlink()
        review.invalidate_recordset()
        self.assertEqual(self._figures(review), before)
        with self.assertRaises(UserError):
            review.write({"date_to": "2026-04-30"})
        with self.assertRaises(UserError):
            review.unlink()
        review.with_user(self.sales_admin).action_reopen()
        self.assertNotEqual(self._figures(review), before, "live again")

    def test_cadence_reminds_once(self):
        self._review().with_user(self.sales_admin).action_close()
        reports = self.reports.search([("manager_id", "=", self.salesman_2.id)])
        self.assertFalse(reports)
        self.reports._cron_remind_reviews()
        reminder_type = self.env.ref("sales_standard.mail_activity_type_manager_review")
        draft = self.reports.search([("manager_id", "=", self.salesman_2.id)])
        self.assertEqual(
            (draft.state, draft.date_from, draft.date_to),
            ("draft", date(2026, 4, 1), date(2026, 4, 15)),
        )
        reminder = draft.activity_ids
        self.assertEqual(reminder.activity_type_id, reminder_type)
        self.assertTrue(reminder.user_id.has_group("sales_team.group_sale_manager"))
        self.assertFalse(
            self.reports.search(
                [("manager_id", "=", self.salesman.id), ("state", "=", "draft")]
            ),
            "reviewed less than 15 days ago",
        )
        self.reports._cron_remind_reviews()
        self.assertEqual(
            self.reports.search([("manager_id", "=", self.salesman_2.id)]), draft
        )
        self.assertEqual(len(draft.activity_ids), 1, "reminded once")
        draft.with_user(self.sales_admin).action_close()
        self.assertFalse(draft.activity_ids, "the reminder is done")
        status = self.env["sales.manager.review.status"].search(
            [("user_id", "in", (self.salesman | self.salesman_2).ids)]
        )
        self.assertEqual(set(status.mapped("overdue")), {False})
        with freeze_time("2026-05-06 08:00:00"):
            status.invalidate_model()
            self.assertEqual(set(status.mapped("overdue")), {True})

    def test_access(self):
        review = self._review()
        for user in (self.salesman, self.salesman_2, self.salesman_all):
            with self.assertRaises(AccessError):
                review.with_user(user).read(["date_from"])
            with self.assertRaises(AccessError):
                self.reports.with_user(user).create({"manager_id": user.id})
        review.with_user(self.sales_admin).action_close()
        own = review.with_user(self.salesman)
        self.assertEqual(own.read(["state"])[0]["state"], "done")
        self.assertTrue(own.figure_ids.read(["value"]))
        with self.assertRaises(AccessError):
            own.write({"conclusions": "Mine"})
        with self.assertRaises(AccessError):
            review.with_user(self.salesman_2).read(["date_from"])
        for user in (self.accountant, self.internal):
            with self.assertRaises(AccessError):
                self.reports.with_user(user).search([])
        dashboard = self.env["sales.manager.dashboard"]
        self.assertEqual(
            dashboard.with_user(self.salesman).search([]).user_id, self.salesman
        )
        self.assertIn(
            self.salesman_2, dashboard.with_user(self.sales_admin).search([]).user_id
        )

    def test_dashboard(self):
        c = self.clients
        self._log(c[0], "2026-04-20", next_contact_date="2026-04-21")
        self._log(c[1], "2026-04-14", next_contact_date="2026-04-16")
        self._log(c[2], "2026-04-20")
        [row] = self.env["sales.manager.dashboard"].search(
            [("user_id", "=", self.salesman.id)]
        )
        self.assertEqual(
            (row.contacts_week, row.overdue_followups, row.unplanned_clients),
            (2, 1, 1),
        )

    def test_printout(self):
        self._activity_data()
        review = self._review(conclusions="Keep <b>going</b>")
        report = self.env.ref("sales_standard.action_report_manager_report")
        self.render_pdf(report, review)
        review.with_user(self.sales_admin).action_close()
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["sales_standard"], ["ru_RU"], overwrite=True
        )
        html = (
            report.with_context(lang="ru_RU")
            ._render_qweb_html(report.report_name, review.ids)[0]
            .decode()
        )
        self.assertIn("Отчет менеджера по продажам (форма 2.4)", html)
        self.assertIn("Keep &lt;b&gt;going&lt;/b&gt;", html)
        self.assertIn(self.sales_admin.name, html)


# The figures of a review (both periods): grouped reads, no more queries for
# 5,000 contacts than for 5, and at most this many.
FIGURES_BUDGET = 45


@tagged("post_install", "-at_install", "is_query_count")
@freeze_time(NOW)
class TestManagerReportQueries(ManagerReportCase):
    def _count(self, user):
        review = self.reports.create({"manager_id": user.id})
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(FIGURES_BUDGET):
            before = self.cr.sql_log_count
            review._sales_figures()
            return self.cr.sql_log_count - before

    def test_figures_cost_the_same_for_5_and_5000_contacts(self):
        clients = self.env["res.partner"].create(
            [{"name": f"Volume {i}", "is_company": True} for i in range(500)]
        )
        values = []
        for index in range(5000):
            values.append(
                {
                    "partner_id": clients[index % 500].id,
                    "user_id": self.salesman_2.id,
                    "date": f"2026-04-{1 + index % 15:02d}",
                    "contact_form": ("call_out", "meeting", "letter")[index % 3],
                    "topic": "Volume",
                    "next_contact_date": "2026-04-16" if index >= 4500 else False,
                }
            )
        self.env["sales.contact.log"].create(values)
        self.env["sales.contact.log"].create(
            [
                {
                    "partner_id": clients[index].id,
                    "user_id": self.salesman.id,
                    "date": f"2026-04-0{index + 1}",
                    "topic": "Few",
                }
                for index in range(5)
            ]
        )
        self._count(self.salesman_all)  # caches warmed by a first review
        few = self._count(self.salesman)
        self.assertLessEqual(self._count(self.salesman_2), few)
