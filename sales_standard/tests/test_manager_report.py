# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.sales_standard.models.sales_manager_report_figures import (
    REGISTRY,
    evaluate,
)
from odoo.addons.sales_standard.report.sales_manager_dashboard import (
    DASHBOARD_FIGURES,
)

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

    @classmethod
    def _log(cls, client, day, form="call_out", user=None, **values):
        """A contact logged on its own day, as it happens (the follow-ups it
        closes are closed that day)."""
        with freeze_time(f"{day} 10:00:00"):
            log = cls.env["sales.contact.log"].create(
                {
                    "partner_id": client.id,
                    "user_id": (user or cls.salesman).id,
                    "date": day,
                    "contact_form": form,
                    "topic": "Review topic",
                    **values,
                }
            )
            cls.env.flush_all()
        return log

    @classmethod
    def _set_create_date(cls, records, day):
        records.flush_recordset()
        cls.env.cr.execute(
            SQL(
                "UPDATE %s SET create_date = %s WHERE id IN %s",
                SQL.identifier(records._table),
                datetime.combine(day, datetime.min.time()),
                tuple(records.ids),
            )
        )
        records.invalidate_recordset(["create_date"])

    @classmethod
    def _order(cls, client, day, qty=1):
        order = cls.env["sale.order"].create(
            {
                "partner_id": client.id,
                "user_id": cls.salesman.id,
                "order_line": [
                    (0, 0, {"product_id": cls.product.id, "product_uom_qty": qty})
                ],
            }
        )
        cls._set_create_date(order, day)
        with freeze_time(f"{day} 09:00:00"):
            order.action_confirm()
        return order

    @classmethod
    def _activity_data(cls):
        """Contacts, requests, offers, orders, a payment, a plan and a trip of
        the manager in both periods, and some of other managers (clients
        `cls.clients`, four)."""
        c = cls.clients
        plan = cls.env["sales.daily.plan"].create(
            {"user_id": cls.salesman.id, "date": "2026-04-09"}
        )
        cls.env["sales.daily.plan.line"].create(
            [
                {"plan_id": plan.id, "partner_id": c[0].id},
                {"plan_id": plan.id, "partner_id": c[3].id},
            ]
        )
        cls._log(c[0], "2026-03-20", "letter")
        cls._log(c[0], "2026-04-02", "call_out", next_contact_date="2026-04-06")
        cls._log(c[0], "2026-04-09", "meeting")  # 3 days after the planned date
        cls._log(c[1], "2026-04-03", "call_out", next_contact_date="2026-04-10")
        cls._log(c[2], "2026-04-14", "visit")
        cls._log(c[2], "2026-04-14", "email", milestone="order")
        cls._log(c[3], "2026-04-05", "call_in", user=cls.salesman_2)
        lead = cls.env["crm.lead"].create(
            {"name": "Pumps wanted", "user_id": cls.salesman.id, "partner_id": c[1].id}
        )
        cls._set_create_date(lead, date(2026, 4, 7))
        order_1 = cls._order(c[0], date(2026, 4, 8), qty=2)
        order_2 = cls._order(c[1], date(2026, 4, 12), qty=3)
        cls._order(c[1], date(2026, 3, 25), qty=1)
        invoice = order_1._create_invoices()
        invoice.invoice_date = "2026-04-10"
        invoice.action_post()
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": "2026-04-13"})._create_payments()
        trip = cls.env["sales.trip"].create(
            {
                "user_id": cls.salesman.id,
                "date_from": "2026-04-13",
                "date_to": "2026-04-14",
                "purpose": "Visit",
            }
        )
        trip.write({"state": "done"})
        return order_1, order_2, invoice

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
                ("is_contact", "=", True),
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

    def test_records_button_only_where_the_reader_may_open_them(self):
        """A salesperson reading their own review gets no button that would
        end in an access error: the payments list is the admins'."""
        review = self._review()
        own = review.with_user(self.salesman)
        can_open = {line.key: line.can_open for line in own.figure_ids}
        self.assertFalse(can_open["payments"])
        self.assertTrue(can_open["contacts_call_out"])
        self.assertFalse(can_open["followup_delay"], "days open nothing")
        action = own.figure_ids.filtered(
            lambda line: line.key == "payments"
        ).action_open_records()
        with self.assertRaises(AccessError):
            self.env[action["res_model"]].with_user(self.salesman).search(
                action["domain"]
            )
        admin = {line.key: line.can_open for line in review.figure_ids}
        self.assertTrue(admin["payments"])

    def test_orders_in_another_currency_are_converted(self):
        """An order in another currency counts at its own rate in the
        company's currency, as Odoo's sales analysis does, not as if its
        amount were in the company's currency."""
        company = self.env.company
        other = self.env.ref("base.EUR")
        if other == company.currency_id:
            other = self.env.ref("base.USD")
        other.active = True
        self.env["res.currency.rate"].create(
            {"currency_id": other.id, "name": "2026-01-01", "rate": 4.0}
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "Foreign", "currency_id": other.id}
        )
        order = self._order(self.clients[0], date(2026, 4, 8), qty=2)
        foreign = self.env["sale.order"].create(
            {
                "partner_id": self.clients[1].id,
                "user_id": self.salesman.id,
                "pricelist_id": pricelist.id,
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "product_uom_qty": 1})
                ],
            }
        )
        self._set_create_date(foreign, date(2026, 4, 8))
        with freeze_time("2026-04-08 09:00:00"):
            foreign.action_confirm()
        self.assertEqual(foreign.currency_id, other)
        self.assertAlmostEqual(foreign.currency_rate, 4.0)
        figures = self._figures(self._review())
        self.assertAlmostEqual(
            figures["orders_amount"][0],
            order.amount_untaxed + foreign.amount_untaxed / 4.0,
            places=2,
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
            (
                row.contacts_week,
                row.overdue_followups,
                row.unplanned_clients,
                row.untyped_clients,
            ),
            (2, 1, 1, 3),
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
        self.assertIn("Отчет менеджера по продажам (Форма № 2.4)", html)
        self.assertIn("Keep &lt;b&gt;going&lt;/b&gt;", html)
        self.assertIn(self.sales_admin.name, html)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestFigureRegistry(ManagerReportCase):
    """Every figure, of Form 2.4 and of the dashboard, opens the records it
    counts: one definition for both."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partners = cls.env["res.partner"]
        cls.clients = partners.create(
            [
                {"name": "Registry Dealer 0", "is_company": True},
                {"name": "Registry Dealer 1", "is_company": True},
                {"name": "Registry Client 2", "is_company": True},
                {"name": "Registry Client 3", "is_company": True},
            ]
        )
        cls.clients[:2].client_type = "dealer"
        c = cls.clients
        # Every form of contact in the period; clients 1 to 3 are new.
        cls._log(c[1], "2026-04-02", "email")
        cls._log(c[2], "2026-04-05", "call_in")
        cls._log(c[3], "2026-04-06", "letter")
        # An email Odoo captured: of which captured, and their share.
        cls._log(
            c[3], "2026-04-07", "email", is_captured=True, capture_source="message"
        )
        cls._activity_data()
        # This week, for the dashboard.
        cls._log(c[0], "2026-04-20", next_contact_date="2026-04-21")
        # The salesman's cards without a type: clients 2 and 3 (contact log),
        # a card known by a request only, a company whose person was sent a
        # quotation. Not an archived card, nor another manager's card.
        cls.request_only, cls.quoted, archived, cls.other = partners.create(
            [
                {"name": "Registry Request Only", "is_company": True},
                {"name": "Registry Quoted", "is_company": True},
                {"name": "Registry Archived", "is_company": True},
                {"name": "Registry Other", "is_company": True},
            ]
        )
        person = partners.create({"name": "Registry Buyer", "parent_id": cls.quoted.id})
        cls.env["crm.lead"].create(
            {
                "name": "Registry request",
                "user_id": cls.salesman.id,
                "partner_id": cls.request_only.id,
            }
        )
        cls.env["sale.order"].create(
            {"partner_id": person.id, "user_id": cls.salesman.id}
        )
        cls._log(archived, "2026-04-20", is_captured=True, capture_source="message")
        archived.active = False
        cls._log(cls.other, "2026-04-20", user=cls.salesman_2)
        cls.dashboard = cls.env["sales.manager.dashboard"].with_user(cls.sales_admin)

    def _opened(self, action):
        """The records an action opens, for the head of sales."""
        return (
            self.env[action["res_model"]]
            .with_user(self.sales_admin)
            .with_context(**action["context"])
            .search(action["domain"])
        )

    def _value_of(self, figure, records):
        """The figure's value computed from the records it opens."""
        if figure.kind == "amount":
            [fname] = [spec.split(":")[0] for spec in figure.aggregate]
            return sum(records.mapped(fname))
        if figure.share:
            fname, wanted = figure.where
            part = records.filtered(lambda record: record[fname] == wanted)
            return 100.0 * len(part) / len(records) if records else 0.0
        if figure.kind == "percent":
            done = sum(records.mapped("done_count"))
            planned = sum(records.mapped("line_count"))
            return 100.0 * done / planned if planned else 0.0
        return len(records)

    def _dashboard_row(self, user=None):
        self.dashboard.invalidate_model()
        [row] = self.dashboard.search([("user_id", "=", (user or self.salesman).id)])
        return row

    def test_form_figures_count_what_they_open(self):
        review = self._review()
        lines = review.with_user(self.sales_admin).figure_ids
        self.assertEqual(
            lines.mapped("key"),
            [
                key
                for key, figure in REGISTRY.items()
                if figure.form and figure.is_available(self.env)
            ],
        )
        for line in lines:
            figure = REGISTRY[line.key]
            with self.subTest(figure=line.key):
                self.assertTrue(line.value, "the data has some of each figure")
                records = self._opened(line.action_open_records())
                if figure.kind == "days":
                    self.assertTrue(records)
                    continue
                self.assertAlmostEqual(line.value, self._value_of(figure, records))

    def test_dashboard_figures_count_what_they_open(self):
        row = self._dashboard_row()
        self.assertEqual(
            [row[fname] for fname in DASHBOARD_FIGURES],
            [2, 1, 2, 4, 0.0, 50.0],
            "contacts: client 0 and the archived card; overdue: client 1; "
            "unplanned: clients 2 and 3; untyped: see setUpClass; no plan; "
            "captured: the archived card's",
        )
        scope = row._sales_scope(self.salesman.id)
        values = evaluate(self.env, scope, set(DASHBOARD_FIGURES.values()))
        for fname, key in DASHBOARD_FIGURES.items():
            with self.subTest(figure=fname):
                # The SQL of every manager at once says what one manager's
                # grouped read says.
                self.assertAlmostEqual(row[fname], values[key])
                action = row.with_context(figure=fname).action_open_figure()
                records = self._opened(action)
                self.assertAlmostEqual(
                    row[fname], self._value_of(REGISTRY[key], records)
                )
        self.assertEqual(
            self._opened(
                row.with_context(figure="untyped_clients").action_open_figure()
            ),
            self.clients[2:] | self.request_only | self.quoted,
        )
        for name in ("_table_query", ["contacts_week"], None):
            with self.assertRaises(UserError):
                row.with_context(figure=name).action_open_figure()
        self.assertEqual(self._dashboard_row(self.salesman_2).untyped_clients, 2)

    def test_hand_entered_milestone_is_no_contact(self):
        """A salesman logs a deal milestone by hand: no contact figure of
        Form 2.4 or of the dashboard counts it."""
        contact_keys = [
            key
            for key in REGISTRY
            if key.startswith("contacts")
            or key in ("new_clients", "unplanned_clients", "followup_delay")
        ]
        review = self._review()
        before = self._figures(review)
        row = self._dashboard_row()
        row_before = {fname: row[fname] for fname in DASHBOARD_FIGURES}
        newcomer = self.env["res.partner"].create(
            {"name": "Registry Milestone Only", "is_company": True}
        )
        logs = self.env["sales.contact.log"].with_user(self.salesman)
        for client, day in ((newcomer, "2026-04-10"), (self.clients[2], "2026-04-20")):
            with freeze_time(f"{day} 10:00:00"):
                entry = logs.create(
                    {
                        "partner_id": client.id,
                        "date": day,
                        "contact_form": "meeting",
                        "topic": "Order signed",
                        "milestone": "order",
                    }
                )
            self.assertFalse(entry.is_automatic)
            self.assertFalse(entry.is_contact)
        self.env.flush_all()
        self.env.invalidate_all()
        after = self._figures(review)
        self.assertEqual(
            {key: after[key] for key in contact_keys if key in after},
            {key: before[key] for key in contact_keys if key in before},
        )
        row = self._dashboard_row()
        self.assertEqual(
            (row.contacts_week, row.unplanned_clients),
            (row_before["contacts_week"], row_before["unplanned_clients"]),
        )
        # The entry is the newcomer's sales activity all the same.
        self.assertEqual(row.untyped_clients, row_before["untyped_clients"] + 1)


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
