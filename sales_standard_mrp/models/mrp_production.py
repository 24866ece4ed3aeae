# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from odoo import models


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    def _post_run_manufacture(self, procurements):
        res = super()._post_run_manufacture(procurements)
        # A manufacturing order made for a sales order: its production request
        # was handed over.
        names = defaultdict(list)
        orders = self.env["sale.order"]
        for production in self:
            for order in production.get_linked_sale_orders():
                names[order.id].append(production.name)
                orders |= order
        if orders:
            orders._sales_log_milestone(
                "production",
                result={order_id: ", ".join(n) for order_id, n in names.items()},
            )
        return res
