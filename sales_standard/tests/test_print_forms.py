# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from freezegun import freeze_time
from lxml import html as lxml_html

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SalesStandardCase

NOW = "2026-04-20 08:00:00"


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestPrintForms(SalesStandardCase):
    """The printed forms of the standard, as a salesperson prints them: real
    PDFs, and their Russian text, with «Форма № …» in every heading."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(
            ["sales_standard"], ["ru_RU"], overwrite=True
        )
        cls.industry = cls.env["res.partner.industry"].create({"name": "Pumps"})
        cls.client.write(
            {
                "user_id": cls.salesman.id,
                "industry_id": cls.industry.id,
                "phone": "+7 846 000 00 01",
            }
        )
        cls.person.write({"phone": "+7 846 000 00 02", "email": "petrov@volga.example"})
        logs = cls.env["sales.contact.log"]
        cls.typed = logs.create(
            {
                "partner_id": cls.client.id,
                "contact_person_id": cls.person.id,
                "user_id": cls.salesman.id,
                "date": "2026-04-02",
                "contact_form": "letter",
                "topic": "Commercial offer",
                "result": "Offer sent",
                "next_step": "Call about the offer",
                "next_contact_date": "2026-04-09",
            }
        )
        # Captured by Odoo (as Odoo does it, as superuser).
        cls.captured = logs.sudo().create(
            {
                "partner_id": cls.client.id,
                "user_id": cls.salesman.id,
                "date": "2026-04-09",
                "contact_form": "call_in",
                "topic": "Call about the offer",
                "result": "Wants a discount",
                "is_captured": True,
                "capture_source": "call",
            }
        )
        cls.milestone = logs.create(
            {
                "partner_id": cls.client.id,
                "user_id": cls.salesman.id,
                "date": "2026-04-15",
                "topic": "Order",
                "milestone": "order",
            }
        )
        cls.other_manager = logs.create(
            {
                "partner_id": cls.other_client.id,
                "user_id": cls.salesman_2.id,
                "date": "2026-04-10",
                "contact_form": "meeting",
                "topic": "Kama meeting",
            }
        )
        cls.other_client.user_id = cls.salesman_2

    def html_ru(self, report, records, user=None):
        return (
            report.with_user(user or self.salesman)
            .with_context(lang="ru_RU")
            ._render_qweb_html(report.report_name, records.ids)[0]
            .decode()
        )

    def text(self, html):
        """The printout's text, as a reader sees it."""
        return " ".join(lxml_html.fromstring(html).text_content().split())

    def row(self, html, text):
        """The texts of the cells of the first table row with a cell `text`."""
        for row in lxml_html.fromstring(html).iter("tr"):
            texts = [" ".join(cell.text_content().split()) for cell in row]
            if text in texts:
                return texts
        self.fail(f"No row with {text!r} in the printout")

    def cells(self, html, label):
        """The texts of the cells after `label`, in the row it heads."""
        texts = self.row(html, label)
        self.assertEqual(texts[0], label)
        return texts[1:]

    def printable(self, model, user):
        """The reports of the Print menu of `model` that `user` sees."""
        actions = self.env["ir.actions.actions"].with_user(user)
        return {
            action["id"] for action in actions.get_bindings(model).get("report", [])
        }

    def test_print_menus(self):
        card = self.env.ref("sales_standard.action_report_client_card")
        client_log = self.env.ref("sales_standard.action_report_client_contact_log")
        log = self.env.ref("sales_standard.action_report_contact_log")
        self.assertLessEqual(
            {card.id, client_log.id}, self.printable("res.partner", self.salesman)
        )
        self.assertIn(log.id, self.printable("sales.contact.log", self.salesman))
        self.assertFalse(
            {card.id, client_log.id} & self.printable("res.partner", self.accountant)
        )

    def test_client_card(self):
        report = self.env.ref("sales_standard.action_report_client_card")
        self.render_pdf(report.with_user(self.salesman), self.client)
        html = self.html_ru(report, self.client)
        for text in (
            "Карта клиента (Форма № 2.1)",
            "Volga Pumps",
            "Контактные лица",
            "Должность",
            "Ivan Petrov",
            "Chief Engineer",
            "petrov@volga.example",
            "Pumps",
            "Volga",
            self.salesman.name,
        ):
            self.assertIn(text, html)
        # The first and the last contact: the milestone of 15 April is none.
        self.assertEqual(self.cells(html, "Первый контакт")[0], "02.04.2026")
        self.assertEqual(self.cells(html, "Первый контакт")[2], "09.04.2026")
        # A client with no contact yet.
        new_client = self.env["res.partner"].create(
            {"name": "New Dealer", "is_company": True, "client_type": "dealer"}
        )
        self.assertEqual(
            self.cells(self.html_ru(report, new_client), "Первый контакт"),
            ["", "Последний контакт", ""],
        )
        # A contact person prints the card of the client.
        self.assertIn("Форма № 2.1", self.html_ru(report, self.person))
        # A partner with no client type is no client yet.
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        with self.assertRaises(UserError):
            self.html_ru(report, stranger)
        for user in (self.accountant, self.internal):
            with self.assertRaises(AccessError):
                self.html_ru(report, self.client, user=user)

    def test_contact_log_of_a_client(self):
        report = self.env.ref("sales_standard.action_report_client_contact_log")
        self.assertEqual(report.binding_model_id.model, "res.partner")
        self.render_pdf(report.with_user(self.salesman), self.client)
        html = self.html_ru(report, self.client)
        for text in (
            "Журнал контактов (Форма № 2.2)",
            "Дата",
            "Контактное лицо",
            "Форма контакта",
            "Тема (цель)",
            "Результат контакта",
            "Планируемое продолжение",
            "Контрольный срок следующего контакта",
            "Chief Engineer, Ivan Petrov",
            # A captured contact prints as a typed one.
            "Wants a discount",
            # The milestone prints in the result, and is no contact.
            "Этап сделки:",
            "Контактов: 2",
        ):
            self.assertIn(text, self.text(html))
        self.assertNotIn("Kama meeting", html)
        self.assertEqual(
            self.cells(html, "1"),
            [
                "02.04.2026",
                "Chief Engineer, Ivan Petrov",
                "Письмо",
                "Commercial offer",
                "Offer sent",
                "Call about the offer",
                "09.04.2026",
                self.salesman.name,
            ],
        )
        for user in (self.accountant, self.internal):
            with self.assertRaises(AccessError):
                self.html_ru(report, self.client, user=user)

    def test_contact_log_of_a_manager_for_a_period(self):
        """The head of sales filters the log by manager and period, selects
        the entries and prints them from the list."""
        report = self.env.ref("sales_standard.action_report_contact_log")
        self.assertEqual(report.binding_model_id.model, "sales.contact.log")
        entries = (
            self.env["sales.contact.log"]
            .with_user(self.salesman_all)
            .search(
                [
                    ("user_id", "=", self.salesman.id),
                    ("date", ">=", "2026-04-01"),
                    ("date", "<=", "2026-04-30"),
                ]
            )
        )
        self.assertEqual(entries, self.typed | self.captured | self.milestone)
        self.render_pdf(report.with_user(self.salesman_all), entries)
        html = self.html_ru(report, entries, user=self.salesman_all)
        for text in (
            "Журнал контактов (Форма № 2.2)",
            self.salesman.name,
            "02.04.2026 - 15.04.2026",
            "Клиент",
            "Volga Pumps",
            "Контактов: 2",
        ):
            self.assertIn(text, self.text(html))
        self.assertNotIn("Kama meeting", html)
        # Entries of two managers print one page each.
        html = self.html_ru(report, entries | self.other_manager, user=self.sales_admin)
        self.assertEqual(html.count("Журнал контактов (Форма № 2.2)"), 2)
        self.assertIn("Kama meeting", html)
        # Who may not read the salesperson's contacts may not print them.
        for user in (self.accountant, self.internal):
            with self.assertRaises(AccessError):
                self.html_ru(report, self.typed, user=user)
        # Not even the milestones an accountant reads.
        with self.assertRaises(AccessError):
            self.html_ru(report, self.milestone, user=self.accountant)

    def test_manager_report(self):
        product = self.env["product.product"].create(
            {"name": "Print Pump", "list_price": 1234.5, "taxes_id": False}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "user_id": self.salesman.id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        order.action_confirm()
        review = (
            self.env["sales.manager.report"]
            .with_user(self.sales_admin)
            .create(
                {
                    "manager_id": self.salesman.id,
                    "date_from": "2026-04-01",
                    "date_to": "2026-04-20",
                }
            )
        )
        report = self.env.ref("sales_standard.action_report_manager_report")
        self.render_pdf(report.with_user(self.sales_admin), review)
        html = self.html_ru(report, review, user=self.sales_admin)
        self.assertIn("Отчет менеджера по продажам (Форма № 2.4)", html)
        labels = dict(
            review.figure_ids.with_context(lang="ru_RU")
            ._fields["key"]
            ._description_selection(self.env(context={"lang": "ru_RU"}))
        )
        # Counts are whole numbers.
        self.assertEqual(self.cells(html, labels["contacts_letter"]), ["1", "0", "1"])
        self.assertEqual(self.cells(html, labels["orders"]), ["1", "0", "1"])
        # Amounts are in the company's currency.
        amount = self.cells(html, labels["orders_amount"])[0]
        self.assertIn(review.currency_id.symbol, amount)
        self.assertIn("1", amount)
        self.assertNotEqual(amount, "1234.5")

    def test_trip_report(self):
        trip = (
            self.env["sales.trip"]
            .with_user(self.salesman)
            .create(
                {
                    "region_id": self.region.id,
                    "destination": "Samara",
                    "date_from": "2026-04-21",
                    "date_to": "2026-04-22",
                    "purpose": "Present the new pumps",
                }
            )
        )
        self.env["sales.trip.visit"].with_user(self.salesman).create(
            {
                "trip_id": trip.id,
                "partner_id": self.client.id,
                "contact_person_id": self.person.id,
                "planned_date": "2026-04-21",
            }
        )
        trip.action_submit()
        trip.with_user(self.sales_admin).action_approve()
        report = self.env.ref("sales_standard.action_report_trip_report")
        self.render_pdf(report.with_user(self.salesman), trip)
        html = self.html_ru(report, trip)
        self.assertIn("Контактное лицо", html)
        self.assertEqual(self.row(html, "Volga Pumps")[2], "Ivan Petrov")
        self.assertIn("Начальник отдела продаж: ____________________", html)
        self.assertIn(self.sales_admin.name, html)

    def test_nothing_of_another_company(self):
        """A shared client's history in another company is not printed."""
        company_b = self.env["res.company"].create({"name": "Company B"})
        user_b = new_test_user(
            self.env,
            login="ss_print_b",
            groups="sales_team.group_sale_manager",
            company_id=company_b.id,
            company_ids=[(6, 0, company_b.ids)],
        )
        log_b = self.env["sales.contact.log"].create(
            [
                {
                    "partner_id": self.client.id,
                    "user_id": user_b.id,
                    "date": day,
                    "contact_form": "meeting",
                    "topic": "Secret of B",
                    "company_id": company_b.id,
                }
                for day in ("2026-03-01", "2026-04-12")
            ]
        )
        for xmlid in ("action_report_client_contact_log", "action_report_client_card"):
            report = self.env.ref(f"sales_standard.{xmlid}")
            html = self.html_ru(report, self.client, user=self.sales_admin)
            self.assertNotIn("Secret of B", html)
        # The first and the last contact of the card are company A's.
        self.assertEqual(
            self.cells(html, "Первый контакт"),
            ["02.04.2026", "Последний контакт", "09.04.2026"],
        )
        report = self.env.ref("sales_standard.action_report_contact_log")
        with self.assertRaises(AccessError):
            self.html_ru(report, log_b[0], user=self.sales_admin)
