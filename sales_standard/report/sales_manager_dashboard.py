# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import timedelta

from odoo import fields, models
from odoo.tools import SQL

from ..models._sales_common import ADMIN_GROUP, SALES_GROUP
from ..models.res_partner import CLIENT_TYPES

REVIEW_DAYS = 15


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
    """Each manager at a glance, for the head of sales."""

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
    )

    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    contacts_week = fields.Integer(string="Contacts This Week", readonly=True)
    overdue_followups = fields.Integer(string="Overdue Follow-ups", readonly=True)
    unplanned_clients = fields.Integer(
        string="Clients with No Planned Contact", readonly=True
    )
    plan_completion = fields.Float(
        string="Plan Completion This Week (%)", readonly=True, aggregator="avg"
    )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH followup AS (
                SELECT a.user_id, a.res_id, a.date_deadline
                  FROM mail_activity a
                  JOIN mail_activity_type t ON t.id = a.activity_type_id
                 WHERE t.category = 'sales_contact_log'
                   AND a.res_model = 'res.partner'
                   AND a.active
            )
            SELECT u.id AS id,
                   u.id AS user_id,
                   u.company_id,
                   COALESCE(contact.total, 0) AS contacts_week,
                   COALESCE(overdue.total, 0) AS overdue_followups,
                   COALESCE(unplanned.total, 0) AS unplanned_clients,
                   COALESCE(plan.rate, 0) AS plan_completion
              FROM res_users u
              JOIN res_groups_users_rel member
                ON member.uid = u.id AND member.gid = %(group)s
         LEFT JOIN (SELECT user_id, COUNT(*) AS total
                      FROM sales_contact_log
                     WHERE date >= %(monday)s AND date <= %(today)s
                       AND milestone IS NULL
                  GROUP BY user_id) contact ON contact.user_id = u.id
         LEFT JOIN (SELECT user_id, COUNT(DISTINCT res_id) AS total
                      FROM followup
                     WHERE date_deadline < %(today)s
                  GROUP BY user_id) overdue ON overdue.user_id = u.id
         LEFT JOIN (SELECT log.user_id, COUNT(DISTINCT log.partner_id) AS total
                      FROM sales_contact_log log
                      JOIN res_partner client
                        ON client.id = log.partner_id AND client.active
                     WHERE log.is_automatic IS NOT TRUE
                       AND NOT EXISTS (SELECT 1 FROM followup
                                        WHERE followup.res_id = log.partner_id)
                  GROUP BY log.user_id) unplanned ON unplanned.user_id = u.id
         LEFT JOIN (SELECT user_id,
                           CASE WHEN SUM(line_count) > 0
                                THEN 100.0 * SUM(done_count) / SUM(line_count)
                                ELSE 0 END AS rate
                      FROM sales_daily_plan
                     WHERE date >= %(monday)s AND date <= %(today)s
                  GROUP BY user_id) plan ON plan.user_id = u.id
             WHERE u.active AND NOT u.share
            """,
            **_sales_params(self),
        )


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
