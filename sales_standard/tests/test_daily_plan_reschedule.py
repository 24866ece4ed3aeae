# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import Form, tagged
from odoo.tools import SQL

from .test_daily_plan import NOW, TODAY, DailyPlanCase

MOVED_TO = date(2026, 4, 3)
# Earlier than any write of the test's transaction (cr.now() is not frozen).
OLD_WRITE_DATE = datetime(2026, 3, 23, 9, 0)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestRescheduleKeepsHistory(DailyPlanCase):
    """Rescheduling moves the follow-up (the activity and the plan line),
    never an earlier entry: Form 2.2 keeps what its author wrote."""

    def _rows(self, logs):
        """The entries as stored, column by column, and as read."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id, row_to_json(log)::text FROM sales_contact_log log"
                " WHERE id IN %s ORDER BY id",
                tuple(logs.ids),
            )
        )
        raw = dict(self.env.cr.fetchall())
        self.env.invalidate_all()
        stored = [
            fname
            for fname, field in logs._fields.items()
            if field.store and field.column_type
        ]
        return raw, logs.sudo().read(stored)

    def _reschedule(self, line, day):
        wizards = self.env["sales.daily.plan.reschedule"].with_user(self.salesman)
        with Form(wizards.with_context(**line.action_reschedule()["context"])) as form:
            form.date = day
            self.assertTrue(form.moves_followup)
        form.save().action_confirm()

    def test_rescheduling_leaves_every_earlier_entry_byte_for_byte_unchanged(self):
        c = self.clients
        first = self._followup(c[0], date(2026, 3, 20), logged=date(2026, 3, 10))
        latest = self._followup(c[0], date(2026, 3, 30), logged=date(2026, 3, 23))
        other = self._followup(c[1], TODAY, logged=date(2026, 3, 25))
        logs = first | latest | other
        # The entries were written some time ago: a write now would show.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE sales_contact_log SET write_date = %s WHERE id IN %s",
                OLD_WRITE_DATE,
                tuple(logs.ids),
            )
        )
        self.env.invalidate_all()
        plan = self._my_day()
        line = plan.line_ids.filtered(lambda ln: ln.partner_id == c[0])
        self.assertEqual((line.source, line.due_date), ("overdue", date(2026, 3, 30)))
        followup = latest.activity_ids
        self.assertEqual(line.activity_id, followup)
        self.assertEqual(latest.followup_state, "overdue")
        before = self._rows(logs)

        self._reschedule(line, MOVED_TO)

        after = self._rows(logs)
        self.assertEqual(after[0], before[0], "the stored rows are unchanged")
        self.assertEqual(after[1], before[1], "the entries read the same")
        self.assertEqual(
            set(logs.sudo().mapped("write_date")), {OLD_WRITE_DATE}, "not written"
        )
        self.assertEqual(latest.next_contact_date, date(2026, 3, 30))

        # The follow-up moved, with its own deadline.
        self.assertTrue(followup.active)
        self.assertEqual(followup.date_deadline, MOVED_TO)
        self.assertEqual(latest.activity_ids, followup)
        # The client's next contact and the follow-up's state read it.
        self.assertEqual(c[0].with_user(self.salesman).next_contact_date, MOVED_TO)
        self.assertEqual(latest.with_user(self.salesman).followup_state, "planned")
        self.assertEqual(latest.with_user(self.salesman).followup_date, MOVED_TO)
        self.assertFalse(first.followup_date, "its follow-up was replaced")
        view = "base.view_res_partner_filter"
        self.assertNotIn(
            c[0], self.search_filter("res.partner", view, "sales_followup_overdue")
        )
        self.assertNotIn(
            latest,
            self.search_filter(
                "sales.contact.log",
                "sales_standard.sales_contact_log_view_search",
                "overdue",
            ),
        )
        # The plan shows the contact on its new day, once, and not before.
        moved = line.moved_line_ids
        self.assertEqual(
            (moved.plan_id.date, moved.due_date, moved.activity_id),
            (MOVED_TO, MOVED_TO, followup),
        )
        with freeze_time("2026-04-02 08:00:00"):
            tomorrow = self._my_day()
        self.assertNotIn(c[0], tomorrow.line_ids.partner_id)
        with freeze_time("2026-04-03 08:00:00"):
            day = self._my_day()
        self.assertEqual(day, moved.plan_id)
        self.assertEqual(day.line_ids.filtered(lambda ln: ln.partner_id == c[0]), moved)

        # The author's own later edit of the entry keeps the moved deadline;
        # writing a new control date on it moves the follow-up there.
        latest.with_user(self.salesman).next_step = "Send the offer again"
        self.assertEqual(followup.date_deadline, MOVED_TO)
        self.assertEqual(c[0].next_contact_date, MOVED_TO)
        latest.with_user(self.salesman).next_contact_date = date(2026, 4, 6)
        self.assertEqual(followup.date_deadline, date(2026, 4, 6))
        self.assertEqual(c[0].next_contact_date, date(2026, 4, 6))
        self.assertEqual(first.read(["write_date"])[0]["write_date"], OLD_WRITE_DATE)
