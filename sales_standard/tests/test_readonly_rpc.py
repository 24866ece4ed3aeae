# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The module's read-only buttons are ``@api.readonly``: the web client's
routes (``/web/dataset/call_kw``, ``/web/dataset/call_button``) then run
them on a read-only cursor, on the replica when Odoo has one
(``--db_replica_host``). A method so marked that writes fails there, and
Odoo logs a WARNING and runs it again on the primary: the calls below run
through those routes and must log nothing."""

from odoo.tests import HttpCase, new_test_user, tagged

from .common import SALESMAN

# (model, method): the public methods that only read and return an action.
READONLY = [
    ("res.partner", "action_sales_log_contact"),
    ("res.partner", "action_sales_open_contact_log"),
    ("crm.lead", "action_sales_log_contact"),
    ("crm.lead", "action_sales_open_contact_log"),
    ("sales.client.passport", "action_open_documents"),
    ("sales.client.passport", "action_print_contact_report"),
    ("sales.client.passport.document", "action_open_source"),
    ("sales.contact.log", "action_open_capture_source"),
    ("sales.region", "action_open_trips"),
    ("sales.region", "action_open_partners"),
    ("sales.region", "action_open_untyped_partners"),
    ("sales.region", "action_open_portfolio"),
    ("sales.region", "action_open_industry_ranking"),
    ("sales.region", "action_open_contacts"),
    ("sales.region", "action_open_documents"),
    ("sales.manager.report.figure", "action_open_records"),
]
# Methods that write (they prepare a plan, log a contact, change a state):
# never read-only.
READ_WRITE = [
    ("sales.daily.plan", "action_open_my_day"),
    ("sales.daily.plan.line", "action_done"),
    ("sales.trip", "action_submit_report"),
    ("sales.client.passport", "_sales_open_action"),
]


@tagged("post_install", "-at_install")
class TestReadonlyRpc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.salesman = new_test_user(
            env,
            login="ss_readonly_salesman",
            password="ss_readonly_salesman",
            groups=SALESMAN,
        )
        cls.region = env["sales.region"].create({"name": "Readonly Region"})
        cls.client = env["res.partner"].create(
            {
                "name": "Readonly Pumps",
                "is_company": True,
                "user_id": cls.salesman.id,
                "sales_region_id": cls.region.id,
            }
        )
        cls.lead = env["crm.lead"].create(
            {
                "name": "Readonly request",
                "type": "opportunity",
                "partner_id": cls.client.id,
                "user_id": cls.salesman.id,
            }
        )
        cls.passport = env["sales.client.passport"].search(
            [("partner_id", "=", cls.client.id)]
        ) or env["sales.client.passport"].create({"partner_id": cls.client.id})

    def test_marked_readonly(self):
        for model, method in READONLY:
            with self.subTest(model=model, method=method):
                self.assertTrue(
                    getattr(getattr(type(self.env[model]), method), "_readonly", False)
                )
        for model, method in READ_WRITE:
            with self.subTest(model=model, method=method):
                self.assertFalse(
                    getattr(getattr(type(self.env[model]), method), "_readonly", False)
                )

    def button(self, record, method):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_button/{record._name}/{method}",
            {
                "model": record._name,
                "method": method,
                "args": [record.ids],
                "kwargs": {"context": {"lang": "en_US"}},
            },
        )

    def test_buttons_on_a_readonly_cursor(self):
        """The buttons answer from a read-only cursor: no write, so no
        WARNING and no second run on a read/write one."""
        self.authenticate(self.salesman.login, self.salesman.login)
        with self.assertNoLogs("odoo.http", "WARNING"):
            action = self.button(self.client, "action_sales_open_contact_log")
            self.assertEqual(action["res_model"], "sales.contact.log")
            self.assertEqual(action["domain"], [["partner_id", "=", self.client.id]])
            action = self.button(self.client, "action_sales_log_contact")
            self.assertEqual(action["context"]["default_partner_id"], self.client.id)
            action = self.button(self.lead, "action_sales_open_contact_log")
            self.assertEqual(action["domain"], [["lead_id", "=", self.lead.id]])
            action = self.button(self.region, "action_open_contacts")
            self.assertEqual(action["res_model"], "sales.contact.log")
            action = self.button(self.passport, "action_open_documents")
            self.assertEqual(action["domain"], [["passport_id", "=", self.passport.id]])
