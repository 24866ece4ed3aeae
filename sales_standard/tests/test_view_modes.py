# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.tests import tagged

from .common import SalesStandardCase

# The actions of the records with follow-ups (mail.activity.mixin), and the
# activity view of each: the web client opens the action's views with
# get_views, as the user who clicks the menu.
ACTIVITY_VIEWS = {
    "sales_standard.sales_region_action": "sales_standard.sales_region_view_activity",
    "sales_standard.sales_trip_action": "sales_standard.sales_trip_view_activity",
    "sales_standard.sales_manager_report_action": (
        "sales_standard.sales_manager_report_view_activity"
    ),
}


@tagged("post_install", "-at_install")
class TestViewModes(SalesStandardCase):
    def _views_of(self, xmlid, user):
        """The view modes of the action and the views the web client gets
        for them, as `user` loads them (/web/action/load reads the action as
        superuser, then the client asks for its views as the user)."""
        data = self.env.ref(xmlid)._get_action_dict()
        views = (
            self.env[data["res_model"]]
            .with_user(user)
            .get_views([tuple(view) for view in data["views"]])["views"]
        )
        return data["view_mode"].split(","), views

    def test_portfolio_opens_as_a_graph(self):
        modes, views = self._views_of(
            "sales_standard.sales_region_portfolio_action", self.salesman
        )
        self.assertEqual(modes[0], "graph")
        self.assertIn("pivot", modes)
        self.assertEqual(
            views["graph"]["id"],
            self.env.ref("sales_standard.sales_region_portfolio_view_graph").id,
        )

    def test_activity_views(self):
        for action, view in ACTIVITY_VIEWS.items():
            for user in (self.salesman, self.sales_admin):
                with self.subTest(action=action, user=user.login):
                    modes, views = self._views_of(action, user)
                    self.assertIn("activity", modes)
                    # The module's own view, not the one mail makes up.
                    self.assertEqual(views["activity"]["id"], self.env.ref(view).id)
                    self.assertIn("<activity", views["activity"]["arch"])
