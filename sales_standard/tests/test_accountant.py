# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import ACCOUNTANT, SALESMAN

# Monday 1 June 2026, mid-morning to evening from Kaliningrad (UTC+2) to
# Kamchatka (UTC+12): the invoice and the contact log entry are dated that
# day at any real hour; the next contact, in 2099, is after it.
NOW = "2026-06-01 08:00:00"


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAccountant(AccountTestInvoicingCommon):
    """An invoicing user with no sales rights works with partners and invoices
    as before the module, and sees nothing of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        cls.accountant = new_test_user(
            cls.env, login="ss_acc", groups=ACCOUNTANT, company_id=company.id
        )
        cls.salesman = new_test_user(
            cls.env, login="ss_acc_sales", groups=SALESMAN, company_id=company.id
        )

    def test_accountant_creates_and_edits_partners_and_invoices(self):
        env = self.env(user=self.accountant)
        with Form(env["res.partner"]) as form:
            form.company_type = "company"
            form.name = "Invoiced Client"
            form.vat = "7707083893"
        client = form.record
        with Form(env["res.partner"]) as form:
            form.name = "Client's Accountant"
            form.parent_id = client
        # A contact log entry made by sales does not get in the way.
        self.env["sales.contact.log"].create(
            {
                "partner_id": client.id,
                "topic": "Offer",
                "user_id": self.salesman.id,
                "next_contact_date": "2099-01-01",
            }
        )
        with Form(client) as form:
            form.phone = "+7 495 000 00 00"
            form.vat = "7707083894"
        self.assertEqual(client.child_ids.vat, "7707083894")
        # The module's fields are not exposed to the accountant.
        fields = list(client.fields_get(attributes=["type"]))
        self.assertNotIn("next_contact_date", fields)
        self.assertNotIn("contact_log_ids", fields)
        with self.assertRaises(AccessError):
            client.read(["next_contact_date"])

        invoice = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": client.id,
                "invoice_line_ids": [
                    (0, 0, {"product_id": self.product_a.id, "price_unit": 100.0})
                ],
            }
        )
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.commercial_partner_id, client)
        client.action_archive()
        self.assertFalse(client.active)

    def test_accountant_sees_no_sales_fields_in_partner_views(self):
        env = self.env(user=self.accountant)
        views = env["res.partner"].get_views([(False, "form"), (False, "list")])
        for view in views["views"].values():
            self.assertNotIn("next_contact_date", view["arch"])
            self.assertNotIn("Client card (Form 2.1)", view["arch"])
        salesman_views = self.env(user=self.salesman)["res.partner"].get_views(
            [(False, "form")]
        )
        self.assertIn("next_contact_date", salesman_views["views"]["form"]["arch"])
