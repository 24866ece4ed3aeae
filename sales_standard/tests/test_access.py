# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import SalesStandardCase

# Who may do what (docs/security.md, "Who may do what"). Columns are the users:
# S = salesperson (own documents), A = salesperson (all documents),
# H = sales administrator (head of sales), R = regional promotion manager,
# I = invoicing user without sales rights, U = internal user without sales rights,
# P = portal user, X = public user (the website visitor): P and X get nothing.
# "own" records belong to the acting user; "other" ones to another salesperson.
USERS = "SAHRIUPX"
MATRIX = {
    # model, record:                   read      write     create    unlink
    ("sales.contact.log", "own"): ("SAHR", "SAHR", "SAHR", "SAHR"),
    ("sales.contact.log", "other"): ("SAHR", "AH", "AH", "AH"),
    ("sales.region", "own"): ("SAHR", "HR", "H", "H"),
    ("sales.region", "other"): ("SAHR", "H", "H", "H"),
    ("sales.first.contact", "own"): ("SAHR", "SAHR", "SAHR", "SAHR"),
    ("sales.first.contact.person", "own"): ("SAHR", "SAHR", "SAHR", "SAHR"),
    ("sales.client.list", "own"): ("SAHR", "SAHR", "SAHR", "SAHR"),
    ("sales.client.list", "other"): ("AH", "AH", "AH", "AH"),
    ("sales.client.list.line", "own"): ("SAHR", "SAHR", "SAHR", "SAHR"),
    ("sales.client.list.line", "other"): ("AH", "AH", "AH", "AH"),
    ("sales.daily.plan", "own"): ("SAHR", "SAHR", "SAHR", "SAHR"),
    ("sales.daily.plan", "other"): ("AH", "AH", "AH", "AH"),
    ("sales.daily.plan.line", "own"): ("SAHR", "SAHR", "SAHR", "SAHR"),
    ("sales.daily.plan.line", "other"): ("AH", "AH", "AH", "AH"),
    ("sales.daily.plan.reschedule", "own"): ("SAHR", "SAHR", "SAHR", "SAHR"),
    ("sales.daily.plan.cancel", "own"): ("SAHR", "SAHR", "SAHR", "SAHR"),
    # Invoicing users read the trips, for the advances and expenses.
    ("sales.trip", "own"): ("SAHRI", "SAHR", "SAHR", "SAHR"),
    ("sales.trip", "other"): ("AHI", "AH", "AH", "AH"),
    ("sales.trip.visit", "own"): ("SAHR", "SAHR", "SAHR", "SAHR"),
    ("sales.trip.visit", "other"): ("AH", "AH", "AH", "AH"),
    ("sales.trip.add.visits", "own"): ("SAHR", "SAHR", "SAHR", "SAHR"),
    # Reviews in progress belong to the head of sales (a manager reads their
    # own reviews once closed: see test_manager_report).
    ("sales.manager.report", "own"): ("H", "H", "H", "H"),
    ("sales.manager.report", "other"): ("H", "H", "H", "H"),
    ("sales.manager.report.instruction", "own"): ("H", "H", "H", "H"),
    # Reports computed from the data: read-only for every user.
    ("sales.region.portfolio", "own"): ("SAHR", "", "", ""),
    ("sales.region.industry", "own"): ("SAHR", "", "", ""),
    ("sales.manager.dashboard", "own"): ("SAHR", "", "", ""),
    ("sales.manager.review.status", "own"): ("H", "", "", ""),
    ("sales.payment.analysis", "own"): ("H", "", "", ""),
    # Client passports: salespeople keep them; only the head deletes one.
    ("sales.client.passport", "own"): ("SAHR", "SAHR", "SAHR", "H"),
    # A contract filed by hand by someone else: a salesperson deletes only
    # what they uploaded (see test_client_passport).
    ("sales.client.passport.document", "own"): ("SAHR", "SAHR", "SAHR", "H"),
    # An invoice of the passport: invoicing users read it, and nothing else.
    ("sales.client.passport.document", "other"): ("SAHRI", "SAHR", "SAHR", "H"),
    ("sales.client.passport.deal", "own"): ("SAHR", "", "", ""),
    ("sales.acceptance.upload", "own"): ("SAHR", "SAHR", "SAHR", "SAHR"),
    ("sales.contact.report", "own"): ("SAHR", "SAHR", "SAHR", "SAHR"),
}
REPORTS = {
    "sales.region.portfolio",
    "sales.region.industry",
    "sales.manager.dashboard",
    "sales.manager.review.status",
    "sales.payment.analysis",
    "sales.client.passport.deal",
}
OPERATIONS = ("read", "write", "create", "unlink")
# Monday 1 June 2026, the day of the plans and trips the matrix makes,
# mid-morning to evening from Kaliningrad (UTC+2) to Kamchatka (UTC+12).
NOW = "2026-06-01 08:00:00"


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAccess(SalesStandardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "S": cls.salesman,
            "A": cls.salesman_all,
            "H": cls.sales_admin,
            "R": cls.regional,
            "I": cls.accountant,
            "U": cls.internal,
            "P": new_test_user(cls.env, login="ss_portal", groups="base.group_portal"),
            "X": cls.env.ref("base.public_user"),
        }

    def _values(self, model, owner):
        """Values of a record of `model` that belongs to `owner`."""
        if model == "sales.contact.log":
            return {"partner_id": self.client.id, "topic": "Call", "user_id": owner.id}
        if model == "sales.region":
            return {"name": f"Region of {owner.login}", "manager_id": owner.id}
        if model == "sales.client.list":
            return {"region_id": self.region.id, "user_id": owner.id}
        if model == "sales.client.list.line":
            client_list = self.env["sales.client.list"].create(
                {"region_id": self.region.id, "user_id": owner.id}
            )
            return {"list_id": client_list.id, "partner_id": self.client.id}
        for prefix, builder in (
            ("sales.daily.plan", self._plan_values),
            ("sales.trip", self._trip_values),
            ("sales.manager.report", self._review_values),
            ("sales.client.passport", self._passport_values),
            ("sales.acceptance.upload", self._passport_values),
            ("sales.contact.report", self._passport_values),
        ):
            if model.startswith(prefix):
                return builder(model, owner)
        if model in REPORTS:
            return {}
        if model == "sales.first.contact":
            return {"topic": "Call", "user_id": owner.id}
        # A contact person line of a wizard opened by the same user.
        wizard = self.env["sales.first.contact"].with_user(owner)
        if owner.has_group("sales_team.group_sale_salesman"):
            wizard = wizard.create({"topic": "Call"})
        return {"wizard_id": wizard.id, "name": "Ivan Petrov"}

    def _plan_values(self, model, owner):
        if model == "sales.daily.plan":
            return {"user_id": owner.id, "date": "2026-06-01"}
        plan = self.env["sales.daily.plan"].create(
            {"user_id": owner.id, "date": "2026-06-01"}
        )
        line = self.env["sales.daily.plan.line"].create(
            {"plan_id": plan.id, "partner_id": self.client.id, "topic": "Call"}
        )
        if model == "sales.daily.plan.line":
            return {"plan_id": plan.id, "partner_id": self.client.id}
        if model == "sales.daily.plan.reschedule":
            return {"line_id": line.id, "date": "2026-06-02"}
        return {"line_id": line.id, "reason": "Holiday"}

    def _trip_values(self, model, owner):
        trip = {
            "user_id": owner.id,
            "date_from": "2026-06-01",
            "date_to": "2026-06-02",
            "purpose": "Visit the plant",
        }
        if model == "sales.trip":
            return trip
        trip = self.env["sales.trip"].create(trip)
        if model == "sales.trip.visit":
            return {
                "trip_id": trip.id,
                "partner_id": self.client.id,
                "planned_date": "2026-06-01",
            }
        return {"trip_id": trip.id}

    def _review_values(self, model, owner):
        if model == "sales.manager.report":
            return {"manager_id": owner.id}
        report = self.env["sales.manager.report"].create({"manager_id": owner.id})
        return {"report_id": report.id, "name": "Call the clients"}

    def _passport_values(self, model, owner):
        client = self.env["res.partner"].create(
            {"name": f"Passport client {owner.login}", "is_company": True}
        )
        if model == "sales.client.passport":
            return {"partner_id": client.id}
        passport = self.env["sales.client.passport"].create({"partner_id": client.id})
        if model == "sales.contact.report":
            return {"passport_id": passport.id}
        if model == "sales.acceptance.upload":
            order = self.env["sale.order"].create({"partner_id": client.id})
            order.action_confirm()
            return {"sale_order_id": order.id, "file": "UERG", "file_name": "a.pdf"}
        return {
            "passport_id": passport.id,
            "doc_type": "invoice" if owner == self.salesman_2 else "contract",
            "name": "Document",
        }

    def _try(self, user, model, operation, owner):
        values = self._values(model, owner)
        records = self.env[model].with_user(user)
        if model in REPORTS:
            if operation == "read":
                records.search_read([], limit=1)
            elif operation == "create":
                records.create({})
            else:
                records.browse(1).check_access(operation)
            return
        if operation == "create":
            records.create(values)
            return
        if records._transient:
            # A wizard belongs to the user who opened it.
            record = records.create(values)
        else:
            record = self.env[model].create(values).with_user(user)
        if operation == "read":
            record.read(list(values))
        elif operation == "write":
            field = next(
                f
                for f in (
                    "name",
                    "topic",
                    "date",
                    "reason",
                    "goal",
                    "conclusions",
                    "date_opened",
                    "date_from",
                )
                if f in record._fields
            )
            record.write(
                {field: "2026-01-01" if field.startswith("date") else "Changed"}
            )
        else:
            record.unlink()

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_access_matrix(self):
        checked = 0
        for (model, kind), allowed_by_op in MATRIX.items():
            for operation, allowed in zip(OPERATIONS, allowed_by_op, strict=True):
                for code in USERS:
                    user = self.users[code]
                    owner = user if kind == "own" else self.salesman_2
                    with self.subTest(
                        model=model, record=kind, op=operation, user=code
                    ):
                        with self.env.cr.savepoint() as savepoint:
                            if code in allowed:
                                self._try(user, model, operation, owner)
                                self.env.flush_all()
                            else:
                                with self.assertRaises(AccessError):
                                    self._try(user, model, operation, owner)
                            savepoint.rollback()
                    checked += 1
        self.assertEqual(checked, len(MATRIX) * len(OPERATIONS) * len(USERS))

    def test_sales_menus_hidden_from_users_without_sales_rights(self):
        menus = [
            "sales_standard.sales_standard_menu",
            "sales_standard.sales_contact_log_menu",
            "sales_standard.sales_first_contact_menu",
            "sales_standard.res_partner_menu_client_card",
            "sales_standard.sales_daily_plan_menu_my_day",
            "sales_standard.sales_daily_plan_menu",
            "sales_standard.sales_daily_plan_line_menu",
            "sales_standard.sales_trip_menu",
        ]
        for user in (self.accountant, self.internal):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            for xmlid in menus:
                self.assertNotIn(
                    self.env.ref(xmlid).id, visible, f"{xmlid} {user.login}"
                )
        visible = self.env["ir.ui.menu"].with_user(self.salesman)._visible_menu_ids()
        self.assertIn(self.env.ref("sales_standard.sales_contact_log_menu").id, visible)

    def test_company_rule(self):
        other_company = self.env["res.company"].create({"name": "Branch"})
        branch_user = self.env["res.users"].create(
            {
                "name": "Branch salesman",
                "login": "ss_branch",
                "company_id": other_company.id,
                "company_ids": [(6, 0, other_company.ids)],
                "groups_id": [
                    (6, 0, self.env.ref("sales_team.group_sale_salesman_all_leads").ids)
                ],
            }
        )
        log = self.env["sales.contact.log"].create(
            {
                "partner_id": self.client.id,
                "topic": "Branch call",
                "user_id": branch_user.id,
                "company_id": other_company.id,
            }
        )
        logs = self.env["sales.contact.log"]
        self.assertNotIn(log, logs.with_user(self.salesman_all).search([]))
        self.assertIn(log, logs.with_user(branch_user).search([]))
        with self.assertRaises(AccessError):
            log.with_user(self.salesman_all).read(["topic"])
