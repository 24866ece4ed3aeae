# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class SalesRegion(models.Model):
    _name = "sales.region"
    _description = "Sales Region"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True)
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
        help="The regional promotion manager who keeps the region passport.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, ondelete="cascade"
    )
    partner_ids = fields.One2many("res.partner", "sales_region_id", string="Clients")
    partner_count = fields.Integer(
        compute="_compute_partner_count", string="Number of Clients"
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A region with this name already exists in this company.",
        ),
    ]

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("sales_region_id", "in", self.ids)],
                ["sales_region_id"],
                ["__count"],
            )
        )
        for region in self:
            region.partner_count = counts.get(region, 0)

    def action_open_partners(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_standard.res_partner_action_client_card"
        )
        action["domain"] = [("sales_region_id", "=", self.id)]
        action["context"] = {"default_sales_region_id": self.id}
        return action
