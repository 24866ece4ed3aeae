# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SALES_ADMIN, SALESMAN
from .test_tour import plan_followups


@tagged("post_install", "-at_install")
class TestWebClientOnAPhone(HttpCase):
    """A manager between two visits, on a 375×667 phone."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.addon_statics = http.root.statics
        cls.salesman = new_test_user(
            cls.env,
            login="ss_phone",
            password="ss_phone",
            groups=SALESMAN,
            tz="Asia/Yekaterinburg",
        )
        cls.head = new_test_user(cls.env, login="ss_phone_head", groups=SALES_ADMIN)

    def test_my_day_on_a_phone_tour(self):
        """The first client card and all its buttons are in the first
        screen, and the contact is logged from it."""
        plan_followups(self.env, self.salesman, "Plan Tour")
        self.start_tour(
            "/odoo/action-sales_standard.sales_daily_plan_action_my_day",
            "sales_standard_my_day_phone",
            login="ss_phone",
        )
        plan = self.env["sales.daily.plan"].search([("user_id", "=", self.salesman.id)])
        self.assertEqual(plan.progress, "1 of 2 done")
        line = plan.line_ids.filtered(lambda line: line.state == "done")
        self.assertEqual(line.partner_id.name, "Plan Tour Overdue")
        self.assertEqual(line.log_id.result, "Called between two visits")

    def test_trip_visit_on_a_phone_tour(self):
        """A visit of an approved trip is reported made, with its result,
        from its card."""
        client = self.env["res.partner"].create(
            {"name": "Phone Trip Client", "is_company": True}
        )
        trip = (
            self.env["sales.trip"]
            .with_user(self.salesman)
            .create(
                {
                    "destination": "Chelyabinsk",
                    "date_from": "2099-03-02",
                    "date_to": "2099-03-03",
                    "purpose": "Meet the pipe plants",
                    "visit_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": client.id,
                                "planned_date": "2099-03-02",
                                "goal": "Hand over samples",
                            },
                        )
                    ],
                }
            )
        )
        trip.action_submit()
        trip.with_user(self.head).action_approve()
        self.start_tour(
            f"/odoo/action-sales_standard.sales_trip_action/{trip.id}",
            "sales_standard_trip_visit_phone",
            login="ss_phone",
        )
        self.assertTrue(trip.visit_ids.made)
        self.assertEqual(trip.visit_ids.result, "Samples handed over")
        self.assertEqual(trip.visit_ids.write_uid, self.salesman)

    def test_client_passport_on_a_phone_tour(self):
        """The client passport opens from the list and shows the request."""
        client = self.env["res.partner"].create(
            {"name": "Phone Passport Pumps", "is_company": True}
        )
        self.env["crm.lead"].create(
            {
                "name": "Phone Passport request",
                "type": "opportunity",
                "partner_id": client.id,
                "user_id": self.salesman.id,
            }
        )
        self.assertTrue(
            self.env["sales.client.passport"].search([("partner_id", "=", client.id)])
        )
        self.start_tour(
            "/odoo/action-sales_standard.sales_client_passport_action",
            "sales_standard_client_passport_phone",
            login="ss_phone",
        )
