# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ._sales_tools import check_values

LINE_SOURCES = [
    ("overdue", "Overdue Follow-up"),
    ("followup", "Follow-up Due Today"),
    ("client_list", "Client List"),
    ("trip", "Business Trip Visit"),
    ("rescheduled", "Moved from Another Day"),
    ("manual", "Added by Hand"),
]
LINE_STATES = [
    ("planned", "Planned"),
    ("done", "Done"),
    ("rescheduled", "Moved to Another Day"),
    ("cancelled", "Cancelled"),
]


class SalesDailyPlanLine(models.Model):
    """One company to contact in a manager's plan of the day."""

    _name = "sales.daily.plan.line"
    _inherit = ["sales.contact.logged.mixin"]
    _description = "Daily Contact Plan Line"
    _order = "date desc, plan_id, sequence, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "sales.daily.plan",
        string="Plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=1000)
    user_id = fields.Many2one(
        related="plan_id.user_id", store=True, index=True, string="Manager"
    )
    date = fields.Date(related="plan_id.date", store=True, index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    phone = fields.Char(compute="_compute_phone")
    planned_time = fields.Float(
        string="Time", help="Time of the day planned for the contact."
    )
    topic = fields.Char(string="Topic / Purpose")
    state = fields.Selection(
        LINE_STATES,
        required=True,
        index=True,
        compute="_compute_state",
        store=True,
        readonly=False,
        precompute=True,
    )
    source = fields.Selection(
        LINE_SOURCES,
        required=True,
        default="manual",
        readonly=True,
        help="Where the line came from when the plan was prepared.",
    )
    due_date = fields.Date(
        string="Control Date",
        readonly=True,
        help="The date the contact was due: the follow-up's control date or "
        "the date planned in the client list.",
    )
    carried_from_id = fields.Many2one(
        "sales.daily.plan.line",
        string="Carried Over From",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        help="The line of an earlier day, left open there and moved here.",
    )
    carried_over = fields.Boolean(compute="_compute_carried_over")
    moved_to_date = fields.Date(
        string="Moved To", readonly=True, help="The day this contact was moved to."
    )
    activity_id = fields.Many2one(
        "mail.activity",
        string="Follow-up",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    client_list_line_id = fields.Many2one(
        "sales.client.list.line",
        string="Client List Line",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    trip_visit_id = fields.Many2one(
        "sales.trip.visit",
        string="Business Trip Visit",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    log_ids = fields.One2many(
        "sales.contact.log", "daily_plan_line_id", string="Contacts Logged"
    )
    result = fields.Text(related="log_id.result", string="Result")
    cancel_reason = fields.Text(readonly=True)
    moved_line_ids = fields.One2many(
        "sales.daily.plan.line", "carried_from_id", string="Moved To Lines"
    )

    @api.depends("partner_id.phone", "partner_id.mobile", "contact_person_id")
    def _compute_phone(self):
        for line in self:
            person = line.contact_person_id
            line.phone = (
                person.mobile
                or person.phone
                or line.partner_id.phone
                or line.partner_id.mobile
            )

    @api.depends("log_ids")
    def _compute_state(self):
        for line in self:
            if line.log_ids:
                line.state = "done"
            elif not line.state or line.state == "done":
                line.state = "planned"

    @api.depends("carried_from_id")
    def _compute_carried_over(self):
        for line in self:
            line.carried_over = bool(line.carried_from_id)

    @api.model_create_multi
    def create(self, vals_list):
        check_values(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_values(self, [vals], "write")
        return super().write(vals)

    @api.model
    def _sales_match_contacts(self, vals_list, defaults):
        """Link each new contact log entry to the open line of its manager's
        daily plan for that client, on the contact's day or before: the
        contact marks it done, wherever it was logged from. Milestones logged
        for a deal are not contacts of the plan.

        :param list vals_list: the values of the new entries, completed here
            with their `daily_plan_line_id`
        :param dict defaults: the entries' default values
        """
        todo = []
        for vals in vals_list:
            if "daily_plan_line_id" in vals or vals.get("milestone"):
                continue
            merged = {**defaults, **vals}
            if merged.get("daily_plan_line_id") or not merged.get("partner_id"):
                continue
            todo.append((vals, merged))
        if not todo:
            return
        try:
            dates = [fields.Date.to_date(merged["date"]) for _vals, merged in todo]
        except (TypeError, ValueError) as error:
            raise ValidationError(
                self.env._("The date of the contact is not a valid date.")
            ) from error
        if not all(dates):
            return
        open_lines = defaultdict(list)
        for line in self.sudo().search_fetch(
            [
                ("state", "=", "planned"),
                ("partner_id", "in", list({m["partner_id"] for _v, m in todo})),
                ("user_id", "in", list({m.get("user_id") for _v, m in todo})),
                ("date", "<=", max(dates)),
            ],
            ["partner_id", "user_id", "company_id", "date"],
            order="date desc, id",
        ):
            key = (line.partner_id.id, line.user_id.id, line.company_id.id)
            open_lines[key].append(line)
        for (vals, merged), date in zip(todo, dates, strict=True):
            key = (
                merged["partner_id"],
                merged.get("user_id"),
                merged.get("company_id"),
            )
            for line in open_lines[key]:
                if line.date <= date:
                    vals["daily_plan_line_id"] = line.id
                    open_lines[key].remove(line)
                    break

    def _sales_carry_values(self):
        """Values of this open line carried over to a later day."""
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "contact_person_id": self.contact_person_id.id,
            "source": self.source,
            "due_date": self.due_date,
            "activity_id": self.activity_id.id,
            "client_list_line_id": self.client_list_line_id.id,
            "trip_visit_id": self.trip_visit_id.id,
            "topic": self.topic,
            "carried_from_id": self.id,
        }

    def _sales_check_open(self):
        closed = self.filtered(lambda line: line.state != "planned")
        if closed:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "The contact with %(client)s is no longer open: %(state)s.",
                    client=closed[0].partner_id.display_name,
                    state=states[closed[0].state],
                )
            )

    def action_done(self):
        """Open the contact log form (Form 2.2) prefilled from this line.

        Saving the entry marks the line done and links it.
        """
        self.ensure_one()
        self._sales_check_open()
        self.check_access("write")
        action = self.partner_id._sales_contact_log_form_action(topic=self.topic)
        context = action["context"]
        context.update(
            default_user_id=self.user_id.id,
            default_daily_plan_line_id=self.id,
        )
        if self.contact_person_id:
            context["default_contact_person_id"] = self.contact_person_id.id
        if self.client_list_line_id:
            context["default_client_list_line_id"] = self.client_list_line_id.id
        if self.trip_visit_id and not self.trip_visit_id.log_ids:
            context.update(
                default_trip_visit_id=self.trip_visit_id.id,
                default_contact_form="visit",
            )
        if self.activity_id:
            context["sales_followup_activity_id"] = self.activity_id.id
        return action

    def action_reschedule(self):
        self.ensure_one()
        self._sales_check_open()
        return self._sales_wizard_action(
            "sales.daily.plan.reschedule", self.env._("Reschedule the contact")
        )

    def action_cancel(self):
        self.ensure_one()
        self._sales_check_open()
        return self._sales_wizard_action(
            "sales.daily.plan.cancel", self.env._("Cancel the contact")
        )

    def _sales_wizard_action(self, model, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_line_id": self.id},
        }

    def _sales_move(self, date, planned_time=None):
        """Move these open lines to another day, with their follow-ups.

        The lines stay here, marked as moved; new lines are planned on the
        manager's plan of that day.
        """
        self._sales_check_open()
        self.check_access("write")
        today = fields.Date.context_today(self)
        for line in self:
            if date < today or date == line.date:
                raise UserError(
                    self.env._(
                        "A contact can only be moved to today or a later day, "
                        "other than the day of its plan."
                    )
                )
        to_create = []
        for (user, company), lines in self.grouped(
            lambda line: (line.user_id, line.company_id)
        ).items():
            plan = self.env["sales.daily.plan"]._sales_ensure_plans(
                {user.id: date}, company
            )
            to_create += [
                {
                    "plan_id": plan.id,
                    "partner_id": line.partner_id.id,
                    "contact_person_id": line.contact_person_id.id,
                    "planned_time": planned_time or line.planned_time,
                    "topic": line.topic,
                    "source": "rescheduled",
                    "due_date": date,
                    "activity_id": line.activity_id.id,
                    "client_list_line_id": line.client_list_line_id.id,
                    "trip_visit_id": line.trip_visit_id.id,
                    "carried_from_id": line.id,
                }
                for line in lines
            ]
        new_lines = self.create(to_create)
        self.write({"state": "rescheduled", "moved_to_date": date})
        self._sales_move_followups(date)
        return new_lines

    def _sales_move_followups(self, date):
        """Move the follow-ups of these lines to `date`.

        The follow-up carries its own deadline: only the activity moves. The
        contact log entry that planned it keeps the control date its author
        wrote (Form 2.2 is a record, not rewritten by the plan).
        """
        activities = self.activity_id.exists().filtered("active")
        if activities:
            # Allowed through the plan: the follow-ups are the manager's own.
            activities.sudo().write({"date_deadline": date})

    def _sales_cancel(self, reason, close_followup=False):
        self._sales_check_open()
        self.check_access("write")
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for cancelling the contact."))
        self.write({"state": "cancelled", "cancel_reason": reason})
        activities = self.activity_id.exists().filtered("active")
        if close_followup and activities:
            # Allowed through the plan: the follow-ups are the manager's own.
            activities.sudo().action_feedback(
                feedback=self.env._(
                    "Cancelled in the daily plan: %(reason)s", reason=reason
                )
            )
