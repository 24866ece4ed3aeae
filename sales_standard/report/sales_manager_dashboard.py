# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models._sales_common import ADMIN_GROUP, SALES_GROUP
from ..models.res_partner import CLIENT_TYPES
from ..models.sales_manager_report_figures import (
    REGISTRY,
    Scope,
    dashboard_sql,
    figure_action,
)

REVIEW_DAYS = 15
# The dashboard's figures: {its field: the key of the figure in the registry}.
DASHBOARD_FIGURES = {
    "contacts_week": "contacts",
    "overdue_followups": "overdue_followups",
    "unplanned_clients": "unplanned_clients",
    "untyped_clients": "untyped_clients",
    "plan_completion": "plan_completion",
    "captured_share": "contacts_captured_share",
}


def _sales_params(records):
    """The parameters of the head of sales' views' queries."""
    today = fields.Date.context_today(records)
    return {
        "group": records.env.ref(SALES_GROUP).id,
        "admin_group": records.env.ref(ADMIN_GROUP).id,
        "today": today,
        "monday": today - timedelta(days=today.weekday()),
        "overdue_since": today - timedelta(days=REVIEW_DAYS),
    }


class SalesManagerReviewStatus(models.Model):
    """When each manager's work was last reviewed (Form 2.4), and who is
    overdue for a review."""

    _name = "sales.manager.review.status"
    _inherit = "sales.view.mixin"
    _auto = False
    _description = "Manager Review Cadence"
    _order = "overdue desc, last_review_date, user_id"
    _rec_name = "user_id"
    _flush_models = ("sales.manager.report",)

    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    last_review_date = fields.Date(string="Last Review Closed", readonly=True)
    draft_count = fields.Integer(string="Reviews in Progress", readonly=True)
    overdue = fields.Boolean(
        string="Review Overdue",
        readonly=True,
        help="No review closed in the last 15 days.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT u.id AS id,
                   u.id AS user_id,
                   u.company_id,
                   review.last_review_date,
                   COALESCE(review.draft_count, 0) AS draft_count,
                   (review.last_review_date IS NULL
                    OR review.last_review_date <= %(overdue_since)s) AS overdue
              FROM res_users u
              JOIN res_groups_users_rel member
                ON member.uid = u.id AND member.gid = %(group)s
         LEFT JOIN (SELECT manager_id,
                           MAX(close_date) FILTER (WHERE state = 'done')
                               AS last_review_date,
                           COUNT(*) FILTER (WHERE state = 'draft') AS draft_count
                      FROM sales_manager_report
                  GROUP BY manager_id) review ON review.manager_id = u.id
             WHERE u.active
               AND NOT u.share
               AND NOT EXISTS (
                   SELECT 1 FROM res_groups_users_rel head
                    WHERE head.uid = u.id AND head.gid = %(admin_group)s)
            """,
            **_sales_params(self),
        )

    def action_new_review(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Manager review (Form 2.4)"),
            "res_model": "sales.manager.report",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {
                "default_manager_id": self.user_id.id,
                "default_company_id": self.company_id.id,
            },
        }


class SalesManagerDashboard(models.Model):
    """Each manager at a glance, for the head of sales. Each figure is one of
    the registry's (models/sales_manager_report_figures.py): its SQL is built
    from the figure's own domain, and it opens the records it counts."""

    _name = "sales.manager.dashboard"
    _inherit = "sales.view.mixin"
    _auto = False
    _description = "Sales Managers Dashboard"
    _order = "overdue_followups desc, user_id"
    _rec_name = "user_id"
    _flush_models = (
        "sales.contact.log",
        "mail.activity",
        "sales.daily.plan",
        "res.partner",
        "sale.order",
        "crm.lead",
    )

    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    contacts_week = fields.Integer(string="Contacts This Week", readonly=True)
    overdue_followups = fields.Integer(string="Overdue Follow-ups", readonly=True)
    unplanned_clients = fields.Integer(
        string="Clients with No Planned Contact", readonly=True
    )
    untyped_clients = fields.Integer(
        string="Cards Without a Type",
        readonly=True,
        help="The manager's clients (cards with an entry of the contact log, "
        "a quotation or an order, or a request of the manager) that need a "
        "client type.",
    )
    plan_completion = fields.Float(
        string="Plan Completion This Week (%)", readonly=True, aggregator="avg"
    )
    captured_share = fields.Float(
        string="Captured Contacts This Week (%)",
        readonly=True,
        aggregator="avg",
        help="The share of the manager's contacts of the week that Odoo "
        "captured by itself (emails, meetings, calls) instead of being typed.",
    )

    @api.model
    def _sales_scope(self, manager=None):
        """This week up to today, of one manager or of all of them."""
        params = _sales_params(self)
        return Scope(manager, None, params["monday"], params["today"])

    @property
    def _table_query(self):
        scope = self._sales_scope()
        figures = SQL(" ").join(
            SQL(
                "LEFT JOIN (%s) %s ON %s = u.id",
                dashboard_sql(self.env, REGISTRY[key], scope),
                SQL.identifier(fname),
                SQL.identifier(fname, "user_id"),
            )
            for fname, key in DASHBOARD_FIGURES.items()
        )
        columns = SQL(", ").join(
            SQL(
                "COALESCE(%s, 0) AS %s",
                SQL.identifier(fname, "value"),
                SQL.identifier(fname),
            )
            for fname in DASHBOARD_FIGURES
        )
        return SQL(
            """
            SELECT u.id AS id, u.id AS user_id, u.company_id, %s
              FROM res_users u
              JOIN res_groups_users_rel member
                ON member.uid = u.id AND member.gid = %s
              %s
             WHERE u.active AND NOT u.share
            """,
            columns,
            _sales_params(self)["group"],
            figures,
        )

    def action_open_figure(self):
        """The records behind one figure of this manager: the figure is the
        ``figure`` key of the context, a field of the dashboard."""
        self.ensure_one()
        fname = self.env.context.get("figure")
        if not isinstance(fname, str) or fname not in DASHBOARD_FIGURES:
            raise UserError(self.env._("There is no such figure on the dashboard."))
        figure = REGISTRY[DASHBOARD_FIGURES[fname]]
        model, domain = figure_action(
            self.env, figure, self._sales_scope(self.user_id.id)
        )
        return {
            "type": "ir.actions.act_window",
            "name": f"{self._fields[fname].get_description(self.env)['string']}: "
            f"{self.user_id.name}",
            "res_model": model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"active_test": False, "create": False},
        }


class SalesPaymentAnalysis(models.Model):
    """Payments received on customer invoices, by manager, region and client
    type: the matching of each invoice with its payments."""

    _name = "sales.payment.analysis"
    _inherit = "sales.view.mixin"
    _auto = False
    _description = "Payments by Region and Client Type"
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    _flush_models = ("account.partial.reconcile", "account.move", "res.partner")

    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    region_id = fields.Many2one("sales.region", readonly=True)
    client_type = fields.Selection(CLIENT_TYPES, readonly=True)
    invoice_id = fields.Many2one("account.move", readonly=True)
    amount = fields.Monetary(readonly=True, currency_field="currency_id")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT partial.id AS id,
                   partial.max_date AS date,
                   partial.company_id,
                   company.currency_id,
                   move.invoice_user_id AS user_id,
                   client.id AS partner_id,
                   client.sales_region_id AS region_id,
                   client.client_type,
                   move.id AS invoice_id,
                   partial.amount
              FROM account_partial_reconcile partial
              JOIN account_move_line line ON line.id = partial.debit_move_id
              JOIN account_move move
                ON move.id = line.move_id AND move.move_type = 'out_invoice'
              JOIN res_partner client ON client.id = move.commercial_partner_id
              JOIN res_company company ON company.id = partial.company_id
            """
        )
