# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import date
from functools import partial

from freezegun import freeze_time
from markupsafe import Markup

from odoo.exceptions import AccessError
from odoo.tests import (
    Form,
    new_test_user,
    tagged,
    users,
    warmup,
)

from .common import SALESMAN, SalesStandardCase, forget_demo_captures
from .test_concurrency import TwoWorkersCase

NOW = "2026-04-01 08:00:00"
TODAY = date(2026, 4, 1)


class CaptureCase(SalesStandardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        forget_demo_captures(cls.env)
        cls.person.email = "ivan.petrov@volga-pumps.example"
        cls.client.email = "office@volga-pumps.example"
        cls.product = cls.env["product.product"].create(
            {"name": "Pump CP-100", "list_price": 1000.0, "taxes_id": [(5, 0, 0)]}
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Request: pumps",
                "type": "opportunity",
                "partner_id": cls.client.id,
                "user_id": cls.salesman.id,
            }
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.client.id,
                "user_id": cls.salesman.id,
                "opportunity_id": cls.lead.id,
                "order_line": [
                    (0, 0, {"product_id": cls.product.id, "product_uom_qty": 2})
                ],
            }
        )

    def captured(self, client=None):
        return self.env["sales.contact.log"].search(
            [
                ("partner_id", "=", (client or self.client).id),
                ("is_captured", "=", True),
            ]
        )

    def compose(self, record, body, subject="Our terms", partners=None, user=None):
        """Send an email from `record`'s composer, as the salesman."""
        composer = (
            self.env["mail.compose.message"]
            .with_user(user or self.salesman)
            .with_context(
                default_model=record._name,
                default_res_ids=record.ids,
                default_composition_mode="comment",
            )
            .create(
                {
                    "body": body,
                    "subject": subject,
                    "partner_ids": (partners or self.person).ids,
                }
            )
        )
        composer.action_send_mail()
        return record.message_ids[:1]

    def post(self, record, body, partners=None, user=None, **kwargs):
        """Send an email from `record`'s chatter, as the salesman."""
        kwargs.setdefault("message_type", "comment")
        kwargs.setdefault("subtype_xmlid", "mail.mt_comment")
        return record.with_user(user or self.salesman).message_post(
            body=body, partner_ids=(partners or self.person).ids, **kwargs
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCaptureEmailOut(CaptureCase):
    def test_composer_from_a_lead_and_an_order(self):
        message = self.compose(self.lead, "<p>Please find our <b>terms</b>.</p>")
        log = self.captured()
        self.assertEqual(len(log), 1)
        self.assertRecordValues(
            log,
            [
                {
                    "contact_form": "email",
                    "user_id": self.salesman.id,
                    "contact_person_id": self.person.id,
                    "addressee": "Chief Engineer, Ivan Petrov",
                    "topic": "Our terms",
                    "result": "Please find our *terms*.",
                    "lead_id": self.lead.id,
                    "sale_order_id": False,
                    "date": TODAY,
                    "is_captured": True,
                    "is_contact": True,
                    "is_automatic": False,
                    "capture_source": "message",
                }
            ],
        )
        self.assertEqual(
            (log.capture_model, log.capture_res_id), ("mail.message", message.id)
        )
        # From an order, the next day: its own entry, linked to both.
        with freeze_time("2026-04-02 08:00:00"):
            message = self.compose(self.order, "Delivery in May", subject=False)
        log = self.captured() - log
        self.assertEqual(len(log), 1)
        self.assertRecordValues(
            log,
            [
                {
                    "user_id": self.salesman.id,
                    "contact_person_id": self.person.id,
                    "result": "Delivery in May",
                    "lead_id": self.lead.id,
                    "sale_order_id": self.order.id,
                    "date": date(2026, 4, 2),
                }
            ],
        )
        self.assertEqual(
            (log.capture_model, log.capture_res_id), ("mail.message", message.id)
        )
        self.assertIn(self.order.name, log.topic, "no subject: the order's name")
        # The salesman sees the entry and its link back to the message.
        source = self.env[log.capture_model].with_user(self.salesman)
        self.assertEqual(
            source.browse(log.capture_res_id).display_name, self.order.name
        )

    def test_the_same_message_twice_makes_one_entry(self):
        message = self.post(self.client, "First offer", subject="Offer")
        log = self.captured()
        self.assertEqual(len(log), 1)
        capture = self.env["sales.contact.capture"].with_user(self.salesman)
        for _i in range(2):
            self.assertFalse(capture._sales_capture_messages(message))
        self.assertEqual(self.captured(), log)
        self.assertEqual(log.result, "First offer", "nothing appended twice")

    def test_ten_emails_in_a_day_make_one_entry(self):
        typed = self.log(topic="Phone talk", result="Asked for terms")
        for i in range(10):
            self.post(self.client, f"Email {i}", subject=f"Re: terms {i}")
        log = self.captured()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.topic, "Re: terms 0")
        self.assertEqual(log.result, "\n".join(f"Email {i}" for i in range(10)))
        self.assertEqual(
            self.env["sales.contact.capture"]
            .search([("log_id", "=", log.id)])
            .mapped("source_id"),
            self.env["mail.message"]
            .search([("subject", "=like", "Re: terms %")], order="id")
            .ids,
            "each message is claimed, by the day's entry",
        )
        # Another manager's email, and the next day, make their own entries.
        self.post(self.client, "Hello", user=self.salesman_2)
        with freeze_time("2026-04-02 08:00:00"):
            self.post(self.client, "Email 10")
        self.assertEqual(len(self.captured()), 3)
        # History is append-only: the typed entry is as it was.
        self.assertRecordValues(
            typed, [{"topic": "Phone talk", "result": "Asked for terms"}]
        )
        self.assertEqual(log.result.count("Email"), 10)

    def test_notes_and_other_messages_make_none(self):
        self.client.with_user(self.salesman).message_post(
            body="Internal remark", subtype_xmlid="mail.mt_note"
        )
        self.lead.with_user(self.salesman).message_post(
            body="Internal remark",
            partner_ids=self.person.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.lead._message_log(body="Logged by Odoo")
        self.lead.with_user(self.salesman).with_context(tracking_disable=False).write(
            {"expected_revenue": 5000}
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        # An email to a colleague only, and one with no body.
        self.post(self.client, "To a colleague", partners=self.salesman_2.partner_id)
        self.post(self.client, Markup("<p><br></p>"))
        # A client's own message on its thread is not sent by a manager.
        self.lead.message_post(
            body="Client writes",
            author_id=self.person.id,
            partner_ids=self.salesman.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(self.captured())

    def test_switched_off_for_the_company(self):
        self.env.company.sales_capture_email_out = False
        self.post(self.client, "Not captured")
        self.assertFalse(self.captured())
        self.env.company.sales_capture_email_out = True
        self.post(self.client, "Captured")
        self.assertEqual(len(self.captured()), 1)

    def test_an_offer_sent_by_email(self):
        action = self.order.with_user(self.salesman).action_quotation_send()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.salesman)
            .with_context(**action["context"])
            .create({})
        )
        composer.action_send_mail()
        log = self.captured()
        self.assertEqual(len(log), 1)
        self.assertRecordValues(
            log,
            [
                {
                    "topic": f"Commercial offer {self.order.name}",
                    "capture_source": "offer",
                    "contact_form": "email",
                    "sale_order_id": self.order.id,
                    "lead_id": self.lead.id,
                    "user_id": self.salesman.id,
                }
            ],
        )
        self.assertEqual(self.order.state, "sent")
        # The passport still files the offer itself.
        self.assertTrue(
            self.env["sales.client.passport.document"].search(
                [
                    ("sale_order_id", "=", self.order.id),
                    ("doc_type", "=", "commercial_offer"),
                ]
            )
        )
        # An email of the same day is an entry of its own: the offer keeps
        # its topic.
        self.post(self.order, "Any questions?")
        self.assertEqual(len(self.captured()), 2)
        self.assertEqual(log.topic, f"Commercial offer {self.order.name}")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCapturedEntries(CaptureCase):
    def test_completes_the_plan_line_and_keeps_the_followup(self):
        planned = self.log(
            date=date(2026, 3, 30),
            topic="Offer",
            next_contact_date=TODAY,
            next_step="Call about the offer",
        )
        followup = self.followups()
        self.assertEqual(len(followup), 1)
        plans = self.env["sales.daily.plan"].with_user(self.salesman)
        plan = plans.browse(plans.action_open_my_day()["res_id"])
        line = plan.line_ids.filtered(lambda line: line.partner_id == self.client)
        self.assertEqual(line.state, "planned")
        self.post(self.client, "Sent the drawings")
        log = self.captured()
        self.assertEqual(log.daily_plan_line_id, line)
        self.assertEqual(line.state, "done")
        # The follow-up the manager planned stays open, as it was.
        self.assertEqual(self.followups(), followup)
        self.assertTrue(followup.active)
        self.assertEqual(followup.sales_contact_log_id, planned)
        self.assertEqual(self.client.next_contact_date, TODAY)
        self.assertEqual(planned.followup_state, "planned")
        # Editing the captured entry's text leaves it open too.
        log.with_user(self.salesman).write({"topic": "Drawings", "result": "Sent"})
        self.assertTrue(followup.active)
        self.assertEqual(planned.followup_state, "planned")

    def test_first_contact_opens_the_card(self):
        self.assertFalse(self.other_client.client_card_date)
        with freeze_time("2026-03-20 08:00:00"):
            self.post(self.other_client, "Our catalogue", partners=self.other_client)
        self.assertEqual(self.other_client.client_card_date, date(2026, 3, 20))
        self.assertEqual(self.other_client.last_contact_date, date(2026, 3, 20))
        self.post(self.other_client, "Prices", partners=self.other_client)
        self.assertEqual(self.other_client.client_card_date, date(2026, 3, 20))

    def test_the_manager_edits_and_deletes_a_captured_entry(self):
        message = self.post(self.client, "Sent the drawings")
        log = self.captured().with_user(self.salesman)
        log.write(
            {
                "topic": "Drawings",
                "result": "Sent the drawings of CP-100",
                "is_captured": False,
                "capture_source": False,
                "capture_model": False,
                "capture_res_id": False,
            }
        )
        self.assertRecordValues(
            log,
            [
                {
                    "topic": "Drawings",
                    "result": "Sent the drawings of CP-100",
                    "is_captured": True,
                    "capture_source": "message",
                    "is_contact": True,
                }
            ],
        )
        # Nobody else's to edit.
        with self.assertRaises(AccessError):
            log.with_user(self.salesman_2).write({"topic": "Mine"})
        # Nobody types a captured entry either.
        typed = self.log(is_captured=True, capture_source="call")
        self.assertFalse(typed.is_captured)
        self.assertFalse(typed.capture_source)
        # Deleted, it does not come back when the message is seen again.
        log.unlink()
        self.assertFalse(self.captured())
        self.env["sales.contact.capture"]._sales_capture_messages(message)
        self.assertFalse(self.captured())

    def test_settings_switch_each_channel(self):
        company = self.env.company
        self.assertTrue(company.sales_capture_email_out, "on by default")
        settings = Form(
            self.env["res.config.settings"].with_user(self.env.ref("base.user_admin"))
        )
        settings.sales_capture_email_out = False
        settings.save().execute()
        self.assertFalse(company.sales_capture_email_out)
        # Not a salesperson's to change.
        with self.assertRaises(AccessError):
            company.with_user(self.salesman).sales_capture_email_out = True


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCapturePerformance(CaptureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = cls.env["res.partner"].create(
            [{"name": f"Client {i}", "is_company": True} for i in range(101)]
        )

    def _messages(self, clients):
        """Emails of the salesman to `clients`, not captured yet."""
        return (
            self.env["mail.message"]
            .sudo()
            .create(
                [
                    {
                        "model": "res.partner",
                        "res_id": client.id,
                        "body": f"<p>Terms for {client.name}</p>",
                        "subject": "Terms",
                        "message_type": "comment",
                        "subtype_id": self.env.ref("mail.mt_comment").id,
                        "author_id": self.salesman.partner_id.id,
                        "partner_ids": client.ids,
                    }
                    for client in clients
                ]
            )
        )

    @users("ss_salesman")
    @warmup
    def test_capturing_1_or_100_messages_costs_the_same(self):
        one = self._messages(self.clients[:1])
        hundred = self._messages(self.clients[1:])
        capture = self.env["sales.contact.capture"]
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(ss_salesman=20):
            capture._sales_capture_messages(one.with_env(self.env))
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(ss_salesman=20):
            capture._sales_capture_messages(hundred.with_env(self.env))
        self.assertEqual(
            len(
                self.env["sales.contact.log"].search(
                    [("partner_id", "in", self.clients.ids)]
                )
            ),
            101,
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCaptureConcurrency(TwoWorkersCase):
    """Two workers capture at the same moment, each in its own committed
    transaction (the machinery of test_concurrency, retried as Odoo retries
    a request)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.addClassCleanup(cls._remove_capture_data)
        with cls._cursor() as cr:
            env = cls._env(cr)
            salesman = new_test_user(env, login="ss_capture_race", groups=SALESMAN)
            client = env["res.partner"].create(
                {"name": "Race Valves", "is_company": True}
            )
            messages = env["mail.message"].create(
                [
                    {
                        "model": "res.partner",
                        "res_id": client.id,
                        "body": f"<p>Email {i}</p>",
                        "subject": "Terms",
                        "message_type": "comment",
                        "subtype_id": env.ref("mail.mt_comment").id,
                        "author_id": salesman.partner_id.id,
                        "partner_ids": client.ids,
                    }
                    for i in range(3)
                ]
            )
            cls.salesman_id, cls.client_id = salesman.id, client.id
            cls.message_ids = messages.ids

    @classmethod
    def _remove_capture_data(cls):
        with cls._cursor() as cr:
            env = cls._env(cr)
            logs = env["sales.contact.log"].search([("partner_id", "=", cls.client_id)])
            env["sales.contact.capture"].search([("log_id", "in", logs.ids)]).unlink()
            env["sales.contact.capture"].search(
                [
                    ("source_model", "=", "mail.message"),
                    ("source_id", "in", cls.message_ids),
                ]
            ).unlink()
            logs.unlink()
            env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "=", cls.client_id)]
            ).unlink()
            env["res.partner"].browse(cls.client_id).unlink()
            user = env["res.users"].browse(cls.salesman_id)
            partner = user.partner_id
            user.unlink()
            partner.unlink()

    def _capture(self, message_id, env):
        capture = env["sales.contact.capture"].with_user(self.salesman_id)
        return capture._sales_capture_messages(
            env["mail.message"].browse(message_id)
        ).ids

    def _entries(self):
        with self._cursor() as cr:
            env = self._env(cr)
            logs = env["sales.contact.log"].search(
                [("partner_id", "=", self.client_id), ("is_captured", "=", True)]
            )
            return [(log.id, log.result) for log in logs]

    def test_the_same_message_at_once_and_two_emails_at_once(self):
        first, second, third = self.message_ids
        outcomes = self._in_parallel(
            partial(self._capture, first), partial(self._capture, first)
        )
        # The later worker met the first's claim and was retried: then it
        # saw the message captured and made nothing.
        self.assertEqual(sorted(outcome.attempts for outcome in outcomes), [1, 2])
        self.assertEqual(sorted(bool(outcome.result) for outcome in outcomes), [0, 1])
        entries = self._entries()
        self.assertEqual(len(entries), 1, "one entry for one message")
        self.assertEqual(entries[0][1], "Email 0")
        # Two emails of the day at once: appended to the day's one entry.
        outcomes = self._in_parallel(
            partial(self._capture, second), partial(self._capture, third)
        )
        self.assertEqual(sorted(outcome.attempts for outcome in outcomes), [1, 2])
        entries = self._entries()
        self.assertEqual(len(entries), 1, "one entry a day")
        self.assertEqual(
            sorted(entries[0][1].split("\n")), ["Email 0", "Email 1", "Email 2"]
        )
