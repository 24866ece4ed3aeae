# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import io

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged, users, warmup
from odoo.tools import SQL
from odoo.tools.pdf import PdfFileReader

from .common import SalesStandardCase

# The same for any number of clients and orders: the user's partner, the
# portfolio's grouped read, the region's company, its currency and that
# currency's rounding (for the amounts), the ranking's search and its read.
PORTFOLIO_BUDGET = 7


@tagged("post_install", "-at_install", "is_query_count")
@freeze_time("2026-06-15")
class TestRegionPassport(SalesStandardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        country = env.ref("base.ru")
        cls.oblast_a, cls.oblast_b, cls.oblast_c = env["res.country.state"].create(
            [
                {
                    "name": f"Test oblast {code}",
                    "code": f"XX{code}",
                    "country_id": country.id,
                }
                for code in "ABC"
            ]
        )
        cls.region.write(
            {"country_id": country.id, "state_ids": [(6, 0, cls.oblast_a.ids)]}
        )
        cls.region_b = env["sales.region"].create(
            {"name": "Test Region B", "state_ids": [(6, 0, cls.oblast_b.ids)]}
        )
        cls.oil, cls.metal = env["res.partner.industry"].create(
            [{"name": "Oil"}, {"name": "Metal"}]
        )
        cls.product = env["product.product"].create(
            {"name": "Pump", "list_price": 100.0}
        )

    def _client(self, name, client_type, industry, region=None):
        return self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "client_type": client_type,
                "industry_id": industry.id,
                "sales_region_id": (region or self.region).id,
            }
        )

    def _order(self, client, amount, date, confirm=True):
        order = self.env["sale.order"].create(
            {
                "partner_id": client.id,
                "commitment_date": f"{date} 10:00:00",
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product.id,
                            "price_unit": amount,
                            "tax_id": False,
                        },
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    def _opportunity(self, client, revenue, probability, deadline, **values):
        return self.env["crm.lead"].create(
            {
                "name": f"Deal {client.name}",
                "type": "opportunity",
                "partner_id": client.id,
                "expected_revenue": revenue,
                "probability": probability,
                "date_deadline": deadline,
                **values,
            }
        )

    def test_region_comes_from_the_address_and_can_be_overridden(self):
        partner = self.env["res.partner"].create(
            {"name": "Samara Gears", "is_company": True, "state_id": self.oblast_a.id}
        )
        self.assertEqual(partner.sales_region_id, self.region)
        partner.sales_region_id = self.region_b
        partner.write({"city": "Samara"})
        self.assertEqual(partner.sales_region_id, self.region_b, "the override stays")
        partner.state_id = self.oblast_b
        self.assertEqual(partner.sales_region_id, self.region_b)
        with Form(partner.with_user(self.salesman)) as form:
            form.state_id = self.oblast_a
            self.assertEqual(form.sales_region_id, self.region)
        # An accountant editing the address is not refused for that.
        accounting = self.env["res.partner"].with_user(self.accountant)
        other = accounting.create({"name": "Kazan Tubes", "state_id": self.oblast_a.id})
        self.assertEqual(other.sudo().sales_region_id, self.region)

    def test_a_state_belongs_to_one_region(self):
        with self.assertRaisesRegex(ValidationError, "already belongs to the region"):
            self.region_b.state_ids = [(4, self.oblast_a.id)]

    def test_portfolio_against_hand_computed_sums(self):
        end = self._client("End One", "end_consumer", self.oil)
        inter = self._client("Inter One", "intermediate_consumer", self.metal)
        dealer = self._client("Dealer One", "dealer", self.oil)
        elsewhere = self._client("Far Away", "end_consumer", self.oil, self.region_b)
        self._order(end, 1000, "2026-03-01")
        self._order(end, 500, "2026-11-30")
        self._order(inter, 700, "2026-09-01")
        self._order(dealer, 300, "2026-02-01")
        self._order(end, 2000, "2027-04-01")  # next year
        self._order(end, 9999, "2025-12-31")  # last year: not counted
        self._order(inter, 8888, "2026-05-01", confirm=False)  # quotation
        self._order(elsewhere, 7777, "2026-05-01")  # another region
        self._opportunity(end, 10000, 30, "2027-03-01")  # 3000 weighted
        self._opportunity(inter, 4000, 50, "2027-01-10")  # 2000 weighted
        self._opportunity(inter, 5000, 50, "2026-12-01")  # this year: not counted
        lost = self._opportunity(dealer, 6000, 40, "2027-02-01")
        lost.action_set_lost()
        self.env.flush_all()

        # The regional manager sees the whole region's portfolio ...
        region = self.region.with_user(self.regional)
        self.assertAlmostEqual(region.portfolio_current, 1000 + 500 + 700 + 300)
        self.assertAlmostEqual(region.portfolio_current_end, 1500)
        self.assertAlmostEqual(region.portfolio_current_intermediate, 700)
        self.assertAlmostEqual(region.portfolio_next, 2000 + 3000 + 2000)
        self.assertAlmostEqual(region.portfolio_next_end, 5000)
        self.assertAlmostEqual(region.portfolio_next_intermediate, 2000)
        # ... a salesperson only their own orders and opportunities.
        self.assertFalse(self.region.with_user(self.salesman).portfolio_current)
        groups = (
            self.env["sales.region.portfolio"]
            .with_user(self.regional)
            ._read_group(
                [("region_id", "=", self.region.id)],
                ["period", "industry_id"],
                ["amount:sum"],
            )
        )
        self.assertEqual(
            {(period, industry.name): amount for period, industry, amount in groups},
            {
                ("current", "Oil"): 1800.0,
                ("current", "Metal"): 700.0,
                ("next", "Oil"): 5000.0,
                ("next", "Metal"): 2000.0,
            },
        )

    def _sql_sum(self, query, partners):
        """A sum read straight from the tables, for next year (2027)."""
        self.env.flush_all()
        self.env.cr.execute(SQL(query, tuple(partners.ids), "2027-01-01", "2028-01-01"))
        return float(self.env.cr.fetchone()[0])

    def test_next_year_firm_orders_and_forecast_apart(self):
        """Next year's firm orders and weighted forecast are two figures, on
        the region and in the pivot, each the sum the tables give."""
        end = self._client("Sql End", "end_consumer", self.oil)
        inter = self._client("Sql Inter", "intermediate_consumer", self.metal)
        untyped = self._client("Sql Untyped", False, self.oil)
        buyer = self.env["res.partner"].create(
            {"name": "Sql Buyer", "parent_id": inter.id}
        )
        elsewhere = self._client("Sql Far", "end_consumer", self.oil, self.region_b)
        self._order(end, 1200, "2027-02-01")
        self._order(inter, 800.5, "2027-12-31")
        self._order(buyer, 250, "2027-07-01")  # to the client's contact person
        self._order(untyped, 300, "2027-06-01")
        self._order(end, 5000, "2026-08-01")  # this year
        self._order(end, 4000, "2028-01-10")  # the year after next
        self._order(inter, 999, "2027-03-01", confirm=False)  # a quotation
        self._order(end, 777, "2027-03-01")._action_cancel()
        self._order(elsewhere, 6000, "2027-03-01")  # another region
        self._opportunity(end, 10000, 35, "2027-05-01")  # 3500 weighted
        self._opportunity(buyer, 2000, 20, "2027-11-30")  # 400
        self._opportunity(untyped, 3000, 10, "2027-09-09")  # 300
        self._opportunity(inter, 8000, 50, "2026-12-01")  # this year
        self._opportunity(elsewhere, 8000, 50, "2027-02-01")  # another region
        self._opportunity(end, 3000, 60, "2027-01-15").action_set_won()
        self._opportunity(inter, 6000, 40, "2027-02-01").action_set_lost()
        clients = end | inter | untyped
        partners = clients | clients.child_ids
        firm = self._sql_sum(
            """
            SELECT COALESCE(SUM(amount_untaxed), 0)
              FROM sale_order
             WHERE state = 'sale'
               AND partner_id IN %s
               AND COALESCE(commitment_date, date_order) >= %s
               AND COALESCE(commitment_date, date_order) < %s
            """,
            partners,
        )
        forecast = self._sql_sum(
            """
            SELECT COALESCE(SUM(expected_revenue * probability / 100), 0)
              FROM crm_lead
             WHERE type = 'opportunity'
               AND active
               AND probability < 100
               AND partner_id IN %s
               AND date_deadline >= %s
               AND date_deadline < %s
            """,
            partners,
        )
        # The test data are what they say: both figures, not the same.
        self.assertAlmostEqual(firm, 1200 + 800.5 + 250 + 300)
        self.assertAlmostEqual(forecast, 3500 + 400 + 300)

        region = self.region.with_user(self.regional)
        self.assertAlmostEqual(region.portfolio_next_orders, firm)
        self.assertAlmostEqual(region.portfolio_next_forecast, forecast)
        self.assertAlmostEqual(region.portfolio_next, firm + forecast)
        self.assertAlmostEqual(region.portfolio_next_end, 1200 + 3500)
        self.assertAlmostEqual(region.portfolio_current, 5000)
        [(orders, weighted, total)] = (
            self.env["sales.region.portfolio"]
            .with_user(self.regional)
            ._read_group(
                [("region_id", "=", self.region.id), ("period", "=", "next")],
                [],
                ["order_amount:sum", "forecast_amount:sum", "amount:sum"],
            )
        )
        self.assertAlmostEqual(orders, firm)
        self.assertAlmostEqual(weighted, forecast)
        self.assertAlmostEqual(total, firm + forecast)
        pivot = self.env.ref("sales_standard.sales_region_portfolio_view_pivot")
        for measure in ("order_amount", "forecast_amount", "amount"):
            self.assertIn(f'name="{measure}" type="measure"', pivot.arch)

    def test_region_passport_pdf_in_russian_shows_orders_and_forecast(self):
        client = self._client("Pdf One", "end_consumer", self.oil, self.region_b)
        self._order(client, 700, "2027-03-01")
        self._opportunity(client, 500, 50, "2027-04-01")  # 250 weighted
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["sales_standard"], ["ru_RU"], overwrite=True
        )
        report = self.env.ref("sales_standard.action_report_region_passport")
        pdf = self.render_pdf(report.with_context(lang="ru_RU"), self.region_b)
        # The PDF's text, its words joined by single spaces.
        text = " ".join(
            word
            for page in PdfFileReader(io.BytesIO(pdf)).pages
            for word in page.extract_text().split()
        )
        self.assertIn("Паспорт региона", text)
        for figure in ("Твердые заказы", "Взвешенный прогноз", "Итого"):
            self.assertIn(figure, text)
        for amount in ("700,00", "250,00", "950,00"):
            self.assertIn(amount, text)

    def test_industry_ranking(self):
        oil_1 = self._client("Oil One", "end_consumer", self.oil)
        self._client("Oil Two", "dealer", self.oil)
        metal = self._client("Metal One", "end_consumer", self.metal)
        self._order(metal, 5000, "2026-05-01")
        self._order(oil_1, 1000, "2026-05-01")
        self.log(partner_id=oil_1.id)
        self.log(partner_id=oil_1.id, topic="Second")
        self.log(partner_id=metal.id)
        self.env.flush_all()
        # (The clients of the base test data have no industry.)
        ranking = self.region.with_user(self.regional).industry_rank_ids.filtered(
            "industry_id"
        )
        self.assertEqual(ranking.industry_id, self.metal | self.oil, "metal first")
        self.assertEqual(ranking[0].industry_id, self.metal)
        self.assertEqual(
            [(r.client_count, r.order_amount, r.contact_count) for r in ranking],
            [(1, 5000.0, 1), (2, 1000.0, 2)],
        )

    def test_regional_manager_edits_only_own_regions(self):
        self.region.with_user(self.regional).economic_info = "<p>Oil and gas lead.</p>"
        with self.assertRaises(AccessError):
            self.region_b.with_user(self.regional).economic_info = "<p>Nope</p>"
        self.assertTrue(self.region_b.with_user(self.regional).name)
        with self.assertRaises(AccessError):
            self.region.with_user(self.salesman).economic_info = "<p>Nope</p>"
        self.region_b.with_user(self.sales_admin).economic_info = "<p>Metals.</p>"

    def test_region_passport_prints(self):
        client = self._client("Print One", "end_consumer", self.oil)
        self._order(client, 1234, "2026-05-01")
        self.region.geopolitical_info = "<p>Stable <script>alert(1)</script></p>"
        report = self.env.ref("sales_standard.action_report_region_passport")
        html, _type = report.with_user(self.salesman)._render_qweb_html(
            report.report_name, self.region.ids
        )
        html = html.decode()
        self.assertIn("Region passport (Form 2.3)", html)
        self.assertIn("1,234.00", html)
        self.assertNotIn("<script>alert(1)", html)
        self.render_pdf(report, self.region)

    @users("ss_regional")
    @warmup
    def test_portfolio_query_budget(self):
        """The region's figures cost the same queries for 10 clients with an
        order, a deal and a contact each as for 1,000."""
        for size in (10, 1000):
            with self.subTest(clients=size):
                self.env.invalidate_all()
                region = (
                    self.env["sales.region"]
                    .sudo()
                    .create({"name": f"Budget {size}", "manager_id": self.env.uid})
                    .sudo(False)
                )
                clients = (
                    self.env["res.partner"]
                    .sudo()
                    .create(
                        [
                            {
                                "name": f"Budget client {size}-{index}",
                                "is_company": True,
                                "client_type": "end_consumer",
                                "industry_id": (
                                    self.oil if index % 2 else self.metal
                                ).id,
                                "sales_region_id": region.id,
                            }
                            for index in range(size)
                        ]
                    )
                )
                self.assertEqual(len(clients), size)
                # Each client: a confirmed order, this year's (odd clients)
                # or next year's (even ones), of another salesperson; an
                # opportunity for next year; a contact.
                orders = (
                    self.env["sale.order"]
                    .sudo()
                    .create(
                        [
                            {
                                "partner_id": client.id,
                                "user_id": self.salesman.id,
                                "commitment_date": "2026-09-01 10:00:00"
                                if index % 2
                                else "2027-03-01 10:00:00",
                                "order_line": [
                                    (
                                        0,
                                        0,
                                        {
                                            "product_id": self.product.id,
                                            "price_unit": 100.0 + index,
                                            "tax_id": False,
                                        },
                                    )
                                ],
                            }
                            for index, client in enumerate(clients)
                        ]
                    )
                )
                orders.action_confirm()
                self.env["crm.lead"].sudo().create(
                    [
                        {
                            "name": f"Deal {client.name}",
                            "type": "opportunity",
                            "partner_id": client.id,
                            "user_id": self.salesman.id,
                            "expected_revenue": 1000.0,
                            "probability": 50,
                            "date_deadline": "2027-02-01",
                        }
                        for client in clients
                    ]
                )
                self.env["sales.contact.log"].sudo().create(
                    [
                        {
                            "partner_id": client.id,
                            "user_id": self.salesman.id,
                            "topic": "Budget call",
                        }
                        for client in clients
                    ]
                )
                this_year = sum(100.0 + index for index in range(1, size, 2))
                next_year = sum(100.0 + index for index in range(0, size, 2))
                self.env.flush_all()
                self.env.invalidate_all()
                with self.assertQueryCount(PORTFOLIO_BUDGET):
                    self.assertAlmostEqual(region.portfolio_current, this_year)
                    self.assertAlmostEqual(
                        region.portfolio_next, next_year + 500.0 * size
                    )
                    ranking = region.industry_rank_ids
                    self.assertEqual(sum(ranking.mapped("client_count")), size)
                    self.assertAlmostEqual(
                        sum(ranking.mapped("order_amount")), this_year + next_year
                    )
                    self.assertEqual(sum(ranking.mapped("contact_count")), size)
