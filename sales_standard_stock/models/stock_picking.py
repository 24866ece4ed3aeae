# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        res = super()._action_done()
        deliveries = self.filtered(
            lambda picking: picking.state == "done"
            and picking.picking_type_code == "outgoing"
            and picking.sale_id
        )
        # The first delivery of an order validated is its shipment; a partial
        # delivery counts, as products left for the client.
        if deliveries:
            deliveries.sale_id._sales_log_milestone(
                "shipment",
                result={
                    order.id: ", ".join(pickings.mapped("name"))
                    for order, pickings in deliveries.grouped("sale_id").items()
                },
            )
        return res
