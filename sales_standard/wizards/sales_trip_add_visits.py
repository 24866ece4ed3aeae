# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class SalesTripAddVisits(models.TransientModel):
    """Plan the visits of a business trip in bulk."""

    _name = "sales.trip.add.visits"
    _description = "Add Visits to a Business Trip"

    trip_id = fields.Many2one("sales.trip", required=True, ondelete="cascade")
    source = fields.Selection(
        [
            ("region", "Clients of the Region"),
            ("client_list", "A Client List"),
            ("overdue", "Clients of the Region Overdue for Contact"),
        ],
        required=True,
        default="region",
    )
    region_id = fields.Many2one(
        "sales.region",
        compute="_compute_region_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    client_list_id = fields.Many2one(
        "sales.client.list",
        string="Client List",
        domain="[('region_id', '=?', region_id), ('state', '=', 'active')]",
    )
    planned_date = fields.Date(
        compute="_compute_planned_date",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    goal = fields.Char(string="Goal of the Visits")
    partner_ids = fields.Many2many(
        "res.partner",
        string="Clients",
        compute="_compute_partner_ids",
        store=True,
        readonly=False,
        help="The clients to visit; those already planned on the trip are " "left out.",
    )

    @api.depends("trip_id")
    def _compute_region_id(self):
        for wizard in self:
            wizard.region_id = wizard.trip_id.region_id

    @api.depends("trip_id")
    def _compute_planned_date(self):
        for wizard in self:
            wizard.planned_date = wizard.trip_id.date_from

    @api.depends("source", "region_id", "client_list_id", "trip_id")
    def _compute_partner_ids(self):
        partners = self.env["res.partner"]
        today = fields.Date.context_today(self)
        for wizard in self:
            if wizard.source == "client_list":
                clients = wizard.client_list_id.line_ids.partner_id
            elif wizard.region_id:
                domain = [
                    ("sales_region_id", "=", wizard.region_id.id),
                    ("parent_id", "=", False),
                ]
                if wizard.source == "overdue":
                    domain.append(("next_contact_date", "<", today))
                clients = partners.search(domain)
            else:
                clients = partners
            wizard.partner_ids = clients - wizard.trip_id.visit_ids.partner_id

    def action_confirm(self):
        self.ensure_one()
        trip = self.trip_id
        clients = self.partner_ids - trip.visit_ids.partner_id
        self.env["sales.trip.visit"].create(
            [
                {
                    "trip_id": trip.id,
                    "partner_id": client.id,
                    "planned_date": self.planned_date,
                    "goal": self.goal,
                }
                for client in clients
            ]
        )
        return {"type": "ir.actions.act_window_close"}
