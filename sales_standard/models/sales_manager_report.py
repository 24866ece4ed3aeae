# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging
from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ._sales_common import is_sales_admin, sales_admins, salespeople, upsert
from .sales_manager_report_figures import (
    CONTACT_FIGURES,  # noqa: F401 (imported from here by tools)
    FIGURE_KINDS,
    FIGURES,
    REGISTRY,
    Scope,
    evaluate,
    figure_action,
)

_logger = logging.getLogger(__name__)

REVIEW_DAYS = 15


def last_half_month(today):
    """The half-month just ended: the 1st to the 15th, or the 16th to the end
    of the month."""
    if today.day > 15:
        return today.replace(day=1), today.replace(day=15)
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=16), end


class SalesManagerReport(models.Model):
    """The head of sales' review of one manager's work (Form 2.4)."""

    _name = "sales.manager.report"
    _description = "Sales Manager Report (Form 2.4)"
    _rec_names_search = ["manager_id.name"]
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, manager_id, id desc"
    _check_company_auto = True

    manager_id = fields.Many2one(
        "res.users",
        string="Manager",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('share', '=', False)]",
        check_company=True,
        tracking=True,
    )
    reviewer_id = fields.Many2one(
        "res.users",
        string="Reviewer",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        check_company=True,
        tracking=True,
        help="The head of sales who checks the manager's work.",
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: last_half_month(fields.Date.context_today(self))[0],
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: last_half_month(fields.Date.context_today(self))[1],
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Closed")],
        required=True,
        default="draft",
        index=True,
        tracking=True,
        copy=False,
    )
    close_date = fields.Date(string="Closed On", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    figure_ids = fields.One2many(
        "sales.manager.report.figure", "report_id", string="Figures"
    )
    conclusions = fields.Text(help="The head of sales' conclusions on the period.")
    instruction_ids = fields.One2many(
        "sales.manager.report.instruction", "report_id", string="Instructions"
    )
    frozen_figures = fields.Json(
        readonly=True,
        copy=False,
        help="The figures as they were when the review was closed.",
    )

    _sql_constraints = [
        (
            "manager_period_uniq",
            "unique (manager_id, company_id, date_from, date_to)",
            "There is already a review of this manager for this period.",
        )
    ]

    @api.depends("manager_id", "date_from", "date_to")
    def _compute_display_name(self):
        for report in self:
            report.display_name = self.env._(
                "%(manager)s, %(start)s - %(end)s",
                manager=report.manager_id.name or "",
                start=format_date(self.env, report.date_from),
                end=format_date(self.env, report.date_to),
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for report in self:
            if (
                report.date_from
                and report.date_to
                and report.date_to < report.date_from
            ):
                raise ValidationError(
                    self.env._("The review period cannot end before it starts.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        reports._sales_create_figures()
        return reports

    def _sales_create_figures(self):
        self.env["sales.manager.report.figure"].create(
            [
                {"report_id": report.id, "sequence": index, "key": key}
                for report in self
                for index, (key, _label, _kind) in enumerate(FIGURES)
                if key != "shipments" or report._sales_has_shipments()
            ]
        )

    def write(self, vals):
        closed = self.filtered(lambda report: report.state == "done")
        frozen = {"manager_id", "date_from", "date_to", "company_id"}
        if closed and frozen & vals.keys():
            raise UserError(
                self.env._(
                    "The review %(review)s is closed: its manager and period "
                    "stay as they were signed.",
                    review=closed[0].display_name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if any(report.state == "done" for report in self):
            raise UserError(self.env._("A closed review cannot be deleted."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_close(self):
        """Close the review: freeze its figures and plan its instructions as
        activities for the manager."""
        if not is_sales_admin(self.env):
            raise AccessError(
                self.env._("Only a sales administrator closes a manager review.")
            )
        drafts = self.filtered(lambda report: report.state == "draft")
        figures = drafts._sales_figures()
        for report in drafts:
            # Assigned in the cache, written in one statement at the flush.
            report.frozen_figures = figures[report.id]
        drafts.write({"state": "done", "close_date": fields.Date.context_today(self)})
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": instruction.report_id.id,
                    "activity_type_id": todo.id,
                    "user_id": instruction.report_id.manager_id.id,
                    "summary": instruction.name,
                    "date_deadline": instruction.date_deadline
                    or fields.Date.context_today(self),
                }
                for instruction in drafts.instruction_ids
            ]
        )
        # The cadence reminders of these managers are answered.
        drafts._sales_done_reminders()
        return True

    def action_reopen(self):
        if not is_sales_admin(self.env):
            raise AccessError(
                self.env._("Only a sales administrator reopens a manager review.")
            )
        self.write({"state": "draft", "close_date": False, "frozen_figures": False})
        return True

    def _sales_done_reminders(self):
        reminders = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", self._sales_reminder_type().id),
            ]
        )
        reminders.action_feedback()

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def _sales_previous_period(self):
        self.ensure_one()
        length = (self.date_to - self.date_from).days + 1
        return self.date_from - timedelta(days=length), self.date_from - timedelta(
            days=1
        )

    def _sales_scope(self, date_from, date_to):
        self.ensure_one()
        return Scope(self.manager_id.id, self.company_id.id, date_from, date_to)

    def _sales_has_shipments(self):
        return REGISTRY["shipments"].is_available(self.env)

    def _sales_figures(self):
        """{report id: {key: (value, previous value)}}, from grouped reads:
        the number of queries does not depend on the volume of data."""
        result = {}
        if self:
            # The figures read SQL views and grouped data: write what is pending.
            self.env.flush_all()
        for report in self:
            current = report._sales_period_figures(report.date_from, report.date_to)
            previous = report._sales_period_figures(*report._sales_previous_period())
            result[report.id] = {
                key: (current.get(key, 0.0), previous.get(key, 0.0))
                for key, _label, _kind in FIGURES
            }
        return result

    def _sales_period_figures(self, date_from, date_to):
        """{key: value} of the figures of Form 2.4 for the period."""
        return evaluate(self.env, self._sales_scope(date_from, date_to))

    def _sales_record_domain(self, key, date_from, date_to):
        """(model, domain) of the records behind a figure: its own definition."""
        return figure_action(
            self.env, REGISTRY[key], self._sales_scope(date_from, date_to)
        )

    # ------------------------------------------------------------------
    # Cadence
    # ------------------------------------------------------------------
    @api.model
    def _sales_reminder_type(self):
        return self.env.ref("sales_standard.mail_activity_type_manager_review")

    @api.model
    def _cron_remind_reviews(self):
        """Remind the head of sales of every manager with no review closed in
        the last 15 days: a draft review, with an activity for the head.
        A manager with a draft review still waiting is not reminded twice."""
        today = fields.Date.context_today(self)
        managers = salespeople(self.env)
        heads = sales_admins(self.env)
        managers -= heads
        if not managers:
            return
        reports = self.sudo().search(
            [
                ("manager_id", "in", managers.ids),
                "|",
                ("state", "=", "draft"),
                ("close_date", ">", today - timedelta(days=REVIEW_DAYS)),
            ]
        )
        covered = set(reports.manager_id.ids)
        date_from, date_to = last_half_month(today)
        to_create = []
        for manager in managers:
            if manager.id in covered:
                continue
            company = manager.company_id
            head = (
                manager.sale_team_id.user_id & heads
                or heads.filtered(lambda user, c=company: c in user.company_ids)[:1]
            )
            if head:
                to_create.append(
                    {
                        "manager_id": manager.id,
                        "reviewer_id": head.id,
                        "company_id": company.id,
                        "date_from": date_from,
                        "date_to": date_to,
                    }
                )
        reports = self.sudo()._sales_insert_drafts(to_create)
        reminder = self._sales_reminder_type()
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": report.id,
                    "activity_type_id": reminder.id,
                    "user_id": report.reviewer_id.id,
                    "date_deadline": today,
                    "summary": self.env._(
                        "Review the work of %(manager)s",
                        manager=report.manager_id.name,
                    ),
                }
                for report in reports
            ]
        )

    @api.model
    def _sales_insert_drafts(self, vals_list):
        """Insert the reminded draft reviews, once per manager and period,
        also when two workers remind at the same moment: a worker that meets
        a review the other one committed after its own snapshot began gets a
        serialization failure, caught here, and leaves those reviews to the
        other one.

        :param list vals_list: manager_id, reviewer_id, company_id, date_from
            and date_to of each review
        :return: the reviews inserted now
        """
        if not vals_list:
            return self.browse()
        try:
            with self.env.cr.savepoint(flush=False):
                _reports, reports = upsert(
                    self,
                    vals_list,
                    ("manager_id", "company_id", "date_from", "date_to"),
                )
        except SerializationFailure:
            _logger.info(
                "Manager review reminders: another worker is making them; "
                "leaving them to it."
            )
            return self.browse()
        reports._sales_create_figures()
        return reports


class SalesManagerReportFigure(models.Model):
    """One figure of a manager review, with the previous period's."""

    _name = "sales.manager.report.figure"
    _description = "Sales Manager Report Figure"
    _order = "report_id, sequence, id"

    report_id = fields.Many2one(
        "sales.manager.report", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    sequence = fields.Integer()
    key = fields.Selection(
        [(key, label) for key, label, _kind in FIGURES],
        string="Figure",
        required=True,
        readonly=True,
    )
    kind = fields.Char(compute="_compute_values")
    value = fields.Float(compute="_compute_values", string="This Period")
    previous_value = fields.Float(compute="_compute_values", string="Previous Period")
    difference = fields.Float(compute="_compute_values", string="Change")
    can_open = fields.Boolean(
        compute="_compute_can_open",
        help="Whether the reader may open the records behind the figure: a "
        "salesperson reading their own review sees the payments figure, but "
        "the payments list is the sales administrators'.",
    )

    @api.depends(
        "report_id.state",
        "report_id.date_from",
        "report_id.date_to",
        "report_id.frozen_figures",
    )
    @api.depends_context("uid")
    def _compute_values(self):
        """Live while the review is a draft; as signed once it is closed."""
        reports = self.report_id
        live = reports.filtered(lambda report: report.state == "draft")
        figures = live._sales_figures()
        for report in reports - live:
            figures[report.id] = report.frozen_figures or {}
        for line in self:
            value, previous = figures[line.report_id.id].get(line.key) or (0.0, 0.0)
            line.kind = FIGURE_KINDS[line.key]
            line.value = value
            line.previous_value = previous
            line.difference = value - previous

    @api.depends("key")
    @api.depends_context("uid")
    def _compute_can_open(self):
        for line in self:
            figure = REGISTRY[line.key]
            model = "res.partner" if figure.ids or figure.links else figure.model
            line.can_open = (
                figure.kind != "days"
                and model in self.env
                and self.env[model].has_access("read")
            )

    @api.readonly
    def action_open_records(self):
        """The records behind the figure, for this period."""
        self.ensure_one()
        report = self.report_id
        model, domain = report._sales_record_domain(
            self.key, report.date_from, report.date_to
        )
        labels = dict(self._fields["key"]._description_selection(self.env))
        return {
            "type": "ir.actions.act_window",
            "name": f"{labels[self.key]}: {report.display_name}",
            "res_model": model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"active_test": False, "create": False},
        }


class SalesManagerReportInstruction(models.Model):
    """An instruction of the head of sales, planned for the manager when the
    review is closed."""

    _name = "sales.manager.report.instruction"
    _description = "Sales Manager Report Instruction"
    _order = "report_id, sequence, id"

    report_id = fields.Many2one(
        "sales.manager.report", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Instruction", required=True)
    date_deadline = fields.Date(string="Deadline")
