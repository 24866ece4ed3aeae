# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models
from odoo.exceptions import UserError

NEXT_CONTACT_XMLID = "sales_standard.mail_activity_type_next_contact"


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    category = fields.Selection(
        selection_add=[("sales_contact_log", "Log Contact")],
        ondelete={"sales_contact_log": "set default"},
    )

    @api.model
    def _get_model_info_by_xmlid(self):
        info = super()._get_model_info_by_xmlid()
        # The contact log plans its follow-ups with this type: keep it.
        info[NEXT_CONTACT_XMLID] = {"res_model": "res.partner", "unlink": False}
        return info

    def write(self, vals):
        if "category" in vals and vals["category"] != "sales_contact_log":
            next_contact = self.env.ref(NEXT_CONTACT_XMLID, raise_if_not_found=False)
            if next_contact and next_contact in self:
                raise UserError(
                    self.env._(
                        "The action of %(type)s must stay 'Log Contact': the "
                        "contact log (Form 2.2) plans the next contacts with it.",
                        type=next_contact.display_name,
                    )
                )
        return super().write(vals)
