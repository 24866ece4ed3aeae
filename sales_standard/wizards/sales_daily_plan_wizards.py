# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class SalesDailyPlanReschedule(models.TransientModel):
    """Move a contact of the daily plan to another time or another day."""

    _name = "sales.daily.plan.reschedule"
    _description = "Reschedule a Contact of the Daily Plan"

    line_id = fields.Many2one(
        "sales.daily.plan.line", required=True, ondelete="cascade", readonly=True
    )
    partner_id = fields.Many2one(related="line_id.partner_id")
    date = fields.Date(
        string="Day",
        required=True,
        compute="_compute_date",
        store=True,
        readonly=False,
        precompute=True,
        help="Keep the day of the plan to change only the time; another day "
        "moves the contact, and its follow-up, to that day's plan.",
    )
    planned_time = fields.Float(string="Time")
    moves_followup = fields.Boolean(compute="_compute_moves_followup")

    @api.depends("line_id")
    def _compute_date(self):
        for wizard in self:
            wizard.date = wizard.line_id.date

    @api.depends("line_id", "date")
    def _compute_moves_followup(self):
        for wizard in self:
            wizard.moves_followup = bool(
                wizard.line_id.activity_id and wizard.date != wizard.line_id.date
            )

    def action_confirm(self):
        self.ensure_one()
        line = self.line_id
        line._sales_check_open()
        if self.date == line.date:
            line.planned_time = self.planned_time
        else:
            line._sales_move(self.date, self.planned_time)
        return {"type": "ir.actions.act_window_close"}


class SalesDailyPlanCancel(models.TransientModel):
    """Cancel a contact of the daily plan, giving the reason."""

    _name = "sales.daily.plan.cancel"
    _description = "Cancel a Contact of the Daily Plan"

    line_id = fields.Many2one(
        "sales.daily.plan.line", required=True, ondelete="cascade", readonly=True
    )
    partner_id = fields.Many2one(related="line_id.partner_id")
    has_followup = fields.Boolean(compute="_compute_has_followup")
    reason = fields.Text(required=True)
    close_followup = fields.Boolean(
        string="Close the Follow-up",
        help="Also close the client's follow-up: the client is then left "
        "with no planned contact. Otherwise the follow-up stays open and "
        "comes back in the plan while it is due.",
    )

    @api.depends("line_id")
    def _compute_has_followup(self):
        for wizard in self:
            activity = wizard.line_id.activity_id
            wizard.has_followup = bool(activity and activity.active)

    def action_confirm(self):
        self.ensure_one()
        self.line_id._sales_cancel(self.reason, close_followup=self.close_followup)
        return {"type": "ir.actions.act_window_close"}
