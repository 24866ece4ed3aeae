# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).

import pytz

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _sales_tz(self):
        """The time zone in which the module dates what Odoo files by itself
        (deal milestones, passport documents): the company's own (its
        partner's), else that of its working hours, else UTC."""
        company = self[:1] or self.env.company
        return company.partner_id.tz or company.resource_calendar_id.tz or "UTC"

    def _sales_date(self, moment=None):
        """The date, in the company's time zone, of the moment `moment` (a
        naive UTC datetime, as Odoo stores them; now when not given)."""
        moment = fields.Datetime.to_datetime(moment) or fields.Datetime.now()
        if moment.tzinfo is None:
            moment = pytz.utc.localize(moment)
        return moment.astimezone(pytz.timezone(self._sales_tz())).date()
