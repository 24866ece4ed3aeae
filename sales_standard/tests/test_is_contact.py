# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SalesStandardCase


@tagged("post_install", "-at_install")
@freeze_time("2026-04-01 08:00:00")
class TestIsContact(SalesStandardCase):
    """One definition of a contact (issue 15): a deal milestone entered by
    hand is no contact in any figure, date or printed list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oil = cls.env["res.partner.industry"].create({"name": "Oil"})
        cls.client.industry_id = cls.oil

    def setUp(self):
        super().setUp()
        self.contact = self.log(
            topic="Pumps for the new line", date="2026-03-01", contact_form="meeting"
        )
        self.milestone = self.log(
            topic="Order signed on the phone",
            date="2026-03-20",
            contact_form="call_in",
            milestone="order",
        )
        self.assertFalse(self.milestone.is_automatic, "entered by hand")
        self.assertFalse(self.milestone.is_contact)

    def test_partner_last_contact_date(self):
        client = self.client.with_user(self.salesman)
        self.assertEqual(client.last_contact_date, date(2026, 3, 1))

    def test_region_and_industry_figures(self):
        region = self.region.with_user(self.regional)
        self.assertEqual(region.contact_count, 1)
        contacts = self.env["sales.contact.log"].search(
            region.action_open_contacts()["domain"]
        )
        self.assertEqual(contacts, self.contact, "drill-down matches the count")
        ranking = (
            self.env["sales.region.industry"]
            .with_user(self.regional)
            .search(
                [("region_id", "=", self.region.id), ("industry_id", "=", self.oil.id)]
            )
        )
        self.assertEqual(ranking.contact_count, 1)
        report = self.env["report.sales_standard.report_region_passport"]
        values = report.with_user(self.regional)._get_report_values(self.region.ids)
        self.assertEqual(sum(values["contacts"].values()), 1)

    def test_contacts_filter(self):
        logs = self.search_filter(
            "sales.contact.log",
            "sales_standard.sales_contact_log_view_search",
            "contacts",
        )
        self.assertIn(self.contact, logs)
        self.assertNotIn(self.milestone, logs)
        milestones = self.search_filter(
            "sales.contact.log",
            "sales_standard.sales_contact_log_view_search",
            "milestone_any",
        )
        self.assertIn(self.milestone, milestones)
        self.assertNotIn(self.contact, milestones)

    def test_printed_passport_lists_contacts_only(self):
        passport = self.env["sales.client.passport"].search(
            [("partner_id", "=", self.client.id)]
        ) or self.env["sales.client.passport"].create({"partner_id": self.client.id})
        report = self.env.ref("sales_standard.action_report_client_passport")
        html = (
            report.with_user(self.salesman)
            ._render_qweb_html(report.report_name, passport.ids)[0]
            .decode()
        )
        # Its register files calls and meetings as negotiation records: a
        # milestone entered as a call is none.
        negotiations = passport.document_ids.filtered(
            lambda doc: doc.doc_type == "negotiation"
        )
        self.assertEqual(negotiations.log_id, self.contact)
        # Its extract from the client database (Form 2.2) lists contacts.
        extract = html.split("Extract from the client database")[1]
        self.assertIn("Pumps for the new line", extract)
        self.assertNotIn("Order signed on the phone", extract)
