# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class SalesCallAttach(models.TransientModel):
    """Attach an unmatched phone call to its client: the call is logged."""

    _name = "sales.call.attach"
    _description = "Attach a Phone Call to a Client"
    _check_company_auto = True

    call_id = fields.Many2one(
        "sales.call", required=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="call_id.company_id")
    candidate_ids = fields.Many2many(related="call_id.candidate_ids")
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        check_company=True,
        domain="[('is_company', '=', True)]",
    )
    contact_person_id = fields.Many2one(
        "res.partner",
        string="Contact Person",
        check_company=True,
        domain="[('parent_id', '=', partner_id), ('is_company', '=', False)]",
    )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.contact_person_id.commercial_partner_id != self.partner_id:
            self.contact_person_id = False

    def action_attach(self):
        """Attach the call and log it, once; the user is its manager when
        the provider named none."""
        self.ensure_one()
        call = self.call_id
        call._sales_check_unmatched()
        client = self.partner_id.commercial_partner_id
        person = self.contact_person_id
        if person.commercial_partner_id != client:
            person = person.browse()
        # The user may read the call (the rules): its attachment is Odoo's.
        logs = call.sudo()._sales_attach(client, person, user=self.env.user)
        return {
            "type": "ir.actions.act_window",
            "res_model": "sales.contact.log",
            "res_id": logs.id,
            "view_mode": "form",
        }
