# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models

CUSTOMER_MOVE_TYPES = ("out_invoice", "out_refund")


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        invoices = posted.filtered(lambda move: move.move_type in CUSTOMER_MOVE_TYPES)
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
            orders._sales_log_paid_in_full()
        return res

    # ------------------------------------------------------------------
    # Source of client passport documents
    # ------------------------------------------------------------------
    @api.model
    def _sales_passport_records(self, passports):
        """The posted customer invoices and refunds of these passports'
        clients."""
        return self.search(
            [
                ("commercial_partner_id", "in", passports.partner_id.ids),
                ("company_id", "in", passports.company_id.ids),
                ("move_type", "in", CUSTOMER_MOVE_TYPES),
                ("state", "=", "posted"),
            ]
        )

    def _sales_passport_document_values(self, moment=None):
        """Each customer invoice or refund is a document of the passport,
        dated in the company's zone (not the zone of whoever posted it).

        :param moment: when the moves are being posted (now); without it, an
            invoice filed later (when the passport opens) happened when it
            was made, unless its invoice date is another day (more than a
            time zone away): then on that day
        """
        items = []
        for move in self.filtered(lambda m: m.move_type in CUSTOMER_MOVE_TYPES):
            order = move.line_ids.sale_line_ids.order_id[:1]
            dating = {"moment": moment or move.create_date}
            day = move.invoice_date or move.date
            made = move.company_id._sales_date(move.create_date)
            if not moment and abs((made - day).days) > 1:
                # Dated by hand to another day: that day, not its creation.
                dating = {"date": day}
            items.append(
                (
                    (move.commercial_partner_id.id, move.company_id.id),
                    {
                        **dating,
                        "doc_type": "invoice",
                        "name": move.display_name,
                        "res_model": "account.move",
                        "res_id": move.id,
                        "move_id": move.id,
                        "sale_order_id": order.id,
                        "lead_id": order.opportunity_id.id,
                    },
                )
            )
        return items

    def _sales_passport_cancelled(self):
        """A cancelled invoice, or one reversed by a credit note."""
        self.ensure_one()
        return self.state == "cancel" or self.payment_state == "reversed"
