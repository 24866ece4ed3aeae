# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import SQL


class SalesRegionIndustry(models.Model):
    """Industry ranking of a region, for its economic reference (Form 2.3):
    per industry, the number of clients, the volume of confirmed orders and
    the number of contacts of the last twelve months, most developed first."""

    _name = "sales.region.industry"
    _description = "Region Industry Ranking (Form 2.3)"
    _inherit = "sales.view.mixin"
    _auto = False
    _flush_models = ("sale.order", "res.partner", "sales.contact.log", "sales.region")
    _order = "region_id, order_amount desc, client_count desc, contact_count desc"
    _rec_name = "industry_id"

    region_id = fields.Many2one("sales.region", readonly=True)
    industry_id = fields.Many2one("res.partner.industry", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    client_count = fields.Integer(string="Clients", readonly=True)
    order_amount = fields.Monetary(
        string="Order Volume (12 Months)", readonly=True, currency_field="currency_id"
    )
    contact_count = fields.Integer(string="Contacts (12 Months)", readonly=True)

    @property
    def _table_query(self):
        since = self.env.company._sales_date() - relativedelta(years=1)
        return SQL(
            """
            -- Each source is grouped on its own, once (materialized: the
            -- planner would otherwise run the union again for each region),
            -- leaving a few rows per region and industry to join.
            WITH facts AS MATERIALIZED (
                SELECT client.sales_region_id AS region_id, client.industry_id,
                       COUNT(*) AS client_count, NULL::numeric AS amount,
                       0 AS contact_count
                  FROM res_partner client
                 WHERE client.sales_region_id IS NOT NULL
                   AND client.parent_id IS NULL
                   AND client.active
              GROUP BY 1, 2
                UNION ALL
                SELECT client.sales_region_id, client.industry_id, 0,
                       SUM(so.amount_untaxed
                           / COALESCE(NULLIF(so.currency_rate, 0), 1)),
                       0
                  FROM sale_order so
                  JOIN res_partner partner ON partner.id = so.partner_id
                  JOIN res_partner client ON client.id = partner.commercial_partner_id
                 WHERE so.state = 'sale'
                   AND client.sales_region_id IS NOT NULL
                   AND so.date_order >= %(since)s
              GROUP BY 1, 2
                UNION ALL
                SELECT log.region_id, client.industry_id, 0, NULL, COUNT(*)
                  FROM sales_contact_log log
                  JOIN res_partner client ON client.id = log.partner_id
                 WHERE log.region_id IS NOT NULL
                   AND log.date >= %(since)s
                   AND log.is_contact
              GROUP BY 1, 2
            )
            SELECT facts.region_id::bigint * 1000000
                       + COALESCE(facts.industry_id, 0) AS id,
                   facts.region_id,
                   facts.industry_id,
                   region.company_id,
                   company.currency_id,
                   SUM(facts.client_count)::integer AS client_count,
                   COALESCE(SUM(facts.amount), 0) AS order_amount,
                   SUM(facts.contact_count)::integer AS contact_count
              FROM facts
              JOIN sales_region region ON region.id = facts.region_id
              JOIN res_company company
                ON company.id = COALESCE(region.company_id, %(company)s)
             GROUP BY facts.region_id, facts.industry_id, region.company_id,
                      company.currency_id
            """,
            since=since,
            company=self.env.company.id,
        )
