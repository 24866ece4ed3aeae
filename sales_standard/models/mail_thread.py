# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models

from .sales_contact_capture import MESSAGE_MODELS


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        if self._name in MESSAGE_MODELS:
            # An email to the client (from the chatter or the composer) is a
            # contact: it logs itself (Form 2.2). A quotation sent by email
            # is a commercial offer.
            self.env["sales.contact.capture"]._sales_capture_messages(
                message,
                offer=self._name == "sale.order"
                and bool(self.env.context.get("mark_so_as_sent")),
            )
        return res
