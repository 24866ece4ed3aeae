# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from odoo import api, models
from odoo.tools.misc import formatLang


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        partials.sudo()._sales_log_payments()
        return partials

    def _sales_log_payments(self):
        """The first money received on the customer invoices of an order (a
        payment or bank statement line matched with an invoice, a down
        payment invoice or part of one) logs the order's "payment" milestone
        once, with the amount received. A credit note matched with an
        invoice is no payment."""
        # {order: {currency: amount received}}
        received = defaultdict(lambda: defaultdict(float))
        for partial in self:
            invoice = partial.debit_move_id.move_id
            counterpart = partial.credit_move_id.move_id
            if invoice.move_type != "out_invoice" or not (
                counterpart.origin_payment_id or counterpart.statement_line_id
            ):
                continue
            for order in invoice.invoice_line_ids.sale_line_ids.order_id:
                received[order][invoice.currency_id] += partial.debit_amount_currency
        if not received:
            return
        orders = self.env["sale.order"].concat(*received)
        results = {
            order.id: self.env._(
                "Received: %(amount)s",
                amount=", ".join(
                    formatLang(self.env, amount, currency_obj=currency)
                    for currency, amount in amounts.items()
                ),
            )
            for order, amounts in received.items()
        }
        orders._sales_log_milestone("payment", result=results)
