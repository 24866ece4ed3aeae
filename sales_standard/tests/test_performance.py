# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from freezegun import freeze_time

from odoo.tests import tagged, users, warmup

from .common import SalesStandardCase

# Queries to create a batch of contact log entries with their follow-ups,
# replacing the clients' previous follow-ups, marking the lines of the
# daily plans they complete, filing the calls and meetings in the clients'
# passports, and locking the clients against a concurrent entry: the same for
# 1 entry or 100.
CREATE_BUDGET = 28
# Monday 1 June 2026, mid-morning to evening from Kaliningrad (UTC+2) to
# Kamchatka (UTC+12): the entries, and the passport documents and plan lines
# they touch, are dated that day at any real hour. Their next contacts, in
# 2099, are after it.
NOW = "2026-06-01 08:00:00"


@tagged("post_install", "-at_install", "is_query_count")
@freeze_time(NOW)
class TestPerformance(SalesStandardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = cls.env["res.partner"].create(
            [
                {"name": f"Client {index}", "is_company": True, "client_type": "dealer"}
                for index in range(100)
            ]
        )
        cls.persons = cls.env["res.partner"].create(
            [
                {"name": f"Person {index}", "function": "Buyer", "parent_id": client.id}
                for index, client in enumerate(cls.clients)
            ]
        )
        # Every client already has an open follow-up that will be replaced.
        cls.env["sales.contact.log"].with_user(cls.salesman).create(
            [
                {
                    "partner_id": client.id,
                    "topic": "Before",
                    "next_contact_date": "2099-01-01",
                }
                for client in cls.clients
            ]
        )

    def _values(self, count):
        return [
            {
                "partner_id": client.id,
                "contact_person_id": person.id,
                "topic": f"Call {index}",
                "result": "Interested",
                "next_step": "Send the offer",
                "next_contact_date": f"2099-02-{index % 28 + 1:02d}",
            }
            for index, (client, person) in enumerate(
                zip(self.clients[:count], self.persons[:count], strict=True)
            )
        ]

    def _create(self, count):
        logs = self.env["sales.contact.log"]
        values = self._values(count)
        with self.assertQueryCount(CREATE_BUDGET):
            logs = logs.create(values)
            self.env.flush_all()
        return logs

    @users("ss_salesman")
    @warmup
    def test_create_one_entry(self):
        logs = self._create(1)
        self.assertEqual(len(logs.activity_ids), 1)

    @users("ss_salesman")
    @warmup
    def test_create_hundred_entries(self):
        logs = self._create(100)
        self.assertEqual(len(logs.activity_ids), 100)
        self.assertEqual(
            set(self.clients.mapped("next_contact_date")),
            {log.next_contact_date for log in logs},
        )
