# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import SalesStandardCase

PARTNER_SEARCH = "sales_standard.res_partner_view_search"


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15 08:00:00")
class TestClientType(SalesStandardCase):
    """A client card made from a lead or a quotation has no client type: it
    is shown, counted and asked for, never required."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Valve", "list_price": 50.0}
        )

    def _quotation(self, partner, user=None):
        with Form(self.env["sale.order"].with_user(user or self.salesman)) as form:
            form.partner_id = partner
            with form.order_line.new() as line:
                line.product_id = self.product
        return form.record

    def _new_card(self, name, user=None, **values):
        """A card made in the quotation's customer field: a name only."""
        partners = self.env["res.partner"].with_user(user or self.salesman)
        return partners.create({"name": name, "is_company": True, **values})

    def test_filter_finds_cards_made_from_a_quotation(self):
        untyped = self._new_card("Quick Pumps", sales_region_id=self.region.id)
        typed = self._new_card(
            "Typed Pumps", client_type="dealer", sales_region_id=self.region.id
        )
        idle = self._new_card("Idle Pumps", sales_region_id=self.region.id)
        person = self.env["res.partner"].create(
            {"name": "Olga Quick", "parent_id": untyped.id}
        )
        for partner in (person, typed):
            self._quotation(partner)
        found = self.search_filter("res.partner", PARTNER_SEARCH, "sales_needs_type")
        self.assertIn(untyped, found, "a quotation to its contact person counts")
        self.assertNotIn(typed, found)
        self.assertNotIn(idle, found, "no sales activity, no warning")
        self.assertNotIn(person, found, "contact persons share the card's type")
        # The cards without a type are those the client filters miss.
        clients = self.search_filter("res.partner", PARTNER_SEARCH, "sales_clients")
        self.assertNotIn(untyped, clients)
        self.assertIn(typed, clients)
        # The region counts them and opens them.
        region = self.region.with_user(self.regional)
        self.assertEqual(region.untyped_partner_count, 1)
        action = region.action_open_untyped_partners()
        self.assertEqual(action["context"]["search_default_sales_needs_type"], 1)
        self.assertEqual(
            self.env["res.partner"].with_user(self.regional).search(action["domain"])
            & found,
            untyped,
        )
        # Once typed, the card leaves the filter and the count.
        untyped.with_user(self.salesman).client_type = "end_consumer"
        found = self.search_filter("res.partner", PARTNER_SEARCH, "sales_needs_type")
        self.assertNotIn(untyped, found)
        self.assertIn(
            untyped, self.search_filter("res.partner", PARTNER_SEARCH, "sales_clients")
        )
        region.invalidate_recordset()
        self.assertEqual(region.untyped_partner_count, 0)
        # Any search on the flag but set / not set is refused cleanly.
        with self.assertRaises(UserError):
            self.env["res.partner"].with_user(self.salesman).search(
                [("sales_needs_type", "in", [True])]
            )
        self.assertNotIn(
            self.client,
            self.env["res.partner"].search([("sales_needs_type", "=", True)]),
        )
        self.assertIn(
            self.client,
            self.env["res.partner"].search([("sales_needs_type", "!=", True)]),
        )

    def test_banner_for_cards_with_sales_activity_only(self):
        from_quotation = self._new_card("Quote Valves")
        self._quotation(from_quotation)
        from_log = self._new_card("Called Valves")
        self.log(partner_id=from_log.id)
        from_lead = self._new_card("Asking Valves")
        self.env["crm.lead"].with_user(self.salesman).create(
            {"name": "Valves wanted", "partner_id": from_lead.id}
        )
        typed = self._new_card("Typed Valves", client_type="intermediary")
        self._quotation(typed)
        # An accountant's partner, with an invoice and no sales activity.
        invoiced = self._new_card("Invoiced Valves", user=self.accountant)
        invoice = (
            self.env["account.move"]
            .with_user(self.accountant)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": invoiced.id,
                    "invoice_line_ids": [
                        (0, 0, {"name": "Service", "price_unit": 100.0})
                    ],
                }
            )
        )
        invoice.action_post()
        cards = (from_quotation | from_log | from_lead | typed | invoiced).with_user(
            self.salesman
        )
        self.assertEqual(
            {card.name: card.sales_needs_type for card in cards},
            {
                "Quote Valves": True,
                "Called Valves": True,
                "Asking Valves": True,
                "Typed Valves": False,
                "Invoiced Valves": False,
            },
        )
        # The banner is in the salesman's form, and not in the accountant's,
        # who edits the untyped card freely: nothing requires a type.
        form_arch = (
            self.env["res.partner"]
            .with_user(self.salesman)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn('name="sales_needs_type_warning"', form_arch)
        accountant_arch = (
            self.env["res.partner"]
            .with_user(self.accountant)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("sales_needs_type", accountant_arch)
        with Form(from_quotation.with_user(self.accountant)) as form:
            form.phone = "+7 495 000 00 01"
        with Form(self.env["res.partner"].with_user(self.accountant)) as form:
            form.name = "New Supplier"
        self.assertFalse(form.record.sudo().client_type)
        # In the salesman's form, the flag follows the type being set.
        with Form(from_quotation.with_user(self.salesman)) as form:
            self.assertTrue(form.sales_needs_type)
            form.client_type = "dealer"
            self.assertFalse(form.sales_needs_type)

    def test_lead_conversion_asks_for_the_type(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create(
                {
                    "name": "Pumps for the mill",
                    "type": "lead",
                    "partner_name": "Mill Works",
                    "contact_name": "Pavel Melnikov",
                    "email_from": "pavel@mill.example.com",
                }
            )
        )
        wizard_model = (
            self.env["crm.lead2opportunity.partner"]
            .with_user(self.salesman)
            .with_context(
                active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
            )
        )
        with Form(wizard_model) as form:
            form.name = "convert"
            self.assertEqual(form.action, "create")
            form.client_type = "end_consumer"
        form.record.action_apply()
        card = lead.partner_id.commercial_partner_id
        self.assertTrue(card)
        self.assertEqual(card.name, "Mill Works")
        self.assertEqual(card.client_type, "end_consumer")
        self.assertFalse(card.with_user(self.salesman).sales_needs_type)
        # Converting without a type makes a card that the filter shows.
        other = lead.copy(
            {
                "partner_name": "Other Works",
                "contact_name": "Inna Other",
                "email_from": "inna@other.example.org",
                "partner_id": False,
            }
        )
        with Form(
            wizard_model.with_context(active_id=other.id, active_ids=other.ids)
        ) as form:
            form.name = "convert"
            self.assertEqual(form.action, "create")
        form.record.action_apply()
        untyped = other.partner_id.commercial_partner_id
        self.assertEqual(untyped.name, "Other Works")
        self.assertFalse(untyped.client_type)
        self.assertIn(
            untyped,
            self.search_filter("res.partner", PARTNER_SEARCH, "sales_needs_type"),
        )
        # A card that existed before keeps what it had, whatever the wizard
        # holds: the type is asked for a new card only.
        known = self._new_card("Known Works")
        known_lead = lead.copy(
            {"partner_id": known.id, "email_from": "known@known.example.net"}
        )
        wizard = wizard_model.with_context(
            active_id=known_lead.id, active_ids=known_lead.ids
        ).create(
            {
                "name": "convert",
                "action": "exist",
                "partner_id": known.id,
                "client_type": "dealer",
            }
        )
        wizard.action_apply()
        self.assertEqual(known_lead.partner_id, known)
        self.assertFalse(known.client_type)
