# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

from ..models.res_partner import CLIENT_TYPES


class Lead2OpportunityPartner(models.TransientModel):
    _inherit = "crm.lead2opportunity.partner"

    client_type = fields.Selection(
        CLIENT_TYPES,
        help="Client type of the new client card (Form 2.1): without one, the "
        "card is missing from the clients (Form 2.1).",
    )

    def _convert_and_allocate(self, leads, user_ids, team_id=False):
        # Converting sets the customers one lead at a time: file the requests
        # in the clients' passports once, for all the leads.
        res = super(
            Lead2OpportunityPartner, self.with_context(sales_defer_passports=True)
        )._convert_and_allocate(
            leads.with_context(sales_defer_passports=True), user_ids, team_id=team_id
        )
        leads.exists()._sales_open_passports()
        return res

    def _convert_handle_partner(self, lead, action, partner_id):
        # The client card made for the lead gets the type asked for; a card
        # that existed before keeps its own.
        before = lead.partner_id
        res = super()._convert_handle_partner(lead, action, partner_id)
        card = lead.partner_id.commercial_partner_id
        if (
            action == "create"
            and self.client_type
            and card
            and lead.partner_id != before
        ):
            card.client_type = self.client_type
        return res
