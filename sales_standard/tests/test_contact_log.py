# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import SalesStandardCase

# Tuesday 10 March 2026, mid-morning to evening from Kaliningrad (UTC+2) to
# Kamchatka (UTC+12): the same day for a salesperson anywhere in Russia.
NOW = "2026-03-10 08:00:00"


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestContactLog(SalesStandardCase):
    def test_entry_plans_the_next_contact(self):
        log = self.log(
            contact_person_id=self.person.id,
            contact_form="call_in",
            result="Asked for an offer",
            next_step="Send the offer",
            next_contact_date="2026-03-13",
        )
        self.assertEqual(log.addressee, "Chief Engineer, Ivan Petrov")
        self.assertEqual(log.user_id, self.salesman)
        self.assertEqual(log.region_id, self.region)
        followup = self.followups()
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.user_id, self.salesman)
        self.assertEqual(followup.date_deadline, date(2026, 3, 13))
        self.assertEqual(followup.sales_contact_log_id, log)
        self.assertEqual(log.activity_ids, followup)
        self.assertEqual(log.followup_state, "planned")
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 13))
        self.assertEqual(self.client.last_contact_date, date(2026, 3, 10))
        self.assertEqual(self.client.client_card_date, date(2026, 3, 10))
        self.assertEqual(self.client.contact_log_count, 1)

    def test_newer_entry_replaces_the_open_followup(self):
        first = self.log(next_contact_date="2026-03-13")
        second = self.log(date="2026-03-12", next_contact_date="2026-03-20")
        open_followups = self.followups()
        self.assertEqual(len(open_followups), 1, "one open follow-up per client")
        self.assertEqual(open_followups.sales_contact_log_id, second)
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 20))
        self.assertEqual(self.client.last_contact_date, date(2026, 3, 12))
        # The replaced follow-up is kept as done, not lost.
        done = (
            self.env["mail.activity"]
            .sudo()
            .with_context(active_test=False)
            .search([("sales_contact_log_id", "=", first.id)])
        )
        self.assertFalse(done.active)
        self.assertTrue(done.date_done)
        self.assertEqual(first.followup_state, "closed")

    def test_entry_without_next_date_closes_the_followup(self):
        self.log(next_contact_date="2026-03-13")
        self.log(topic="Order placed", milestone="order")
        self.assertFalse(self.followups())
        self.assertFalse(self.client.next_contact_date)

    def test_followups_of_other_managers_stay(self):
        self.log(next_contact_date="2026-03-13")
        self.log(user=self.salesman_2, next_contact_date="2026-03-11")
        followups = self.followups()
        self.assertEqual(followups.user_id, self.salesman | self.salesman_2)
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 11))

    def test_batch_keeps_one_followup_per_client_and_manager(self):
        logs = (
            self.env["sales.contact.log"]
            .with_user(self.salesman)
            .create(
                [
                    {
                        "partner_id": self.client.id,
                        "topic": "A",
                        "next_contact_date": "2026-03-15",
                    },
                    {
                        "partner_id": self.client.id,
                        "topic": "B",
                        "next_contact_date": "2026-03-18",
                    },
                    {
                        "partner_id": self.other_client.id,
                        "topic": "C",
                        "next_contact_date": "2026-03-16",
                    },
                ]
            )
        )
        self.assertEqual(self.followups().sales_contact_log_id, logs[1])
        self.assertEqual(
            self.followups(self.other_client).sales_contact_log_id, logs[2]
        )
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 18))

    def test_editing_the_entry_moves_its_followup(self):
        log = self.log(next_contact_date="2026-03-13")
        log.write({"next_contact_date": "2026-03-17"})
        self.assertEqual(self.followups().date_deadline, date(2026, 3, 17))
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 17))
        log.next_contact_date = False
        self.assertFalse(self.followups())
        self.assertFalse(self.client.next_contact_date)
        log.next_contact_date = "2026-03-19"
        self.assertEqual(self.followups().date_deadline, date(2026, 3, 19))

    def test_deleting_the_entry_removes_its_followup(self):
        log = self.log(next_contact_date="2026-03-13")
        log.unlink()
        self.assertFalse(self.followups())
        self.assertFalse(self.client.next_contact_date)
        self.assertFalse(self.client.last_contact_date)

    def test_marking_the_followup_done_clears_the_date(self):
        self.log(next_contact_date="2026-03-13")
        self.followups().with_user(self.salesman).action_feedback("Called back")
        self.assertFalse(self.followups())
        self.assertFalse(self.client.next_contact_date)

    def test_rescheduling_the_followup_moves_the_date(self):
        self.log(next_contact_date="2026-03-13")
        self.followups().with_user(self.salesman).date_deadline = "2026-03-25"
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 25))

    def test_contact_person_is_logged_against_its_company(self):
        log = self.log(partner_id=self.person.id)
        self.assertEqual(log.partner_id, self.client)
        self.assertEqual(log.contact_person_id, self.person)

    def test_entry_leaves_a_note_in_the_client_chatter(self):
        self.log(
            topic="Price <b>list</b>", result="Sent", next_contact_date="2026-03-13"
        )
        message = self.client.message_ids[:1]
        self.assertIn("Contact (Form 2.2)", message.body)
        self.assertIn("Price &lt;b&gt;list&lt;/b&gt;", message.body)
        self.assertEqual(message.author_id, self.salesman.partner_id)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_note"))

    def test_next_date_before_the_contact_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be before"):
            self.log(date="2026-03-10", next_contact_date="2026-03-09")
        log = self.log(next_contact_date="2026-03-12")
        with self.assertRaisesRegex(ValidationError, "cannot be before"):
            log.date = "2026-03-15"

    def test_missing_client_or_topic_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "needs the client"):
            self.log(partner_id=False)
        with self.assertRaisesRegex(ValidationError, "needs the topic"):
            self.log(topic="   ")
        with self.assertRaisesRegex(ValidationError, "needs the topic"):
            self.env["sales.contact.log"].with_user(self.salesman).create(
                {"partner_id": self.client.id}
            )
        log = self.log()
        with self.assertRaisesRegex(ValidationError, "needs the topic"):
            log.topic = ""

    def test_contact_person_of_another_company_is_refused(self):
        stranger = self.env["res.partner"].create(
            {"name": "Olga Sidorova", "parent_id": self.other_client.id}
        )
        with self.assertRaisesRegex(ValidationError, "is not a contact person of"):
            self.log(contact_person_id=stranger.id)

    def test_partner_with_history_cannot_be_deleted(self):
        self.log()
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            self.client.unlink()
        self.other_client.unlink()

    def test_filters_find_overdue_and_unplanned_clients(self):
        self.log(next_contact_date="2026-03-12")
        self.log(partner_id=self.other_client.id, next_contact_date="2026-03-20")
        view = "base.view_res_partner_filter"
        with freeze_time("2026-03-15 08:00:00"):
            overdue = self.search_filter("res.partner", view, "sales_followup_overdue")
            unplanned = self.search_filter(
                "res.partner", view, "sales_no_planned_contact"
            )
            log_overdue = self.search_filter(
                "sales.contact.log",
                "sales_standard.sales_contact_log_view_search",
                "overdue",
            )
        self.assertIn(self.client, overdue)
        self.assertNotIn(self.other_client, overdue)
        self.assertEqual(log_overdue.partner_id, self.client)
        self.assertNotIn(self.client, unplanned)
        quiet = self.env["res.partner"].create(
            {"name": "Quiet Ltd", "is_company": True, "client_type": "dealer"}
        )
        unplanned = self.search_filter("res.partner", view, "sales_no_planned_contact")
        self.assertIn(
            quiet, self.search_filter("res.partner", view, "sales_no_planned_contact")
        )
        self.assertNotIn(
            self.other_client,
            self.search_filter("res.partner", view, "sales_no_planned_contact"),
        )
        # Contact persons share their company's client type but are no clients.
        self.assertEqual(self.person.client_type, "end_consumer")
        self.assertNotIn(
            self.person,
            self.search_filter("res.partner", view, "sales_no_planned_contact"),
        )
        self.assertNotIn(
            self.person, self.search_filter("res.partner", view, "sales_clients")
        )

    def test_my_contacts_is_the_default_filter(self):
        mine = self.log()
        theirs = self.log(user=self.salesman_2)
        action = self.env.ref("sales_standard.sales_contact_log_action")
        self.assertIn("'search_default_my': 1", action.context)
        found = self.search_filter(
            "sales.contact.log", "sales_standard.sales_contact_log_view_search", "my"
        )
        self.assertIn(mine, found)
        self.assertNotIn(theirs, found)
        # ... but the whole history of the client stays readable.
        self.assertEqual(
            self.client.with_user(self.salesman).contact_log_ids, mine | theirs
        )

    def test_log_contact_from_the_partner_form(self):
        action = self.person.with_user(self.salesman).action_sales_log_contact()
        with Form(
            self.env["sales.contact.log"]
            .with_user(self.salesman)
            .with_context(**action["context"])
        ) as form:
            self.assertEqual(form.partner_id, self.client)
            self.assertEqual(form.contact_person_id, self.person)
            self.assertEqual(form.addressee, "Chief Engineer, Ivan Petrov")
            form.topic = "Second call"
            form.next_contact_date = date(2026, 3, 14)
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 14))

    def test_log_contact_from_the_followup_activity(self):
        self.log(next_contact_date="2026-03-13", next_step="Send drawings")
        followup = self.followups()
        action = followup.with_user(self.salesman).action_sales_log_contact()
        self.assertEqual(action["res_model"], "sales.contact.log")
        self.assertEqual(action["context"]["default_partner_id"], self.client.id)
        self.assertEqual(action["context"]["default_topic"], "Offer")
        log = (
            self.env["sales.contact.log"]
            .with_user(self.salesman)
            .with_context(**action["context"])
            .create({"result": "Drawings sent"})
        )
        self.assertFalse(followup.active, "logging the contact closes the follow-up")
        self.assertEqual(log.partner_id, self.client)

    def test_log_contact_from_an_opportunity(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Pumps for the plant",
                "partner_id": self.person.id,
                "type": "opportunity",
                "user_id": self.salesman.id,
            }
        )
        action = lead.with_user(self.salesman).action_sales_log_contact()
        log = (
            self.env["sales.contact.log"]
            .with_user(self.salesman)
            .with_context(**action["context"])
            .create({"topic": "Visit"})
        )
        self.assertEqual(log.lead_id, lead)
        self.assertEqual(log.partner_id, self.client)
        self.assertEqual(lead.contact_log_count, 1)
        # Any activity type whose action is "Log Contact" works the same way.
        call_type = self.env["mail.activity.type"].create(
            {"name": "Call about the deal", "category": "sales_contact_log"}
        )
        activity = lead.activity_schedule(
            activity_type_id=call_type.id,
            summary="Agree on the price",
            user_id=self.salesman.id,
        )
        action = activity.with_user(self.salesman).action_sales_log_contact()
        self.assertEqual(action["context"]["default_lead_id"], lead.id)
        self.assertEqual(action["context"]["default_topic"], "Agree on the price")
        no_customer = self.env["crm.lead"].create({"name": "Anonymous"})
        with self.assertRaisesRegex(UserError, "Set the customer"):
            no_customer.with_user(self.salesman).action_sales_log_contact()

    def test_a_backdated_entry_keeps_the_current_followup(self):
        current = self.log(date="2026-03-10", next_contact_date="2026-03-20")
        # A contact of last month typed in today, with no next date.
        self.log(date="2026-02-10", topic="Visit report")
        self.assertEqual(self.followups().sales_contact_log_id, current)
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 20))

    def test_editing_an_older_entry_keeps_the_newest_followup(self):
        older = self.log(date="2026-03-01", next_contact_date="2026-03-05")
        newest = self.log(date="2026-03-10", next_contact_date="2026-03-20")
        older.next_contact_date = "2026-03-08"
        self.assertEqual(self.followups().sales_contact_log_id, newest)
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 20))

    def test_moving_an_entry_to_another_client_keeps_one_followup_each(self):
        self.log(partner_id=self.other_client.id, next_contact_date="2026-03-12")
        moved = self.log(next_contact_date="2026-03-15")
        moved.partner_id = self.other_client
        self.assertEqual(self.followups(self.other_client).sales_contact_log_id, moved)
        self.assertFalse(self.followups())
        self.assertFalse(self.client.next_contact_date)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_salesperson_cannot_hand_an_entry_to_another_manager(self):
        log = self.log(next_contact_date="2026-03-15")
        other_followup = self.log(user=self.salesman_2, next_contact_date="2026-03-18")
        with self.assertRaises(AccessError):
            log.with_user(self.salesman).write({"user_id": self.salesman_2.id})
        self.assertEqual(self.followups().user_id, self.salesman | self.salesman_2)
        self.assertTrue(other_followup.activity_ids)

    def test_followup_link_is_set_by_the_log_only(self):
        log = self.log()
        todo = self.client.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.salesman.id
        )
        todo.with_user(self.salesman).write({"sales_contact_log_id": log.id})
        self.assertFalse(todo.sales_contact_log_id)

    def test_the_followup_type_is_protected(self):
        with self.assertRaisesRegex(UserError, "must stay 'Log Contact'"):
            self.followup_type.category = "default"
        with self.assertRaises(UserError):
            self.followup_type.unlink()

    def test_log_contact_from_another_managers_followup_closes_it(self):
        self.log(user=self.salesman_2, next_contact_date="2026-03-13")
        followup = self.followups()
        action = followup.with_user(self.salesman).action_sales_log_contact()
        (
            self.env["sales.contact.log"]
            .with_user(self.salesman)
            .with_context(**action["context"])
            .create({"result": "Called instead of my colleague"})
        )
        self.assertFalse(followup.active)
        self.assertFalse(self.followups())

    def test_merging_clients_keeps_one_followup_and_the_dates(self):
        self.log(date="2026-03-01", next_contact_date="2026-03-05")
        newest = self.log(
            partner_id=self.other_client.id,
            date="2026-03-09",
            next_contact_date="2026-03-25",
        )
        wizard = self.env["base.partner.merge.automatic.wizard"]
        wizard._merge((self.client | self.other_client).ids, self.client)
        self.assertFalse(self.other_client.exists())
        self.assertEqual(self.followups().sales_contact_log_id, newest)
        self.assertEqual(self.client.last_contact_date, date(2026, 3, 9))
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 25))
