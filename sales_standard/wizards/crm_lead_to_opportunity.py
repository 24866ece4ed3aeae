# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models


class Lead2OpportunityPartner(models.TransientModel):
    _inherit = "crm.lead2opportunity.partner"

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
