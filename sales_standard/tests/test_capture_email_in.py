# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Email in: a client's email received by the mail gateway
(``mail.thread.message_process`` with a raw RFC 822 email) logs itself."""

from datetime import date
from email.utils import formatdate

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged, users, warmup

from .common import SALES_ADMIN
from .test_capture import NOW, TODAY, CaptureCase

DOMAIN = "capture.example.com"

PLAIN = """Return-Path: <{email_from}>
From: {email_from}
To: {to}
Subject: {subject}
Date: {date}
Message-ID: {msg_id}
{extra}MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}
"""

HTML = """Return-Path: <{email_from}>
From: {email_from}
To: {to}
Subject: {subject}
Date: {date}
Message-ID: {msg_id}
{extra}MIME-Version: 1.0
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: 8bit

<div dir="ltr">{body}</div>
<div class="gmail_quote"><div>On Tue, Mar 31, 2026, Sales wrote:</div>
<blockquote>Our quoted offer, already in the log.</blockquote></div>
"""


class EmailInCase(CaptureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.alias_domain = env["mail.alias.domain"].create(
            {"name": DOMAIN, "bounce_alias": "bounce", "catchall_alias": "catchall"}
        )
        env.company.alias_domain_id = cls.alias_domain
        cls.leader = new_test_user(env, login="ss_team_leader", groups=SALES_ADMIN)
        cls.team = env["crm.team"].create(
            {
                "name": "Pump requests",
                "use_opportunities": True,
                "user_id": cls.leader.id,
                "alias_name": "pumps",
                "alias_domain_id": cls.alias_domain.id,
            }
        )
        cls.alias_email = f"pumps@{DOMAIN}"
        cls.other_client.email = "office@kama-steel.example"
        # Odoo's emails on the threads, that the client answers.
        cls.lead_email = cls._odoo_email(cls.lead, "<lead-offer@odoo.example>")
        cls.order_email = cls._odoo_email(cls.order, "<order-offer@odoo.example>")

    @classmethod
    def _odoo_email(cls, record, message_id):
        return cls.env["mail.message"].create(
            {
                "model": record._name,
                "res_id": record.id,
                "message_type": "comment",
                "subtype_id": cls.env.ref("mail.mt_comment").id,
                "author_id": cls.salesman.partner_id.id,
                "body": "<p>Our offer</p>",
                "subject": record.display_name,
                "message_id": message_id,
            }
        )

    def receive(self, body, parent=None, email_from=None, to=None, **kwargs):
        """Process a raw email through the mail gateway, as fetchmail does:
        a reply to `parent`, or a new email to `to`, sent now."""
        kwargs.setdefault("subject", "Re: our offer")
        kwargs.setdefault("msg_id", f"<{abs(hash(body))}@volga-pumps.example>")
        kwargs.setdefault("extra", "")
        kwargs.setdefault("date", formatdate(usegmt=True))  # now, frozen
        if parent:
            kwargs["extra"] += f"In-Reply-To: {parent.message_id}\n"
        raw = kwargs.pop("template", PLAIN).format(
            email_from=email_from or f'"Ivan Petrov" <{self.person.email}>',
            to=to or f"catchall@{DOMAIN}",
            body=body,
            **kwargs,
        )
        return self.env["mail.thread"].message_process(False, raw)

    def received(self, record, body_part):
        return self.env["mail.message"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("message_type", "=", "email"),
                ("body", "ilike", body_part),
            ]
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCaptureEmailIn(EmailInCase):
    def test_a_reply_on_a_lead(self):
        self.assertEqual(
            self.receive("We need 40 pumps by May.", parent=self.lead_email),
            self.lead.id,
        )
        message = self.received(self.lead, "40 pumps")
        self.assertEqual(len(message), 1, "Odoo routed the reply to the lead")
        log = self.captured()
        self.assertEqual(len(log), 1)
        self.assertRecordValues(
            log,
            [
                {
                    "contact_form": "email",
                    "user_id": self.salesman.id,
                    "contact_person_id": self.person.id,
                    "topic": "Re: our offer",
                    "result": "We need 40 pumps by May.",
                    "lead_id": self.lead.id,
                    "sale_order_id": False,
                    "date": TODAY,
                    "is_captured": True,
                    "is_contact": True,
                    "capture_source": "message",
                    "capture_model": "mail.message",
                    "capture_res_id": message.id,
                }
            ],
        )
        # The salesman sees his entry, and the email it links to.
        logs = self.env["sales.contact.log"].with_user(self.salesman)
        self.assertEqual(logs.search([("id", "=", log.id)]), log)
        source = self.env[log.capture_model].with_user(self.salesman)
        self.assertIn("40 pumps", source.browse(log.capture_res_id).body)
        # His to edit, as a typed entry; another salesman's to read only.
        log.with_user(self.salesman).topic = "Order of 40 pumps"
        with self.assertRaises(AccessError):
            log.with_user(self.salesman_2).topic = "Mine"
        self.assertEqual(log.topic, "Order of 40 pumps")

    def test_a_reply_on_an_order_keeps_the_reply_only(self):
        self.receive(
            "Please ship to our Samara warehouse.",
            parent=self.order_email,
            template=HTML,
            subject=f"Re: {self.order.name}",
        )
        message = self.received(self.order, "Samara")
        self.assertEqual(len(message), 1, "Odoo routed the reply to the order")
        log = self.captured()
        self.assertRecordValues(
            log,
            [
                {
                    "user_id": self.salesman.id,
                    "contact_person_id": self.person.id,
                    "topic": f"Re: {self.order.name}",
                    "result": "Please ship to our Samara warehouse.",
                    "lead_id": self.lead.id,
                    "sale_order_id": self.order.id,
                    "capture_res_id": message.id,
                }
            ],
        )

    def test_a_new_lead_from_the_crm_alias(self):
        self.client.user_id = self.salesman_2
        lead_id = self.receive(
            "Do you make pumps for hot water?",
            to=self.alias_email,
            subject="Hot water pumps",
        )
        lead = self.env["crm.lead"].browse(lead_id)
        # Odoo's own routing: a new opportunity of the alias's team, for the
        # contact person, with no salesperson.
        self.assertRecordValues(
            lead,
            [
                {
                    "name": "Hot water pumps",
                    "team_id": self.team.id,
                    "partner_id": self.person.id,
                    "user_id": False,
                    "type": "opportunity",
                }
            ],
        )
        log = self.captured()
        self.assertRecordValues(
            log,
            [
                {
                    "user_id": self.salesman_2.id,
                    "contact_person_id": self.person.id,
                    "topic": "Hot water pumps",
                    "result": "Do you make pumps for hot water?",
                    "lead_id": lead.id,
                    "capture_res_id": self.received(lead, "hot water").id,
                }
            ],
        )
        logs = self.env["sales.contact.log"].with_user(self.salesman_2)
        self.assertEqual(logs.search([("partner_id", "=", self.client.id)]), log)

    def test_the_manager_falls_back_to_the_alias_owner(self):
        # No salesperson on the new lead, none on the client: the leader of
        # the team whose alias the email arrived on (an alias that gives its
        # leads no team: only the alias tells whose they are).
        self.assertFalse(self.other_client.user_id)
        self.team.alias_id.alias_defaults = "{'type': 'opportunity'}"
        lead = self.env["crm.lead"].browse(
            self.receive(
                "Send us your catalogue.",
                email_from=self.other_client.email,
                to=self.alias_email,
                subject="Catalogue",
            )
        )
        self.assertFalse(lead.team_id)
        log = self.captured(self.other_client)
        self.assertRecordValues(
            log,
            [
                {
                    "user_id": self.leader.id,
                    "contact_person_id": False,
                    "lead_id": lead.id,
                    "topic": "Catalogue",
                }
            ],
        )
        # The reply to the lead (through the catchall, not the alias) finds
        # the client's salesperson once there is one, then the lead's.
        email = self._odoo_email(lead, "<catalogue@odoo.example>")
        self.other_client.user_id = self.salesman_2
        with freeze_time("2026-04-02 08:00:00"):
            self.receive(
                "Thank you.",
                parent=email,
                email_from=self.other_client.email,
                subject="Re: Catalogue",
                msg_id="<thanks@kama-steel.example>",
            )
        lead.user_id = self.salesman
        with freeze_time("2026-04-03 08:00:00"):
            self.receive(
                "One more question.",
                parent=email,
                email_from=self.other_client.email,
                subject="Re: Catalogue",
                msg_id="<question@kama-steel.example>",
            )
        self.assertEqual(
            self.captured(self.other_client).sorted("date").mapped("user_id"),
            self.leader + self.salesman_2 + self.salesman,
        )
        # With none of them, and no alias: the leader of the lead's team
        # (which Odoo moved to the salesman's team: back to the alias's).
        lead.user_id = False
        lead.team_id = self.team
        self.other_client.user_id = False
        with freeze_time("2026-04-06 08:00:00"):
            self.receive(
                "Still waiting.",
                parent=email,
                email_from=self.other_client.email,
                subject="Re: Catalogue",
                msg_id="<waiting@kama-steel.example>",
            )
        self.assertEqual(
            self.captured(self.other_client).sorted("date")[-1:].user_id, self.leader
        )

    def test_unknown_senders_and_colleagues_make_none(self):
        # A stranger: Odoo still makes its lead, and no entry.
        lead = self.env["crm.lead"].browse(
            self.receive(
                "Who are you?",
                email_from="stranger@unknown.example",
                to=self.alias_email,
                subject="Question",
            )
        )
        self.assertEqual(lead.email_from, "stranger@unknown.example")
        self.assertFalse(lead.partner_id)
        self.assertTrue(self.received(lead, "Who are you"))
        # A stranger's reply on the client's lead: posted, not logged.
        self.receive(
            "Forwarded to me.",
            parent=self.lead_email,
            email_from="stranger@unknown.example",
        )
        self.assertTrue(self.received(self.lead, "Forwarded to me"))
        # An internal user's email on the client's lead is not the client's.
        self.salesman_2.email = "salesman2@capture.example"
        self.receive(
            "Colleague's note by email.",
            parent=self.lead_email,
            email_from=self.salesman_2.email,
        )
        self.assertEqual(
            self.received(self.lead, "by email").author_id, self.salesman_2.partner_id
        )
        self.assertFalse(
            self.env["sales.contact.log"].search([("is_captured", "=", True)])
        )

    def test_the_same_email_twice_makes_one_entry(self):
        for _i in range(2):
            self.receive("We need 40 pumps.", parent=self.lead_email)
        message = self.received(self.lead, "40 pumps")
        self.assertEqual(len(message), 1, "Odoo drops the duplicate Message-Id")
        log = self.captured()
        self.assertEqual(len(log), 1)
        # The claim holds on its own: the message seen again appends nothing.
        capture = self.env["sales.contact.capture"].with_user(self.salesman)
        for _i in range(2):
            self.assertFalse(capture._sales_capture_messages(message))
        self.assertEqual(self.captured(), log)
        self.assertEqual(log.result, "We need 40 pumps.")

    def test_emails_in_and_out_of_a_day_share_one_entry(self):
        self.post(self.lead, "Here are our terms.", subject="Terms")
        self.receive("Thank you, we agree.", parent=self.lead_email)
        self.receive(
            "One more thing: delivery.",
            parent=self.lead_email,
            msg_id="<second@volga-pumps.example>",
        )
        log = self.captured()
        self.assertEqual(len(log), 1)
        self.assertRecordValues(
            log,
            [
                {
                    "topic": "Terms",
                    "user_id": self.salesman.id,
                    "result": "Here are our terms.\nThank you, we agree.\n"
                    "One more thing: delivery.",
                }
            ],
        )
        self.assertEqual(
            len(self.env["sales.contact.capture"].search([("log_id", "=", log.id)])),
            3,
        )
        # The next day's reply makes its own entry.
        with freeze_time("2026-04-02 08:00:00"):
            self.receive(
                "Any news?",
                parent=self.lead_email,
                msg_id="<third@volga-pumps.example>",
            )
        self.assertEqual(len(self.captured()), 2)
        # A sender's clock ahead of ours: the email counts today.
        with freeze_time("2026-04-02 09:00:00"):
            self.receive(
                "From the future.",
                parent=self.lead_email,
                msg_id="<fourth@volga-pumps.example>",
                date="Sun, 05 Apr 2026 07:30:00 +0000",
            )
        self.assertEqual(len(self.captured()), 2)
        self.assertEqual(
            self.captured().filtered(lambda log: log.date == date(2026, 4, 2)).result,
            "Any news?\nFrom the future.",
        )

    def test_switched_off_for_the_company(self):
        self.env.company.sales_capture_email_in = False
        self.receive("Not logged.", parent=self.lead_email)
        self.assertTrue(self.received(self.lead, "Not logged"))
        self.assertFalse(self.captured())
        # Sent emails have their own switch.
        self.post(self.lead, "Logged.")
        self.assertEqual(self.captured().result, "Logged.")
        self.env.company.sales_capture_email_in = True
        self.receive(
            "Logged too.", parent=self.lead_email, msg_id="<on@volga-pumps.example>"
        )
        self.assertEqual(self.captured().result, "Logged.\nLogged too.")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCaptureEmailInPerformance(CaptureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = cls.env["res.partner"].create(
            [
                {
                    "name": f"Client {i}",
                    "is_company": True,
                    "email": f"office{i}@client.example",
                    "user_id": cls.salesman.id,
                }
                for i in range(101)
            ]
        )
        cls.leads = cls.env["crm.lead"].create(
            [
                {"name": f"Request {i}", "partner_id": client.id, "user_id": False}
                for i, client in enumerate(cls.clients)
            ]
        )

    def _messages(self, leads):
        """Emails of the clients received on `leads`, not captured yet."""
        return (
            self.env["mail.message"]
            .sudo()
            .create(
                [
                    {
                        "model": "crm.lead",
                        "res_id": lead.id,
                        "body": f"<p>Request of {lead.partner_id.name}</p>",
                        "subject": "Request",
                        "message_type": "email",
                        "subtype_id": self.env.ref("mail.mt_comment").id,
                        "author_id": lead.partner_id.id,
                    }
                    for lead in leads
                ]
            )
        )

    @users("ss_salesman")
    @warmup
    def test_capturing_1_or_100_received_emails_costs_the_same(self):
        one = self._messages(self.leads[:1])
        hundred = self._messages(self.leads[1:])
        capture = self.env["sales.contact.capture"]
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(ss_salesman=18):
            capture._sales_capture_messages(one.with_env(self.env))
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(ss_salesman=18):
            capture._sales_capture_messages(hundred.with_env(self.env))
        logs = self.env["sales.contact.log"].search(
            [("partner_id", "in", self.clients.ids), ("is_captured", "=", True)]
        )
        self.assertEqual(len(logs), 101)
        self.assertEqual(set(logs.mapped("user_id")), {self.salesman})
