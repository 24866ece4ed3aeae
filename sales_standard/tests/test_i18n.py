# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SalesStandardCase


@tagged("post_install", "-at_install")
class TestRussian(SalesStandardCase):
    """A Russian-speaking manager works in Russian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(
            ["sales_standard"], ["ru_RU"], overwrite=True
        )
        cls.salesman.lang = "ru_RU"

    def russian(self, model):
        return self.env[model].with_user(self.salesman).with_context(lang="ru_RU")

    def test_labels_and_choices(self):
        fields = self.russian("sales.contact.log").fields_get(
            ["next_contact_date", "contact_form"], ["string", "selection"]
        )
        self.assertEqual(
            fields["next_contact_date"]["string"],
            "Контрольный срок следующего контакта",
        )
        self.assertIn(
            ("call_in", "Звонок от клиента"), fields["contact_form"]["selection"]
        )
        view = self.russian("res.partner").get_view(
            self.env.ref("base.view_partner_form").id, "form"
        )
        self.assertIn("Записать контакт", view["arch"])
        self.assertIn("Форма № 2.1", view["arch"])

    def test_chatter_note(self):
        self.russian("sales.contact.log").create(
            {"partner_id": self.client.id, "topic": "КП", "contact_form": "call_in"}
        )
        body = self.client.message_ids[:1].body
        self.assertIn("Контакт (Форма № 2.2)", body)
        self.assertIn("Звонок от клиента", body)

    def test_errors(self):
        with self.assertRaisesRegex(ValidationError, "не может быть раньше"):
            self.russian("sales.contact.log").create(
                {
                    "partner_id": self.client.id,
                    "topic": "КП",
                    "date": "2026-03-10",
                    "next_contact_date": "2026-03-01",
                }
            )
