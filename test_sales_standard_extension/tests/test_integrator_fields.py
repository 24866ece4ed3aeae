# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""sales_standard inserts plans, plan lines, passports and reviews in one SQL
statement each: the integrator's required fields get their defaults there
too, and the rows are dated by the ORM's clock, as ``create`` dates them."""

from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

SALESMAN = "sales_team.group_sale_salesman"
SALES_ADMIN = "sales_team.group_sale_manager"
# Wednesday 1 April 2026, mid-morning in Europe: a working day.
NOW = "2026-04-01 08:00:00"
STAMP = datetime(2026, 4, 1, 8, 0)
TODAY = date(2026, 4, 1)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestIntegratorFields(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The ORM's clock is the frozen one, as in a test cursor.
        cls.startClassPatcher(patch.object(cls.cr, "now", fields.Datetime.now))
        cls.salesman = new_test_user(cls.env, login="ext_salesman", groups=SALESMAN)
        cls.head = new_test_user(cls.env, login="ext_head", groups=SALES_ADMIN)
        cls.client = cls.env["res.partner"].create(
            {"name": "Ural Valves", "is_company": True}
        )

    def assertInserted(self, records, code):
        """The records exist, with the integrator's default, dated by the
        ORM's clock, by the user who made them."""
        self.assertTrue(records)
        for record in records:
            self.assertEqual(record.integrator_code, code)
            self.assertEqual(
                (record.create_date, record.write_date), (STAMP, STAMP), code
            )

    def test_morning_plan_and_its_lines(self):
        self.env["sales.contact.log"].with_user(self.salesman).create(
            {
                "partner_id": self.client.id,
                "date": TODAY,
                "topic": "Valves for the spring",
                "next_contact_date": TODAY,
                "next_step": "Call again",
            }
        )
        plans = self.env["sales.daily.plan"].with_user(self.salesman)
        plan = plans.browse(plans.action_open_my_day()["res_id"])
        self.assertEqual((plan.user_id, plan.date), (self.salesman, TODAY))
        self.assertInserted(plan, "PLAN")
        self.assertEqual(plan.create_uid, self.salesman)
        self.assertEqual(plan.line_ids.partner_id, self.client)
        self.assertInserted(plan.line_ids, "LINE")
        self.assertEqual(
            plans.browse(plans.action_open_my_day()["res_id"]),
            plan,
            "opened again, the existing plan",
        )

    def test_first_request_opens_the_passport(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create({"name": "Request: valves", "partner_id": self.client.id})
        )
        passport = self.env["sales.client.passport"].search(
            [("partner_id", "=", self.client.id)]
        )
        self.assertEqual(passport.lead_id, lead)
        self.assertInserted(passport, "PASSPORT")
        self.assertEqual(passport.create_uid, self.salesman)
        self.assertEqual(passport.document_ids.lead_id, lead)
        self.assertInserted(passport.document_ids, "DOCUMENT")

    def test_review_reminders(self):
        self.env["sales.manager.report"]._cron_remind_reviews()
        review = self.env["sales.manager.report"].search(
            [("manager_id", "=", self.salesman.id)]
        )
        self.assertEqual(
            (review.state, review.date_from, review.date_to),
            ("draft", date(2026, 3, 16), date(2026, 3, 31)),
        )
        self.assertInserted(review, "REVIEW")
        self.assertEqual(len(review.activity_ids), 1, "the head is reminded")
