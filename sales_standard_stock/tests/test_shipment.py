# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestShipmentMilestone(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="ss_stock_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.storekeeper = new_test_user(
            cls.env, login="ss_stock_keeper", groups="stock.group_stock_user"
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "Volga Pumps", "is_company": True}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Pump CP-100", "type": "consu", "list_price": 100.0}
        )

    def _order(self, qty=10):
        order = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.client.id,
                    "order_line": [
                        (0, 0, {"product_id": self.product.id, "product_uom_qty": qty})
                    ],
                }
            )
        )
        order.action_confirm()
        return order

    def _ship(self, picking, qty):
        picking = picking.with_user(self.storekeeper)
        picking.move_ids.quantity = qty
        picking.move_ids.picked = True
        picking.with_context(cancel_backorder=False)._action_done()

    def _milestones(self, order):
        return self.env["sales.contact.log"].search(
            [("sale_order_id", "=", order.id), ("milestone", "=", "shipment")]
        )

    def test_delivery_validated_logs_the_shipment_once(self):
        order = self._order()
        self.assertFalse(self._milestones(order))
        self._ship(order.picking_ids, 4)
        shipment = self._milestones(order)
        self.assertEqual(len(shipment), 1)
        self.assertEqual(shipment.user_id, self.salesman, "the order's manager")
        self.assertTrue(shipment.is_automatic)
        self.assertIn(order.picking_ids[0].name, shipment.result)
        # The backorder shipped later is the same deal's shipment.
        backorder = order.picking_ids.filtered(lambda p: p.state != "done")
        self.assertTrue(backorder)
        self._ship(backorder, 6)
        self.assertEqual(len(self._milestones(order)), 1)

    def test_deal_shipped_without_acceptance_in_the_passport(self):
        self.env["crm.lead"].create({"name": "Request", "partner_id": self.client.id})
        orders = self._order() | self._order(3)
        self._ship(orders.picking_ids, 10)
        for order in orders:
            self.assertEqual(len(self._milestones(order)), 1)
        passports = self.env["sales.client.passport"].with_user(self.salesman)
        shipped = passports.search([("shipped_without_acceptance", "=", True)])
        self.assertIn(self.client, shipped.partner_id)
        other = self.env["res.partner"].create(
            {"name": "Not shipped", "is_company": True}
        )
        self.env["crm.lead"].create({"name": "Request", "partner_id": other.id})
        self.assertNotIn(
            other,
            passports.search([("shipped_without_acceptance", "=", True)]).partner_id,
        )

    def test_receipts_and_returns_are_not_shipments(self):
        order = self._order()
        receipt_type = self.env.ref("stock.picking_type_in")
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": receipt_type.id,
                "partner_id": self.client.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Return",
                            "product_id": self.product.id,
                            "product_uom_qty": 1,
                            "location_id": receipt_type.default_location_src_id.id,
                            "location_dest_id": (
                                receipt_type.default_location_dest_id.id
                            ),
                        },
                    )
                ],
            }
        )
        receipt.sale_id = order
        receipt.action_confirm()
        self._ship(receipt, 1)
        self.assertFalse(self._milestones(order))
