# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The rules of every captured entry, whatever its channel (6 of issue 14),
and the figures that count them (8): each rule is checked for each source of
``capture_source``, through the path every capture takes (the source claimed
once, the entry made by Odoo, the claim linked to it), and as the
salespeople who meet the entries."""

import xmlrpc.client
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.misc import clean_context

from odoo.addons.sales_standard.models.sales_manager_report_figures import (
    Scope,
    evaluate,
)

from .common import SALESMAN, SalesStandardCase

NOW = "2026-04-01 08:00:00"
TODAY = date(2026, 4, 1)
# The form of contact a source makes (a new source makes "other").
SOURCE_FORMS = {
    "message": "email",
    "offer": "email",
    "event": "meeting",
    "call": "call_out",
}


class CaptureRulesCase(SalesStandardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sources = [
            source
            for source, _label in cls.env["sales.contact.log"]
            ._fields["capture_source"]
            ._description_selection(cls.env)
        ]
        cls.person.email = "ivan.petrov@volga-pumps.example"

    def new_client(self, name):
        return self.env["res.partner"].create({"name": name, "is_company": True})

    def source_message(self, client, user=None):
        """A message of the manager to `client`, the record a source points
        to (any source: the rules do not depend on what it is)."""
        return (
            self.env["mail.message"]
            .sudo()
            .create(
                {
                    "model": "res.partner",
                    "res_id": client.id,
                    "body": "<p>Source</p>",
                    "message_type": "comment",
                    "subtype_id": self.env.ref("mail.mt_comment").id,
                    "author_id": (user or self.salesman).partner_id.id,
                    "partner_ids": client.ids,
                }
            )
        )

    def capture(
        self, source, client, user=None, day=TODAY, record=None, context=None, **values
    ):
        """Capture a contact from `source` as every channel does: the source
        claimed once (none when claimed before), the entry made by Odoo, the
        claim linked to it. Run as the manager, whose request saw it.

        :return: the entry, as the manager
        """
        user = user or self.salesman
        record = record or self.source_message(client, user)
        capture = (
            self.env["sales.contact.capture"]
            .with_user(user)
            .with_context(**(context or {}))
        )
        if not capture._sales_claim(record._name, record.ids):
            return self.env["sales.contact.log"]
        env_su = capture.env(context=clean_context(capture.env.context), su=True)
        log = env_su["sales.contact.log"].create(
            {
                "partner_id": client.id,
                "user_id": user.id,
                "date": day,
                "contact_form": SOURCE_FORMS.get(source, "other"),
                "topic": f"Captured {source}",
                "result": "Seen by Odoo",
                "is_captured": True,
                "capture_source": source,
                "capture_model": record._name,
                "capture_res_id": record.id,
                **values,
            }
        )
        capture._sales_link(record._name, {record.id: log.id})
        return log.with_user(user)

    def post(self, record, body, **kwargs):
        """An email of the salesman to the contact person, from the chatter
        of `record`: the email channel itself."""
        return record.with_user(self.salesman).message_post(
            body=body,
            partner_ids=self.person.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            **kwargs,
        )

    def captured(self, client):
        return self.env["sales.contact.log"].search(
            [("partner_id", "=", client.id), ("is_captured", "=", True)]
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCaptureRules(CaptureRulesCase):
    def test_every_source_completes_the_open_plan_line(self):
        plan = self.env["sales.daily.plan"].create(
            {"user_id": self.salesman.id, "date": TODAY}
        )
        for source in self.sources:
            with self.subTest(source=source):
                client = self.new_client(f"Plan {source}")
                line = self.env["sales.daily.plan.line"].create(
                    {"plan_id": plan.id, "partner_id": client.id}
                )
                self.assertEqual(line.state, "planned")
                # Another manager's contact is not this manager's plan.
                self.capture(source, client, user=self.salesman_2)
                self.assertEqual(line.state, "planned")
                log = self.capture(source, client)
                self.assertEqual(log.daily_plan_line_id, line)
                self.assertEqual(line.state, "done")
                self.assertEqual(line.log_id, log)

    def test_every_source_opens_the_card_on_the_first_contact(self):
        for source in self.sources:
            with self.subTest(source=source):
                client = self.new_client(f"Card {source}")
                self.assertFalse(client.client_card_date)
                self.capture(source, client, day=TODAY - timedelta(days=3))
                self.assertEqual(client.client_card_date, TODAY - timedelta(days=3))
                self.capture(source, client)
                self.assertEqual(client.client_card_date, TODAY - timedelta(days=3))
                self.assertEqual(client.last_contact_date, TODAY)
        # A card opened by a typed contact keeps its date.
        typed = self.new_client("Card typed")
        self.log(partner_id=typed.id, date=TODAY - timedelta(days=10))
        for source in self.sources:
            self.capture(source, typed)
        self.assertEqual(typed.client_card_date, TODAY - timedelta(days=10))

    def test_no_source_replaces_closes_or_moves_the_planned_followup(self):
        planned = self.log(
            date=TODAY - timedelta(days=2),
            topic="Offer",
            next_contact_date=TODAY + timedelta(days=3),
            next_step="Call about the offer",
        )
        followup = self.followups()
        self.assertEqual(len(followup), 1)
        deadline = followup.date_deadline

        def assert_untouched():
            self.assertEqual(self.followups(), followup, "not replaced")
            self.assertTrue(followup.active, "not closed")
            self.assertEqual(followup.date_deadline, deadline, "not moved")
            self.assertEqual(followup.sales_contact_log_id, planned)
            self.assertEqual(followup.user_id, self.salesman)
            self.assertEqual(self.client.next_contact_date, deadline)
            self.assertEqual(planned.followup_state, "planned")

        # Even when the request that captures was opened from the follow-up.
        context = {"sales_followup_activity_id": followup.id}
        for source in self.sources:
            with self.subTest(source=source):
                log = self.capture(source, self.client, context=context)
                assert_untouched()
                # The manager edits and deletes it: still the same follow-up.
                log.write({"topic": "Edited", "result": "Edited", "next_step": "None"})
                assert_untouched()
                log.unlink()
                assert_untouched()
        # The email channel itself, from the chatter opened with the
        # follow-up's context.
        self.post(self.client.with_context(**context), "Sent the drawings")
        self.assertEqual(len(self.captured(self.client)), 1)
        assert_untouched()
        # The manager decides what comes next: a control date given to a
        # captured entry plans the next follow-up, as on any entry.
        log = self.captured(self.client).with_user(self.salesman)
        log.next_contact_date = TODAY + timedelta(days=7)
        self.assertFalse(followup.active)
        self.assertEqual(self.followups().sales_contact_log_id, log)
        self.assertEqual(self.client.next_contact_date, TODAY + timedelta(days=7))

    def test_the_manager_edits_and_deletes_a_captured_entry(self):
        for source in self.sources:
            with self.subTest(source=source):
                client = self.new_client(f"Edit {source}")
                log = self.capture(source, client)
                record = self.env["mail.message"].browse(log.capture_res_id)
                log.write({"topic": "Drawings", "result": "Sent the drawings"})
                self.assertRecordValues(
                    log,
                    [
                        {
                            "topic": "Drawings",
                            "result": "Sent the drawings",
                            "is_captured": True,
                            "capture_source": source,
                            "is_contact": True,
                        }
                    ],
                )
                # Nobody else's to edit or to delete.
                other = log.with_user(self.salesman_2)
                with self.assertRaises(AccessError):
                    other.write({"topic": "Mine"})
                with self.assertRaises(AccessError):
                    other.unlink()
                # The manager deletes one that should not count: it does not
                # come back when its source is seen again.
                log.unlink()
                self.assertFalse(self.captured(client))
                self.assertFalse(self.capture(source, client, record=record))
                self.assertFalse(self.captured(client))
                claim = self.env["sales.contact.capture"].search(
                    [
                        ("source_model", "=", "mail.message"),
                        ("source_id", "=", record.id),
                    ]
                )
                self.assertEqual(len(claim), 1)
                self.assertFalse(claim.log_id)

    def test_the_capture_fields_cannot_be_forged_or_changed(self):
        for source in self.sources:
            with self.subTest(source=source):
                client = self.new_client(f"Forge {source}")
                log = self.capture(source, client)
                message = log.capture_res_id
                # What the source says stays: the client, the day, the form.
                for fname, value in (
                    ("partner_id", self.other_client.id),
                    ("date", TODAY - timedelta(days=1)),
                    ("contact_form", "visit"),
                ):
                    with self.assertRaises(UserError):
                        log.write({fname: value})
                # Written as they are (a form sending every field): no change.
                log.write(
                    {
                        "partner_id": client.id,
                        "date": TODAY,
                        "contact_form": log.contact_form,
                    }
                )
                # The capture's marks are Odoo's alone: a user's are ignored.
                log.write(
                    {
                        "is_captured": False,
                        "capture_source": "call",
                        "capture_model": "res.partner",
                        "capture_res_id": client.id,
                    }
                )
                self.assertRecordValues(
                    log,
                    [
                        {
                            "partner_id": client.id,
                            "date": TODAY,
                            "contact_form": SOURCE_FORMS.get(source, "other"),
                            "is_captured": True,
                            "capture_source": source,
                            "capture_model": "mail.message",
                            "capture_res_id": message,
                        }
                    ],
                )
                typed = self.log(
                    partner_id=client.id,
                    is_captured=True,
                    capture_source=source,
                    capture_model="mail.message",
                    capture_res_id=message,
                )
                self.assertRecordValues(
                    typed,
                    [
                        {
                            "is_captured": False,
                            "capture_source": False,
                            "capture_model": False,
                            "capture_res_id": 0,
                        }
                    ],
                )
                # A typed entry stays the manager's to change.
                typed.write(
                    {"date": TODAY - timedelta(days=1), "contact_form": "visit"}
                )
                self.assertEqual(typed.contact_form, "visit")

    def test_the_entry_links_back_to_its_source(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Request: pumps",
                "type": "opportunity",
                "partner_id": self.client.id,
                "user_id": self.salesman.id,
            }
        )
        self.post(lead, "Our terms", subject="Terms")
        log = self.captured(self.client)
        self.assertEqual(len(log), 1)
        mine = log.with_user(self.salesman)
        self.assertTrue(mine.capture_can_open)
        self.assertEqual(mine.capture_target_name, lead.display_name)
        action = mine.action_open_capture_source()
        self.assertEqual((action["res_model"], action["res_id"]), ("crm.lead", lead.id))
        self.env[action["res_model"]].with_user(self.salesman).browse(
            action["res_id"]
        ).check_access("read")
        # What the form reads, for a salesperson who may read the entry (every
        # client's history) but not the other manager's opportunity: nothing
        # to open, and nothing raises.
        form = self.env.ref("sales_standard.sales_contact_log_view_form")
        other = log.with_user(self.salesman_2)
        other.get_view(form.id, "form")
        with self.assertRaises(AccessError):
            lead.with_user(self.salesman_2).check_access("read")
        [values] = other.web_read(
            {
                "capture_source": {},
                "capture_can_open": {},
                "capture_target_name": {},
            }
        )
        self.assertEqual(
            (values["capture_can_open"], values["capture_target_name"]),
            (False, False),
        )
        with self.assertRaises(UserError):
            other.action_open_capture_source()
        # A source that is gone opens nothing either.
        self.env["mail.message"].browse(log.capture_res_id).sudo().unlink()
        mine.invalidate_recordset()
        self.assertFalse(mine.capture_can_open)
        # A typed entry has no source.
        self.assertFalse(self.log().capture_can_open)


@tagged("post_install", "-at_install")
@freeze_time("2026-04-20 08:00:00")  # a Monday
class TestCapturedFigures(CaptureRulesCase):
    def test_form_2_4_counts_captured_contacts_by_their_form(self):
        period = (date(2026, 4, 1), date(2026, 4, 15))
        clients = [self.new_client(f"Figures {index}") for index in range(3)]
        for index, form in enumerate(("email", "call_out", "meeting")):
            self.log(
                partner_id=clients[index].id,
                contact_form=form,
                date=date(2026, 4, 2),
            )
        for index, source in enumerate(self.sources):
            self.capture(source, clients[index % 3], day=date(2026, 4, 3 + index))
        # Another manager's, and one outside the period, do not count.
        self.capture("message", clients[0], user=self.salesman_2, day=period[0])
        self.capture("message", clients[0], day=date(2026, 4, 16))
        captured = {}
        for source in self.sources:
            form = SOURCE_FORMS.get(source, "other")
            captured[form] = captured.get(form, 0) + 1
        review = (
            self.env["sales.manager.report"]
            .with_user(self.sales_admin)
            .create(
                {
                    "manager_id": self.salesman.id,
                    "date_from": period[0],
                    "date_to": period[1],
                }
            )
        )
        lines = {line.key: line for line in review.figure_ids}
        for form in ("email", "call_out", "meeting", "call_in", "letter", "visit"):
            with self.subTest(form=form):
                typed = 1 if form in ("email", "call_out", "meeting") else 0
                self.assertEqual(
                    lines[f"contacts_{form}"].value, typed + captured.get(form, 0)
                )
        total = 3 + len(self.sources)
        self.assertEqual(lines["contacts_captured"].value, len(self.sources))
        self.assertAlmostEqual(
            lines["contacts_captured_share"].value,
            100.0 * len(self.sources) / total,
        )
        # The share opens the contacts it is a share of.
        opened = (
            self.env["sales.contact.log"]
            .with_user(self.sales_admin)
            .search(lines["contacts_captured_share"].action_open_records()["domain"])
        )
        self.assertEqual(len(opened), total)
        self.assertEqual(len(opened.filtered("is_captured")), len(self.sources))
        # A deleted captured entry no longer counts.
        self.captured(clients[0]).filtered(
            lambda log: log.date == date(2026, 4, 3)
        ).unlink()
        self.assertEqual(
            evaluate(
                self.env, Scope(self.salesman.id, None, *period), {"contacts_captured"}
            ),
            {"contacts_captured": len(self.sources) - 1},
        )

    def test_the_dashboard_shows_the_share_of_captured_contacts(self):
        client = self.new_client("Dashboard client")
        self.log(partner_id=client.id, date=date(2026, 4, 20))
        self.log(partner_id=client.id, date=date(2026, 4, 20), topic="Second")
        self.capture("message", client, day=date(2026, 4, 20))
        self.capture("event", client, day=date(2026, 4, 20))
        # Last week's and another manager's do not count.
        self.capture("call", client, day=date(2026, 4, 19))
        self.capture("message", client, user=self.salesman_2, day=date(2026, 4, 20))
        dashboard = self.env["sales.manager.dashboard"].with_user(self.sales_admin)
        rows = {
            row.user_id: row
            for row in dashboard.search(
                [("user_id", "in", (self.salesman | self.salesman_2).ids)]
            )
        }
        self.assertEqual(rows[self.salesman].captured_share, 50.0)
        self.assertEqual(rows[self.salesman_2].captured_share, 100.0)
        action = (
            rows[self.salesman]
            .with_context(figure="captured_share")
            .action_open_figure()
        )
        opened = (
            self.env["sales.contact.log"]
            .with_user(self.sales_admin)
            .search(action["domain"])
        )
        self.assertEqual(len(opened), 4)
        self.assertEqual(len(opened.filtered("is_captured")), 2)
        # A salesperson sees their own share.
        [own] = self.env["sales.manager.dashboard"].with_user(self.salesman).search([])
        self.assertEqual(own.captured_share, 50.0)


@tagged("post_install", "-at_install")
class TestCaptureOverRpc(HttpCase):
    """A salesperson's own API calls neither forge nor change a capture."""

    def _rpc(self, model, method, *args):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, self.user.id, "ss_rpc_capture", model, method, args
        )

    def test_a_salesperson_cannot_forge_or_change_a_capture(self):
        self.user = new_test_user(
            self.env, login="ss_rpc_capture", password="ss_rpc_capture", groups=SALESMAN
        )
        client = self.env["res.partner"].create(
            {"name": "RPC Capture Pumps", "is_company": True}
        )
        message = client.message_post(body="Terms", message_type="comment")
        forged_id = self._rpc(
            "sales.contact.log",
            "create",
            {
                "partner_id": client.id,
                "topic": "Forged",
                "contact_form": "email",
                "is_captured": True,
                "capture_source": "message",
                "capture_model": "mail.message",
                "capture_res_id": message.id,
            },
        )
        forged = self.env["sales.contact.log"].browse(forged_id)
        self.assertFalse(forged.is_captured or forged.capture_source)
        self.assertFalse(forged.capture_model or forged.capture_res_id)
        captured = (
            self.env["sales.contact.log"]
            .sudo()
            .create(
                {
                    "partner_id": client.id,
                    "user_id": self.user.id,
                    "topic": "Captured",
                    "contact_form": "email",
                    "is_captured": True,
                    "capture_source": "message",
                    "capture_model": "mail.message",
                    "capture_res_id": message.id,
                }
            )
        )
        for vals in (
            {"date": "2020-01-01"},
            {"partner_id": self.env.ref("base.main_partner").id},
            {"contact_form": "meeting"},
        ):
            with self.assertRaises(xmlrpc.client.Fault), mute_logger("odoo.http"):
                self._rpc("sales.contact.log", "write", [captured.id], vals)
        self._rpc(
            "sales.contact.log",
            "write",
            [captured.id],
            {"topic": "Terms sent", "is_captured": False, "capture_source": "call"},
        )
        captured.invalidate_recordset()
        self.assertRecordValues(
            captured,
            [
                {
                    "topic": "Terms sent",
                    "is_captured": True,
                    "capture_source": "message",
                    "contact_form": "email",
                    "partner_id": client.id,
                }
            ],
        )
