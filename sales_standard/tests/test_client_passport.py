# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import base64
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import SalesStandardCase

INCOMING_REQUEST = """Return-Path: <ivan.petrov@volga-pumps.example>
To: sales@company.example
From: Ivan Petrov <ivan.petrov@volga-pumps.example>
Subject: Request: 20 pumps CP-100
Message-ID: <request-20-pumps@volga-pumps.example>
Date: Mon, 09 Nov 2026 09:12:00 +0300
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Please quote 20 centrifugal pumps CP-100, delivery to Samara.
"""


class PassportCase(SalesStandardCase):
    """A company in Moscow, a salesperson in Vladivostok, another in Moscow
    and an accountant on UTC, with the clock at 23:30 UTC: the 16th for the
    accountant, the 17th for the company and the salespeople. The database's
    own timestamps (create_date) follow the frozen clock, as they do in
    Odoo's test cursor of HTTP tests."""

    freeze_time = "2026-11-16 23:30:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(patch.object(cls.cr, "now", fields.Datetime.now))
        cls.env.company.partner_id.tz = "Europe/Moscow"
        cls.salesman.tz = "Asia/Vladivostok"
        cls.salesman_2.tz = "Europe/Moscow"
        cls.accountant.tz = "UTC"
        cls.person.email = "ivan.petrov@volga-pumps.example"
        cls.product = cls.env["product.product"].create(
            {
                "name": "Pump CP-100",
                "list_price": 1000.0,
                "invoice_policy": "order",
                "taxes_id": [(5, 0, 0)],
            }
        )

    def passport(self, client=None):
        return self.env["sales.client.passport"].search(
            [("partner_id", "=", (client or self.client).id)]
        )

    def lead(self, user=None, client=None, name="Request: pumps"):
        return (
            self.env["crm.lead"]
            .with_user(user or self.salesman)
            .create(
                {
                    "name": name,
                    "type": "opportunity",
                    "partner_id": (client or self.client).id,
                    "user_id": (user or self.salesman).id,
                }
            )
        )

    def quotation(self, lead=None, user=None, client=None):
        return (
            self.env["sale.order"]
            .with_user(user or self.salesman)
            .create(
                {
                    "partner_id": (client or self.client).id,
                    "user_id": (user or self.salesman).id,
                    "opportunity_id": lead.id if lead else False,
                    "order_line": [
                        (0, 0, {"product_id": self.product.id, "product_uom_qty": 2})
                    ],
                }
            )
        )

    def send(self, order, user=None):
        user = user or self.salesman
        action = order.with_user(user).action_quotation_send()
        composer = (
            self.env["mail.compose.message"]
            .with_user(user)
            .with_context(**action["context"])
            .create({})
        )
        composer.action_send_mail()

    def invoice_and_pay(self, order):
        invoice = order._create_invoices()
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        return invoice

    def post(self, invoice):
        invoice.with_user(self.accountant).action_post()
        return invoice

    def pay(self, invoice, amount=None):
        """The accountant registers a payment (of `amount`, else the rest)."""
        self.env["account.payment.register"].with_user(self.accountant).with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": amount} if amount else {})._create_payments()

    def invoice_order(self, order, method="delivered", amount=None):
        """The salesperson invoices the order: a regular invoice, or a down
        payment of `amount` percent."""
        values = {"advance_payment_method": method}
        if amount:
            values["amount"] = amount
        context = {"active_model": "sale.order", "active_ids": order.ids}
        before = order.invoice_ids
        self.env["sale.advance.payment.inv"].with_user(self.salesman).with_context(
            **context
        ).create(values).create_invoices()
        return order.invoice_ids - before

    def documents(self, client=None, doc_type=None):
        domain = [("partner_id", "=", (client or self.client).id)]
        if doc_type:
            domain.append(("doc_type", "=", doc_type))
        return self.env["sales.client.passport.document"].search(domain)

    def milestones(self, order):
        return self.env["sales.contact.log"].search(
            [("sale_order_id", "=", order.id), ("milestone", "!=", False)]
        )


@tagged("post_install", "-at_install")
class TestPassportOpening(PassportCase):
    def test_first_request_opens_the_passport(self):
        self.assertFalse(self.passport())
        lead = self.lead()
        passport = self.passport()
        self.assertEqual(len(passport), 1)
        self.assertEqual(passport.lead_id, lead)
        self.assertEqual(passport.date_opened, date(2026, 11, 17), "Moscow's date")
        request = passport.document_ids
        self.assertEqual(request.doc_type, "request")
        self.assertEqual(request.lead_id, lead)
        self.assertEqual(request.source_state, "valid")
        # The salesperson sees it, and a second request joins the same passport.
        second = self.lead(name="Request: valves")
        self.assertEqual(len(self.passport()), 1)
        self.assertEqual(
            self.passport().with_user(self.salesman).document_ids.lead_id,
            lead | second,
        )
        self.assertEqual(self.passport().lead_id, lead, "opened by the first one")

    def test_request_for_a_contact_person_opens_the_company_passport(self):
        self.lead(client=self.person)
        self.assertTrue(self.passport())
        self.assertFalse(self.passport(self.person))

    def test_incoming_email_opens_the_passport(self):
        lead = self.env["mail.thread"].message_process("crm.lead", INCOMING_REQUEST)
        lead = self.env["crm.lead"].browse(lead)
        self.assertEqual(lead.partner_id, self.person)
        passport = self.passport()
        self.assertEqual(passport.lead_id, lead)
        self.assertEqual(passport.document_ids.doc_type, "request")
        self.assertEqual(passport.document_ids.name, "Request: 20 pumps CP-100")
        # The client's own email is a request, not a letter sent to them.
        self.assertFalse(self.documents(doc_type="letter"))

    def test_request_without_client_waits_for_the_client(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create({"name": "Unknown visitor", "email_from": "x@unknown.example"})
        )
        self.assertFalse(self.passport())
        lead.partner_id = self.client
        self.assertEqual(self.passport().document_ids.lead_id, lead)

    def test_opened_by_hand_collects_the_history(self):
        order = self.quotation()
        self.send(order)
        order.action_confirm()
        meeting = self.env["sales.contact.log"].create(
            {
                "partner_id": self.client.id,
                "user_id": self.salesman.id,
                "topic": "Negotiated the price",
                "contact_form": "meeting",
            }
        )
        self.assertFalse(self.passport())
        passport = (
            self.env["sales.client.passport"]
            .with_user(self.salesman)
            .create({"partner_id": self.person.id})
        )
        self.assertEqual(passport.partner_id, self.client, "the company's passport")
        self.assertEqual(
            sorted(passport.document_ids.mapped("doc_type")),
            ["commercial_offer", "negotiation"],
        )
        self.assertEqual(passport.document_ids.log_id, meeting)
        self.env.invalidate_all()  # the deals are an SQL view of the orders
        self.assertEqual(passport.deal_ids.sale_order_id, order)
        self.assertTrue(passport.deal_ids.order_date)
        # One per client and company.
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env["sales.client.passport"].create({"partner_id": self.client.id})


@tagged("post_install", "-at_install")
class TestPassportDocuments(PassportCase):
    def setUp(self):
        super().setUp()
        self.opportunity = self.lead()

    def test_offer_sent_twice_is_filed_once(self):
        order = self.quotation(self.opportunity)
        self.send(order)
        self.send(order)
        offers = self.documents(doc_type="commercial_offer")
        self.assertEqual(len(offers), 1)
        self.assertEqual(offers.sale_order_id, order)
        self.assertEqual(offers.lead_id, self.opportunity)
        # Those emails are the offer, not letters besides it.
        self.assertFalse(self.documents(doc_type="letter"))

    def test_offer_printed_is_filed_with_its_pdf(self):
        order = self.quotation(self.opportunity)
        report = self.env.ref("sale.action_report_saleorder")
        self.render_pdf(report.with_user(self.salesman), order)
        self.render_pdf(report.with_user(self.salesman), order)
        offer = self.documents(doc_type="commercial_offer")
        self.assertEqual(len(offer), 1)
        self.assertTrue(base64.b64decode(offer.file).startswith(b"%PDF"))
        self.assertTrue(offer.file_name.endswith(".pdf"))
        # Printing the confirmed order or a pro-forma is not an offer.
        other = self.quotation(self.opportunity)
        other.action_confirm()
        self.render_pdf(report, other)
        self.assertEqual(self.documents(doc_type="commercial_offer"), offer)

    def test_invoice_posted_once_and_payment_logged_once(self):
        order = self.quotation(self.opportunity)
        order.action_confirm()
        invoice = self.invoice_and_pay(order)
        filed = self.documents(doc_type="invoice")
        self.assertEqual(filed.move_id, invoice)
        self.assertEqual(filed.sale_order_id, order)
        # Paid in one go: the first money received and the whole of it.
        self.assertEqual(
            self.milestones(order).mapped("milestone"),
            ["paid_in_full", "payment", "order"],
        )
        invoice._invoice_paid_hook()
        self.assertEqual(len(self.milestones(order)), 3, "still one payment")
        self.assertEqual(len(self.documents(doc_type="invoice")), 1)

    def test_reversed_invoice_stays_marked_and_is_not_a_payment(self):
        order = self.quotation(self.opportunity)
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        credit_note = invoice._reverse_moves(cancel=True)
        documents = self.documents(doc_type="invoice")
        self.assertEqual(documents.move_id, invoice | credit_note)
        states = {doc.move_id: doc.source_state for doc in documents}
        self.assertEqual(states[invoice], "cancelled")
        self.assertEqual(states[credit_note], "valid")
        self.assertEqual(self.milestones(order).mapped("milestone"), ["order"])

    def test_cancelled_and_deleted_orders_are_marked_not_lost(self):
        cancelled = self.quotation(self.opportunity)
        self.send(cancelled)
        cancelled.action_confirm()
        cancelled._action_cancel()
        deleted = self.quotation(self.opportunity)
        self.send(deleted)
        deleted._action_cancel()
        deleted.with_user(self.sales_admin).unlink()
        offers = self.documents(doc_type="commercial_offer")
        self.assertEqual(len(offers), 2)
        self.assertEqual(
            sorted(offers.mapped("source_state")), ["cancelled", "deleted"]
        )
        # The milestone of the cancelled deal stays in the log.
        self.assertEqual(self.milestones(cancelled).mapped("milestone"), ["order"])
        # A lost opportunity keeps its request, marked; a deleted one too.
        self.opportunity.action_set_lost()
        self.assertEqual(self.documents(doc_type="request").source_state, "cancelled")
        self.opportunity.with_user(self.sales_admin).unlink()
        self.assertEqual(self.documents(doc_type="request").source_state, "deleted")
        with self.assertRaises(UserError):
            self.passport().document_ids[:1].action_open_source()

    def test_letters_from_the_chatter(self):
        order = self.quotation(self.opportunity)
        for record in (self.client, self.opportunity, order):
            record.with_user(self.salesman).message_post(
                body="Please find our terms.",
                subject=f"Terms ({record._name})",
                partner_ids=self.person.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        # An internal note, and a message to nobody of the client, are not.
        self.client.with_user(self.salesman).message_post(
            body="Internal remark", subtype_xmlid="mail.mt_note"
        )
        self.client.with_user(self.salesman).message_post(
            body="To a colleague",
            partner_ids=self.salesman_2.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        letters = self.documents(doc_type="letter")
        self.assertEqual(
            sorted(letters.mapped("name")),
            ["Terms (crm.lead)", "Terms (res.partner)", "Terms (sale.order)"],
        )
        self.assertEqual(letters.filtered("sale_order_id").sale_order_id, order)

    def test_meetings_and_calls_are_negotiation_records(self):
        Log = self.env["sales.contact.log"].with_user(self.salesman)
        meeting, call, email = Log.create(
            [
                {"partner_id": self.client.id, "topic": t, "contact_form": form}
                for t, form in (
                    ("Price talks", "meeting"),
                    ("Terms call", "call_out"),
                    ("Catalogue", "email"),
                )
            ]
        )
        negotiations = self.documents(doc_type="negotiation")
        self.assertEqual(negotiations.log_id, meeting | call)
        email.contact_form = "call_in"
        self.assertEqual(
            self.documents(doc_type="negotiation").log_id, meeting | call | email
        )
        meeting.unlink()
        self.assertEqual(len(self.documents(doc_type="negotiation")), 3, "kept, marked")
        self.assertIn(
            "deleted", self.documents(doc_type="negotiation").mapped("source_state")
        )

    def test_negotiations_read_at_once_in_the_passport(self):
        """The meetings and calls are filed in one statement: the passport
        read before shows them at once, complete, and each is filed once."""
        passport = self.passport()
        before = passport.document_ids
        self.assertEqual(passport.document_count, len(before))
        Log = self.env["sales.contact.log"].with_user(self.salesman)
        calls = Log.create(
            [
                {"partner_id": self.client.id, "topic": topic, "contact_form": form}
                for topic, form in (("Terms call", "call_out"), ("Visit", "meeting"))
            ]
        )
        new = passport.document_ids - before
        self.assertEqual(passport.document_count, len(before) + 2)
        self.assertEqual(new.log_id, calls)
        self.assertRecordValues(
            new.sorted("id"),
            [
                {
                    "partner_id": self.client.id,
                    "company_id": self.env.company.id,
                    "doc_type": "negotiation",
                    "name": name,
                    "source_state": "valid",
                    "date": date(2026, 11, 17),
                    "moment": datetime(2026, 11, 16, 23, 30),
                    "res_model": "sales.contact.log",
                    "res_id": call.id,
                }
                for name, call in zip(
                    ("Call to the Client: Terms call", "Meeting: Visit"),
                    calls,
                    strict=True,
                )
            ],
        )
        # Filed again (the form of contact written): still once each.
        calls.write({"contact_form": "meeting"})
        self.assertEqual(passport.document_ids - before, new)

    def test_uploaded_documents_and_their_rights(self):
        passport = self.passport().with_user(self.salesman)
        contract = passport.env["sales.client.passport.document"].create(
            {
                "passport_id": passport.id,
                "doc_type": "contract",
                "name": "Supply contract 12/2026",
                "file": base64.b64encode(b"%PDF-1.4 contract"),
                "file_name": "contract.pdf",
            }
        )
        self.assertEqual(contract.source_state, "manual")
        request = passport.document_ids.filtered(lambda d: d.doc_type == "request")
        with self.assertRaises(AccessError):
            request.unlink()
        with self.assertRaises(UserError):
            request.write({"res_id": 1})
        with self.assertRaises(AccessError):
            contract.with_user(self.salesman_2).unlink()
        contract.unlink()
        self.assertEqual(self.passport().document_ids, request)


@tagged("post_install", "-at_install")
class TestDealMilestones(PassportCase):
    def setUp(self):
        super().setUp()
        self.opportunity = self.lead()
        self.order = self.quotation(self.opportunity)

    @freeze_time("2026-11-16 10:00:00")
    def test_order_received_once_by_the_salesperson(self):
        self.order.with_user(self.salesman).action_confirm()
        milestone = self.milestones(self.order)
        self.assertEqual(milestone.milestone, "order")
        self.assertEqual(milestone.date, date(2026, 11, 16))
        self.assertEqual(milestone.user_id, self.salesman)
        self.assertEqual(milestone.lead_id, self.opportunity)
        self.assertTrue(milestone.is_automatic)
        self.assertEqual(self.client.contact_log_ids, milestone, "in the client's log")
        self.order._sales_log_milestone("order")
        self.assertEqual(len(self.milestones(self.order)), 1)
        with self.assertRaises(ValidationError):
            self.env["sales.contact.log"].create(
                {
                    "partner_id": self.client.id,
                    "topic": "Order again",
                    "milestone": "order",
                    "sale_order_id": self.order.id,
                }
            )

    @freeze_time("2026-11-20 10:00:00")
    def test_milestones_logged_by_odoo_leave_followups_and_dates_alone(self):
        log = self.env["sales.contact.log"].create(
            {
                "partner_id": self.client.id,
                "user_id": self.salesman.id,
                "date": "2026-11-02",
                "topic": "Offer sent",
                "next_contact_date": "2026-12-01",
            }
        )
        self.order.action_confirm()
        self.invoice_and_pay(self.order)
        self.assertEqual(len(self.milestones(self.order)), 3)
        self.assertEqual(self.client.next_contact_date, date(2026, 12, 1))
        self.assertEqual(log.followup_state, "planned")
        self.assertEqual(self.client.last_contact_date, date(2026, 11, 2))
        self.assertEqual(self.client.client_card_date, date(2026, 11, 2))

    def test_production_handover_button(self):
        with self.assertRaises(UserError):
            self.order.with_user(self.salesman).action_sales_production_handover()
        self.order.action_confirm()
        self.order.with_user(self.salesman).action_sales_production_handover()
        self.assertTrue(self.order.sales_production_logged)
        self.order.with_user(self.salesman).action_sales_production_handover()
        self.assertEqual(
            sorted(self.milestones(self.order).mapped("milestone")),
            ["order", "production"],
        )
        # Only someone who may change the order hands its production over.
        with self.assertRaises(AccessError):
            self.order.with_user(self.internal).action_sales_production_handover()

    def test_acceptance_documents_received(self):
        with self.assertRaises(UserError):
            self.order.with_user(self.salesman).action_sales_upload_acceptance()
        self.order.action_confirm()
        action = self.order.with_user(self.salesman).action_sales_upload_acceptance()
        Wizard = self.env["sales.acceptance.upload"].with_user(self.salesman)
        empty = Wizard.with_context(**action["context"]).create({})
        with self.assertRaises(ValidationError):
            empty.action_confirm()
        wizard = Wizard.with_context(**action["context"]).create(
            {
                "file": base64.b64encode(b"%PDF-1.4 signed"),
                "file_name": "acceptance.pdf",
                "note": "Signed without remarks",
            }
        )
        wizard.action_confirm()
        document = self.documents(doc_type="acceptance")
        self.assertEqual(document.sale_order_id, self.order)
        self.assertEqual(base64.b64decode(document.file), b"%PDF-1.4 signed")
        acceptance = self.milestones(self.order).filtered(
            lambda log: log.milestone == "acceptance"
        )
        self.assertEqual(acceptance.result, "Signed without remarks")
        with self.assertRaises(UserError):
            Wizard.with_context(**action["context"]).create(
                {"file": base64.b64encode(b"again")}
            ).action_confirm()

    def test_deal_progress_and_passport_filters(self):
        Passport = (
            self.env["sales.client.passport"]
            .with_user(self.salesman)
            .with_context(active_test=False)
        )
        mine = [("partner_id", "=", self.client.id)]
        shipped = mine + [("shipped_without_acceptance", "=", True)]
        self.order.action_confirm()
        self.assertEqual(
            Passport.search(mine + [("awaiting_payment", "=", True)]), self.passport()
        )
        self.invoice_and_pay(self.order)
        self.assertFalse(Passport.search(mine + [("awaiting_payment", "=", True)]))
        self.order._sales_log_milestone("shipment")
        self.assertEqual(
            Passport.search(shipped),
            self.passport(),
        )
        deal = self.passport().deal_ids
        self.assertEqual(deal.stage, "shipment")
        self.assertEqual(deal.progress, 60.0, "paid in full is no step of five")
        self.assertEqual(deal.paid_in_full_date, date(2026, 11, 17))
        self.order._sales_log_milestone("production")
        self.order._sales_log_milestone("acceptance")
        self.env.invalidate_all()
        self.assertFalse(Passport.search(shipped))
        self.assertEqual(self.passport().deal_ids.progress, 100.0)
        self.assertEqual(
            self.passport().milestone_log_ids.mapped("milestone"),
            [
                "order",
                "payment",
                "paid_in_full",
                "shipment",
                "production",
                "acceptance",
            ],
        )
        self.assertEqual(
            set(self.passport().milestone_log_ids.mapped("date")),
            {date(2026, 11, 17)},
            "dated in Moscow, whoever logged them",
        )

    def test_dated_in_the_company_zone_whoever_works_wherever(self):
        """The documents and milestones of a deal are dated in the company's
        zone (Moscow), whether the salesperson is in Vladivostok or the
        accountant on UTC, so that the passport keeps its calendar order at
        any hour: at 23:30 UTC (the 17th in Moscow and Vladivostok, still
        the 16th on UTC) and at 15:30 UTC (the 18th in Moscow, already the
        19th in Vladivostok)."""
        for moment, day in (
            ("2026-11-16 23:30:00", date(2026, 11, 17)),
            ("2026-11-18 15:30:00", date(2026, 11, 18)),
        ):
            with self.subTest(moment=moment), freeze_time(moment):
                client = self.env["res.partner"].create(
                    {"name": f"Client {moment}", "is_company": True}
                )
                order = self.quotation(self.lead(client=client), client=client)
                self.send(order)
                order.with_user(self.salesman).action_confirm()
                invoice = order._create_invoices()
                invoice.with_user(self.accountant).action_post()
                self.env["account.payment.register"].with_user(
                    self.accountant
                ).with_context(
                    active_model="account.move", active_ids=invoice.ids
                ).create({})._create_payments()
                documents = self.documents(client)
                self.assertEqual(
                    documents.mapped("doc_type"),
                    ["request", "commercial_offer", "invoice"],
                )
                self.assertEqual(set(documents.mapped("date")), {day})
                milestones = self.milestones(order).sorted(lambda m: (m.date, m.id))
                self.assertEqual(
                    milestones.mapped("milestone"), ["order", "payment", "paid_in_full"]
                )
                self.assertEqual(set(milestones.mapped("date")), {day})


@tagged("post_install", "-at_install")
class TestPassportOrder(PassportCase):
    """At 23:30 UTC, the 17th in Moscow and Vladivostok and still the 16th on
    UTC, documents filed seconds apart by users of all three zones are dated
    the 17th (the company's day) and listed in the order they happened."""

    def assertHappenedInOrder(self, documents, doc_types):
        self.assertEqual(documents.mapped("doc_type"), doc_types)
        self.assertEqual(documents.mapped("moment"), sorted(documents.mapped("moment")))
        self.assertEqual(set(documents.mapped("date")), {date(2026, 11, 17)})

    def test_documents_filed_as_they_happen(self):
        with freeze_time("2026-11-16 23:30:00"):
            self.lead()  # a request, taken in Vladivostok
        with freeze_time("2026-11-16 23:30:05"):
            # The offer, sent from Moscow, on the same local day.
            order = self.quotation(user=self.salesman_2)
            self.send(order, user=self.salesman_2)
        with freeze_time("2026-11-16 23:30:10"):
            self.log(user=self.salesman, topic="Terms call", contact_form="call_out")
        with freeze_time("2026-11-16 23:30:15"):
            order.with_user(self.salesman_2).action_confirm()
            self.post(order._create_invoices())  # by the accountant, on UTC
        with freeze_time("2026-11-16 23:30:20"):
            self.client.with_user(self.salesman_2).message_post(
                body="The invoice is attached.",
                subject="Invoice",
                partner_ids=self.person.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertHappenedInOrder(
            self.documents(),
            ["request", "commercial_offer", "negotiation", "invoice", "letter"],
        )
        self.assertEqual(
            self.passport().with_user(self.salesman).document_ids, self.documents()
        )

    def test_history_collected_in_the_order_it_happened(self):
        """A passport opened after the fact files the history all at once:
        the documents still follow the moments they happened at, not the
        order they were filed in."""
        with freeze_time("2026-11-16 23:30:00"):
            self.client.with_user(self.salesman_2).message_post(
                body="Our catalogue.",
                subject="Catalogue",
                partner_ids=self.person.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        with freeze_time("2026-11-16 23:30:05"):
            self.log(user=self.salesman, topic="Visit", contact_form="meeting")
        with freeze_time("2026-11-16 23:30:10"):
            order = self.quotation(user=self.salesman_2)
            self.send(order, user=self.salesman_2)
            order.with_user(self.salesman_2).action_confirm()
        with freeze_time("2026-11-16 23:30:15"):
            self.post(order._create_invoices())
        self.assertFalse(self.passport(), "no request yet: no passport")
        with freeze_time("2026-11-16 23:30:20"):
            self.lead()
        documents = self.documents()
        self.assertHappenedInOrder(
            documents,
            ["letter", "negotiation", "commercial_offer", "invoice", "request"],
        )
        self.assertNotEqual(documents.ids, sorted(documents.ids), "filed out of order")
        # The printed register lists them in the same order.
        values = self.env["report.sales_standard.report_client_passport"]
        self.assertEqual(
            values._get_report_values(self.passport().ids)["documents"][
                self.passport().id
            ],
            list(documents),
        )

    def test_documents_filed_by_hand_take_their_day(self):
        """A contract filed by hand for today happens now; one dated an
        earlier day, at the start of that day in Moscow; without a date, it
        is the company's day, not the user's."""
        self.lead(name="Request")
        Document = (
            self.env["sales.client.passport.document"]
            .with_user(self.salesman)
            .with_context(tz="UTC")
        )
        today, earlier, undated = Document.create(
            [
                {
                    "passport_id": self.passport().id,
                    "doc_type": "contract",
                    "name": name,
                    **({"date": day} if day else {}),
                }
                for name, day in (
                    ("Today", "2026-11-17"),
                    ("Earlier", "2026-11-10"),
                    ("Undated", None),
                )
            ]
        )
        self.assertEqual(today.moment, datetime(2026, 11, 16, 23, 30))
        self.assertEqual(earlier.moment, datetime(2026, 11, 9, 21, 0), "0:00 Moscow")
        self.assertEqual(undated.date, date(2026, 11, 17))
        self.assertEqual(
            self.documents().mapped("name"), ["Earlier", "Request", "Today", "Undated"]
        )
        today.date = "2026-11-12"
        self.assertEqual(today.moment, datetime(2026, 11, 11, 21, 0))
        self.assertEqual(self.documents()[:2].mapped("name"), ["Earlier", "Today"])


@tagged("post_install", "-at_install")
class TestPaymentMilestones(PassportCase):
    """The first money received on an order logs "payment" with the amount;
    the last, "paid in full"; both once per order. The salesperson invoices,
    the accountant (an invoicing user) posts and registers payments."""

    def setUp(self):
        super().setUp()
        self.order = self.quotation(self.lead())  # 2 x 1,000.00
        self.order.with_user(self.salesman).action_confirm()

    def milestone(self, name):
        return self.milestones(self.order).filtered(lambda m: m.milestone == name)

    def test_prepayment_then_the_rest_in_two_parts(self):
        prepayment = self.post(self.invoice_order(self.order, "percentage", 30))
        self.assertEqual(prepayment.amount_total, 600.0)
        self.pay(prepayment)
        payment = self.milestone("payment")
        self.assertEqual(len(payment), 1)
        self.assertIn("600.00", payment.result)
        self.assertEqual(payment.user_id, self.salesman, "the order's salesperson")
        self.assertEqual(payment.date, date(2026, 11, 17), "Moscow's day")
        self.assertTrue(payment.is_automatic)
        self.assertFalse(payment.is_contact)
        self.assertFalse(self.milestone("paid_in_full"), "the prepayment is paid only")
        self.env.invalidate_all()
        deal = self.passport().deal_ids
        self.assertEqual((deal.stage, deal.progress), ("payment", 40.0))
        self.assertFalse(deal.awaiting_payment)

        final = self.post(self.invoice_order(self.order))
        self.assertEqual(final.amount_total, 1400.0)
        self.pay(final, 700.0)
        self.assertEqual(final.payment_state, "partial")
        self.assertEqual(
            self.milestones(self.order).mapped("milestone"), ["payment", "order"]
        )
        self.assertEqual(self.milestone("payment"), payment, "nothing new")
        self.assertIn("600.00", payment.result)

        self.pay(final, 700.0)
        self.assertIn(final.payment_state, ("paid", "in_payment"))
        paid = self.milestone("paid_in_full")
        self.assertEqual(len(paid), 1)
        self.assertEqual(paid.user_id, self.salesman)
        self.assertEqual(self.milestone("payment"), payment)
        (prepayment | final)._invoice_paid_hook()
        self.assertEqual(len(self.milestones(self.order)), 3, "each once")
        self.env.invalidate_all()
        deal = self.passport().deal_ids
        self.assertEqual((deal.stage, deal.progress), ("payment", 40.0))
        self.assertEqual(deal.paid_in_full_date, date(2026, 11, 17))

    def test_partial_payment_of_a_whole_invoice(self):
        invoice = self.post(self.invoice_order(self.order))
        self.pay(invoice, 500.0)
        self.assertIn("500.00", self.milestone("payment").result)
        self.assertFalse(self.milestone("paid_in_full"))
        self.pay(invoice)
        self.assertEqual(
            self.milestones(self.order).mapped("milestone"),
            ["paid_in_full", "payment", "order"],
        )

    def test_refund_is_no_payment(self):
        invoice = self.post(self.invoice_order(self.order))
        reversal = (
            self.env["account.move.reversal"]
            .with_user(self.accountant)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id})
        )
        reversal.modify_moves()
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(self.milestones(self.order).mapped("milestone"), ["order"])


@tagged("post_install", "-at_install")
class TestPassportAccess(PassportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.salesman_b = new_test_user(
            cls.env,
            login="ss_passport_b",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )

    def setUp(self):
        super().setUp()
        self.order = self.quotation(self.lead())
        self.order.action_confirm()
        self.invoice = self.invoice_and_pay(self.order)

    def test_salespeople_see_the_passports_of_their_company(self):
        passport = self.passport()
        self.assertEqual(passport.with_user(self.salesman_2).partner_id, self.client)
        self.assertEqual(len(passport.with_user(self.salesman_2).document_ids), 2)
        with self.assertRaises(AccessError):
            passport.with_user(self.salesman).unlink()
        passport.with_user(self.sales_admin).document_ids[:1].unlink()
        Passport = self.env["sales.client.passport"].with_user(self.salesman_b)
        self.assertFalse(Passport.search([]))
        self.assertFalse(Passport.name_search("Volga"))
        with self.assertRaises(AccessError):
            passport.with_user(self.salesman_b).read(["partner_id"])
        with self.assertRaises(AccessError):
            self.env["sales.client.passport.document"].with_user(
                self.salesman_b
            ).browse(passport.document_ids.ids).read(["name"])

    def test_invoicing_users_read_invoices_and_milestones_only(self):
        Document = self.env["sales.client.passport.document"].with_user(self.accountant)
        self.assertEqual(Document.search([]).move_id, self.invoice)
        Log = self.env["sales.contact.log"].with_user(self.accountant)
        self.env["sales.contact.log"].create(
            {"partner_id": self.client.id, "topic": "A call, not a milestone"}
        )
        logs = Log.search([("partner_id", "=", self.client.id)])
        self.assertEqual(
            sorted(logs.mapped("milestone")), ["order", "paid_in_full", "payment"]
        )
        with self.assertRaises(AccessError):
            self.passport().with_user(self.accountant).read(["partner_id"])
        with self.assertRaises(AccessError):
            Document.create(
                {
                    "passport_id": self.passport().id,
                    "doc_type": "invoice",
                    "name": "Forged",
                }
            )
        with self.assertRaises(AccessError):
            Document.search([]).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            logs.write({"topic": "Changed"})

    def test_accountant_posts_and_pays_as_before(self):
        order = self.quotation(self.lead(name="Second request"))
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.with_user(self.accountant).action_post()
        self.env["account.payment.register"].with_user(self.accountant).with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        self.assertEqual(invoice.payment_state in ("paid", "in_payment"), True)
        self.assertEqual(
            self.milestones(order).mapped("milestone"),
            ["paid_in_full", "payment", "order"],
        )
        self.assertIn(invoice, self.documents(doc_type="invoice").move_id)

    def test_other_users_see_nothing(self):
        for user in (self.internal,):
            with self.assertRaises(AccessError):
                self.passport().with_user(user).read(["partner_id"])
            with self.assertRaises(AccessError):
                self.env["sales.client.passport.document"].with_user(user).search([])

    def test_client_with_a_passport_is_archived_not_deleted(self):
        self.env["sales.contact.log"].search(
            [("partner_id", "=", self.client.id)]
        ).unlink()
        with self.assertRaisesRegex(UserError, "client passport"):
            self.client.with_user(self.sales_admin).unlink()


@tagged("post_install", "-at_install")
class TestPassportReports(PassportCase):
    def setUp(self):
        super().setUp()
        self.order = self.quotation(self.lead())
        self.send(self.order)
        self.order.action_confirm()
        self.env["sales.contact.log"].create(
            {
                "partner_id": self.client.id,
                "contact_person_id": self.person.id,
                "user_id": self.salesman.id,
                "date": "2026-11-10",
                "contact_form": "meeting",
                "topic": "Terms <b>and</b> prices",
                "result": "Agreed",
            }
        )

    def test_client_passport_pdf(self):
        report = self.env.ref("sales_standard.action_report_client_passport")
        pdf = self.render_pdf(report.with_user(self.salesman), self.passport())
        self.assertGreater(len(pdf), 1000)
        html = (
            report.with_user(self.salesman)
            ._render_qweb_html(report.report_name, self.passport().ids)[0]
            .decode()
        )
        self.assertIn("Register of documents", html)
        self.assertIn("Client card (Form 2.1)", html)
        self.assertIn(self.order.name, html)
        self.assertIn("Terms &lt;b&gt;and&lt;/b&gt; prices", html, "escaped")

    def test_contact_report_in_russian_and_filed(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["sales_standard"], ["ru_RU"], overwrite=True
        )
        wizard = (
            self.env["sales.contact.report"]
            .with_user(self.salesman)
            .with_context(lang="ru_RU")
            .create(
                {
                    "passport_id": self.passport().id,
                    "date_from": "2026-11-01",
                    "date_to": "2026-11-15",
                }
            )
        )
        report = self.env.ref("sales_standard.action_report_contact_report")
        html = (
            report.with_user(self.salesman)
            .with_context(lang="ru_RU")
            ._render_qweb_html(
                report.report_name, self.passport().ids, data=wizard._report_data()
            )[0]
            .decode()
        )
        self.assertIn("Отчет о контактах с клиентом", html)
        self.assertIn("Agreed", html)
        action = wizard.action_print()
        filed = self.documents(doc_type="contact_report")
        self.assertEqual(len(filed), 1)
        self.assertIn(str(filed.id), action["url"])
        with self.assertRaises(ValidationError):
            wizard.write({"date_from": "2026-12-01"})


@tagged("post_install", "-at_install")
class TestPassportQueries(PassportCase):
    def _open(self, passport):
        spec = {
            "partner_id": {"fields": {"display_name": {}}},
            "date_opened": {},
            "document_count": {},
            "document_ids": {
                "fields": {
                    "date": {},
                    "doc_type": {},
                    "name": {},
                    "sale_order_id": {"fields": {"display_name": {}}},
                    "file": {},
                    "file_name": {},
                    "source_state": {},
                    "res_model": {},
                }
            },
            "deal_ids": {"fields": {"sale_order_id": {}, "progress": {}}},
            "milestone_log_ids": {"fields": {"milestone": {}, "date": {}}},
            "contact_log_ids": {"fields": {"topic": {}, "date": {}}},
        }
        passport.with_user(self.salesman).web_read(spec)

    def _passport_with(self, client, count):
        passport = self.env["sales.client.passport"].create({"partner_id": client.id})
        self.env["sales.client.passport.document"].create(
            [
                {
                    "passport_id": passport.id,
                    "doc_type": "letter",
                    "name": f"Letter {i}",
                    "date": "2026-11-01",
                }
                for i in range(count)
            ]
        )
        self.env.invalidate_all()
        return passport

    def test_opening_a_passport_costs_the_same_for_1_and_200_documents(self):
        small = self._passport_with(self.client, 1)
        large = self._passport_with(self.other_client, 200)
        self._open(small)  # warm-up
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=10):
            self._open(small)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=10):
            self._open(large)

    def test_confirming_20_orders_logs_their_milestones_in_fixed_queries(self):
        self.lead()
        warm_up = self.quotation()
        warm_up.action_confirm()
        single = self.quotation()
        orders = self.env["sale.order"].concat(*(self.quotation() for _i in range(20)))
        (single | orders).write({"state": "sale"})
        # Both as the salesperson who confirms them.
        orders = orders.with_user(self.salesman)
        single = single.with_user(self.salesman)
        warm_up._sales_log_milestone("payment")
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=24):
            orders._sales_log_milestone("order")
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=24):
            single._sales_log_milestone("order")
        self.assertEqual(len(self.milestones(orders[0])), 1)
        # Confirming them in one call logs each order's milestone once.
        more = self.env["sale.order"].concat(*(self.quotation() for _i in range(20)))
        more.action_confirm()
        self.assertEqual(
            len(
                self.env["sales.contact.log"].search(
                    [("sale_order_id", "in", more.ids)]
                )
            ),
            20,
        )
