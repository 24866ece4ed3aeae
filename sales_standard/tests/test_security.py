# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""No injection, no private door, no way into another company's records, and
the defects the hostile RPC test found (see docs/security.md)."""

import ast
import base64
import inspect
from pathlib import Path

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import new_test_user, tagged

from .common import SALES_ADMIN, SALESMAN_ALL, SalesStandardCase

ADDONS = (
    "sales_standard",
    "sales_standard_stock",
    "sales_standard_mrp",
    "sales_standard_spreadsheet",
)
# Public methods (callable over RPC) that are not buttons: Odoo's own API.
PUBLIC_API = {"create", "write", "unlink", "init", "get_import_templates"}
# Monday 1 June 2026, mid-morning to evening from Kaliningrad (UTC+2) to
# Kamchatka (UTC+12): what the module dates today (entries, review periods,
# passport documents) is the same at any real hour. The dates the tests give
# are in 2099: after today, whichever.
NOW = "2026-06-01 08:00:00"


def _sources(suffix):
    """The addons' files, without their tests."""
    for addon in ADDONS:
        path = get_module_path(addon, display_warning=False)
        if path:
            yield from sorted(
                file
                for file in Path(path).rglob(f"*{suffix}")
                if "tests" not in file.parts
            )


def _string_built(node):
    """Whether this expression builds a string at run time from pieces."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    )


@tagged("post_install", "-at_install")
class TestNoInjection(SalesStandardCase):
    def test_no_sql_built_from_strings(self):
        """Every query is a constant text with parameters, through SQL() or
        cr.execute: never an f-string, % or + or .format() of a string."""
        offenders = []
        checked = 0
        for path in _sources(".py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                func = node.func
                name = (
                    func.attr
                    if isinstance(func, ast.Attribute)
                    else getattr(func, "id", None)
                )
                if name in ("execute", "SQL", "execute_values"):
                    checked += 1
                    if _string_built(node.args[0]):
                        offenders.append(f"{path.name}:{node.lineno}")
        self.assertGreater(checked, 10, "the scan found the module's queries")
        self.assertEqual(offenders, [], "SQL built from strings")

    def test_no_raw_output_in_templates(self):
        raw = [
            path.name
            for path in _sources(".xml")
            if "t-raw" in path.read_text() or "Markup(f" in path.read_text()
        ]
        raw += [path.name for path in _sources(".py") if "Markup(f" in path.read_text()]
        self.assertEqual(raw, [])

    def test_public_methods_are_buttons_or_odoo_api(self):
        """A method without a leading underscore can be called over RPC by
        any user with access to the model: only buttons are public."""
        public = set()
        for model in self.env.values():
            for cls in type(model).__mro__:
                if not cls.__module__.startswith(
                    tuple(f"odoo.addons.{addon}." for addon in ADDONS)
                ):
                    continue
                for name, member in vars(cls).items():
                    if (
                        callable(member)
                        and not name.startswith("_")
                        and not inspect.isclass(member)
                    ):
                        public.add((model._name, name))
        self.assertTrue(public, "the scan found the module's methods")
        strays = sorted(
            f"{model}.{name}"
            for model, name in public
            if not name.startswith("action_") and name not in PUBLIC_API
        )
        self.assertEqual(strays, [])

    @freeze_time(NOW)
    def test_user_text_is_escaped_in_chatter_and_reports(self):
        script = "<script>alert('x')</script>"
        log = (
            self.env["sales.contact.log"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.client.id,
                    "topic": script,
                    "result": f"<img src=x onerror=alert(1)> {script}",
                    "next_contact_date": "2099-01-10",
                }
            )
        )
        note = self.client.message_ids[:1]
        self.assertNotIn("<script>", note.body)
        self.assertIn("&lt;script&gt;", note.body)
        self.assertNotIn("<img", note.body)
        activity = log.activity_ids
        self.assertEqual(activity.summary, script, "a plain text summary")
        region = self.env["sales.region"].create(
            {"name": script, "geopolitical_info": f"<p>{script}</p>"}
        )
        report = self.env.ref("sales_standard.action_report_region_passport")
        html = report._render_qweb_html(report.report_name, region.ids)[0].decode()
        self.assertNotIn("<script>alert", html)
        self.assertIn("&lt;script&gt;", html)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestOwnRecordsStayOwn(SalesStandardCase):
    """What the hostile RPC test found, one test each."""

    def _trip(self, user, **values):
        return (
            self.env["sales.trip"]
            .with_user(user)
            .create(
                {
                    "date_from": "2099-03-02",
                    "date_to": "2099-03-03",
                    "purpose": "Visit the plant",
                    **values,
                }
            )
        )

    def test_a_salesperson_cannot_approve_their_own_trip(self):
        trip = self._trip(self.salesman)
        for state in ("approved", "done", "submitted"):
            with self.assertRaises(UserError):
                trip.write({"state": state})
        with self.assertRaises(UserError):
            trip.write({"approved_by_id": self.salesman.id})
        trip.action_submit()
        self.assertEqual(trip.state, "submitted")
        with self.assertRaises(AccessError):
            trip.action_approve()
        trip.with_user(self.sales_admin).action_approve()
        self.assertEqual(trip.approved_by_id, self.sales_admin)

    def test_own_documents_cannot_be_given_away(self):
        plan = (
            self.env["sales.daily.plan"]
            .with_user(self.salesman)
            .create({"user_id": self.salesman.id, "date": "2099-03-02"})
        )
        client_list = (
            self.env["sales.client.list"]
            .with_user(self.salesman)
            .create({"region_id": self.region.id, "user_id": self.salesman.id})
        )
        trip = self._trip(self.salesman)
        for record in (plan, client_list, trip):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                record.write({"user_id": self.salesman_2.id})
            self.assertEqual(record.user_id, self.salesman)

    def test_no_contact_on_a_colleagues_list_or_trip(self):
        client_list = self.env["sales.client.list"].create(
            {"region_id": self.region.id, "user_id": self.salesman_2.id}
        )
        line = self.env["sales.client.list.line"].create(
            {"list_id": client_list.id, "partner_id": self.client.id}
        )
        trip = self._trip(self.salesman_2)
        visit = self.env["sales.trip.visit"].create(
            {
                "trip_id": trip.id,
                "partner_id": self.client.id,
                "planned_date": "2099-03-02",
            }
        )
        Log = self.env["sales.contact.log"].with_user(self.salesman)
        for link in ({"client_list_line_id": line.id}, {"trip_visit_id": visit.id}):
            with self.assertRaises(ValidationError):
                Log.create({"partner_id": self.client.id, "topic": "Call", **link})
        self.assertFalse(line.log_id)
        self.assertFalse(visit.log_ids)

    def test_a_forged_context_links_no_followup(self):
        """Neither the context key of the log's own follow-ups nor a default
        value of the link links a user's activity to an entry."""
        colleague_log = self.env["sales.contact.log"].create(
            {
                "partner_id": self.client.id,
                "user_id": self.salesman_2.id,
                "topic": "Colleague's call",
            }
        )
        values = {
            "res_model_id": self.env["ir.model"]._get_id("res.partner"),
            "res_id": self.other_client.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "user_id": self.salesman.id,
        }
        Activity = self.env["mail.activity"].with_user(self.salesman)
        forged = Activity.with_context(sales_standard_followup=True).create(
            {**values, "sales_contact_log_id": colleague_log.id}
        )
        by_default = Activity.with_context(
            sales_standard_followup=True,
            default_sales_contact_log_id=colleague_log.id,
        ).create(values)
        self.assertFalse((forged | by_default).sales_contact_log_id)

    def test_forged_defaults_make_no_entry_odoo_s_own(self):
        """The context's default values are the client's to send: they do
        not mark an entry as logged or captured by Odoo."""
        log = (
            self.env["sales.contact.log"]
            .with_user(self.salesman)
            .with_context(
                default_is_automatic=True,
                default_is_captured=True,
                default_capture_source="message",
                default_capture_model="res.partner",
                default_capture_res_id=self.client.id,
            )
            .create({"partner_id": self.client.id, "topic": "Call"})
        )
        self.assertRecordValues(
            log,
            [
                {
                    "is_automatic": False,
                    "is_captured": False,
                    "capture_source": False,
                    "capture_model": False,
                    "capture_res_id": False,
                    "is_contact": True,
                }
            ],
        )

    def test_only_odoo_logs_a_milestone_as_automatic(self):
        log = (
            self.env["sales.contact.log"]
            .with_user(self.salesman)
            .create(
                {"partner_id": self.client.id, "topic": "Call", "is_automatic": True}
            )
        )
        self.assertFalse(log.is_automatic)
        log.write({"is_automatic": True})
        self.assertFalse(log.is_automatic)

    def test_bad_dates_are_refused_cleanly(self):
        Log = self.env["sales.contact.log"].with_user(self.salesman)
        for bad in ("10000-01-01", "not a date"):
            with self.assertRaises(ValidationError):
                Log.create({"partner_id": self.client.id, "topic": "x", "date": bad})
        wizard = self.env["sales.contact.report"].create(
            {"passport_id": self._passport().id}
        )
        with self.assertRaises(ValidationError):
            wizard.write({"date_from": "2099-01-01", "date_to": "2098-01-01"})

    def _passport(self):
        return self.env["sales.client.passport"].create({"partner_id": self.client.id})


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestTwoCompanies(SalesStandardCase):
    """A user of company A sees nothing of company B: not by search, not by
    name_search, not through a related field, a report or a PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company_b = env["res.company"].create({"name": "Company B"})
        cls.head_a = new_test_user(env, login="ss_head_a", groups=SALES_ADMIN)
        cls.all_a = new_test_user(env, login="ss_all_a", groups=SALESMAN_ALL)
        user_b = new_test_user(
            env,
            login="ss_salesman_b",
            groups="sales_team.group_sale_manager",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        B = {"company_id": cls.company_b.id}
        region = env["sales.region"].create({"name": "Region B", **B})
        # A shared client (no company) with history in both companies.
        cls.log_b = env["sales.contact.log"].create(
            {
                "partner_id": cls.client.id,
                "user_id": user_b.id,
                "topic": "Secret of B",
                "contact_form": "meeting",
                "next_contact_date": "2099-05-01",
                **B,
            }
        )
        passport = env["sales.client.passport"].create(
            {"partner_id": cls.client.id, **B}
        )
        env["sales.client.passport.document"].create(
            {
                "passport_id": passport.id,
                "doc_type": "contract",
                "name": "Secret of B contract",
                "file": base64.b64encode(b"B"),
            }
        )
        cls.records_b = {
            "sales.contact.log": cls.log_b,
            "sales.region": region,
            "sales.client.list": env["sales.client.list"].create(
                {"region_id": region.id, "user_id": user_b.id, **B}
            ),
            "sales.daily.plan": env["sales.daily.plan"].create(
                {"user_id": user_b.id, "date": "2099-05-01", **B}
            ),
            "sales.trip": env["sales.trip"].create(
                {
                    "user_id": user_b.id,
                    "date_from": "2099-05-02",
                    "date_to": "2099-05-03",
                    "purpose": "Secret of B trip",
                    **B,
                }
            ),
            "sales.manager.report": env["sales.manager.report"].create(
                {"manager_id": user_b.id, "reviewer_id": user_b.id, **B}
            ),
            "sales.client.passport": passport,
            "sales.client.passport.document": passport.document_ids,
            # Unmatched: the call every salesperson of B sees.
            "sales.call": env["sales.call"].create(
                {
                    "call_ref": "B-1",
                    "direction": "in",
                    "number": "B 555",
                    "start": "2099-05-01 10:00:00",
                    **B,
                }
            ),
        }

    def test_nothing_of_company_b_by_search_name_search_or_read(self):
        for user in (self.salesman, self.all_a, self.head_a):
            for model, record in self.records_b.items():
                with self.subTest(user=user.login, model=model):
                    Model = self.env[model].with_user(user)
                    self.assertFalse(Model.search([("id", "in", record.ids)]))
                    self.assertFalse(
                        {res_id for res_id, _name in Model.name_search("B", limit=0)}
                        & set(record.ids)
                    )
                    with self.assertRaises(AccessError):
                        Model.browse(record.ids).read(["display_name"])

    def test_nothing_of_company_b_through_the_shared_client(self):
        self.env.invalidate_all()
        client = self.client.with_user(self.all_a)
        self.assertNotIn(self.log_b, client.contact_log_ids)
        self.assertEqual(client.sales_passport_count, 0)
        self.assertEqual(client.contact_log_count, 0)
        # The entry behind B's follow-up stays B's. (The follow-up activity
        # itself is on the shared client, which both companies read: see
        # docs/security.md.)
        activities = (
            self.env["mail.activity"]
            .with_user(self.all_a)
            .search(
                [("res_model", "=", "res.partner"), ("res_id", "=", self.client.id)]
            )
        )
        with self.assertRaises(AccessError):
            activities.sales_contact_log_id.read(["topic"])

    def test_a_batch_with_one_value_of_company_b_is_refused_whole(self):
        """Odoo's company check holds for every entry of a batch, however
        many entries share the value of another company."""
        Log = self.env["sales.contact.log"].with_user(self.head_a)
        region_b = self.records_b["sales.region"]
        before = Log.search_count([])
        entries = [
            {"partner_id": self.client.id, "topic": f"Call {index}"}
            for index in range(4)
        ]
        for index in (1, 3):
            entries[index]["region_id"] = region_b.id
        user_b = self.log_b.user_id
        for batch in (entries, [*entries[:1], {**entries[2], "user_id": user_b.id}]):
            with self.assertRaises(UserError) as refused:
                Log.create(batch)
            self.assertIn("Incompatible companies", str(refused.exception))
        self.assertEqual(Log.search_count([]), before, "nothing half-done")

    def test_nothing_of_company_b_in_reports(self):
        for model in (
            "sales.region.portfolio",
            "sales.region.industry",
            "sales.manager.dashboard",
            "sales.client.passport.deal",
        ):
            rows = self.env[model].with_user(self.head_a).search([])
            self.assertNotIn(self.company_b, rows.company_id, model)
        for xmlid, record in (
            ("action_report_region_passport", self.records_b["sales.region"]),
            ("action_report_trip_assignment", self.records_b["sales.trip"]),
            ("action_report_client_passport", self.records_b["sales.client.passport"]),
            ("action_report_manager_report", self.records_b["sales.manager.report"]),
        ):
            report = self.env.ref(f"sales_standard.{xmlid}").with_user(self.head_a)
            with self.subTest(report=xmlid), self.assertRaises(AccessError):
                report._render_qweb_html(report.report_name, record.ids)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestNothingLost(SalesStandardCase):
    def test_deleting_a_lead_or_order_keeps_the_log_and_the_passport(self):
        lead = self.env["crm.lead"].create(
            {"name": "Request", "type": "opportunity", "partner_id": self.client.id}
        )
        order = self.env["sale.order"].create(
            {"partner_id": self.client.id, "opportunity_id": lead.id}
        )
        log = self.env["sales.contact.log"].create(
            {
                "partner_id": self.client.id,
                "topic": "Offer discussed",
                "contact_form": "meeting",
                "lead_id": lead.id,
                "sale_order_id": order.id,
            }
        )
        passport = self.env["sales.client.passport"].search(
            [("partner_id", "=", self.client.id)]
        )
        order.unlink()
        lead.unlink()
        self.assertTrue(log.exists())
        self.assertFalse(log.lead_id or log.sale_order_id, "the links are cleared")
        request = passport.document_ids.filtered(lambda d: d.doc_type == "request")
        self.assertEqual(request.source_state, "deleted", "marked, not lost")
        self.assertEqual(
            passport.document_ids.filtered(
                lambda d: d.doc_type == "negotiation"
            ).log_id,
            log,
        )
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            self.client.unlink()
