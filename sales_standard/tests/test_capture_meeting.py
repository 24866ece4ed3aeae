# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged, users, warmup

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .common import INTERNAL, SALESMAN
from .test_capture import CaptureCase
from .test_concurrency import TwoWorkersCase

NOW = "2026-04-01 08:00:00"
TODAY = date(2026, 4, 1)
YESTERDAY_10 = datetime(2026, 3, 31, 10, 0)


class MeetingCase(CaptureCase):
    def meeting(self, start, partners=None, user=None, **values):
        """An event of one hour booked by `user` (the salesman) with
        `partners` (the client's contact person) and the organiser."""
        user = user or self.salesman
        partners = partners if partners is not None else self.person
        return (
            self.env["calendar.event"]
            .with_user(user)
            .with_context(no_mail_to_attendees=True, mail_create_nolog=True)
            .create(
                {
                    "name": "Pumps for the new plant",
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "user_id": user.id,
                    "partner_ids": [(6, 0, (partners | user.partner_id).ids)],
                    **values,
                }
            )
        )

    def cron(self):
        self.env.ref("sales_standard.ir_cron_capture_meetings").method_direct_trigger()

    def captured(self, client=None):
        return self.env["sales.contact.log"].search(
            [
                ("partner_id", "=", (client or self.client).id),
                ("is_captured", "=", True),
            ],
            order="id",
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCaptureMeeting(MeetingCase):
    def test_a_past_meeting_is_logged_once_by_the_cron(self):
        event = self.meeting(
            YESTERDAY_10,
            description="<p>Agreed on the <b>specification</b>.</p>",
            opportunity_id=self.lead.id,
        )
        self.assertFalse(self.captured(), "booking logs nothing")
        self.cron()
        log = self.captured()
        self.assertEqual(len(log), 1)
        self.assertRecordValues(
            log,
            [
                {
                    "contact_form": "meeting",
                    "user_id": self.salesman.id,
                    "contact_person_id": self.person.id,
                    "addressee": "Chief Engineer, Ivan Petrov",
                    "topic": "Pumps for the new plant",
                    "result": "Agreed on the *specification*.",
                    "lead_id": self.lead.id,
                    "date": date(2026, 3, 31),
                    "is_captured": True,
                    "is_contact": True,
                    "capture_source": "event",
                    "capture_model": "calendar.event",
                    "capture_res_id": event.id,
                    "company_id": self.env.company.id,
                }
            ],
        )
        claim = self.env["sales.contact.capture"].search(
            [("source_model", "=", "calendar.event"), ("source_id", "=", event.id)]
        )
        self.assertEqual(claim.log_id, log)
        # Run again, and later on: nothing more.
        self.cron()
        with freeze_time("2026-04-03 08:00:00"):
            self.cron()
        self.assertEqual(self.captured(), log)
        # The salesman reads the entry and follows its link to the meeting.
        source = self.env[log.capture_model].with_user(self.salesman)
        self.assertEqual(
            source.browse(log.capture_res_id).display_name, "Pumps for the new plant"
        )

    def test_a_future_meeting_is_logged_once_it_has_started(self):
        event = self.meeting(datetime(2026, 4, 1, 9, 0))
        self.cron()
        self.assertFalse(self.captured(), "not started yet")
        with freeze_time("2026-04-01 09:10:00"):
            self.cron()
        self.assertEqual(self.captured().capture_res_id, event.id)

    def test_moved_or_deleted_before_it_starts_logs_nothing(self):
        moved = self.meeting(datetime(2026, 4, 1, 9, 0))
        deleted = self.meeting(datetime(2026, 4, 1, 10, 0))
        moved.with_user(self.salesman).write(
            {"start": datetime(2026, 4, 3, 9, 0), "stop": datetime(2026, 4, 3, 10, 0)}
        )
        deleted.with_user(self.salesman).unlink()
        with freeze_time("2026-04-02 08:00:00"):
            self.cron()
        self.assertFalse(self.captured())
        self.assertFalse(
            self.env["sales.contact.capture"].search(
                [("source_model", "=", "calendar.event")]
            ),
            "nothing claimed either",
        )
        # Once it starts at its new time, it is logged on that day.
        with freeze_time("2026-04-03 09:30:00"):
            self.cron()
        self.assertRecordValues(
            self.captured(), [{"capture_res_id": moved.id, "date": date(2026, 4, 3)}]
        )

    def test_moved_after_it_was_logged_updates_its_entry(self):
        event = self.meeting(YESTERDAY_10)
        self.cron()
        log = self.captured()
        log.with_user(self.salesman).write({"result": "Samples handed over"})
        # Entered a day too late: the manager moves it back a day.
        event.with_user(self.salesman).write(
            {
                "start": datetime(2026, 3, 30, 10, 0),
                "stop": datetime(2026, 3, 30, 11, 0),
            }
        )
        self.cron()
        self.assertEqual(self.captured(), log, "updated, not duplicated")
        self.assertRecordValues(
            log, [{"date": date(2026, 3, 30), "result": "Samples handed over"}]
        )
        # Deleted, the event leaves its entry: the meeting took place.
        event.with_user(self.salesman).unlink()
        self.cron()
        self.assertEqual(self.captured(), log)
        self.assertEqual(log.date, date(2026, 3, 30))

    def test_a_started_meeting_deleted_before_the_cron_is_logged(self):
        self.meeting(datetime(2026, 4, 1, 7, 30)).with_user(self.salesman).unlink()
        log = self.captured()
        self.assertEqual(len(log), 1, "it happened")
        self.cron()
        self.assertEqual(self.captured(), log)

    def test_switched_off_for_the_company(self):
        self.env.company.sales_capture_meetings = False
        event = self.meeting(YESTERDAY_10)
        self.cron()
        self.assertFalse(self.captured())
        self.assertFalse(
            self.env["sales.contact.capture"].search(
                [("source_model", "=", "calendar.event"), ("source_id", "=", event.id)]
            )
        )

    def test_meetings_without_a_client_make_none(self):
        private = self.env["res.partner"].create({"name": "A private person"})
        declined = self.meeting(YESTERDAY_10)
        declined.attendee_ids.filtered(
            lambda attendee: attendee.partner_id == self.person
        ).do_decline()
        self.meeting(YESTERDAY_10, partners=self.salesman_2.partner_id | private)
        self.cron()
        self.assertFalse(
            self.env["sales.contact.log"].search([("is_captured", "=", True)])
        )

    def test_two_clients_and_their_managers(self):
        technician = new_test_user(self.env, login="ss_technician", groups=INTERNAL)
        event = self.meeting(
            YESTERDAY_10,
            partners=self.person
            | self.client
            | self.other_client
            | self.salesman_2.partner_id
            | technician.partner_id,
        )
        self.cron()
        logs = self.env["sales.contact.log"].search(
            [
                ("capture_res_id", "=", event.id),
                ("capture_model", "=", "calendar.event"),
            ]
        )
        # The organiser and the salesperson who attended, not the technician;
        # the contact person is given for the client it belongs to.
        self.assertEqual(
            sorted(
                (log.partner_id.name, log.user_id.login, log.contact_person_id.name)
                for log in logs
            ),
            [
                ("Kama Steel", "ss_salesman", False),
                ("Kama Steel", "ss_salesman_2", False),
                ("Volga Pumps", "ss_salesman", "Ivan Petrov"),
                ("Volga Pumps", "ss_salesman_2", "Ivan Petrov"),
            ],
        )
        # Each manager reads their own entries.
        self.assertEqual(
            len(
                self.env["sales.contact.log"]
                .with_user(self.salesman_2)
                .search([("id", "in", logs.ids), ("user_id", "=", self.salesman_2.id)])
            ),
            2,
        )

    def test_each_occurrence_of_a_recurring_meeting(self):
        first = self.meeting(
            datetime(2026, 3, 29, 10, 0),
            recurrency=True,
            rrule_type="daily",
            interval=1,
            end_type="count",
            count=5,
        )
        events = first.recurrence_id.calendar_event_ids
        self.assertEqual(len(events), 5)
        self.cron()
        self.assertEqual(
            sorted(self.captured().mapped("date")),
            [date(2026, 3, 29), date(2026, 3, 30), date(2026, 3, 31)],
            "one entry a held occurrence, none for the two to come",
        )
        self.assertEqual(len(set(self.captured().mapped("capture_res_id"))), 3)

    def test_a_recurrence_that_odoo_makes_again_is_not_logged_twice(self):
        first = self.meeting(
            datetime(2026, 3, 29, 10, 0),
            recurrency=True,
            rrule_type="daily",
            interval=1,
            end_type="count",
            count=5,
        )
        self.cron()
        logs = self.captured()
        self.assertEqual(len(logs), 3)
        # Changing all the events of a recurrence archives its past
        # occurrences and makes them again, as new events.
        events = first.recurrence_id.calendar_event_ids
        events.sorted("start")[1].with_user(self.salesman).with_context(
            no_mail_to_attendees=True
        ).write({"recurrence_update": "all_events", "count": 6})
        remade = self.env["calendar.event"].search(
            [("name", "=", first.name), ("start", "<=", NOW)]
        )
        self.assertTrue(remade - events, "Odoo made the past occurrences again")
        self.cron()
        self.assertEqual(self.captured(), logs)

    def test_the_same_meeting_booked_by_two_managers(self):
        """Each manager booked the meeting in their own calendar, inviting
        the other: one entry each."""
        self.meeting(YESTERDAY_10, partners=self.person | self.salesman_2.partner_id)
        self.meeting(
            YESTERDAY_10,
            partners=self.person | self.salesman.partner_id,
            user=self.salesman_2,
        )
        self.cron()
        self.assertEqual(
            sorted(self.captured().user_id.mapped("login")),
            ["ss_salesman", "ss_salesman_2"],
        )
        self.assertEqual(len(self.captured()), 2)

    def test_completes_the_plan_line_and_keeps_the_followup(self):
        planned = self.log(
            date=date(2026, 3, 30),
            topic="Offer",
            next_contact_date=TODAY,
            next_step="Meet about the offer",
        )
        followup = self.followups()
        plans = self.env["sales.daily.plan"].with_user(self.salesman)
        plan = plans.browse(plans.action_open_my_day()["res_id"])
        line = plan.line_ids.filtered(lambda line: line.partner_id == self.client)
        self.assertEqual(line.state, "planned")
        self.meeting(datetime(2026, 4, 1, 7, 0))
        self.cron()
        log = self.captured()
        self.assertEqual(log.daily_plan_line_id, line)
        self.assertEqual(line.state, "done")
        # The follow-up the manager planned stays open, as it was.
        self.assertEqual(self.followups(), followup)
        self.assertTrue(followup.active)
        self.assertEqual(followup.date_deadline, TODAY)
        self.assertEqual(planned.followup_state, "planned")

    def test_first_contact_opens_the_card(self):
        self.assertFalse(self.other_client.client_card_date)
        # Beyond the week the scheduled action looks back: left alone.
        self.meeting(datetime(2026, 3, 20, 10, 0), partners=self.other_client)
        self.cron()
        self.assertFalse(self.captured(self.other_client))
        self.meeting(datetime(2026, 3, 28, 10, 0), partners=self.other_client)
        self.cron()
        self.assertEqual(self.other_client.client_card_date, date(2026, 3, 28))
        self.assertEqual(self.other_client.last_contact_date, date(2026, 3, 28))

    def test_dated_in_the_company_zone(self):
        """Managers in Kaliningrad (UTC+2) and Kamchatka (UTC+12) meet at
        23:30 UTC: the meeting starts at 23:30 UTC for everyone, and its
        entries are dated in the company's zone."""
        self.salesman.tz = "Europe/Kaliningrad"
        self.salesman_2.tz = "Asia/Kamchatka"
        self.env.company.partner_id.tz = "Europe/Kaliningrad"
        late = datetime(2026, 4, 1, 23, 30)
        event = self.meeting(late, partners=self.person | self.salesman_2.partner_id)
        # Past 11:00 on 2 April in Kamchatka, but not started yet.
        with freeze_time("2026-04-01 23:15:00"):
            self.cron()
        self.assertFalse(self.captured())
        with freeze_time("2026-04-01 23:45:00"):
            self.cron()
        self.assertEqual(
            sorted((log.user_id.login, log.date) for log in self.captured()),
            [
                ("ss_salesman", date(2026, 4, 2)),
                ("ss_salesman_2", date(2026, 4, 2)),
            ],
            "01:30 on 2 April in Kaliningrad",
        )
        # A company in UTC: 1 April, whatever the managers' zones; moving
        # the event follows that zone too.
        self.env.company.partner_id.tz = "UTC"
        other = self.meeting(late, partners=self.other_client)
        with freeze_time("2026-04-01 23:45:00"):
            self.cron()
        self.assertEqual(self.captured(self.other_client).date, date(2026, 4, 1))
        other.write(
            {"start": late + timedelta(hours=1), "stop": late + timedelta(hours=2)}
        )
        self.assertEqual(self.captured(self.other_client).date, date(2026, 4, 2))
        self.assertEqual(len(self.captured()), 2)
        self.assertEqual(set(self.captured().mapped("capture_res_id")), {event.id})


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCaptureMeetingPerformance(MeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = cls.env["res.partner"].create(
            [{"name": f"Client {i}", "is_company": True} for i in range(51)]
        )
        cls.events = (
            cls.env["calendar.event"]
            .with_context(no_mail_to_attendees=True, mail_create_nolog=True)
            .create(
                [
                    {
                        "name": f"Meeting {i}",
                        "start": YESTERDAY_10,
                        "stop": YESTERDAY_10 + timedelta(hours=1),
                        "user_id": cls.salesman.id,
                        "partner_ids": [(6, 0, client.ids)],
                    }
                    for i, client in enumerate(cls.clients)
                ]
            )
        )

    @users("__system__")
    @warmup
    def test_capturing_1_or_50_meetings_costs_the_same(self):
        """The scheduled action's cost does not grow with the meetings: one
        started meeting, then 50 more at once."""
        events = self.env["calendar.event"]
        self.events[1:].start = datetime(2026, 4, 1, 9, 0)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=26):
            events._cron_sales_capture_meetings()
        self.assertEqual(
            self.captured(self.clients[0]).capture_res_id, self.events[0].id
        )
        with freeze_time("2026-04-01 09:30:00"):
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=26):
                events._cron_sales_capture_meetings()
        logs = self.env["sales.contact.log"].search(
            [("capture_res_id", "in", self.events.ids), ("is_captured", "=", True)]
        )
        self.assertEqual(len(logs), 51)
        self.assertEqual(set(logs.mapped("contact_form")), {"meeting"})


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCaptureMeetingConcurrency(TwoWorkersCase):
    """Two workers run the scheduled action at the same moment, each in its
    own committed transaction (the machinery of test_concurrency)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.addClassCleanup(cls._remove_meeting_data)
        with cls._cursor() as cr:
            env = cls._env(cr)
            salesman = new_test_user(env, login="ss_meeting_race", groups=SALESMAN)
            client = env["res.partner"].create(
                {"name": "Race Compressors", "is_company": True}
            )
            event = (
                env["calendar.event"]
                .with_context(no_mail_to_attendees=True, mail_create_nolog=True)
                .create(
                    {
                        "name": "Race meeting",
                        "start": YESTERDAY_10,
                        "stop": YESTERDAY_10 + timedelta(hours=1),
                        "user_id": salesman.id,
                        "partner_ids": [(6, 0, client.ids)],
                    }
                )
            )
            cls.salesman_id, cls.client_id, cls.event_id = (
                salesman.id,
                client.id,
                event.id,
            )

    @classmethod
    def _remove_meeting_data(cls):
        with cls._cursor() as cr:
            env = cls._env(cr)
            # The event first: its entry is made already, or it is not to be.
            env["calendar.event"].browse(cls.event_id).with_context(
                **{MODULE_UNINSTALL_FLAG: True}
            ).unlink()
            env["sales.contact.capture"].search(
                [
                    ("source_model", "=", "calendar.event"),
                    ("source_id", "=", cls.event_id),
                ]
            ).unlink()
            env["sales.contact.log"].search(
                [("partner_id", "=", cls.client_id)]
            ).unlink()
            env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "=", cls.client_id)]
            ).unlink()
            env["res.partner"].browse(cls.client_id).unlink()
            user = env["res.users"].browse(cls.salesman_id)
            partner = user.partner_id
            user.unlink()
            partner.unlink()

    @staticmethod
    def _cron(env):
        return env["calendar.event"]._cron_sales_capture_meetings().ids

    def test_two_cron_runs_at_once_make_one_entry(self):
        outcomes = self._in_parallel(self._cron, self._cron)
        # The later worker met the first's claim and was retried: then it
        # saw the meeting logged and made nothing.
        self.assertEqual(sorted(outcome.attempts for outcome in outcomes), [1, 2])
        self.assertEqual(sorted(bool(outcome.result) for outcome in outcomes), [0, 1])
        with self._cursor() as cr:
            env = self._env(cr)
            logs = env["sales.contact.log"].search(
                [("partner_id", "=", self.client_id), ("is_captured", "=", True)]
            )
            self.assertEqual(len(logs), 1)
            self.assertEqual(logs.capture_res_id, self.event_id)
