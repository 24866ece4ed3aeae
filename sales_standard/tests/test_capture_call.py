# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Phone calls reported by a telephony provider over real HTTP
(``POST /sales_standard/call``) become contact log entries (Form 2.2)."""

import json
import logging
import os
from datetime import date, datetime
from functools import partial

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..controllers.sales_call import SIGNATURE_HEADER, signature
from ..models.sales_call import parse_call_report
from .common import SALESMAN, SalesStandardCase, forget_demo_captures
from .test_concurrency import TwoWorkersCase

_logger = logging.getLogger(__name__)


def real_clock():
    """Seconds of wall time, which freezegun does not freeze."""
    return os.times().elapsed


NOW = "2026-04-01 08:00:00"
SECRET = "telephony-secret-of-a"
URL = "/sales_standard/call"


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCaptureCall(HttpCase, SalesStandardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "country_id": cls.env.ref("base.ru").id,
                "sales_capture_calls": True,
                "sales_call_secret": SECRET,
            }
        )
        cls.company.partner_id.tz = "Europe/Moscow"
        cls.client.write({"phone": "+7 495 123-45-67", "user_id": cls.salesman.id})
        cls.person.mobile = "+7 903 111-22-33"
        # Two clients share a switchboard: one wrote it nationally.
        cls.other_client.phone = "+7 343 200-00-00"
        cls.third_client = cls.env["res.partner"].create(
            {"name": "Ural Tubes", "is_company": True, "phone": "8 (343) 200-00-00"}
        )
        cls.calls = cls.env["sales.call"]
        forget_demo_captures(cls.env)

    def setUp(self):
        super().setUp()
        # A request without a user: the session only names the database.
        self.authenticate(None, None)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def report(self, call_id="c-1", **values):
        return {
            "call_id": call_id,
            "direction": "in",
            "number": "8 (495) 123-45-67",
            "start": "2026-03-31T22:30:00Z",
            "duration": 125,
            "user": "ss_salesman",
            **values,
        }

    def send(self, report=None, body=None, secret=SECRET, headers=None):
        """POST a call report, signed with `secret` (none when False)."""
        if body is None:
            body = json.dumps(report or self.report()).encode()
        headers = {"Content-Type": "application/json", **(headers or {})}
        if secret:
            headers[SIGNATURE_HEADER] = signature(secret, body)
        return self.url_open(URL, data=body, headers=headers)

    def entries(self, client=None):
        domain = [("capture_source", "=", "call")]
        if client:
            domain.append(("partner_id", "=", client.id))
        return self.env["sales.contact.log"].search(domain)

    def assertNothingWritten(self, response, status):
        self.assertEqual(response.status_code, status, response.text)
        self.assertIn("error", response.json())
        self.assertFalse(self.calls.search([]))
        self.assertFalse(self.entries())

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_known_number_in_national_and_international_notation(self):
        plan = self.env["sales.daily.plan"].create(
            {"user_id": self.salesman.id, "date": "2026-04-01"}
        )
        line = self.env["sales.daily.plan.line"].create(
            {"plan_id": plan.id, "partner_id": self.client.id, "topic": "Call"}
        )
        self.assertEqual(line.state, "planned")
        response = self.send()
        self.assertEqual(response.status_code, 200, response.text)
        answer = response.json()
        self.assertEqual(answer["state"], "matched")
        self.assertIs(answer["matched"], True)
        call = self.calls.browse(answer["id"])
        log = self.entries()
        self.assertEqual(len(log), 1)
        self.assertRecordValues(
            call,
            [
                {
                    "state": "matched",
                    "partner_id": self.client.id,
                    "contact_person_id": False,
                    "user_id": self.salesman.id,
                    "number_sanitized": "+74951234567",
                    "start": datetime(2026, 3, 31, 22, 30),
                    "duration": 125,
                    "log_id": log.id,
                }
            ],
        )
        self.assertRecordValues(
            log,
            [
                {
                    "partner_id": self.client.id,
                    "user_id": self.salesman.id,
                    "contact_form": "call_in",
                    "topic": "Incoming call",
                    # 22:30 UTC on 31 March is 1 April in Moscow.
                    "date": date(2026, 4, 1),
                    "is_captured": True,
                    "is_contact": True,
                    "capture_source": "call",
                    "capture_model": "sales.call",
                    "capture_res_id": call.id,
                }
            ],
        )
        self.assertIn("2:05", log.result)
        # Like a typed contact: the card opens and the day's plan line is done.
        self.assertEqual(self.client.client_card_date, date(2026, 4, 1))
        self.assertEqual(line.state, "done")
        self.assertEqual(log.daily_plan_line_id, line)
        # The same number in international notation, an outgoing call.
        response = self.send(
            self.report("c-2", number="+7 495 1234567", direction="out")
        )
        self.assertEqual(response.json()["state"], "matched")
        log_2 = self.entries() - log
        self.assertRecordValues(
            log_2,
            [
                {
                    "partner_id": self.client.id,
                    "contact_form": "call_out",
                    "topic": "Outgoing call",
                }
            ],
        )
        # The contact person's mobile, in national notation: its client.
        response = self.send(self.report("c-3", number="89031112233", user=False))
        call = self.calls.browse(response.json()["id"])
        self.assertRecordValues(
            call.log_id,
            [
                {
                    "partner_id": self.client.id,
                    "contact_person_id": self.person.id,
                    # No user given: the client's salesperson.
                    "user_id": self.salesman.id,
                }
            ],
        )
        self.assertEqual(len(self.entries()), 3)
        # The salesman sees his calls and the entries' link back to them.
        log_model = self.env["sales.contact.log"].with_user(self.salesman)
        source = log_model.browse(log.id)
        self.assertEqual(
            self.env[source.capture_model]
            .with_user(self.salesman)
            .browse(source.capture_res_id)
            .number,
            "8 (495) 123-45-67",
        )

    def test_unsigned_or_wrongly_signed_requests_are_refused(self):
        with mute_logger("odoo.addons.sales_standard.controllers.sales_call"):
            self.assertNothingWritten(self.send(secret=False), 403)
            self.assertNothingWritten(self.send(secret="guessed"), 403)
            body = json.dumps(self.report()).encode()
            # A signature of another body: the body was changed on the way.
            response = self.send(
                body=body.replace(b"c-1", b"c-9"),
                secret=False,
                headers={SIGNATURE_HEADER: signature(SECRET, body)},
            )
            self.assertNothingWritten(response, 403)
            response = self.send(
                secret=False, headers={SIGNATURE_HEADER: "sha256=" + "0" * 64}
            )
            self.assertNothingWritten(response, 403)
        # Calls switched off: a clear refusal, nothing written.
        self.company.sales_capture_calls = False
        self.assertNothingWritten(self.send(), 409)

    def test_malformed_bodies_get_400(self):
        for name, body, error in [
            ("not json", b"{call", "JSON"),
            ("not an object", b"[1, 2]", "object"),
            ("no call id", self.report(call_id=""), "call_id"),
            ("no number", self.report(number=None), "number"),
            ("bad direction", self.report(direction="sideways"), "direction"),
            ("bad date", self.report(start="31/03/2026 22:30"), "start"),
            ("no date", self.report(start=None), "start"),
            ("negative duration", self.report(duration=-5), "duration"),
            ("text duration", self.report(duration="125"), "duration"),
            ("huge number", self.report(number="9" * 300), "number"),
        ]:
            with self.subTest(name):
                if isinstance(body, dict):
                    body = json.dumps(body).encode()
                response = self.send(body=body)
                self.assertNothingWritten(response, 400)
                self.assertIn(error, response.json()["error"])

    def test_unknown_number_is_kept_and_attached_once(self):
        response = self.send(self.report(number="+7 (499) 765-43-21", user=False))
        self.assertEqual(response.status_code, 200)
        self.assertIs(response.json()["matched"], False)
        call = self.calls.browse(response.json()["id"])
        self.assertRecordValues(
            call,
            [{"state": "unmatched", "partner_id": False, "user_id": False}],
        )
        self.assertFalse(call.candidate_ids)
        self.assertFalse(self.entries())
        # A salesman finds it among the unmatched calls and attaches it.
        unmatched = self.search_filter(
            "sales.call", "sales_standard.sales_call_view_search", "unmatched"
        )
        self.assertEqual(unmatched, call)
        action = call.with_user(self.salesman).action_open_attach()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.salesman)
            .with_context(**action["context"])
        )
        wizard.partner_id = self.client
        wizard.contact_person_id = self.person
        action = wizard.save().action_attach()
        log = self.entries()
        self.assertEqual(action["res_id"], log.id)
        self.assertRecordValues(
            log,
            [
                {
                    "partner_id": self.client.id,
                    "contact_person_id": self.person.id,
                    "user_id": self.salesman.id,
                    "contact_form": "call_in",
                    "capture_res_id": call.id,
                    "date": date(2026, 4, 1),
                }
            ],
        )
        self.assertRecordValues(
            call, [{"state": "matched", "log_id": log.id, "user_id": self.salesman.id}]
        )
        # Attached once: again, by anyone, is refused.
        for user in (self.salesman, self.sales_admin):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.env["sales.call.attach"].with_user(user).create(
                    {"call_id": call.id, "partner_id": self.other_client.id}
                ).action_attach()
        with self.assertRaises(UserError):
            call.sudo()._sales_attach(self.other_client, user=self.salesman)
        self.assertEqual(self.entries(), log)
        # Re-delivered, it stays as it is.
        self.send(self.report(number="+7 (499) 765-43-21", user=False))
        self.assertEqual(self.calls.search([]), call)
        self.assertEqual(self.entries(), log)

    def test_number_of_two_clients_is_unmatched_with_both_candidates(self):
        response = self.send(self.report(number="+73432000000"))
        self.assertEqual(response.json()["state"], "unmatched")
        call = self.calls.browse(response.json()["id"])
        self.assertEqual(call.candidate_ids, self.other_client | self.third_client)
        self.assertFalse(call.partner_id)
        self.assertFalse(self.entries())
        # Ignored, it makes no entry and leaves the unmatched list.
        call.with_user(self.salesman).action_ignore()
        self.assertEqual(call.state, "ignored")
        with self.assertRaises(UserError):
            call.with_user(self.salesman).action_open_attach()
        self.assertFalse(self.entries())

    def test_unanswered_call_is_kept_and_ignored(self):
        response = self.send(self.report(duration=0))
        self.assertEqual(response.json()["state"], "ignored")
        self.assertEqual(len(self.calls.search([])), 1)
        self.assertFalse(self.entries())

    def test_redelivered_call_makes_one_call_and_one_entry(self):
        answers = [self.send().json() for _i in range(3)]
        self.assertEqual(len({answer["id"] for answer in answers}), 1)
        self.assertEqual(len(self.calls.search([])), 1)
        self.assertEqual(len(self.entries()), 1)
        self.assertEqual(
            self.env["sales.contact.capture"].search_count(
                [("source_model", "=", "sales.call")]
            ),
            1,
        )
        # The same call id in another company is another call.
        company_b = self.env["res.company"].create(
            {
                "name": "B",
                "country_id": self.env.ref("base.ru").id,
                "sales_capture_calls": True,
                "sales_call_secret": "telephony-secret-of-b",
            }
        )
        response = self.send(secret="telephony-secret-of-b")
        self.assertEqual(response.status_code, 200, response.text)
        call_b = self.calls.browse(response.json()["id"])
        self.assertEqual(call_b.company_id, company_b)
        self.assertEqual(len(self.calls.search([])), 2)

    def test_access(self):
        mine = self.calls.browse(self.send().json()["id"])
        unmatched = self.calls.browse(
            self.send(self.report("c-2", number="+74997654321")).json()["id"]
        )
        other = self.calls.browse(
            self.send(self.report("c-3", user="ss_salesman_2")).json()["id"]
        )
        self.assertEqual(other.state, "matched")
        calls = self.calls.with_user(self.salesman)
        self.assertEqual(calls.search([]), mine | unmatched)
        with self.assertRaises(AccessError):
            other.with_user(self.salesman).read(["number"])
        with self.assertRaises(AccessError):
            other.with_user(self.salesman).action_open_attach()
        for user in (self.sales_admin, self.salesman_all):
            self.assertEqual(
                self.calls.with_user(user).search([]), mine | unmatched | other
            )
        # An unmatched call that a colleague took is the colleague's.
        theirs = self.calls.browse(
            self.send(
                self.report("c-4", number="+74997654322", user="ss_salesman_2")
            ).json()["id"]
        )
        self.assertEqual(
            (theirs.state, theirs.user_id.login), ("unmatched", "ss_salesman_2")
        )
        self.assertEqual(calls.search([]), mine | unmatched)
        with self.assertRaises(AccessError):
            theirs.with_user(self.salesman).action_ignore()
        self.assertEqual(theirs.state, "unmatched")
        # Nobody writes a call by hand: the provider reports it.
        for user in (self.salesman, self.sales_admin):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    mine.with_user(user).write({"number": "+70000000000"})
                with self.assertRaises(AccessError):
                    self.calls.with_user(user).create(
                        {"call_ref": "x", "direction": "in", "number": "1"}
                    )
                with self.assertRaises(AccessError):
                    mine.with_user(user).unlink()
        for user in (self.accountant, self.internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.calls.with_user(user).search([])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                mine.with_user(user).read(["number"])
        # Another company's calls stay its own.
        branch = self.env["res.company"].create({"name": "Branch"})
        branch_user = new_test_user(
            self.env,
            login="ss_branch_call",
            groups="sales_team.group_sale_manager",
            company_id=branch.id,
            company_ids=[(6, 0, branch.ids)],
        )
        self.assertFalse(self.calls.with_user(branch_user).search([]))

    def test_flood_of_a_thousand_calls_in_a_minute(self):
        """1,000 calls of 20 clients within one minute, 50 of them delivered
        twice: every call is kept and logged once. Ten go over HTTP; the
        others go to the endpoint's inner method, report by report, as the
        controller hands them on (one HTTP request costs ~0.1 s here)."""
        clients = self.env["res.partner"].create(
            [
                {
                    "name": f"Flood client {i}",
                    "is_company": True,
                    "phone": f"+7 812 300-00-{i:02d}",
                    "user_id": self.salesman.id,
                }
                for i in range(20)
            ]
        )
        reports = [
            self.report(
                f"flood-{i}",
                number=f"8 812 300 00 {i % 20:02d}",
                direction="in" if i % 2 else "out",
                start=f"2026-04-01T07:59:{i % 60:02d}Z",
                duration=1 + i % 300,
            )
            for i in range(1000)
        ]
        started = real_clock()
        for report in reports[:10]:
            self.assertEqual(self.send(report).json()["state"], "matched")
        over_http = real_clock() - started
        receive = self.calls.sudo()._sales_receive
        for report in reports[10:] + reports[:50]:
            receive(self.company, [parse_call_report(report)])
        _logger.info(
            "1,000 call reports (+50 again) captured in %.1f s (10 over HTTP "
            "in %.1f s)",
            real_clock() - started,
            over_http,
        )
        calls = self.calls.search([("call_ref", "=like", "flood-%")])
        self.assertEqual(len(calls), 1000)
        self.assertEqual(set(calls.mapped("state")), {"matched"})
        logs = self.entries()
        self.assertEqual(len(logs), 1000, "none twice")
        self.assertEqual(set(logs.mapped("capture_res_id")), set(calls.ids))
        self.assertEqual(logs.partner_id, clients)
        self.assertEqual(
            self.env["sales.contact.capture"].search_count(
                [("source_model", "=", "sales.call")]
            ),
            1000,
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCaptureCallConcurrency(TwoWorkersCase):
    """The same call reported twice at the same moment, by two workers each in
    its own committed transaction (retried as Odoo retries a request)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.addClassCleanup(cls._remove_call_data)
        with cls._cursor() as cr:
            env = cls._env(cr)
            salesman = new_test_user(env, login="ss_call_race", groups=SALESMAN)
            client = env["res.partner"].create(
                {"name": "Race Phones", "is_company": True, "phone": "+74951119988"}
            )
            cls.salesman_id, cls.client_id = salesman.id, client.id
            cls.company_id = env.company.id

    @classmethod
    def _remove_call_data(cls):
        with cls._cursor() as cr:
            env = cls._env(cr)
            calls = env["sales.call"].search([("call_ref", "=like", "race-%")])
            logs = env["sales.contact.log"].search([("partner_id", "=", cls.client_id)])
            env["sales.contact.capture"].search(
                [("source_model", "=", "sales.call"), ("source_id", "in", calls.ids)]
            ).unlink()
            calls.unlink()
            logs.unlink()
            env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "=", cls.client_id)]
            ).unlink()
            env["res.partner"].browse(cls.client_id).unlink()
            user = env["res.users"].browse(cls.salesman_id)
            partner = user.partner_id
            user.unlink()
            partner.unlink()

    def _receive(self, env):
        report = parse_call_report(
            {
                "call_id": "race-1",
                "direction": "out",
                "number": "+7 495 111-99-88",
                "start": "2026-04-01T07:30:00Z",
                "duration": 60,
                "user": "ss_call_race",
            }
        )
        company = env["res.company"].browse(self.company_id)
        return env["sales.call"]._sales_receive(company, [report]).ids

    def test_the_same_call_at_once_makes_one_call_and_one_entry(self):
        outcomes = self._in_parallel(self._receive, partial(self._receive))
        # The later worker met the first's row and was retried: then it found
        # the call kept, and logged nothing.
        self.assertEqual(sorted(outcome.attempts for outcome in outcomes), [1, 2])
        self.assertEqual(outcomes[0].result, outcomes[1].result)
        with self._cursor() as cr:
            env = self._env(cr)
            calls = env["sales.call"].search([("call_ref", "=like", "race-%")])
            self.assertEqual(len(calls), 1)
            self.assertEqual(calls.state, "matched")
            logs = env["sales.contact.log"].search(
                [("partner_id", "=", self.client_id), ("is_captured", "=", True)]
            )
            self.assertEqual(logs, calls.log_id)
