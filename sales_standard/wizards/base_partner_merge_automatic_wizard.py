# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models


class MergePartnerAutomatic(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _update_reference_fields(self, src_partners, dst_partner):
        res = super()._update_reference_fields(src_partners, dst_partner)
        # The merge moved the contact log and the follow-ups in SQL.
        dst_partner._sales_after_merge()
        return res
