# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import json
import xmlrpc.client
from datetime import date, datetime, timedelta

import pytz
from freezegun import freeze_time

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import ACCOUNTANT, REGIONAL, SALES_ADMIN, SALESMAN


def user_today(user):
    return datetime.now(pytz.utc).astimezone(pytz.timezone(user.tz)).date()


def plan_followups(env, user, prefix):
    """An overdue, a due-today and a future follow-up of the salesperson."""
    today = user_today(user)
    clients = env["res.partner"].create(
        [
            {"name": f"{prefix} {name}", "is_company": True}
            for name in ("Overdue", "Today", "Future")
        ]
    )
    env["sales.contact.log"].create(
        [
            {
                "partner_id": client.id,
                "user_id": user.id,
                "date": today - timedelta(days=10),
                "topic": "Send the price list",
                "next_contact_date": today + timedelta(days=days),
            }
            for client, days in zip(clients, (-3, 0, 5), strict=True)
        ]
    )
    return clients


@tagged("post_install", "-at_install")
class TestWebClient(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Read the addons' manifests once, before the browser sends its
        # requests in parallel: parsing them in several server threads at
        # once trips a CPython 3.11 bug ("AST constructor recursion depth
        # mismatch") that fails a request now and then.
        cls.addon_statics = http.root.statics
        cls.salesman = new_test_user(
            cls.env,
            login="ss_tour",
            password="ss_tour",
            groups=SALESMAN,
            tz="Europe/Moscow",
        )
        cls.accountant = new_test_user(
            cls.env, login="ss_rpc_acc", password="ss_rpc_acc", groups=ACCOUNTANT
        )
        cls.regional = new_test_user(
            cls.env, login="ss_rpc_reg", password="ss_rpc_reg", groups=REGIONAL
        )
        cls.head = new_test_user(
            cls.env, login="ss_rpc_head", password="ss_rpc_head", groups=SALES_ADMIN
        )

    def test_first_contact_then_second_contact_tour(self):
        self.start_tour("/odoo", "sales_standard_first_contact", login="ss_tour")
        client = self.env["res.partner"].search([("name", "=", "Tour Bearings LLC")])
        self.assertEqual(len(client), 1)
        self.assertEqual(client.client_type, "dealer")
        self.assertEqual(client.child_ids.mapped("name"), ["Tour Person"])
        logs = client.contact_log_ids
        self.assertEqual(
            logs.mapped("topic"), ["Offer discussed", "Price request"], "newest first"
        )
        self.assertEqual(logs.user_id, self.salesman)
        self.assertEqual(client.next_contact_date, date(2099, 12, 31))
        open_followups = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", client.id)]
        )
        self.assertEqual(len(open_followups), 1)

    def test_log_contact_from_the_followup_activity_tour(self):
        client = self.env["res.partner"].create(
            {"name": "Activity Tour Ltd", "is_company": True, "client_type": "dealer"}
        )
        self.env["sales.contact.log"].with_user(self.salesman).create(
            {
                "partner_id": client.id,
                "topic": "Send the drawings",
                "next_contact_date": "2099-06-01",
            }
        )
        self.start_tour(
            f"/odoo/res.partner/{client.id}",
            "sales_standard_log_from_activity",
            login="ss_tour",
        )
        self.assertEqual(len(client.contact_log_ids), 2)
        self.assertEqual(
            client.contact_log_ids[0].result, "Drawings sent, call next week"
        )
        self.assertEqual(client.next_contact_date, date(2099, 12, 31))
        self.assertEqual(
            self.env["mail.activity"]
            .search([("res_model", "=", "res.partner"), ("res_id", "=", client.id)])
            .date_deadline,
            date(2099, 12, 31),
        )

    def test_capture_email_from_the_card_tour(self):
        client = self.env["res.partner"].create(
            {
                "name": "Capture Tour Pumps",
                "is_company": True,
                "email": "office@capture-tour.example",
            }
        )
        self.start_tour(
            f"/odoo/res.partner/{client.id}",
            "sales_standard_capture_email",
            login="ss_tour",
        )
        log = client.contact_log_ids
        self.assertRecordValues(
            log,
            [
                {
                    "is_captured": True,
                    "capture_source": "message",
                    "contact_form": "email",
                    "user_id": self.salesman.id,
                    "result": "Drawings of the CP-100 pump attached",
                }
            ],
        )
        self.assertEqual(log.capture_model, "mail.message")
        self.assertEqual(
            self.env["mail.message"].browse(log.capture_res_id).res_id, client.id
        )

    def _rpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    def test_rpc_flows(self):
        """A salesperson and an accountant through Odoo's external API."""
        wizard_id = self._rpc(
            self.salesman,
            "sales.first.contact",
            "create",
            {
                "name": "RPC Drilling",
                "client_type": "end_consumer",
                "phone": "+7 3452 11 22 33",
                "person_ids": [(0, 0, {"name": "Nina Volkova", "function": "CEO"})],
                "contact_form": "call_in",
                "topic": "Request for drill pipes",
                "next_contact_date": "2099-05-04",
            },
        )
        action = self._rpc(
            self.salesman, "sales.first.contact", "action_confirm", [wizard_id]
        )
        client_id = action["res_id"]
        self._rpc(
            self.salesman,
            "sales.contact.log",
            "create",
            {
                "partner_id": client_id,
                "topic": "Offer sent",
                "contact_form": "email",
                "next_contact_date": "2099-05-10",
            },
        )
        [card] = self._rpc(
            self.salesman,
            "res.partner",
            "read",
            [client_id],
            fields=["next_contact_date", "contact_log_count", "client_type"],
        )
        self.assertEqual(card["next_contact_date"], "2099-05-10")
        self.assertEqual(card["contact_log_count"], 2)

        partner_id = self._rpc(
            self.accountant, "res.partner", "create", {"name": "RPC Accounting Client"}
        )
        self._rpc(
            self.accountant, "res.partner", "write", [client_id], {"phone": "+7 000"}
        )
        [read] = self._rpc(
            self.accountant,
            "res.partner",
            "read",
            [client_id],
            fields=["name", "phone"],
        )
        self.assertEqual(read["phone"], "+7 000")
        self.assertTrue(partner_id)
        with self.assertRaises(xmlrpc.client.Fault), mute_logger("odoo.http"):
            self._rpc(
                self.accountant,
                "res.partner",
                "read",
                [client_id],
                fields=["next_contact_date"],
            )

    def _jsonrpc(self, user, model, method, *args, **kwargs):
        """Odoo's external JSON-RPC API, which also carries None values."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    user.id,
                    user.login,
                    model,
                    method,
                    list(args),
                    kwargs,
                ],
            },
        }
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        ).json()
        if "error" in response:
            raise AssertionError(response["error"]["data"]["message"])
        return response["result"]

    @freeze_time("2027-01-20 23:30:00")
    def test_rpc_deal_flow_fills_the_client_passport(self):
        """A salesperson takes a request to an invoice, the accountant posts it
        and registers the payment, over JSON-RPC: the passport holds the
        documents in order and the log exactly the milestones 'order',
        'payment' and 'paid_in_full' (paid in one go). At 23:30 UTC it is
        already the 21st for the company (Moscow) and the salesperson, still
        the 20th for the accountant."""
        self.env.company.partner_id.tz = "Europe/Moscow"
        client_id = self._jsonrpc(
            self.salesman,
            "res.partner",
            "create",
            {"name": "RPC Pump Plant", "is_company": True, "email": "rpc@pump.example"},
        )
        product_id = (
            self.env["product.product"]
            .create(
                {"name": "RPC pump", "list_price": 500.0, "invoice_policy": "order"}
            )
            .id
        )
        lead_id = self._jsonrpc(
            self.salesman,
            "crm.lead",
            "create",
            {
                "name": "Request: 4 pumps",
                "type": "opportunity",
                "partner_id": client_id,
            },
        )
        order_id = self._jsonrpc(
            self.salesman,
            "sale.order",
            "create",
            {
                "partner_id": client_id,
                "opportunity_id": lead_id,
                "order_line": [
                    (0, 0, {"product_id": product_id, "product_uom_qty": 4})
                ],
            },
        )
        for _send in range(2):  # sent twice: one commercial offer
            action = self._jsonrpc(
                self.salesman, "sale.order", "action_quotation_send", [order_id]
            )
            composer_id = self._jsonrpc(
                self.salesman,
                "mail.compose.message",
                "create",
                {},
                context=action["context"],
            )
            self._jsonrpc(
                self.salesman,
                "mail.compose.message",
                "action_send_mail",
                [composer_id],
                context=action["context"],
            )
        self._jsonrpc(self.salesman, "sale.order", "action_confirm", [order_id])
        wizard_id = self._jsonrpc(
            self.salesman,
            "sale.advance.payment.inv",
            "create",
            {"advance_payment_method": "delivered"},
            context={"active_model": "sale.order", "active_ids": [order_id]},
        )
        self._jsonrpc(
            self.salesman,
            "sale.advance.payment.inv",
            "create_invoices",
            [wizard_id],
            context={"active_model": "sale.order", "active_ids": [order_id]},
        )
        [order] = self._jsonrpc(
            self.salesman, "sale.order", "read", [order_id], fields=["invoice_ids"]
        )
        invoice_ids = order["invoice_ids"]
        self._jsonrpc(self.accountant, "account.move", "action_post", invoice_ids)
        register_context = {"active_model": "account.move", "active_ids": invoice_ids}
        register_id = self._jsonrpc(
            self.accountant,
            "account.payment.register",
            "create",
            {},
            context=register_context,
        )
        self._jsonrpc(
            self.accountant,
            "account.payment.register",
            "action_create_payments",
            [register_id],
            context=register_context,
        )

        [passport] = self._jsonrpc(
            self.salesman,
            "sales.client.passport",
            "search_read",
            [("partner_id", "=", client_id)],
            fields=["document_ids", "milestone_log_ids", "lead_id"],
        )
        self.assertEqual(passport["lead_id"][0], lead_id)
        documents = self._jsonrpc(
            self.salesman,
            "sales.client.passport.document",
            "search_read",
            [("passport_id", "=", passport["id"])],
            fields=["doc_type", "date"],
            order="date, id",
        )
        self.assertEqual(
            [doc["doc_type"] for doc in documents],
            ["request", "commercial_offer", "invoice"],
        )
        self.assertEqual({doc["date"] for doc in documents}, {"2027-01-21"})
        milestones = self._jsonrpc(
            self.salesman,
            "sales.contact.log",
            "search_read",
            [("partner_id", "=", client_id), ("milestone", "!=", False)],
            fields=["milestone", "sale_order_id"],
            order="id",
        )
        self.assertEqual(
            [m["milestone"] for m in milestones], ["order", "payment", "paid_in_full"]
        )
        self.assertEqual({m["sale_order_id"][0] for m in milestones}, {order_id})
        # The accountant reads the invoice document and the milestones only.
        self.assertEqual(
            len(
                self._jsonrpc(
                    self.accountant,
                    "sales.client.passport.document",
                    "search_read",
                    [("partner_id", "=", client_id)],
                    fields=["doc_type"],
                )
            ),
            1,
        )

    @freeze_time("2026-12-31 23:30:00")  # already 2027 in Moscow
    def test_rpc_client_list_flow(self):
        """A regional manager works a client list through Odoo's external API."""
        region = self.env["sales.region"].create(
            {"name": "RPC Region", "manager_id": self.regional.id}
        )
        industry = self.env["res.partner.industry"].create({"name": "RPC Chemicals"})
        clients = self.env["res.partner"].create(
            [
                {
                    "name": f"RPC Chem {index}",
                    "is_company": True,
                    "client_type": "end_consumer",
                    "industry_id": industry.id,
                    "sales_region_id": region.id,
                }
                for index in range(3)
            ]
        )
        list_id = self._rpc(
            self.regional,
            "sales.client.list",
            "create",
            {"region_id": region.id, "industry_id": industry.id},
        )
        self._rpc(self.regional, "sales.client.list", "action_fill", [list_id])
        lines = self._rpc(
            self.regional,
            "sales.client.list.line",
            "search_read",
            [("list_id", "=", list_id)],
            fields=["partner_id"],
        )
        self.assertEqual(len(lines), 3)
        for index, line in enumerate(lines):
            self._rpc(
                self.regional,
                "sales.client.list.line",
                "write",
                [line["id"]],
                {
                    "contact_date": "2099-03-01",
                    "contact_form": "call_out",
                    "result": f"Result {index}",
                    "next_step": f"Continue {index}",
                    "next_contact_date": f"2099-03-1{index}",
                },
            )
        logs = self.env["sales.contact.log"].search([("partner_id", "in", clients.ids)])
        self.assertEqual(len(logs), 3)
        self.assertEqual(logs.user_id, self.regional)
        action = self._rpc(
            self.regional, "sales.client.list", "action_renew", [list_id]
        )
        renewed = self._rpc(
            self.regional,
            "sales.client.list.line",
            "search_read",
            [("list_id", "=", action["res_id"])],
            fields=["topic", "planned_date"],
            order="planned_date",
        )
        self.assertEqual(
            [(line["topic"], line["planned_date"]) for line in renewed],
            [(f"Continue {index}", f"2099-03-1{index}") for index in range(3)],
        )
        [old] = self._rpc(
            self.regional, "sales.client.list", "read", [list_id], fields=["state"]
        )
        self.assertEqual(old["state"], "closed")

        # The passport's portfolio matches sums made from the orders and
        # opportunities themselves.
        product = self.env["product.product"].create({"name": "RPC Pump"})
        self.env.company.partner_id.tz = "Europe/Moscow"
        this_year = 2027  # the company's year, for the salesperson and the head
        for client, amount, year in zip(
            clients,
            (1000.0, 2500.0, 4000.0),
            (this_year, this_year, this_year + 1),
            strict=False,
        ):
            order = self.env["sale.order"].create(
                {
                    "partner_id": client.id,
                    "commitment_date": f"{year}-06-01 10:00:00",
                    "order_line": [
                        (0, 0, {"product_id": product.id, "price_unit": amount})
                    ],
                }
            )
            order.action_confirm()
        self.env["crm.lead"].create(
            {
                "name": "RPC next-year deal",
                "type": "opportunity",
                "partner_id": clients[0].id,
                "expected_revenue": 10000.0,
                "probability": 25.0,
                "date_deadline": f"{this_year + 1}-02-01",
            }
        )
        self.env.flush_all()
        # (The orders are the salespeople's: the sums are made as an admin.)
        orders = self.env["sale.order"].search_read(
            [("partner_id", "in", clients.ids), ("state", "=", "sale")],
            ["amount_untaxed", "commitment_date"],
        )
        expected_current = sum(
            o["amount_untaxed"]
            for o in orders
            if o["commitment_date"].year == this_year
        )
        expected_next = (
            sum(
                o["amount_untaxed"]
                for o in orders
                if o["commitment_date"].year == this_year + 1
            )
            + 10000.0 * 0.25
        )
        [passport] = self._rpc(
            self.regional,
            "sales.region",
            "read",
            [region.id],
            fields=["portfolio_current", "portfolio_next"],
        )
        self.assertAlmostEqual(passport["portfolio_current"], expected_current)
        self.assertAlmostEqual(passport["portfolio_next"], expected_next)
        self.assertAlmostEqual(expected_current, 3500.0)

    def _plan_today(self):
        return user_today(self.salesman)

    def _plan_followups(self, prefix):
        return plan_followups(self.env, self.salesman, prefix)

    def test_daily_plan_tour(self):
        self._plan_followups("Plan Tour")
        self.start_tour(
            "/odoo/action-sales_standard.sales_daily_plan_action_my_day",
            "sales_standard_daily_plan",
            login="ss_tour",
        )
        plan = self.env["sales.daily.plan"].search([("user_id", "=", self.salesman.id)])
        self.assertEqual(plan.done_count, 1)
        self.assertEqual(
            plan.line_ids.filtered(lambda line: line.state == "done").result,
            "Price list sent, order expected",
        )
        self.assertEqual(
            plan.line_ids.filtered(lambda line: line.state == "planned").planned_time,
            15.5,
        )

    def test_client_passport_tour(self):
        client = self.env["res.partner"].create(
            {"name": "Passport Tour Pumps", "is_company": True}
        )
        self.env["crm.lead"].create(
            {
                "name": "Passport Tour request",
                "type": "opportunity",
                "partner_id": client.id,
                "user_id": self.salesman.id,
            }
        )
        product = self.env["product.product"].create(
            {"name": "Passport Tour pump", "list_price": 100.0}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": client.id,
                "user_id": self.salesman.id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        # Printed: the quotation is the client's commercial offer.
        self.env.ref("sale.action_report_saleorder")._render_qweb_pdf(
            "sale.report_saleorder", order.ids
        )
        order.action_confirm()
        passport = self.env["sales.client.passport"].search(
            [("partner_id", "=", client.id)]
        )
        self.start_tour(
            f"/odoo/action-sales_standard.sales_client_passport_action/{passport.id}",
            "sales_standard_client_passport",
            login="ss_tour",
        )
        contract = passport.document_ids.filtered(lambda d: d.doc_type == "contract")
        self.assertEqual(contract.name, "Supply contract 7/2099")
        self.assertEqual(contract.source_state, "manual")
        self.assertEqual(contract.create_uid, self.salesman)

    @freeze_time("2026-12-07 07:00:00")  # a Monday, 10:00 in Moscow
    def test_rpc_daily_plan(self):
        """The manager's day through Odoo's external API."""
        overdue, due_today, _future = self._plan_followups("RPC Plan")
        today = self._plan_today()
        action = self._rpc(self.salesman, "sales.daily.plan", "action_open_my_day")
        plan_id = action["res_id"]

        def read_lines():
            return [
                (line["partner_id"][0], line["source"], line["state"])
                for line in self._rpc(
                    self.salesman,
                    "sales.daily.plan.line",
                    "search_read",
                    [("plan_id", "=", plan_id)],
                    fields=["partner_id", "source", "state"],
                    order="sequence",
                )
            ]

        expected = [
            (overdue.id, "overdue", "planned"),
            (due_today.id, "followup", "planned"),
        ]
        self.assertEqual(read_lines(), expected, "overdue and due today, overdue first")
        self._rpc(self.salesman, "sales.daily.plan", "action_prepare", [plan_id])
        again = self._rpc(self.salesman, "sales.daily.plan", "action_open_my_day")
        self.assertEqual(again["res_id"], plan_id)
        self.assertEqual(read_lines(), expected, "preparing again changes nothing")

        line_id = self._rpc(
            self.salesman,
            "sales.daily.plan.line",
            "search",
            [("plan_id", "=", plan_id), ("partner_id", "=", overdue.id)],
        )
        done = self._rpc(self.salesman, "sales.daily.plan.line", "action_done", line_id)
        next_date = (today + timedelta(days=7)).isoformat()
        log_id = self._rpc(
            self.salesman,
            "sales.contact.log",
            "create",
            {
                "partner_id": overdue.id,
                "topic": "Price list",
                "result": "Order expected",
                "next_contact_date": next_date,
            },
            context=done["context"],
        )
        [line] = self._rpc(
            self.salesman,
            "sales.daily.plan.line",
            "read",
            line_id,
            fields=["state", "log_id"],
        )
        self.assertEqual((line["state"], line["log_id"][0]), ("done", log_id))
        [client] = self._rpc(
            self.salesman,
            "res.partner",
            "read",
            [overdue.id],
            fields=["next_contact_date"],
        )
        self.assertEqual(client["next_contact_date"], next_date)

    def test_rpc_trip_flow(self):
        """A business trip from assignment to report through Odoo's API."""
        clients = self.env["res.partner"].create(
            [{"name": f"RPC Trip {index}", "is_company": True} for index in range(3)]
        )
        trip_id = self._rpc(
            self.salesman,
            "sales.trip",
            "create",
            {
                "destination": "Perm",
                "date_from": "2099-03-02",
                "date_to": "2099-03-04",
                "purpose": "Meet the chemical plants",
                "advance": 20000,
                "visit_ids": [
                    (
                        0,
                        0,
                        {
                            "partner_id": client.id,
                            "planned_date": f"2099-03-0{index + 2}",
                            "goal": f"Goal {index}",
                        },
                    )
                    for index, client in enumerate(clients)
                ],
            },
        )
        self._rpc(self.salesman, "sales.trip", "action_submit", [trip_id])
        with self.assertRaises(xmlrpc.client.Fault), mute_logger("odoo.http"):
            self._rpc(self.salesman, "sales.trip", "action_approve", [trip_id])
        self._rpc(self.head, "sales.trip", "action_approve", [trip_id])
        visits = self._rpc(
            self.salesman,
            "sales.trip.visit",
            "search",
            [("trip_id", "=", trip_id)],
            order="planned_date",
        )
        for index, visit_id in enumerate(visits[:2]):
            self._rpc(
                self.salesman,
                "sales.trip.visit",
                "write",
                [visit_id],
                {
                    "made": True,
                    "result": f"Result {index}",
                    "next_contact_date": "2099-04-01",
                },
            )
        self._rpc(self.salesman, "sales.trip", "action_submit_report", [trip_id])
        [trip] = self._rpc(
            self.salesman, "sales.trip", "read", [trip_id], fields=["state"]
        )
        self.assertEqual(trip["state"], "done")
        logs = self.env["sales.contact.log"].search([("partner_id", "in", clients.ids)])
        self.assertEqual(len(logs), 2)
        self.assertEqual(set(logs.mapped("contact_form")), {"visit"})
        self.assertEqual(logs.partner_id, clients[:2])
        self.assertEqual(
            clients.mapped("next_contact_date"),
            [date(2099, 4, 1), date(2099, 4, 1), False],
        )

    @freeze_time("2026-12-07 07:00:00")
    def test_rpc_manager_review(self):
        """The head of sales reviews a manager through Odoo's external API."""
        today = user_today(self.salesman)
        clients = self.env["res.partner"].create(
            [{"name": f"RPC Review {index}", "is_company": True} for index in range(3)]
        )
        forms = ["call_out", "call_out", "meeting", "letter"]
        self.env["sales.contact.log"].create(
            [
                {
                    "partner_id": clients[index % 3].id,
                    "user_id": self.salesman.id,
                    "date": today - timedelta(days=index),
                    "contact_form": form,
                    "topic": "Review",
                }
                for index, form in enumerate(forms)
            ]
        )
        review_id = self._rpc(
            self.head,
            "sales.manager.report",
            "create",
            {
                "manager_id": self.salesman.id,
                "date_from": (today - timedelta(days=10)).isoformat(),
                "date_to": today.isoformat(),
                "instruction_ids": [(0, 0, {"name": "Plan the next calls"})],
            },
        )

        def figures():
            return {
                line["key"]: line["value"]
                for line in self._rpc(
                    self.head,
                    "sales.manager.report.figure",
                    "search_read",
                    [("report_id", "=", review_id)],
                    fields=["key", "value"],
                )
            }

        logs = self.env["sales.contact.log"].search(
            [("user_id", "=", self.salesman.id), ("partner_id", "in", clients.ids)]
        )
        live = figures()
        for form in set(forms):
            self.assertEqual(
                live[f"contacts_{form}"],
                len(logs.filtered(lambda log, form=form: log.contact_form == form)),
            )
        self._rpc(self.head, "sales.manager.report", "action_close", [review_id])
        self.env["sales.contact.log"].create(
            {
                "partner_id": clients[0].id,
                "user_id": self.salesman.id,
                "contact_form": "call_out",
                "topic": "After the review",
            }
        )
        self.assertEqual(figures(), live, "frozen when closed")
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "sales.manager.report"), ("res_id", "=", review_id)]
        )
        self.assertEqual(activities.user_id, self.salesman)
        self.assertEqual(activities.summary, "Plan the next calls")
        [own] = self._rpc(
            self.salesman, "sales.manager.report", "read", [review_id], ["state"]
        )
        self.assertEqual(own["state"], "done")
        with self.assertRaises(xmlrpc.client.Fault), mute_logger("odoo.http"):
            self._rpc(
                self.regional, "sales.manager.report", "read", [review_id], ["state"]
            )
