# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from lxml import etree

from odoo import fields
from odoo.tests import new_test_user
from odoo.tools import mute_logger
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import dateutil, safe_eval, time

from odoo.addons.base.tests.common import BaseCommon

SALESMAN = "sales_team.group_sale_salesman,base.group_partner_manager"
SALESMAN_ALL = "sales_team.group_sale_salesman_all_leads,base.group_partner_manager"
SALES_ADMIN = "sales_team.group_sale_manager,base.group_partner_manager"
REGIONAL = "sales_standard.group_regional_manager,base.group_partner_manager"
ACCOUNTANT = "account.group_account_invoice,base.group_partner_manager"
INTERNAL = "base.group_user"


def forget_demo_captures(env):
    """Remove what the demo captured (its emails, offer, meetings and calls,
    with their claims), so that a capture test starts from none."""
    env["sales.contact.log"].search([("is_captured", "=", True)]).unlink()
    env["sales.contact.capture"].search([]).unlink()
    env["sales.call"].search([]).unlink()


class SalesStandardCase(BaseCommon):
    """Users of every kind, and a few clients, made once for a test class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.salesman = new_test_user(env, login="ss_salesman", groups=SALESMAN)
        cls.salesman_2 = new_test_user(env, login="ss_salesman_2", groups=SALESMAN)
        cls.salesman_all = new_test_user(
            env, login="ss_salesman_all", groups=SALESMAN_ALL
        )
        cls.sales_admin = new_test_user(env, login="ss_sales_admin", groups=SALES_ADMIN)
        cls.regional = new_test_user(env, login="ss_regional", groups=REGIONAL)
        cls.accountant = new_test_user(env, login="ss_accountant", groups=ACCOUNTANT)
        cls.internal = new_test_user(env, login="ss_internal", groups=INTERNAL)
        cls.followup_type = env.ref("sales_standard.mail_activity_type_next_contact")
        cls.region = env["sales.region"].create(
            {"name": "Volga", "manager_id": cls.regional.id}
        )
        cls.client = env["res.partner"].create(
            {
                "name": "Volga Pumps",
                "is_company": True,
                "client_type": "end_consumer",
                "sales_region_id": cls.region.id,
            }
        )
        cls.person = env["res.partner"].create(
            {
                "name": "Ivan Petrov",
                "function": "Chief Engineer",
                "parent_id": cls.client.id,
            }
        )
        cls.other_client = env["res.partner"].create(
            {"name": "Kama Steel", "is_company": True, "client_type": "dealer"}
        )

    def render_pdf(self, report, records):
        """Render `report` as a real PDF with wkhtmltopdf.

        wkhtmltopdf fetches the report's stylesheets from the report URL; in
        a test run no server answers there for this test's transaction, so
        it is pointed at a closed local port: the PDF is made without them.
        A wkhtmltopdf built on an unpatched Qt (Debian's) warns that it
        ignores the header and footer: that says nothing of the report, and
        a failed rendering raises anyway.
        """
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, report_type = report.with_context(
                force_report_rendering=True
            )._render_qweb_pdf(report.report_name, records.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return pdf

    def log(self, user=None, **values):
        """Log a contact as `user` (the salesman by default)."""
        values = {"partner_id": self.client.id, "topic": "Offer", **values}
        model = self.env["sales.contact.log"].with_user(user or self.salesman)
        return model.create(values)

    def followups(self, partner=None):
        return (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", (partner or self.client).id),
                    ("activity_type_id", "=", self.followup_type.id),
                ]
            )
        )

    def search_filter(self, model, view_xmlid, filter_name, user=None):
        """Search `model` with a named filter of a search view, as the web
        client does (the filter's domain is evaluated with today's date)."""
        records = self.env[model].with_user(user or self.salesman)
        view = records.get_view(self.env.ref(view_xmlid).id, "search")
        node = etree.fromstring(view["arch"]).xpath(f"//filter[@name='{filter_name}']")
        self.assertTrue(node, f"no filter {filter_name} in {view_xmlid}")
        domain = safe_eval(
            node[0].get("domain"),
            {
                "context_today": lambda: fields.Date.context_today(records),
                "datetime": safe_datetime,
                "relativedelta": dateutil.relativedelta.relativedelta,
                "time": time,
                "uid": records.env.uid,
            },
        )
        return records.search(domain)
