# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ._sales_tools import check_values

# What the report says of a visit: once logged, the log entry is the record.
REPORT_FIELDS = {"made", "visit_date", "result", "next_step", "next_contact_date"}


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
