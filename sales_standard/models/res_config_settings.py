# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sales_capture_email_out = fields.Boolean(
        related="company_id.sales_capture_email_out", readonly=False
    )
    sales_capture_email_in = fields.Boolean(
        related="company_id.sales_capture_email_in", readonly=False
    )
    sales_capture_meetings = fields.Boolean(
        related="company_id.sales_capture_meetings", readonly=False
    )
    sales_capture_calls = fields.Boolean(
        related="company_id.sales_capture_calls", readonly=False
    )
    sales_call_secret = fields.Char(
        related="company_id.sales_call_secret", readonly=False
    )
