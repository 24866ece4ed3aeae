# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        invoices = posted.filtered(
            lambda move: move.move_type in ("out_invoice", "out_refund")
        )
        if invoices:
            # Filed for the client's passport, whoever posts the invoice.
            self.env["sales.client.passport.document"].sudo()._sales_file_invoices(
                invoices.sudo(), posted_now=True
            )
        return posted

    def _invoice_paid_hook(self):
        res = super()._invoice_paid_hook()
        invoices = self.filtered(lambda move: move.move_type == "out_invoice").sudo()
        orders = invoices.invoice_line_ids.sale_line_ids.order_id
        if orders:
            orders._sales_log_milestone("payment")
        return res
