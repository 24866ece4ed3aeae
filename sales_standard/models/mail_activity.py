# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models
from odoo.exceptions import UserError

FOLLOWUP_FIELDS = {
    "active",
    "activity_type_id",
    "date_deadline",
    "res_id",
    "res_model",
    "res_model_id",
}


class MailActivity(models.Model):
    _inherit = "mail.activity"

    sales_contact_log_id = fields.Many2one(
        "sales.contact.log",
        string="Planned by Contact",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._sales_protect_log_link(vals_list)
        activities = super().create(vals_list)
        activities._sales_followup_partners()._sales_recompute_next_contact_date()
        return activities

    def write(self, vals):
        self._sales_protect_log_link([vals])
        if not FOLLOWUP_FIELDS & vals.keys():
            return super().write(vals)
        partners = self._sales_followup_partners()
        res = super().write(vals)
        partners |= self._sales_followup_partners()
        partners._sales_recompute_next_contact_date()
        return res

    def unlink(self):
        partners = self._sales_followup_partners()
        res = super().unlink()
        partners._sales_recompute_next_contact_date()
        return res

    def action_sales_log_contact(self):
        """Open the contact log form (Form 2.2) prefilled from this activity.

        Saving the entry closes the follow-up: the new entry replaces it.
        """
        self.ensure_one()
        if self.res_model not in ("res.partner", "crm.lead"):
            raise UserError(
                self.env._(
                    "A contact can only be logged from an activity on a client "
                    "or an opportunity."
                )
            )
        record = self.env[self.res_model].browse(self.res_id)
        action = record._sales_contact_log_form_action(
            topic=self.summary or self.sales_contact_log_id.next_step
        )
        action["context"]["sales_followup_activity_id"] = self.id
        return action

    @api.model
    def _sales_protect_log_link(self, vals_list):
        """Only the contact log links a follow-up to its entry: it creates
        the follow-ups as superuser, with this context key. A context key
        alone comes from the client and proves nothing."""
        if self.env.su and self.env.context.get("sales_standard_followup"):
            return
        for vals in vals_list:
            vals.pop("sales_contact_log_id", None)

    def _sales_followup_partners(self):
        """Partners whose next control date depends on these activities."""
        ids = {
            activity.res_id
            for activity in self.sudo()
            if activity.res_model == "res.partner"
            and activity.activity_type_id.category == "sales_contact_log"
        }
        return self.env["res.partner"].browse(ids)
