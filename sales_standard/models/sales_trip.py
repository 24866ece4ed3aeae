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
# What the report says of a visit: once logged, the log entry is the record.
REPORT_FIELDS = {"made", "visit_date", "result", "next_step", "next_contact_date"}


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


class SalesTripVisit(models.Model):
    """A client visit planned on a business trip, and its outcome."""

    _name = "sales.trip.visit"
    _inherit = ["sales.contact.logged.mixin"]
    _description = "Business Trip Visit"
    _order = "trip_id, planned_date, sequence, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    trip_id = fields.Many2one(
        "sales.trip", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    user_id = fields.Many2one(
        related="trip_id.user_id", store=True, index=True, string="Traveller"
    )
    company_id = fields.Many2one(related="trip_id.company_id", store=True, index=True)
    trip_state = fields.Selection(related="trip_id.state", string="Trip Status")
    goal = fields.Char(string="Goal of the Visit")
    planned_date = fields.Date(required=True)
    made = fields.Boolean(string="Visit Made")
    visit_date = fields.Date(
        string="Date of Visit",
        compute="_compute_visit_date",
        store=True,
        readonly=False,
        precompute=True,
    )
    result = fields.Text()
    next_step = fields.Text(string="Planned Continuation")
    next_contact_date = fields.Date(string="Next Control Date")
    state = fields.Selection(
        [("planned", "Planned"), ("made", "Made"), ("missed", "Not Made")],
        required=True,
        default="planned",
        readonly=True,
        copy=False,
    )
    log_ids = fields.One2many(
        "sales.contact.log", "trip_visit_id", string="Contacts Logged"
    )

    _sql_constraints = [
        (
            "trip_partner_date_uniq",
            "unique(trip_id, partner_id, planned_date)",
            "A client is visited once a day on a trip.",
        ),
    ]

    @api.depends("planned_date")
    def _compute_visit_date(self):
        for visit in self:
            if not visit.visit_date:
                visit.visit_date = visit.planned_date

    @api.constrains("planned_date", "visit_date", "trip_id")
    def _check_dates(self):
        for visit in self:
            trip = visit.trip_id
            for day in (visit.planned_date, visit.visit_date):
                if day and not trip.date_from <= day <= trip.date_to:
                    raise ValidationError(
                        self.env._(
                            "The visit to %(client)s on %(date)s is outside trip "
                            "%(trip)s (%(start)s to %(end)s).",
                            client=visit.partner_id.display_name,
                            date=format_date(self.env, day),
                            trip=trip.name,
                            start=format_date(self.env, trip.date_from),
                            end=format_date(self.env, trip.date_to),
                        )
                    )

    @api.constrains("visit_date", "next_contact_date")
    def _check_next_contact_date(self):
        for visit in self:
            if (
                visit.next_contact_date
                and visit.visit_date
                and visit.next_contact_date < visit.visit_date
            ):
                raise ValidationError(
                    self.env._(
                        "The next control date of the visit to %(client)s cannot "
                        "be before the visit.",
                        client=visit.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_values(self, vals_list)
        visits = super().create(vals_list)
        visits.trip_id._sales_check_visits_editable()
        return visits

    def write(self, vals):
        check_values(self, [vals], "write")
        if "state" in vals and not self.env.su:
            raise UserError(
                self.env._(
                    "A visit is marked made or missed by the trip report: switch "
                    "on Visit Made and submit the report."
                )
            )
        if {"partner_id", "planned_date", "trip_id"} & vals.keys():
            self.trip_id._sales_check_visits_editable()
        if REPORT_FIELDS & vals.keys():
            logged = self.filtered("log_ids")
            if logged:
                raise UserError(
                    self.env._(
                        "The visit to %(client)s is in the contact log: change "
                        "its contact log entry instead.",
                        client=logged[0].partner_id.display_name,
                    )
                )
        return super().write(vals)

    def unlink(self):
        self.trip_id._sales_check_visits_editable()
        return super().unlink()

    def _sales_topic(self):
        """The topic of the visit: its goal, else the trip's assignment."""
        self.ensure_one()
        purpose = (self.trip_id.purpose or "").strip().splitlines()
        return self.goal or (purpose[0][:200] if purpose else self.trip_id.name)

    def _sales_log_values(self):
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "contact_person_id": self.contact_person_id.id,
            "user_id": self.user_id.id,
            "company_id": self.company_id.id,
            "date": self.visit_date or self.planned_date,
            "contact_form": "visit",
            "topic": self._sales_topic(),
            "result": self.result,
            "next_step": self.next_step,
            "next_contact_date": self.next_contact_date,
            "trip_visit_id": self.id,
        }

    @api.model
    def _sales_plan_candidates(self, plans):
        """Candidates for these daily plans (a source of
        `sales.daily.plan._sales_plan_sources`): the visits of the managers'
        approved business trips planned for the day, not yet made nor taken
        into a plan.

        :return: {plan: [values of a plan line]}
        """
        visits = self.sudo().search_fetch(
            [
                ("user_id", "in", plans.user_id.ids),
                ("company_id", "in", plans.company_id.ids),
                ("trip_id.state", "=", "approved"),
                ("state", "=", "planned"),
                ("log_id", "=", False),
                ("planned_date", "in", list(set(plans.mapped("date")))),
            ],
            [
                "user_id",
                "company_id",
                "partner_id",
                "contact_person_id",
                "goal",
                "planned_date",
            ],
            order="planned_date, sequence, id",
        )
        taken = set(
            self.env["sales.daily.plan.line"]
            .sudo()
            .search_fetch([("trip_visit_id", "in", visits.ids)], ["trip_visit_id"])
            .trip_visit_id.ids
        )
        result = {}
        for visit in visits:
            if visit.id in taken:
                continue
            for plan in plans:
                if (plan.user_id, plan.company_id, plan.date) == (
                    visit.user_id,
                    visit.company_id,
                    visit.planned_date,
                ):
                    result.setdefault(plan, []).append(
                        {
                            "partner_id": visit.partner_id.id,
                            "contact_person_id": visit.contact_person_id.id,
                            "source": "trip",
                            "due_date": visit.planned_date,
                            "trip_visit_id": visit.id,
                            "topic": visit._sales_topic(),
                        }
                    )
        return result
