# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import json
import re

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.spreadsheet.utils.validate_data import (
    fields_in_spreadsheet,
    odoo_charts,
)

DASHBOARD = "sales_standard_spreadsheet.spreadsheet_dashboard_sales_standard"
SALESMAN = "sales_team.group_sale_salesman"
HEAD = "sales_team.group_sale_manager"
ACCOUNTANT = "account.group_account_invoice"
# The pivot id a PIVOT.VALUE / PIVOT.HEADER formula reads.
PIVOT_FORMULA = re.compile(r"PIVOT(?:\.VALUE|\.HEADER)?\(\s*(\d+)\s*,")
# The value of a selection a PIVOT.VALUE formula reads: "field","value".
SELECTION_ARG = re.compile(r'"(contact_form|client_type)","(\w+)"')


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15 09:00:00")
class TestSalesStandardDashboard(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env.ref(DASHBOARD)
        cls.data = json.loads(cls.dashboard.spreadsheet_data)
        cls.salesman = new_test_user(cls.env, login="ss_dash_salesman", groups=SALESMAN)
        cls.salesman_2 = new_test_user(
            cls.env, login="ss_dash_salesman_2", groups=SALESMAN
        )
        cls.head = new_test_user(cls.env, login="ss_dash_head", groups=HEAD)
        cls.accountant = new_test_user(
            cls.env, login="ss_dash_accountant", groups=ACCOUNTANT
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "Volga Pumps", "is_company": True, "client_type": "dealer"}
        )

    def _sources(self):
        """Every data source of the spreadsheet: (kind, model, domain,
        group-bys, measures)."""
        for pivot in self.data["pivots"].values():
            yield (
                f"pivot {pivot['id']}",
                pivot["model"],
                pivot["domain"],
                [d["fieldName"] for d in pivot["rows"] + pivot["columns"]],
                [m["fieldName"] for m in pivot["measures"]],
            )
        for chart in odoo_charts(self.data):
            meta = chart["metaData"]
            yield (
                f"chart {chart['id']}",
                meta["resModel"],
                chart["searchParams"]["domain"],
                meta["groupBy"],
                [meta["measure"]],
            )

    def test_dashboard_record(self):
        self.assertEqual(self.dashboard.name, "Sales Standard")
        self.assertTrue(self.dashboard.is_published)
        self.assertEqual(
            self.dashboard.dashboard_group_id,
            self.env.ref("spreadsheet_dashboard.spreadsheet_dashboard_group_sales"),
        )
        self.assertEqual(
            self.dashboard.group_ids, self.env.ref(SALESMAN) | self.env.ref(HEAD)
        )

    def test_spreadsheet_data(self):
        """The JSON is an o-spreadsheet workbook of Odoo 18 whose formulas
        read only its own pivots, and whose date filter matches a date."""
        self.assertEqual(self.data["odooVersion"], 12)
        self.assertTrue(self.data["pivots"])
        self.assertEqual(len(odoo_charts(self.data)), 3)
        formulas = [
            cell["content"]
            for sheet in self.data["sheets"]
            for cell in sheet["cells"].values()
            if cell.get("content", "").startswith("=")
        ]
        used = {pid for f in formulas for pid in PIVOT_FORMULA.findall(f)}
        self.assertEqual(used, set(self.data["pivots"]))
        # The columns of the tables are the values of the selections.
        models = {p["id"]: p["model"] for p in self.data["pivots"].values()}
        selections = 0
        for formula in formulas:
            for fname, value in SELECTION_ARG.findall(formula):
                selections += 1
                model = self.env[models[PIVOT_FORMULA.findall(formula)[0]]]
                with self.subTest(formula=formula):
                    self.assertIn(value, dict(model._fields[fname].selection))
        self.assertTrue(selections)
        for pivot in self.data["pivots"].values():
            with self.subTest(pivot=pivot["id"]):
                self.assertEqual(pivot["id"], pivot["formulaId"])
        filter_ids = {f["id"] for f in self.data["globalFilters"]}
        for kind, matchings in [
            (f"pivot {p['id']}", p["fieldMatching"])
            for p in self.data["pivots"].values()
        ] + [(f"chart {c['id']}", c["fieldMatching"]) for c in odoo_charts(self.data)]:
            for filter_id, matching in matchings.items():
                with self.subTest(source=kind, filter=filter_id):
                    self.assertIn(filter_id, filter_ids)
                    self.assertEqual(matching["type"], "date")

    def test_fields_exist(self):
        """Every model and field the spreadsheet names exists, and a
        salesperson can read its description (fields_get)."""
        references = fields_in_spreadsheet(self.data)
        self.assertIn("sales.contact.log", references)
        for model, chains in references.items():
            self.assertIn(model, self.env)
            for chain in chains:
                with self.subTest(model=model, field=chain):
                    current = self.env[model]
                    for fname in chain.split("."):
                        described = current.with_user(self.salesman).fields_get(
                            [fname], ["type", "relation"]
                        )
                        self.assertIn(fname, described)
                        if described[fname].get("relation"):
                            current = self.env[described[fname]["relation"]]

    def test_contacts_are_contacts(self):
        """The contacts' chart and table count the contacts of the log, not
        its deal milestones."""
        log = self.env["sales.contact.log"]
        common = {"partner_id": self.client.id, "user_id": self.salesman.id}
        log.create(
            [
                dict(common, topic="Call", contact_form="call_out"),
                dict(common, topic="Visit", contact_form="visit"),
                dict(common, topic="Order", contact_form="other", milestone="order"),
            ]
        )
        pivot = self.data["pivots"]["1"]
        self.assertEqual(pivot["model"], "sales.contact.log")
        domain = pivot["domain"] + [("user_id", "=", self.salesman.id)]
        groups = log.with_user(self.salesman_2)._read_group(
            domain, ["contact_form"], ["__count"]
        )
        self.assertEqual(dict(groups), {"call_out": 1, "visit": 1})

    def test_salesman_reads_the_dashboard(self):
        for user in (self.salesman, self.head):
            with self.subTest(user=user.login):
                dashboards = self.env["spreadsheet.dashboard"].with_user(user)
                self.assertIn(self.dashboard, dashboards.search([]))
                group = self.dashboard.dashboard_group_id.with_user(user)
                self.assertIn(self.dashboard, group.published_dashboard_ids)
                result = self.dashboard.with_user(user).get_readonly_dashboard()
                self.assertEqual(
                    result["snapshot"]["pivots"].keys(), self.data["pivots"].keys()
                )
                self.assertNotIn("is_sample", result)
                # What the spreadsheet then asks the server for, as the user.
                for kind, model, domain, groupby, measures in self._sources():
                    with self.subTest(source=kind):
                        self.env[model].with_user(user).read_group(
                            domain, measures, groupby, lazy=False
                        )

    def test_accountant_does_not_see_it(self):
        dashboards = self.env["spreadsheet.dashboard"].with_user(self.accountant)
        self.assertNotIn(self.dashboard, dashboards.search([]))
        # The Dashboards app lists the published dashboards of each group.
        group = self.dashboard.dashboard_group_id.with_user(self.accountant)
        self.assertNotIn(self.dashboard, group.published_dashboard_ids)
        with self.assertRaises(AccessError):
            self.dashboard.with_user(self.accountant).read(["name"])


@tagged("post_install", "-at_install")
class TestSalesStandardDashboardTour(HttpCase):
    def test_dashboard_evaluates(self):
        """A salesperson opens the dashboard in the Dashboards app: the
        real o-spreadsheet loads it, and no formula, pivot or chart is in
        error."""
        new_test_user(self.env, login="ss_dash_tour", groups=SALESMAN)
        self.start_tour(
            "/odoo/dashboards",
            "sales_standard_spreadsheet_dashboard",
            login="ss_dash_tour",
        )
