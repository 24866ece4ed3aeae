# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models
from odoo.tools import SQL

from ..models.res_partner import CLIENT_TYPES


class SalesRegionPortfolio(models.Model):
    """The order portfolio of the regions (Form 2.3): the forecast of market
    capacity for the current year and the next one.

    - current year: confirmed orders whose commitment date (or, without one,
      order date) falls in the current year;
    - next year: confirmed orders dated next year (firm orders) and, beside
      them, the open opportunities expected to close next year, weighted by
      their probability (the forecast).

    ``order_amount`` and ``forecast_amount`` keep the two apart, ``amount`` is
    their total. Amounts are untaxed, in the company's currency.
    """

    _name = "sales.region.portfolio"
    _description = "Region Order Portfolio (Form 2.3)"
    _inherit = "sales.view.mixin"
    _auto = False
    _flush_models = ("sale.order", "crm.lead", "res.partner", "crm.stage")
    _order = "region_id, period, amount desc"
    _rec_name = "partner_id"

    region_id = fields.Many2one("sales.region", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    client_type = fields.Selection(CLIENT_TYPES, readonly=True)
    industry_id = fields.Many2one("res.partner.industry", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    period = fields.Selection(
        [("current", "Current Year"), ("next", "Next Year")], readonly=True
    )
    year = fields.Integer(readonly=True, aggregator=None)
    date = fields.Date(readonly=True)
    source = fields.Selection(
        [("order", "Confirmed Order"), ("opportunity", "Weighted Opportunity")],
        readonly=True,
    )
    order_id = fields.Many2one("sale.order", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    order_amount = fields.Monetary(
        string="Firm Orders", readonly=True, currency_field="currency_id"
    )
    forecast_amount = fields.Monetary(
        string="Weighted Forecast", readonly=True, currency_field="currency_id"
    )
    amount = fields.Monetary(
        string="Total", readonly=True, currency_field="currency_id"
    )

    @property
    def _table_query(self):
        year = self.env.company._sales_date().year
        return SQL(
            """
            SELECT portfolio.*,
                   CASE portfolio.year WHEN %(year)s THEN 'current' ELSE 'next' END
                       AS period
              FROM (
                SELECT so.id * 2 AS id,
                       client.sales_region_id AS region_id,
                       so.company_id,
                       company.currency_id,
                       client.id AS partner_id,
                       client.client_type,
                       client.industry_id,
                       so.user_id,
                       EXTRACT(YEAR FROM COALESCE(so.commitment_date, so.date_order))
                           ::integer AS year,
                       COALESCE(so.commitment_date, so.date_order)::date AS date,
                       'order' AS source,
                       so.id AS order_id,
                       NULL::integer AS lead_id,
                       so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1)
                           AS amount,
                       so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1)
                           AS order_amount,
                       0.0 AS forecast_amount
                  FROM sale_order so
                  JOIN res_partner partner ON partner.id = so.partner_id
                  JOIN res_partner client ON client.id = partner.commercial_partner_id
                  JOIN res_company company ON company.id = so.company_id
                 WHERE so.state = 'sale'
                   AND client.sales_region_id IS NOT NULL
                   AND EXTRACT(YEAR FROM COALESCE(so.commitment_date, so.date_order))
                       IN (%(year)s, %(next_year)s)
                UNION ALL
                SELECT lead.id * 2 + 1,
                       client.sales_region_id,
                       lead.company_id,
                       company.currency_id,
                       client.id,
                       client.client_type,
                       client.industry_id,
                       lead.user_id,
                       %(next_year)s,
                       lead.date_deadline,
                       'opportunity',
                       NULL,
                       lead.id,
                       lead.prorated_revenue,
                       0.0,
                       lead.prorated_revenue
                  FROM crm_lead lead
                  JOIN res_partner partner ON partner.id = lead.partner_id
                  JOIN res_partner client ON client.id = partner.commercial_partner_id
                  JOIN res_company company ON company.id = lead.company_id
             LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
                 WHERE lead.type = 'opportunity'
                   AND lead.active
                   AND lead.probability < 100
                   AND NOT COALESCE(stage.is_won, FALSE)
                   AND client.sales_region_id IS NOT NULL
                   AND EXTRACT(YEAR FROM lead.date_deadline) = %(next_year)s
              ) AS portfolio
            """,
            year=year,
            next_year=year + 1,
        )
