# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models

from .sales_contact_capture import MESSAGE_MODELS
from .sales_contact_capture_mail import ALIAS_CONTEXT


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def _message_route_process(self, message, message_dict, routes):
        # The routes stay Odoo's: the capture of a received email only
        # learns the aliases it arrived on (their owner may be its manager).
        alias_ids = [route[4].id for route in routes or () if route[4:] and route[4]]
        if alias_ids:
            self = self.with_context(**{ALIAS_CONTEXT: alias_ids})
        return super()._message_route_process(message, message_dict, routes)

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        if self._name in MESSAGE_MODELS:
            # An email to the client (from the chatter or the composer), or
            # the client's email received by the mail gateway, is a
            # contact: it logs itself (Form 2.2). A quotation sent by email
            # is a commercial offer.
            self.env["sales.contact.capture"]._sales_capture_messages(
                message,
                offer=self._name == "sale.order"
                and bool(self.env.context.get("mark_so_as_sent")),
            )
        return res
