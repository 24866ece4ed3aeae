# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).

# Records of other modules' models that the module's data made: once
# installed they are data of the users, which an uninstall must keep.
KEPT_MODELS = (
    "res.partner",
    "crm.lead",
    "sale.order",
    "sale.order.line",
    "product.template",
    "product.product",
)


def uninstall_hook(env):
    """Keep the users' data when the module goes.

    Odoo deletes the records of a module's external ids when it is
    uninstalled: forget those of the demo clients, requests, orders and
    products, and of the "Next contact" activity type when follow-ups use it,
    so that they stay as they are.
    """
    data = env["ir.model.data"].search(
        [("module", "=", "sales_standard"), ("model", "in", KEPT_MODELS)]
    )
    next_contact = env.ref(
        "sales_standard.mail_activity_type_next_contact", raise_if_not_found=False
    )
    if next_contact and env["mail.activity"].with_context(
        active_test=False
    ).search_count([("activity_type_id", "=", next_contact.id)], limit=1):
        data |= env["ir.model.data"].search(
            [
                ("module", "=", "sales_standard"),
                ("name", "=", "mail_activity_type_next_contact"),
            ]
        )
    data.unlink()
