# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import SalesStandardCase

TODAY = date(2026, 4, 1)


class TripCase(SalesStandardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.trip_clients = cls.env["res.partner"].create(
            [
                {
                    "name": f"Trip Client {index}",
                    "is_company": True,
                    "sales_region_id": cls.region.id,
                }
                for index in range(3)
            ]
        )
        cls.trips = cls.env["sales.trip"]

    def _trip(self, user=None, start="2026-04-06", end="2026-04-08", **values):
        return self.trips.with_user(user or self.salesman).create(
            {
                "region_id": self.region.id,
                "destination": "Samara, Tolyatti",
                "date_from": start,
                "date_to": end,
                "purpose": "Present the new pumps",
                "budget": 50000,
                "advance": 30000,
                **values,
            }
        )

    def _visits(self, trip, clients=None, day="2026-04-06"):
        clients = self.trip_clients if clients is None else clients
        return (
            self.env["sales.trip.visit"]
            .with_user(trip.env.user)
            .create(
                [
                    {"trip_id": trip.id, "partner_id": client.id, "planned_date": day}
                    for client in clients
                ]
            )
        )

    def _approved_trip(self, **values):
        trip = self._trip(**values)
        self._visits(trip)
        trip.action_submit()
        trip.with_user(self.sales_admin).action_approve()
        return trip


@tagged("post_install", "-at_install")
@freeze_time("2026-04-01 08:00:00")
class TestTrip(TripCase):
    def test_workflow(self):
        trip = self._trip()
        self.assertRegex(trip.name, r"^TRIP/2026/\d{4}$")
        self._visits(trip)
        trip.action_submit()
        self.assertEqual(trip.state, "submitted")
        self.assertTrue(
            trip.activity_ids.filtered(
                lambda activity: activity.user_id.has_group(
                    "sales_team.group_sale_manager"
                )
            ),
            "the head of sales is asked to approve",
        )
        for user in (self.salesman, self.salesman_all, self.regional):
            with self.assertRaises(AccessError):
                trip.with_user(user).action_approve()
        self.assertEqual(trip.state, "submitted")
        trip.with_user(self.sales_admin).action_approve()
        self.assertEqual(
            (trip.state, trip.approved_by_id, trip.approval_date),
            ("approved", self.sales_admin, TODAY),
        )
        self.assertFalse(trip.activity_ids)
        event = trip.calendar_event_id
        self.assertEqual(
            (event.start_date, event.stop_date, event.allday),
            (date(2026, 4, 6), date(2026, 4, 8), True),
        )
        self.assertIn(self.salesman.partner_id, event.partner_ids)
        with self.assertRaises(UserError):
            trip.write({"date_to": "2026-04-09"})
        with self.assertRaises(UserError):
            self._visits(trip, self.other_client)
        with self.assertRaises(UserError):
            trip.action_submit()
        trip.with_user(self.sales_admin).write({"date_to": "2026-04-09"})
        self.assertEqual(event.stop_date, date(2026, 4, 9), "the calendar follows")
        with self.assertRaises(AccessError):
            trip.action_cancel()
        trip.with_user(self.sales_admin).action_cancel()
        self.assertEqual(trip.state, "cancelled")
        self.assertFalse(event.exists())

    def test_trip_event_goes_only_with_the_right_to_change_the_trip(self):
        trip = self._trip()
        trip.action_submit()
        trip.with_user(self.sales_admin).action_approve()
        event = trip.calendar_event_id
        colleague = new_test_user(
            self.env, login="ss_trip_colleague", groups="sales_team.group_sale_salesman"
        )
        with self.assertRaises(AccessError):
            event.with_user(colleague).unlink()
        self.assertEqual(trip.calendar_event_id, event, "the trip keeps its event")
        event.with_user(self.salesman).unlink()
        self.assertFalse(trip.calendar_event_id)

    def test_a_trip_is_never_pointed_at_an_event_by_hand(self):
        """Pointing one's trip at a colleague's meeting would let the trip's
        next change move that meeting."""
        meeting = self.env["calendar.event"].create(
            {
                "name": "A colleague's meeting",
                "start": "2026-04-02 09:00:00",
                "stop": "2026-04-02 10:00:00",
            }
        )
        trip = self._trip()
        with self.assertRaises(UserError):
            trip.write({"calendar_event_id": meeting.id})
        with self.assertRaises(UserError):
            self._trip(
                start="2026-05-04", end="2026-05-05", calendar_event_id=meeting.id
            )
        self.assertFalse(trip.calendar_event_id)
        self.assertEqual(meeting.name, "A colleague's meeting")

    def test_refused_approval_goes_back_to_the_traveller(self):
        trip = self._trip()
        trip.action_submit()
        with self.assertRaises(AccessError):
            trip.action_refuse()
        trip.with_user(self.sales_admin).action_refuse()
        self.assertEqual(trip.state, "draft")
        trip.write({"date_to": "2026-04-10"})

    def test_date_errors_and_overlaps(self):
        with self.assertRaises(ValidationError):
            self._trip(start="2026-04-08", end="2026-04-06")
        trip = self._trip()
        with self.assertRaises(ValidationError):
            self._trip(start="2026-04-08", end="2026-04-10")
        with self.assertRaises(ValidationError):
            self._trip(start="2026-04-01", end="2026-04-06")
        self._trip(user=self.salesman_2, start="2026-04-07", end="2026-04-07")
        self._trip(start="2026-04-09", end="2026-04-10")
        with self.assertRaises(ValidationError):
            self._visits(trip, day="2026-04-12")
        trip.action_cancel()
        self._trip(start="2026-04-07", end="2026-04-08")
        with self.assertRaises(ValidationError):
            trip.action_draft()

    def test_bulk_visits(self):
        overdue = self.trip_clients[0]
        self.env["sales.contact.log"].create(
            {
                "partner_id": overdue.id,
                "user_id": self.salesman.id,
                "date": "2026-03-20",
                "topic": "Offer",
                "next_contact_date": "2026-03-25",
            }
        )
        trip = self._trip()
        wizards = self.env["sales.trip.add.visits"].with_user(self.salesman)
        with Form(
            wizards.with_context(**trip.action_open_add_visits()["context"])
        ) as form:
            self.assertEqual(form.region_id, self.region)
            self.assertEqual(form.planned_date, date(2026, 4, 6))
            form.goal = "Presentation"
            self.assertEqual(
                set(form.partner_ids.ids),
                set((self.trip_clients | self.client).ids),
                "the region's client companies",
            )
        form.save().action_confirm()
        self.assertEqual(trip.visit_ids.partner_id, self.trip_clients | self.client)
        self.assertEqual(set(trip.visit_ids.mapped("goal")), {"Presentation"})

        other = self._trip(start="2026-04-20", end="2026-04-21")
        with Form(wizards.with_context(default_trip_id=other.id)) as form:
            form.source = "overdue"
            self.assertEqual(form.partner_ids.ids, overdue.ids)
        form.save().action_confirm()
        self.assertEqual(other.visit_ids.partner_id, overdue)
        client_list = self.env["sales.client.list"].create(
            {
                "region_id": self.region.id,
                "user_id": self.salesman.id,
                "line_ids": [(0, 0, {"partner_id": self.trip_clients[1].id})],
            }
        )
        with Form(wizards.with_context(default_trip_id=other.id)) as form:
            form.source = "client_list"
            form.client_list_id = client_list
        form.save().action_confirm()
        self.assertEqual(other.visit_ids.partner_id, overdue | self.trip_clients[1])

    def test_report_logs_each_visit_made_once(self):
        trip = self._approved_trip()
        made_1, made_2, missed = trip.visit_ids.sorted("id")
        made_1.write(
            {
                "made": True,
                "result": "Order promised",
                "next_step": "Send the contract",
                "next_contact_date": "2026-04-15",
            }
        )
        made_2.write({"made": True, "visit_date": "2026-04-07", "result": "Samples"})
        trip.write({"conclusions": "Good trip", "expense": 28000})
        trip.action_submit_report()
        self.assertEqual((trip.state, trip.report_date), ("done", TODAY))
        logs = self.env["sales.contact.log"].search(
            [("trip_visit_id.trip_id", "=", trip.id)]
        )
        self.assertEqual(len(logs), 2)
        self.assertEqual(set(logs.mapped("contact_form")), {"visit"})
        self.assertEqual(made_1.log_id.result, "Order promised")
        self.assertEqual(made_1.log_id.date, date(2026, 4, 6))
        self.assertEqual(made_2.log_id.date, date(2026, 4, 7))
        self.assertEqual(made_1.log_id.user_id, self.salesman)
        self.assertEqual(
            (made_1.state, made_2.state, missed.state), ("made", "made", "missed")
        )
        self.assertFalse(missed.log_id)
        self.assertEqual(self.trip_clients[0].next_contact_date, date(2026, 4, 15))
        self.assertEqual(trip.visit_made_count, 2)

        trip.action_submit_report()
        self.assertEqual(
            self.env["sales.contact.log"].search_count(
                [("trip_visit_id.trip_id", "=", trip.id)]
            ),
            2,
            "submitting again logs nothing twice",
        )
        with self.assertRaises(UserError):
            made_1.write({"result": "Changed"})
        # A visit left out can still be reported.
        missed.write({"made": True, "result": "Met at the exhibition"})
        trip.action_submit_report()
        self.assertEqual(missed.state, "made")
        self.assertEqual(len(trip.visit_ids.log_id), 3)

    def test_trip_visits_in_the_daily_plan(self):
        trip = self._trip(start="2026-04-01", end="2026-04-02")
        self._visits(trip, self.trip_clients[:2], day="2026-04-01")
        self._visits(trip, self.trip_clients[2:], day="2026-04-02")
        plans = self.env["sales.daily.plan"].with_user(self.salesman)
        plan = plans.browse(plans.action_open_my_day()["res_id"])
        self.assertFalse(plan.line_ids, "only approved trips")
        trip.action_submit()
        trip.with_user(self.sales_admin).action_approve()
        plan.action_prepare()
        self.assertEqual(plan.line_ids.partner_id, self.trip_clients[:2])
        self.assertEqual(set(plan.line_ids.mapped("source")), {"trip"})
        line = plan.line_ids.sorted("sequence")[0]
        context = line.action_done()["context"]
        with Form(
            self.env["sales.contact.log"]
            .with_user(self.salesman)
            .with_context(**context)
        ) as form:
            self.assertEqual(form.contact_form, "visit")
            form.result = "Met the chief engineer"
        log = form.save()
        self.assertEqual(log.trip_visit_id, line.trip_visit_id)
        self.assertEqual(line.state, "done")
        trip.action_submit_report()
        self.assertEqual(line.trip_visit_id.state, "made")
        self.assertEqual(line.trip_visit_id.log_ids, log, "logged once")

    def test_access(self):
        trip = self._approved_trip()
        with self.assertRaises(AccessError):
            trip.with_user(self.salesman_2).read(["purpose"])
        with self.assertRaises(AccessError):
            self._visits(trip.with_user(self.salesman_2), self.other_client)
        self.assertEqual(
            self.trips.with_user(self.sales_admin).search([("id", "=", trip.id)]), trip
        )
        self.assertEqual(
            self.trips.with_user(self.salesman_all).search([("id", "=", trip.id)]), trip
        )
        trip.with_user(self.salesman_all).write({"conclusions": "Read by the team"})
        [read] = trip.with_user(self.accountant).read(["advance", "expense", "user_id"])
        self.assertEqual(read["advance"], 30000)
        with self.assertRaises(AccessError):
            trip.with_user(self.accountant).write({"expense": 1})
        with self.assertRaises(AccessError):
            trip.with_user(self.accountant).read(["visit_ids"])
        with self.assertRaises(AccessError):
            self.env["sales.trip.visit"].with_user(self.accountant).search([])
        with self.assertRaises(AccessError):
            self.trips.with_user(self.internal).search([])
        with self.assertRaises(UserError):
            trip.with_user(self.sales_admin).unlink()

    def test_client_and_contact_person_are_checked_first(self):
        """The pair's normalisation checks its input before it looks a
        partner up: a dict as the client was a TypeError, for a portal user
        too. A person given as the client is replaced by its company."""
        portal = new_test_user(
            self.env, login="ss_trip_portal", groups="base.group_portal"
        )
        trip = self._trip()
        visits = self.env["sales.trip.visit"]
        values = {"trip_id": trip.id, "planned_date": "2026-04-06"}
        for bad in ({"id": self.client.id}, [self.client.id], "Volga Pumps"):
            with self.subTest(value=bad):
                with self.assertRaises(AccessError):
                    visits.with_user(portal).create({**values, "partner_id": bad})
                with self.assertRaises(AccessError):
                    visits.with_user(portal)._sales_normalize_partner(
                        [{"partner_id": bad}]
                    )
                with self.assertRaises(ValidationError):
                    visits.with_user(self.salesman).create(
                        {**values, "partner_id": bad}
                    )
                with self.assertRaises(ValidationError):
                    visits.with_user(self.salesman)._sales_normalize_partner(
                        [{"partner_id": bad}]
                    )
        visit = visits.with_user(self.salesman).create(
            {**values, "partner_id": self.person.id}
        )
        self.assertEqual(visit.partner_id, self.client)
        self.assertEqual(visit.contact_person_id, self.person)
        with self.assertRaises(ValidationError):
            visit.contact_person_id = self.env["res.partner"].create(
                {"name": "Someone Else", "parent_id": self.other_client.id}
            )

    def test_printouts(self):
        trip = self._approved_trip(purpose="Pumps <script>alert(1)</script>")
        trip.visit_ids[0].write({"made": True, "result": "Order & <b>bold</b>"})
        trip.write({"expense": 35000})
        trip.action_submit_report()
        assignment = self.env.ref("sales_standard.action_report_trip_assignment")
        report = self.env.ref("sales_standard.action_report_trip_report")
        self.render_pdf(assignment, trip)
        self.render_pdf(report, trip)
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["sales_standard"], ["ru_RU"], overwrite=True
        )
        html = (
            report.with_context(lang="ru_RU")
            ._render_qweb_html(report.report_name, trip.ids)[0]
            .decode()
        )
        self.assertIn("Отчет о командировке", html)
        self.assertIn("Order &amp; &lt;b&gt;bold&lt;/b&gt;", html)
        html = (
            assignment.with_context(lang="ru_RU")
            ._render_qweb_html(assignment.report_name, trip.ids)[0]
            .decode()
        )
        self.assertIn("Командировочное задание (Форма № 2.5)", html)
        self.assertIn("&lt;script&gt;", html)
        self.assertNotIn("<script>alert", html)

    def test_region_passport_shows_the_trips(self):
        trip = self._approved_trip()
        self.assertEqual(self.region.trip_count, 1)
        action = self.region.action_open_trips()
        self.assertEqual(self.trips.search(action["domain"]), trip)
        passport = self.env.ref("sales_standard.action_report_region_passport")
        html = passport._render_qweb_html(passport.report_name, self.region.ids)[0]
        self.assertIn(trip.name, html.decode())


# Submitting a trip report: no more queries for 50 visits than for 5, and at
# most this many.
REPORT_BUDGET = 45


@tagged("post_install", "-at_install", "is_query_count")
@freeze_time("2026-04-01 08:00:00")
class TestTripQueries(TripCase):
    def _report(self, visits, start):
        clients = self.env["res.partner"].create(
            [{"name": f"Budget {start} {i}", "is_company": True} for i in range(visits)]
        )
        trip = self._trip(start=start, end=start)
        self._visits(trip, clients, day=start)
        trip.action_submit()
        trip.with_user(self.sales_admin).action_approve()
        trip.visit_ids.write(
            {"made": True, "result": "Met", "next_contact_date": "2026-06-01"}
        )
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(REPORT_BUDGET):
            before = self.cr.sql_log_count
            trip.action_submit_report()
            self.env.flush_all()
            queries = self.cr.sql_log_count - before
        self.assertEqual(len(trip.visit_ids.log_id), visits)
        return queries

    def test_report_budget_does_not_grow_with_visits(self):
        self._report(2, "2026-04-06")  # caches warmed by a first report
        few = self._report(5, "2026-04-13")
        self.assertLessEqual(self._report(50, "2026-04-20"), few)
