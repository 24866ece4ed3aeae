# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import clean_context


class SaleOrder(models.Model):
    _inherit = "sale.order"

    sales_milestone_log_ids = fields.One2many(
        "sales.contact.log",
        "sale_order_id",
        string="Deal Milestones",
        domain=[("milestone", "!=", False)],
        readonly=True,
    )
    sales_production_logged = fields.Boolean(compute="_compute_sales_milestones_logged")
    sales_acceptance_logged = fields.Boolean(compute="_compute_sales_milestones_logged")

    @api.depends("sales_milestone_log_ids.milestone")
    def _compute_sales_milestones_logged(self):
        logged = self._sales_logged_milestones()
        for order in self:
            order.sales_production_logged = (order.id, "production") in logged
            order.sales_acceptance_logged = (order.id, "acceptance") in logged

    def _sales_passport_key(self):
        self.ensure_one()
        return (self.partner_id.commercial_partner_id.id, self.company_id.id)

    # ------------------------------------------------------------------
    # Source of client passport documents
    # ------------------------------------------------------------------
    @api.model
    def _sales_passport_records(self, passports):
        """The quotations sent and the orders of these passports' clients."""
        return self.search(
            [
                ("partner_id", "child_of", passports.partner_id.ids),
                ("company_id", "in", passports.company_id.ids),
                ("state", "in", ("sent", "sale")),
            ]
        )

    def _sales_passport_links(self):
        """The deal fields of the passport documents filed from this order
        or from its chatter."""
        self.ensure_one()
        return {"lead_id": self.opportunity_id.id, "sale_order_id": self.id}

    def _sales_passport_document_values(self, moment=None, files=None):
        """The commercial offer (the quotation) of each order.

        :param moment: when the offer was sent or printed (now); else the
            order's date
        :param dict files: {order id: (pdf content, file name)} of the offer
        """
        files = files or {}
        items = []
        for order in self:
            values = {
                "moment": moment or order.date_order,
                "doc_type": "commercial_offer",
                "name": self.env._("Commercial offer %(order)s", order=order.name),
                "res_model": "sale.order",
                "res_id": order.id,
                **order._sales_passport_links(),
            }
            if order.id in files:
                content, file_name = files[order.id]
                values.update(file=content, file_name=file_name)
            items.append((order._sales_passport_key(), values))
        return items

    def _sales_passport_cancelled(self):
        self.ensure_one()
        return self.state == "cancel"

    def _sales_logged_milestones(self, milestone=None):
        """{(order id, milestone)} already in the contact log, for all users."""
        domain = [("sale_order_id", "in", self._origin.ids)]
        domain.append(
            ("milestone", "=", milestone) if milestone else ("milestone", "!=", False)
        )
        return {
            (order.id, logged)
            for order, logged in self.env["sales.contact.log"]
            .sudo()
            ._read_group(domain, ["sale_order_id", "milestone"])
        }

    def _sales_log_milestone(self, milestone, date=None, result=None):
        """Log a deal milestone (Form 2.2) for each of these orders, once.

        The entry is the manager's (the order's salesperson): it is made
        by Odoo from the document, whoever confirmed, paid or shipped it.
        :param result: the result of the entries: a text, or {order id: text}
        :return: the new entries
        """
        logged = self._sales_logged_milestones(milestone)
        orders = self.filtered(lambda order: (order.id, milestone) not in logged)
        if not orders:
            return self.env["sales.contact.log"]
        log_model = self.env["sales.contact.log"]
        label = dict(log_model._fields["milestone"]._description_selection(self.env))[
            milestone
        ]
        vals_list = []
        for order in orders:
            vals_list.append(
                {
                    "partner_id": order.partner_id.commercial_partner_id.id,
                    "contact_person_id": order.partner_id.id
                    if order.partner_id.parent_id
                    else False,
                    "user_id": (order.user_id or self.env.user).id,
                    "company_id": order.company_id.id,
                    "date": date or order.company_id._sales_date(),
                    "contact_form": "other",
                    "topic": self.env._(
                        "%(milestone)s: %(order)s",
                        milestone=label,
                        order=order.name,
                    ),
                    "result": result.get(order.id)
                    if isinstance(result, dict)
                    else result,
                    "milestone": milestone,
                    "is_automatic": True,
                    "sale_order_id": order.id,
                    "lead_id": order.opportunity_id.id,
                }
            )
        # Without the default_* values of the order's form or email composer.
        env_su = self.env(context=clean_context(self.env.context), su=True)
        return env_su["sales.contact.log"].create(vals_list)

    def _sales_log_paid_in_full(self):
        """Log "paid in full" for the orders whose money all came in: money
        was received ("payment" is logged), everything ordered is invoiced,
        and every customer invoice of the order still standing is paid."""
        received = {key[0] for key in self._sales_logged_milestones("payment")}
        paid = self.filtered(
            lambda order: order.id in received
            and order.invoice_status in ("invoiced", "upselling")
            and all(
                invoice.payment_state in ("paid", "in_payment")
                for invoice in order.invoice_ids
                if invoice.move_type == "out_invoice"
                and invoice.state == "posted"
                and invoice.payment_state != "reversed"
            )
        )
        return paid._sales_log_milestone("paid_in_full")

    def action_confirm(self):
        res = super().action_confirm()
        self.filtered(lambda order: order.state == "sale")._sales_log_milestone("order")
        return res

    def action_sales_production_handover(self):
        """Record that the production request of the order was handed over."""
        self.check_access("write")
        for order in self:
            if order.state != "sale":
                raise UserError(
                    self.env._(
                        "%(order)s is not a confirmed order: a production request "
                        "is handed over for confirmed orders only.",
                        order=order.name,
                    )
                )
        self._sales_log_milestone("production")
        return True

    def action_sales_upload_acceptance(self):
        """Ask for the scan of the signed acceptance documents."""
        self.ensure_one()
        if self.state != "sale":
            raise UserError(
                self.env._(
                    "%(order)s is not a confirmed order: acceptance documents are "
                    "received for confirmed orders only.",
                    order=self.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Signed Acceptance Documents"),
            "res_model": "sales.acceptance.upload",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_sale_order_id": self.id},
        }

    def action_sales_open_passport(self):
        return self.env["sales.client.passport"]._sales_open_action(
            self.partner_id, self.company_id[:1]
        )

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        document = self.env["sales.client.passport.document"].sudo()
        if self.env.context.get("mark_so_as_sent"):
            pdf = message.attachment_ids.filtered(
                lambda att: att.mimetype == "application/pdf"
            )[:1]
            files = {self.id: (pdf.datas, pdf.name)} if pdf else {}
            document._sales_file_offers(self, files=files)
        else:
            document._sales_file_letters(self, message)
        return res
