# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesRegion(models.Model):
    """A sales region and its passport (Form 2.3)."""

    _name = "sales.region"
    _description = "Sales Region (Form 2.3)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    country_id = fields.Many2one("res.country", ondelete="restrict")
    state_ids = fields.Many2many(
        "res.country.state",
        string="States",
        domain="[('country_id', '=?', country_id)]",
        help="States or oblasts of the region: a client gets the region "
        "of the state in its address.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Regional Manager",
        ondelete="set null",
        domain="[('share', '=', False)]",
        check_company=True,
        tracking=True,
        help="The regional promotion manager who keeps the region passport.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, ondelete="cascade"
    )
    currency_id = fields.Many2one(
        "res.currency", compute="_compute_currency_id", string="Currency"
    )
    geopolitical_info = fields.Html(
        string="Geo-political Information", sanitize_style=True
    )
    economic_info = fields.Html(
        string="Economic Reference",
        sanitize_style=True,
        help="Which industries are most developed in the region.",
    )
    geographic_info = fields.Html(
        string="Geographic Reference",
        sanitize_style=True,
        help="Distances, roads and towns, for planning business trips.",
    )
    other_info = fields.Html(string="Other Information", sanitize_style=True)
    partner_ids = fields.One2many("res.partner", "sales_region_id", string="Clients")
    partner_count = fields.Integer(
        compute="_compute_partner_count", string="Number of Clients"
    )
    untyped_partner_count = fields.Integer(
        compute="_compute_untyped_partner_count",
        string="Cards Without a Type",
        help="Client cards of the region with sales activity and no client "
        "type: they are missing from the clients (Form 2.1).",
    )
    client_list_ids = fields.One2many(
        "sales.client.list", "region_id", string="Client Lists"
    )
    trip_ids = fields.One2many("sales.trip", "region_id", string="Business Trips")
    trip_count = fields.Integer(compute="_compute_trip_count", string="Trips")
    portfolio_ids = fields.One2many(
        "sales.region.portfolio", "region_id", string="Order Portfolio"
    )
    industry_rank_ids = fields.One2many(
        "sales.region.industry", "region_id", string="Industry Ranking"
    )
    portfolio_current = fields.Monetary(
        compute="_compute_portfolio",
        string="Orders This Year",
        currency_field="currency_id",
    )
    portfolio_current_end = fields.Monetary(
        compute="_compute_portfolio",
        string="This Year: End Consumers",
        currency_field="currency_id",
    )
    portfolio_current_intermediate = fields.Monetary(
        compute="_compute_portfolio",
        string="This Year: Intermediate Consumers",
        currency_field="currency_id",
    )
    portfolio_next_orders = fields.Monetary(
        compute="_compute_portfolio",
        string="Next Year: Firm Orders",
        currency_field="currency_id",
        help="Confirmed orders dated next year.",
    )
    portfolio_next_forecast = fields.Monetary(
        compute="_compute_portfolio",
        string="Next Year: Weighted Forecast",
        currency_field="currency_id",
        help="Open opportunities expected to close next year, each weighted "
        "by its probability.",
    )
    portfolio_next = fields.Monetary(
        compute="_compute_portfolio",
        string="Next Year: Total",
        currency_field="currency_id",
        help="Firm orders and weighted forecast of next year together.",
    )
    portfolio_next_end = fields.Monetary(
        compute="_compute_portfolio",
        string="Next Year: End Consumers",
        currency_field="currency_id",
    )
    portfolio_next_intermediate = fields.Monetary(
        compute="_compute_portfolio",
        string="Next Year: Intermediate Consumers",
        currency_field="currency_id",
    )
    contact_count = fields.Integer(
        compute="_compute_contact_count", string="Contacts This Year"
    )
    document_count = fields.Integer(compute="_compute_document_count")

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A region with this name already exists in this company.",
        ),
    ]

    @api.depends("company_id")
    def _compute_currency_id(self):
        for region in self:
            region.currency_id = (region.company_id or self.env.company).currency_id

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("sales_region_id", "in", self.ids), ("parent_id", "=", False)],
                ["sales_region_id"],
                ["__count"],
            )
        )
        for region in self:
            region.partner_count = counts.get(region, 0)

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_untyped_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("sales_region_id", "in", self.ids), ("sales_needs_type", "=", True)],
                ["sales_region_id"],
                ["__count"],
            )
        )
        for region in self:
            region.untyped_partner_count = counts.get(region, 0)

    # The figures are those of the orders the user may see (record rules).
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_portfolio(self):
        totals = defaultdict(float)
        for region, period, client_type, source, amount in self.env[
            "sales.region.portfolio"
        ]._read_group(
            [("region_id", "in", self.ids)],
            ["region_id", "period", "client_type", "source"],
            ["amount:sum"],
        ):
            totals[region, period, None] += amount
            totals[region, period, client_type] += amount
            totals[region, period, source] += amount
        for region in self:
            region.portfolio_next_orders = totals[region, "next", "order"]
            region.portfolio_next_forecast = totals[region, "next", "opportunity"]
            for period in ("current", "next"):
                region[f"portfolio_{period}"] = totals[region, period, None]
                region[f"portfolio_{period}_end"] = totals[
                    region, period, "end_consumer"
                ]
                region[f"portfolio_{period}_intermediate"] = totals[
                    region, period, "intermediate_consumer"
                ]

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_contact_count(self):
        year_start = self.env.company._sales_date().replace(month=1, day=1)
        counts = dict(
            self.env["sales.contact.log"]._read_group(
                [
                    ("region_id", "in", self.ids),
                    ("date", ">=", year_start),
                    ("is_contact", "=", True),
                ],
                ["region_id"],
                ["__count"],
            )
        )
        for region in self:
            region.contact_count = counts.get(region, 0)

    def _compute_document_count(self):
        counts = dict(
            self.env["ir.attachment"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for region in self:
            region.document_count = counts.get(region.id, 0)

    @api.constrains("state_ids", "company_id")
    def _check_states_in_one_region(self):
        others = self.search(
            [("id", "not in", self.ids), ("state_ids", "in", self.state_ids.ids)]
        )
        for region in self:
            for other in others | (self - region):
                shared = region.state_ids & other.state_ids
                same_company = (
                    not region.company_id
                    or not other.company_id
                    or region.company_id == other.company_id
                )
                if shared and same_company:
                    raise ValidationError(
                        self.env._(
                            "%(states)s already belongs to the region %(region)s.",
                            states=", ".join(shared.mapped("name")),
                            region=other.display_name,
                        )
                    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_trip_count(self):
        counts = dict(
            self.env["sales.trip"]._read_group(
                [("region_id", "in", self.ids)], ["region_id"], ["__count"]
            )
        )
        for region in self:
            region.trip_count = counts.get(region, 0)

    @api.readonly
    def action_open_trips(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_standard.sales_trip_action"
        )
        action["domain"] = [("region_id", "=", self.id)]
        action["context"] = {"default_region_id": self.id}
        action["display_name"] = self.env._(
            "Business trips: %(region)s", region=self.display_name
        )
        return action

    @api.readonly
    def action_open_partners(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_standard.res_partner_action_client_card"
        )
        action["domain"] = [
            ("sales_region_id", "=", self.id),
            ("parent_id", "=", False),
        ]
        action["context"] = {"default_sales_region_id": self.id}
        return action

    @api.readonly
    def action_open_untyped_partners(self):
        """The region's client cards that need a client type."""
        action = self.action_open_partners()
        action["context"] = {
            **action["context"],
            "search_default_sales_needs_type": 1,
        }
        action["display_name"] = self.env._(
            "Cards without a type: %(region)s", region=self.display_name
        )
        return action

    @api.readonly
    def action_open_portfolio(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_standard.sales_region_portfolio_action"
        )
        action["domain"] = [("region_id", "=", self.id)]
        action["display_name"] = self.env._(
            "Order portfolio: %(region)s", region=self.display_name
        )
        return action

    @api.readonly
    def action_open_industry_ranking(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_standard.sales_region_industry_action"
        )
        action["domain"] = [("region_id", "=", self.id)]
        action["display_name"] = self.env._(
            "Industry ranking: %(region)s", region=self.display_name
        )
        return action

    @api.readonly
    def action_open_contacts(self):
        """Reports on contacts made in the region, for a chosen period."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_standard.sales_contact_log_action"
        )
        action["domain"] = [("region_id", "=", self.id), ("is_contact", "=", True)]
        action["context"] = {"search_default_date": 1}
        action["display_name"] = self.env._(
            "Contacts in %(region)s", region=self.display_name
        )
        return action

    @api.readonly
    def action_open_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("base.action_attachment")
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {"default_res_model": self._name, "default_res_id": self.id}
        return action

    def action_assign_clients(self):
        """Give the clients in the region's states this region."""
        partners = self.env["res.partner"].search(
            [
                ("state_id", "in", self.state_ids.ids),
                ("sales_region_id", "=", False),
            ]
        )
        partners._compute_sales_region_id()
        return True
