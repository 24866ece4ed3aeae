# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ._sales_common import SALES_GROUP, is_sales_admin, recheck_owner, sales_admins
from ._sales_tools import check_values

TRIP_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# Changed by the workflow buttons only (the approval puts the trip in the
# calendar: a user never points a trip at an event).
WORKFLOW_FIELDS = {
    "state",
    "approved_by_id",
    "approval_date",
    "report_date",
    "calendar_event_id",
}
# What the assignment says: fixed once the head of sales approved it.
ASSIGNMENT_FIELDS = {
    "user_id",
    "region_id",
    "destination",
    "date_from",
    "date_to",
    "purpose",
    "budget",
    "advance",
    "company_id",
}


class SalesTrip(models.Model):
    """A business trip: the assignment (Form 2.5) and its report."""

    _name = "sales.trip"
    _description = "Business Trip (Form 2.5)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Traveller",
        required=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        check_company=True,
        tracking=True,
    )
    region_id = fields.Many2one(
        "sales.region",
        string="Region",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        tracking=True,
    )
    destination = fields.Char(string="Destination Cities", tracking=True)
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    purpose = fields.Text(
        string="Assignment",
        required=True,
        help="The purpose of the trip: what the traveller is sent to do.",
    )
    state = fields.Selection(
        TRIP_STATES,
        required=True,
        default="draft",
        index=True,
        tracking=True,
        copy=False,
    )
    visit_ids = fields.One2many(
        "sales.trip.visit", "trip_id", string="Visits", groups=SALES_GROUP
    )
    visit_count = fields.Integer(
        compute="_compute_visit_counts", string="Visits Planned", groups=SALES_GROUP
    )
    visit_made_count = fields.Integer(
        compute="_compute_visit_counts", string="Visits Made", groups=SALES_GROUP
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    budget = fields.Monetary(tracking=True)
    advance = fields.Monetary(string="Advance Paid", tracking=True)
    expense = fields.Monetary(
        string="Actual Expenses",
        tracking=True,
        help="The expenses of the trip, from the trip report.",
    )
    expense_note = fields.Text(string="Expenses Detail")
    conclusions = fields.Text(
        string="Overall Conclusions", help="The traveller's conclusions on the trip."
    )
    approved_by_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False
    )
    approval_date = fields.Date(readonly=True, copy=False)
    report_date = fields.Date(string="Report Submitted On", readonly=True, copy=False)
    calendar_event_id = fields.Many2one(
        "calendar.event",
        string="Calendar Event",
        readonly=True,
        copy=False,
        ondelete="set null",
        groups=SALES_GROUP,
    )

    @api.depends("visit_ids.state")
    def _compute_visit_counts(self):
        for trip in self:
            trip.visit_count = len(trip.visit_ids)
            trip.visit_made_count = len(
                trip.visit_ids.filtered(lambda visit: visit.state == "made")
            )

    @api.depends("name", "destination")
    def _compute_display_name(self):
        for trip in self:
            trip.display_name = (
                f"{trip.name} {trip.destination}" if trip.destination else trip.name
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for trip in self:
            if trip.date_from and trip.date_to and trip.date_to < trip.date_from:
                raise ValidationError(
                    self.env._(
                        "The trip cannot end (%(end)s) before it starts (%(start)s).",
                        end=format_date(self.env, trip.date_to),
                        start=format_date(self.env, trip.date_from),
                    )
                )

    @api.constrains("user_id", "date_from", "date_to", "state")
    def _check_overlap(self):
        trips = self.filtered(
            lambda trip: trip.state != "cancelled" and trip.date_from and trip.date_to
        )
        if not trips:
            return
        others = self.sudo().search(
            [
                ("user_id", "in", trips.user_id.ids),
                ("state", "!=", "cancelled"),
                ("date_from", "<=", max(trips.mapped("date_to"))),
                ("date_to", ">=", min(trips.mapped("date_from"))),
            ]
        )
        for trip in trips:
            for other in others:
                if (
                    other != trip
                    and other.user_id == trip.user_id
                    and other.date_from <= trip.date_to
                    and other.date_to >= trip.date_from
                ):
                    raise ValidationError(
                        self.env._(
                            "%(traveller)s is already on trip %(trip)s from "
                            "%(start)s to %(end)s: the trips of one person "
                            "cannot overlap.",
                            traveller=trip.user_id.name,
                            trip=other.name,
                            start=format_date(self.env, other.date_from),
                            end=format_date(self.env, other.date_to),
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        check_values(self, vals_list)
        if not self.env.su and any(WORKFLOW_FIELDS & vals.keys() for vals in vals_list):
            raise UserError(
                self.env._(
                    "A new business trip is a draft: its status, approval and "
                    "calendar event come from its buttons."
                )
            )
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "sales.trip", sequence_date=vals.get("date_from")
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        check_values(self, [vals], "write")
        if WORKFLOW_FIELDS & vals.keys() and not self.env.su:
            raise UserError(
                self.env._(
                    "The status of a business trip changes only through its "
                    "buttons: submit, approve, refuse, cancel, report."
                )
            )
        if ASSIGNMENT_FIELDS & vals.keys() and not self._sales_is_admin():
            fixed = self.filtered(lambda trip: trip.state not in ("draft", "submitted"))
            if fixed:
                raise UserError(
                    self.env._(
                        "The assignment of trip %(trip)s is approved: only a "
                        "sales administrator changes it now.",
                        trip=fixed[0].name,
                    )
                )
        res = super().write(vals)
        recheck_owner(self, vals)
        if {"date_from", "date_to", "destination", "purpose"} & vals.keys():
            self.filtered("calendar_event_id")._sales_sync_calendar()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(trip.state not in ("draft", "cancelled") for trip in self):
            raise UserError(
                self.env._(
                    "Only draft or cancelled trips can be deleted; cancel the "
                    "trip instead."
                )
            )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _sales_is_admin(self):
        return is_sales_admin(self.env)

    def _sales_check_state(self, states, action):
        wrong = self.filtered(lambda trip: trip.state not in states)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Trip %(trip)s is %(state)s: it cannot be %(action)s.",
                    trip=wrong[0].name,
                    state=labels[wrong[0].state],
                    action=action,
                )
            )

    def action_submit(self):
        """The traveller submits the assignment for approval."""
        self._sales_check_state(("draft",), self.env._("submitted"))
        self.check_access("write")
        self.sudo().write({"state": "submitted"})
        admins = sales_admins(self.env)
        for trip in self:
            admin = admins.filtered(
                lambda user, trip=trip: trip.company_id in user.company_ids
            )[:1]
            if admin:
                trip.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=admin.id,
                    summary=self.env._("Approve the business trip"),
                )
        return True

    def action_approve(self):
        """The head of sales approves the assignment."""
        if not self._sales_is_admin():
            raise AccessError(
                self.env._("Only a sales administrator approves business trips.")
            )
        self._sales_check_state(("submitted",), self.env._("approved"))
        self.sudo().write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approval_date": fields.Date.context_today(self),
            }
        )
        self.activity_unlink(["mail.mail_activity_data_todo"])
        self._sales_sync_calendar()
        return True

    def action_refuse(self):
        """Send a submitted assignment back to its traveller as a draft."""
        if not self._sales_is_admin():
            raise AccessError(
                self.env._("Only a sales administrator refuses business trips.")
            )
        self._sales_check_state(("submitted",), self.env._("refused"))
        self.sudo().write({"state": "draft"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_cancel(self):
        self._sales_check_state(
            ("draft", "submitted", "approved"), self.env._("cancelled")
        )
        if self.filtered(lambda trip: trip.state == "approved") and not (
            self._sales_is_admin()
        ):
            raise AccessError(
                self.env._("Only a sales administrator cancels an approved trip.")
            )
        self.check_access("write")
        self.sudo().write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        self.sudo().calendar_event_id.unlink()
        return True

    def action_draft(self):
        self._sales_check_state(("cancelled",), self.env._("reset to draft"))
        self.check_access("write")
        self.sudo().write({"state": "draft"})
        return True

    def action_submit_report(self):
        """Submit the trip report and close the trip.

        Every visit made becomes one contact log entry (form "visit") with
        its result, planned continuation and next control date, which plans
        the client's follow-up; the visits not made are marked as missed.
        Submitting again logs only the visits not logged yet.
        """
        self._sales_check_state(("approved", "done"), self.env._("reported on"))
        self.check_access("write")
        visits = self.visit_ids
        made = visits.filtered(lambda visit: visit.made or visit.log_ids)
        to_log = made.filtered(lambda visit: not visit.log_ids)
        self.env["sales.contact.log"].create(
            [visit._sales_log_values() for visit in to_log]
        )
        made.filtered(lambda visit: visit.state != "made").sudo().write(
            {"state": "made"}
        )
        (visits - made).filtered(lambda visit: visit.state != "missed").sudo().write(
            {"state": "missed"}
        )
        self.filtered(lambda trip: trip.state != "done").sudo().write(
            {"state": "done", "report_date": fields.Date.context_today(self)}
        )
        return True

    def action_add_to_calendar(self):
        self.check_access("write")
        self._sales_sync_calendar()
        return True

    def _sales_sync_calendar(self):
        """Put the trip's days in the traveller's Odoo calendar."""
        event_su = self.env["calendar.event"].sudo()
        for trip in self.sudo():
            values = {
                "name": self.env._("Business trip %(trip)s", trip=trip.display_name),
                "allday": True,
                "start_date": trip.date_from,
                "stop_date": trip.date_to,
                "user_id": trip.user_id.id,
                "partner_ids": [fields.Command.set(trip.user_id.partner_id.ids)],
                "description": Markup("<p>%s</p>") % (trip.purpose or ""),
            }
            if trip.calendar_event_id:
                trip.calendar_event_id.write(values)
            else:
                trip.calendar_event_id = event_su.with_context(
                    no_mail_to_attendees=True, mail_create_nolog=True
                ).create(values)

    def _sales_check_visits_editable(self):
        """The planned visits are part of the assignment."""
        if self._sales_is_admin():
            return
        fixed = self.filtered(lambda trip: trip.state not in ("draft", "submitted"))
        if fixed:
            raise UserError(
                self.env._(
                    "The visits of trip %(trip)s are approved: only a sales "
                    "administrator changes them now.",
                    trip=fixed[0].name,
                )
            )

    def action_open_add_visits(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add visits"),
            "res_model": "sales.trip.add.visits",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_trip_id": self.id},
        }
