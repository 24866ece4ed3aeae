# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""tools/demo_setup.py, which makes the demo Russian, on the test database
(the addon with its demo data). tools/test runs this file in its first
phase, with tools/ on the path (``import demo_setup``)."""

import demo_setup

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoSetup(TransactionCase):
    def test_russian_texts_match_demo_data(self):
        """Every Russian text is of a field the demo data fills, and differs
        from its English."""
        russian = demo_setup.russian_texts()
        english = demo_setup.english_texts(russian)
        self.assertEqual(set(russian) - set(english), set())
        same = [key for key, text in russian.items() if text == english[key]]
        self.assertEqual(same, [])
        self.assertTrue(all(text.strip() for text in russian.values()))

    def test_russian_then_english(self):
        region = self.env.ref("sales_standard.sales_region_central_demo")
        log = self.env.ref("sales_standard.sales_contact_log_kashira_water_1_demo")
        product = self.env.ref("sales_standard.product_centrifugal_pump_cp100_demo")
        client = self.env.ref("sales_standard.res_partner_kashira_water_demo")
        admin = self.env.ref("base.user_admin")

        approval = self.env["mail.activity"].search(
            [("summary", "=", "Approve the business trip")]
        )
        visit_logs = self.env["sales.contact.log"].search(
            [("topic", "=", "Spring delivery schedule")]
        )
        self.assertTrue(approval and visit_logs)

        demo_setup.set_users(self.env, "ru_RU", say=lambda _msg: None)
        demo_setup.set_texts(self.env, "ru_RU", say=lambda _msg: None)
        demo_setup.set_copies(self.env, "ru_RU", say=lambda _msg: None)
        self.assertEqual((admin.lang, admin.tz), ("ru_RU", "Europe/Moscow"))
        self.assertEqual(self.env.ref("base.user_demo").tz, "Asia/Novosibirsk")
        self.assertEqual(region.name, "Центральный")
        self.assertEqual(log.topic, "Запрос цен на канализационные насосы")
        self.assertEqual(client.lang, "ru_RU")
        self.assertEqual(self.env.ref("base.state_ru_mos").name, "Московская область")
        self.assertEqual(admin.name, "Михаил Админов")
        self.assertEqual(
            product.with_context(lang="ru_RU").name, "Центробежный насос ЦН-100"
        )
        self.assertEqual(
            product.with_context(lang="en_US").name, "Centrifugal pump CP-100"
        )

        # What the module made of the demo texts, or wrote from its code.
        self.assertEqual(set(visit_logs.mapped("topic")), {"График весенних поставок"})
        self.assertEqual(set(approval.mapped("summary")), {"Утвердить командировку"})

        demo_setup.set_texts(self.env, "en_US", say=lambda _msg: None)
        demo_setup.set_copies(self.env, "en_US", say=lambda _msg: None)
        self.assertEqual(set(visit_logs.mapped("topic")), {"Spring delivery schedule"})
        self.assertEqual(set(approval.mapped("summary")), {"Approve the business trip"})
        self.assertEqual(region.name, "Central")
        self.assertEqual(log.topic, "Price request for sewage pumps")
        self.assertIn("The capital region", region.geopolitical_info)
        self.assertEqual(client.lang, "en_US")
        self.assertEqual(self.env.ref("base.state_ru_mos").name, "Moscow Oblast")
        self.assertEqual(admin.name, "Mitchell Admin")

    def test_roubles_unless_journal_entries(self):
        usd = self.env.ref("base.USD")
        company = self.env["res.company"].create(
            {"name": "Demo roubles", "currency_id": usd.id}
        )
        self.assertTrue(
            demo_setup.set_roubles(self.env, company, say=lambda _msg: None)
        )
        self.assertEqual(company.currency_id, self.env.ref("base.RUB"))
        self.assertEqual(company.currency_id.symbol, "₽")

        # Odoo's accounting demo booked entries for the company of the test
        # database: its currency stays.
        booked = self.env["account.move.line"].search([], limit=1).company_id
        self.assertTrue(booked)
        currency = booked.currency_id
        notes = []
        self.assertFalse(demo_setup.set_roubles(self.env, booked, notes.append))
        self.assertEqual(booked.currency_id, currency)
        self.assertIn("journal entries", notes[0])
