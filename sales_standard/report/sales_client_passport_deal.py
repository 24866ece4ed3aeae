# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models
from odoo.tools import SQL

# The milestones of a deal's progress: five of them make 100 %. "Paid in
# full" is logged besides them (after "payment") and counts for none.
PROGRESS_MILESTONES = ("order", "payment", "production", "shipment", "acceptance")
STAGES = [
    ("quotation", "Quotation"),
    ("order", "Order Received"),
    ("payment", "Paid"),
    ("production", "In Production"),
    ("shipment", "Shipped"),
    ("acceptance", "Accepted"),
]


class SalesClientPassportDeal(models.Model):
    """The deals of a client passport: each order of the client with the
    dates its milestones were logged in the contact log (Form 2.2)."""

    _name = "sales.client.passport.deal"
    _description = "Client Passport Deal"
    _inherit = "sales.view.mixin"
    _auto = False
    _flush_models = ("sale.order", "sales.contact.log", "sales.client.passport")
    _order = "date_order desc, id desc"
    _rec_name = "sale_order_id"

    passport_id = fields.Many2one("sales.client.passport", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    sale_order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    date_order = fields.Datetime(string="Order Date", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Quotation"),
            ("sent", "Quotation Sent"),
            ("sale", "Sales Order"),
            ("cancel", "Cancelled"),
        ],
        string="Order Status",
        readonly=True,
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount_untaxed = fields.Monetary(readonly=True, currency_field="currency_id")
    order_date = fields.Date(string="Order Received", readonly=True)
    payment_date = fields.Date(string="Payment", readonly=True)
    production_date = fields.Date(string="Production Request", readonly=True)
    shipment_date = fields.Date(string="Shipment", readonly=True)
    acceptance_date = fields.Date(string="Acceptance Documents", readonly=True)
    paid_in_full_date = fields.Date(string="Paid in Full", readonly=True)
    milestone_count = fields.Integer(string="Milestones", readonly=True)
    progress = fields.Float(readonly=True, aggregator="avg")
    stage = fields.Selection(STAGES, string="Last Milestone", readonly=True)
    awaiting_payment = fields.Boolean(readonly=True)
    shipped_without_acceptance = fields.Boolean(
        string="Shipped without Acceptance", readonly=True
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT so.id AS id,
                   passport.id AS passport_id,
                   passport.partner_id,
                   so.company_id,
                   so.id AS sale_order_id,
                   so.opportunity_id AS lead_id,
                   so.user_id,
                   so.date_order,
                   so.state,
                   so.currency_id,
                   so.amount_untaxed,
                   m.order_date,
                   m.payment_date,
                   m.production_date,
                   m.shipment_date,
                   m.acceptance_date,
                   m.paid_in_full_date,
                   COALESCE(m.milestone_count, 0) AS milestone_count,
                   COALESCE(m.milestone_count, 0) * 100.0 / %(steps)s AS progress,
                   CASE
                       WHEN m.acceptance_date IS NOT NULL THEN 'acceptance'
                       WHEN m.shipment_date IS NOT NULL THEN 'shipment'
                       WHEN m.production_date IS NOT NULL THEN 'production'
                       WHEN m.payment_date IS NOT NULL THEN 'payment'
                       WHEN m.order_date IS NOT NULL THEN 'order'
                       ELSE 'quotation'
                   END AS stage,
                   (so.state = 'sale' AND m.order_date IS NOT NULL
                    AND m.payment_date IS NULL) AS awaiting_payment,
                   (m.shipment_date IS NOT NULL AND m.acceptance_date IS NULL)
                       AS shipped_without_acceptance
              FROM sale_order so
              JOIN res_partner customer ON customer.id = so.partner_id
              JOIN sales_client_passport passport
                ON passport.partner_id = customer.commercial_partner_id
               AND passport.company_id = so.company_id
         LEFT JOIN (
                SELECT sale_order_id,
                       MIN(date) FILTER (WHERE milestone = 'order') AS order_date,
                       MIN(date) FILTER (WHERE milestone = 'payment') AS payment_date,
                       MIN(date) FILTER (WHERE milestone = 'production')
                           AS production_date,
                       MIN(date) FILTER (WHERE milestone = 'shipment')
                           AS shipment_date,
                       MIN(date) FILTER (WHERE milestone = 'acceptance')
                           AS acceptance_date,
                       MIN(date) FILTER (WHERE milestone = 'paid_in_full')
                           AS paid_in_full_date,
                       COUNT(DISTINCT milestone) FILTER (
                           WHERE milestone IN %(progress)s) AS milestone_count
                  FROM sales_contact_log
                 WHERE sale_order_id IS NOT NULL AND milestone IS NOT NULL
                 GROUP BY sale_order_id
              ) m ON m.sale_order_id = so.id
             WHERE so.state IN ('sent', 'sale') OR m.sale_order_id IS NOT NULL
            """,
            progress=PROGRESS_MILESTONES,
            steps=len(PROGRESS_MILESTONES),
        )
