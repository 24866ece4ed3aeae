# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from ..wizards.sales_first_contact import normalize_name, phone_key
from .common import SalesStandardCase

# Tuesday 10 March 2026, mid-morning to evening from Kaliningrad (UTC+2) to
# Kamchatka (UTC+12): the same day for a salesperson anywhere in Russia.
NOW = "2026-03-10 08:00:00"


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestFirstContact(SalesStandardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.industry = cls.env["res.partner.industry"].create({"name": "Oil and gas"})

    def wizard(self, user=None):
        model = self.env["sales.first.contact"].with_user(user or self.salesman)
        return Form(model)

    def test_new_client_card_and_first_contact(self):
        form = self.wizard()
        form.name = "Ural Valves"
        form.phone = "+7 343 555-12-34"
        form.client_type = "intermediary"
        form.industry_id = self.industry
        form.sales_region_id = self.region
        with form.person_ids.new() as person:
            person.function = "Purchasing Manager"
            person.name = "Anna Smirnova"
        with form.person_ids.new() as person:
            person.function = "Director"
            person.name = "Oleg Orlov"
            person.is_addressee = True
        form.contact_form = "letter"
        form.topic = "Commercial offer for valves"
        form.result = "Offer sent"
        form.next_step = "Call to discuss the offer"
        form.next_contact_date = date(2026, 3, 17)
        self.assertFalse(form.duplicate_ids)
        action = form.save().action_confirm()

        client = self.env["res.partner"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "res.partner")
        self.assertTrue(client.is_company)
        self.assertEqual(client.name, "Ural Valves")
        self.assertEqual(client.client_type, "intermediary")
        self.assertEqual(client.industry_id, self.industry)
        self.assertEqual(client.sales_region_id, self.region)
        self.assertEqual(client.user_id, self.salesman)
        self.assertEqual(client.client_card_date, date(2026, 3, 10))
        self.assertEqual(
            sorted(client.child_ids.mapped("function")),
            ["Director", "Purchasing Manager"],
        )
        log = client.contact_log_ids
        self.assertEqual(len(log), 1)
        self.assertEqual(log.contact_form, "letter")
        self.assertEqual(log.contact_person_id.name, "Oleg Orlov")
        self.assertEqual(log.addressee, "Director, Oleg Orlov")
        self.assertEqual(log.user_id, self.salesman)
        self.assertEqual(client.next_contact_date, date(2026, 3, 17))
        self.assertEqual(len(self.followups(client)), 1)

    def test_existing_client_gets_its_first_contact(self):
        form = self.wizard()
        form.partner_id = self.other_client
        self.assertEqual(form.client_type, "dealer", "the card's values are shown")
        form.industry_id = self.industry
        form.contact_person_id = self.env["res.partner"].create(
            {"name": "Pavel Lebedev", "parent_id": self.other_client.id}
        )
        form.topic = "Introduction"
        form.next_contact_date = date(2026, 3, 12)
        form.save().action_confirm()
        self.assertEqual(self.other_client.industry_id, self.industry)
        self.assertEqual(self.other_client.client_type, "dealer")
        self.assertEqual(self.other_client.client_card_date, date(2026, 3, 10))
        log = self.other_client.contact_log_ids
        self.assertEqual(log.contact_person_id.name, "Pavel Lebedev")
        self.assertEqual(self.other_client.next_contact_date, date(2026, 3, 12))
        self.assertEqual(
            self.env["res.partner"].search_count([("name", "=", "Kama Steel")]), 1
        )

    def test_probable_duplicates_are_shown_before_a_second_card(self):
        self.client.write({"phone": "+7 (843) 200-10-20", "vat": "7707083893"})
        cases = [
            {"name": 'ООО "Volga  PUMPS"'},
            {"name": "Another name", "phone": "8 843 200 10 20"},
            {"name": "Third name", "vat": "RU 7707083893"},
        ]
        for values in cases:
            with self.subTest(**values):
                form = self.wizard()
                form.client_type = "dealer"
                for field, value in values.items():
                    setattr(form, field, value)
                self.assertIn(self.client, form.duplicate_ids)
                form.topic = "Call"
                wizard = form.save()
                with self.assertRaisesRegex(UserError, "may already have a card"):
                    wizard.action_confirm()
        form = self.wizard()
        form.name = "Volga Pumps"
        form.client_type = "dealer"
        form.topic = "Call"
        form.create_anyway = True
        action = form.save().action_confirm()
        self.assertNotEqual(action["res_id"], self.client.id)
        self.assertEqual(
            self.env["res.partner"].search_count([("name", "=", "Volga Pumps")]), 2
        )

    def test_no_duplicate_for_unrelated_clients(self):
        form = self.wizard()
        form.name = "Volga Bakery"
        form.phone = "+7 843 999 00 00"
        self.assertFalse(form.duplicate_ids)

    def test_bad_input_is_refused(self):
        form = self.wizard()
        form.name = "  "
        form.client_type = "dealer"
        form.topic = "Call"
        with self.assertRaisesRegex(UserError, "name of the new client"):
            form.save().action_confirm()
        form = self.wizard()
        form.name = "Neva Trade"
        form.client_type = "dealer"
        form.topic = "Call"
        form.next_contact_date = date(2026, 3, 1)
        with self.assertRaisesRegex(ValidationError, "cannot be before"):
            form.save()
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Neva Trade")]),
            "nothing is half-done",
        )

    def test_normalisation(self):
        self.assertEqual(normalize_name("ООО «Рога и Копыта»"), "рога и копыта")
        self.assertEqual(normalize_name("Acme, Inc."), "acme")
        self.assertEqual(phone_key("+7 (495) 123-45-67"), "4951234567")
        self.assertEqual(phone_key("8-495-123-45-67"), "4951234567")
        self.assertEqual(phone_key("123"), "")
