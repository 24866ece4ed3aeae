"""tools/lifecycle's steps in ``odoo-bin shell``, with the registry of the database.

tools/lifecycle runs each as ``odoo_steps.NAME(env)`` on the standard input
of ``odoo-bin shell`` (tools/ on the path), where ``env`` is the shell's
environment (the superuser's). Each prints one "ok: ..." or "FAILED: ..."
line a check.
"""

import base64
import json
import os
import random
from datetime import date, timedelta

from lxml import etree

from odoo import Command

from lifecycle_checks.report import check, ok


def fill(env):
    """Data of our own on top of the demo data, entered as the administrator:
    clients, requests, contacts with follow-ups, orders, invoices and
    payments, passports and documents, messages. Commits them."""
    random.seed(2026)
    env = env(user=env.ref("base.user_admin"))
    today = date.today()
    users = env.ref("base.user_admin") | env.ref("base.user_demo")
    regions = env["sales.region"].search([])
    types = [key for key, _label in env["res.partner"]._fields["client_type"].selection]
    forms = [
        key
        for key, _label in env["sales.contact.log"]._fields["contact_form"].selection
    ]
    products = env["product.product"].search(
        [
            ("sale_ok", "=", True),
            ("invoice_policy", "=", "order"),
            ("type", "=", "consu"),
        ],
        limit=6,
    )
    assert products, "no product to sell"

    clients = env["res.partner"].create(
        [
            {
                "name": f"Lifecycle Client {i:03d}",
                "is_company": True,
                "email": f"client{i:03d}@lifecycle.example.com",
                "client_type": types[i % len(types)],
                "sales_region_id": regions[i % len(regions)].id if regions else False,
                "child_ids": [
                    Command.create({"name": f"Contact {i:03d}", "function": "Buyer"})
                ],
            }
            for i in range(60)
        ]
    )
    demo_clients = env["res.partner"].search(
        [("is_company", "=", True), ("contact_log_ids", "!=", False)]
    )
    all_clients = clients | demo_clients

    # Requests of new clients: they open their passports.
    leads = env["crm.lead"].create(
        [
            {
                "name": f"Request {i:03d}",
                "partner_id": client.id,
                "type": "opportunity",
                "user_id": users[i % 2].id,
                "expected_revenue": 1000 * (i + 1),
            }
            for i, client in enumerate(clients[:40])
        ]
    )

    # A few hundred contacts, a third of them planning a follow-up.
    logs = env["sales.contact.log"]
    for i in range(360):
        client = all_clients[i % len(all_clients)]
        day = today - timedelta(days=random.randint(0, 120))
        logs |= logs.create(
            {
                "partner_id": client.id,
                "contact_person_id": client.child_ids[:1].id,
                "date": day,
                "contact_form": forms[i % len(forms)],
                "topic": f"Lifecycle contact {i:03d}",
                "result": "Discussed the offer.",
                "user_id": users[i % 2].id,
                "next_contact_date": today + timedelta(days=random.randint(1, 30))
                if i % 3 == 0
                else False,
            }
        )

    # Orders: confirmed, invoiced, paid.
    orders = env["sale.order"].create(
        [
            {
                "partner_id": client.id,
                "user_id": users[i % 2].id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": products[(i + k) % len(products)].id,
                            "product_uom_qty": k + 1,
                        }
                    )
                    for k in range(2)
                ],
            }
            for i, client in enumerate(clients[:50])
        ]
    )
    orders[:40].action_confirm()
    invoices = orders[:30]._create_invoices()
    invoices.action_post()
    env["account.payment.register"].with_context(
        active_model="account.move", active_ids=invoices[:12].ids
    ).create({"group_payment": False})._create_payments()

    # Documents filed by hand, with and without a file.
    passports = env["sales.client.passport"].search([("partner_id", "in", clients.ids)])
    missing = clients - passports.partner_id
    passports |= passports.create([{"partner_id": client.id} for client in missing])
    env["sales.client.passport.document"].create(
        [
            {
                "passport_id": passport.id,
                "doc_type": doc_type,
                "name": f"{doc_type} of {passport.partner_id.name}",
                "file": base64.b64encode(f"{doc_type} {passport.id}".encode()),
                "file_name": f"{doc_type}.txt",
            }
            for passport in passports
            for doc_type in ("contract", "letter")
        ]
    )
    for client in clients[:30]:
        # Test data, not a message of the module: nothing to translate.
        client.message_post(body="A note about the client.")  # pylint: disable=translation-required
    env.cr.commit()

    counts = {
        model: env[model].search_count([])
        for model in (
            "res.partner",
            "crm.lead",
            "sale.order",
            "account.move",
            "sales.contact.log",
            "sales.client.passport",
            "sales.client.passport.document",
            "mail.activity",
        )
    }
    posted = env["account.move"].search_count(
        [("move_type", "=", "out_invoice"), ("state", "=", "posted")]
    )
    ok(
        f"data added: {len(clients)} clients, {len(leads)} requests, "
        f"{len(logs)} contacts, {len(orders)} orders, {len(invoices)} invoices; "
        f"the database holds {counts}, {posted} posted customer invoices"
    )


def uninstall(env):
    """Uninstall sales_standard, as the Apps menu does. Commits."""
    module = env["ir.module.module"].search([("name", "=", "sales_standard")])
    module.button_immediate_uninstall()
    env.cr.commit()
    ok(f"button_immediate_uninstall() of {module.name} returned")


def works(env):
    """Odoo still works without the module: views open without its fields and
    buttons, records read, and a sale runs from the order to the payment.
    Reads the snapshot of $LIFECYCLE_SNAPSHOT; rolls back."""
    with open(os.environ["LIFECYCLE_SNAPSHOT"], encoding="utf-8") as src:
        module_fields = json.load(src)["module_fields"]
    env = env(user=env.ref("base.user_admin"))
    check(
        not any(model in env for model in module_fields if model.startswith("sales.")),
        "after uninstall: the registry has none of the module's models",
    )
    for model in (
        "res.partner",
        "crm.lead",
        "sale.order",
        "account.move",
        "mail.activity",
    ):
        Model = env[model]
        records = Model.search([], limit=20)
        values = records.read(
            [name for name, field in Model._fields.items() if field.store]
        )
        views = Model.get_views([(False, "form"), (False, "list"), (False, "search")])
        check(
            len(views["views"]) == 3 and len(values) == len(records),
            f"after uninstall: {model}: its views open, {len(records)} records read",
        )
        left = set()
        for view in views["views"].values():
            arch = etree.fromstring(view["arch"])
            left |= {
                name
                for name in arch.xpath("//field[not(ancestor::field)]/@name")
                if name in module_fields.get(model, ()) or name not in Model._fields
            }
            left |= {
                name
                for name in arch.xpath(
                    "//button[@type='object'][not(ancestor::field)]/@name"
                )
                if not hasattr(Model, name)
            }
        check(
            not left,
            f"after uninstall: {model}: no field or button of the module in its views"
            + (f" (found {sorted(left)})" if left else ""),
        )
    client = env["res.partner"].search(
        [("name", "=like", "Lifecycle Client %")], limit=1
    )
    check(bool(client), "after uninstall: the clients made before are there")
    product = env["product.product"].search(
        [
            ("sale_ok", "=", True),
            ("invoice_policy", "=", "order"),
            ("type", "=", "consu"),
        ],
        limit=1,
    )
    order = env["sale.order"].create(
        {
            "partner_id": client.id,
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": 2})
            ],
        }
    )
    order.action_confirm()
    invoice = order._create_invoices()
    invoice.action_post()
    env["account.payment.register"].with_context(
        active_model="account.move", active_ids=invoice.ids
    ).create({})._create_payments()
    check(
        order.state == "sale"
        and invoice.state == "posted"
        and invoice.payment_state in ("paid", "in_payment"),
        "after uninstall: an order is confirmed, invoiced and paid",
    )
    client.activity_schedule("mail.mail_activity_data_todo", summary="Call back")
    check(
        bool(client.activity_ids), "after uninstall: an activity is planned on a client"
    )
    env.cr.rollback()


def smoke(env):
    """The module works again after its reinstall. Rolls back."""
    env = env(user=env.ref("base.user_admin"))
    client = env.ref("sales_standard.res_partner_kaluga_turbine_demo")
    check(
        bool(client.contact_log_ids),
        "after reinstall: the demo clients have their contact log",
    )
    next_contact = env.ref("sales_standard.mail_activity_type_next_contact")
    check(
        next_contact.category == "sales_contact_log",
        "after reinstall: the 'Next contact' activity type logs contacts",
    )
    log = env["sales.contact.log"].create(
        {
            "partner_id": client.id,
            "topic": "After the reinstall",
            "next_contact_date": date.today() + timedelta(days=3),
        }
    )
    check(
        bool(log.activity_ids) and client.next_contact_date == log.next_contact_date,
        "after reinstall: a contact plans its follow-up",
    )
    env.cr.rollback()
