# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import pytz

from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Stored, so that dating a document costs no query beyond the company's.
    sales_tz = fields.Char(
        string="Time Zone of Sales Dates",
        compute="_compute_sales_tz",
        store=True,
        help="The zone in which deal milestones and client passport documents "
        "are dated: the company's own (its contact's), else that of its "
        "working hours, else UTC.",
    )

    # Contacts that Odoo captures by itself (Form 2.2). Each channel gets
    # its switch with its capture: received emails, meetings and calls next.
    sales_capture_email_out = fields.Boolean(
        string="Capture Sent Emails",
        default=True,
        help="An email sent to a client from the chatter of a client, an "
        "opportunity or an order is logged as a contact.",
    )

    @api.depends("partner_id.tz", "resource_calendar_id.tz")
    def _compute_sales_tz(self):
        for company in self:
            company.sales_tz = (
                company.partner_id.tz or company.resource_calendar_id.tz or "UTC"
            )

    def _sales_date(self, moment=None):
        """The date, in the company's time zone, of the moment `moment` (a
        naive UTC datetime, as Odoo stores them; now when not given)."""
        company = self[:1] or self.env.company
        moment = fields.Datetime.to_datetime(moment) or fields.Datetime.now()
        if moment.tzinfo is None:
            moment = pytz.utc.localize(moment)
        return moment.astimezone(pytz.timezone(company.sales_tz or "UTC")).date()
