# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _sales_working_today(self):
        """{user id: today's date in the user's time zone}, for the users for
        whom today is a working day of their working calendar (their own,
        else their company's), public holidays and time off included."""
        groups = defaultdict(lambda: self.env["res.users"])
        now = fields.Datetime.now()
        for user in self:
            resource = user.resource_ids.filtered(
                lambda r, user=user: r.company_id == user.company_id
            )[:1]
            calendar = (
                resource.calendar_id
                if resource
                else user.company_id.resource_calendar_id
            )
            tz_name = user.tz or calendar.tz or "UTC"
            groups[(calendar, tz_name)] |= user
        result = {}
        for (calendar, tz_name), users in groups.items():
            tz = pytz.timezone(tz_name)
            today = pytz.utc.localize(now).astimezone(tz).date()
            if not calendar:
                result.update(dict.fromkeys(users.ids, today))
                continue
            start = tz.localize(datetime.combine(today, time.min))
            resources = users.resource_ids.filtered(
                lambda r, calendar=calendar: r.calendar_id == calendar
            )
            intervals = calendar._work_intervals_batch(
                start, start + timedelta(days=1), resources=resources, tz=tz
            )
            for user in users:
                resource = resources.filtered(lambda r, user=user: r.user_id == user)
                if intervals[resource[:1].id]:
                    result[user.id] = today
        return result
