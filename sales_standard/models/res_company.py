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

    # Contacts that Odoo captures by itself (Form 2.2): a switch a channel.
    sales_capture_email_out = fields.Boolean(
        string="Capture Sent Emails",
        default=True,
        help="An email sent to a client from the chatter of a client, an "
        "opportunity or an order is logged as a contact.",
    )
    sales_capture_email_in = fields.Boolean(
        string="Capture Received Emails",
        default=True,
        help="An email from a client that reaches Odoo through the mail "
        "gateway (a reply, or a new opportunity from an alias) is logged as a "
        "contact.",
    )
    sales_capture_meetings = fields.Boolean(
        string="Capture Meetings",
        default=True,
        help="A calendar meeting with a client's people is logged as a "
        "contact once it has started.",
    )
    sales_capture_calls = fields.Boolean(
        string="Capture Phone Calls",
        help="Finished calls that the telephony provider reports to Odoo are "
        "logged as contacts.",
    )
    sales_call_secret = fields.Char(
        string="Telephony Secret",
        groups="base.group_system",
        copy=False,
        help="The secret that the telephony provider signs its call reports " "with.",
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
