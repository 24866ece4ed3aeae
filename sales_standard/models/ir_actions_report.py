# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import base64

from odoo import models

# Printed for an order, this is not a commercial offer.
NOT_AN_OFFER = ("sale.report_saleorder_pro_forma",)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        if report.report_name.startswith("sales_standard.") and docids:
            # A record the user may not read is refused with a clean access
            # error before its template meets it.
            self.env[report.model].browse(docids).check_access("read")
        return super()._get_rendering_context(report, docids, data)

    def _pre_render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        streams, report_type = super()._pre_render_qweb_pdf(
            report_ref, res_ids=res_ids, data=data
        )
        report = self._get_report(report_ref)
        if (
            report.model == "sale.order"
            and report.report_name not in NOT_AN_OFFER
            and res_ids
            and not self.env.user.share
        ):
            self._sales_file_printed_offers(report, res_ids, streams, report_type)
        return streams, report_type

    def _sales_file_printed_offers(self, report, res_ids, streams, report_type):
        """A quotation printed is a commercial offer of the client passport."""
        if isinstance(res_ids, int):
            res_ids = [res_ids]
        quotations = (
            self.env["sale.order"]
            .sudo()
            .browse(res_ids)
            .filtered(lambda order: order.state in ("draft", "sent"))
        )
        files = {}
        if report_type == "pdf":
            for order in quotations:
                stream = (streams.get(order.id) or {}).get("stream")
                if stream:
                    files[order.id] = (
                        base64.b64encode(stream.getvalue()),
                        f"{order._get_report_base_filename()}.pdf",
                    )
        self.env["sales.client.passport.document"].sudo()._sales_file_offers(
            quotations, files=files
        )
