# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models


class SalesViewMixin(models.AbstractModel):
    """Read-only reports computed by SQL from the module's tables."""

    _name = "sales.view.mixin"
    _description = "Sales Standard SQL Report"
    _auto = False
    _flush_models = ()

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # The rows are computed from these tables: write their pending changes.
        for model in self._flush_models:
            self.env[model].flush_model()
        return super()._search(domain, offset=offset, limit=limit, order=order)
