# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import base64
import io
from pathlib import Path

from openpyxl import Workbook
from stdnum.ru import inn as ru_inn

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged, users, warmup

from .common import SalesStandardCase

HEADERS_EN = [
    "Company name",
    "INN",
    "City",
    "Region",
    "Industry",
    "Type",
    "Contact person",
    "Position",
    "Phone",
    "Email",
    "Comment",
]
HEADERS_RU = [
    "Название",
    "ИНН",
    "Город",
    "Регион",
    "Отрасль",
    "Тип клиента",
    "Контактное лицо",
    "Должность",
    "Телефон",
    "E-mail",
    "Комментарий",
]
# Queries to preview a file and to import it, for 10 rows and for 300: the
# same but for the rows that Odoo inserts and updates 100 at a time (one
# statement per 100 rows of each table), so 300 rows cost a few more.
PREVIEW_BUDGET = {10: 14, 300: 18}
CONFIRM_BUDGET = {10: 30, 300: 43}
# And two queries per contact person, which Odoo's res.partner spends on
# each new child of a card: the companies searched in
# _company_dependent_commercial_sync, the pricelist of the country in
# product's _inverse_product_pricelist.
PERSON_QUERIES = 2


def inn(number):
    """A valid company INN (ten digits, with its check digit)."""
    nine = f"63{number:07d}"
    return nine + ru_inn.calc_company_check_digit(nine)


def prospect(index):
    return [
        f"Prospect {index} LLC",
        inn(index),
        "Samara",
        "Volga",
        "Machine Building",
        "Dealer",
        f"Person {index}",
        "Buyer",
        f"+7 900 {index:07d}",
        f"buyer{index}@prospect{index}.example.com",
        f"Met at the fair, stand {index}",
    ]


def xlsx(header, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def csv_cp1251(header, rows):
    lines = [";".join(header)] + [";".join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1251")


@tagged("post_install", "-at_install")
class TestProspectImport(SalesStandardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True)
        )
        cls.industry = cls.env["res.partner.industry"].create(
            {"name": "Machine Building"}
        )
        partners = cls.env["res.partner"]
        cls.by_inn = partners.create(
            {"name": "Old Name Works", "is_company": True, "vat": inn(5)}
        )
        cls.by_email = partners.create(
            {
                "name": "Mail Works",
                "is_company": True,
                "email": "BUYER6@prospect6.example.com",
            }
        )
        # Found through its contact person's phone: the card is the client.
        cls.by_phone = partners.create({"name": "Phone Works", "is_company": True})
        partners.create(
            {
                "name": "Somebody",
                "parent_id": cls.by_phone.id,
                "phone": "8900-000-00-07",
            }
        )
        cls.client_list = cls.env["sales.client.list"].create(
            {"region_id": cls.region.id, "user_id": cls.salesman.id}
        )

    def rows_300(self):
        """300 rows: 4 of existing cards, 3 repeated in the file, 3 bad."""
        rows = [prospect(index) for index in range(1, 295)]
        # Prospect n is on row n + 1 (the first row holds the headers).
        rows[4][0] = "Some Other Name"  # row 6: INN of an existing card
        rows[6][1] = ""  # row 8: phone of an existing card's contact
        rows[9][0] = "Volga Pumps"  # row 11: name of an existing card
        rows += [
            prospect(1),  # row 296: the same as row 2, by INN
            [*prospect(900)[:9], "buyer2@prospect2.example.com", ""],  # by email
            ["Prospect 3 Ltd.", "", "", "", "", "", "", "", "", "", ""],  # name
            ["", inn(901), "", "", "", "", "", "", "", "", ""],  # no name
            [*prospect(902)[:9], "not an email", ""],  # bad email
            [*prospect(903)[:1], "1234567890", *prospect(903)[2:]],  # bad INN
        ]
        return rows

    def wizard(self, data, file_name, **values):
        wizard = self.env["sales.prospect.import"].create(
            {
                "file": base64.b64encode(data),
                "file_name": file_name,
                "target": "existing",
                "client_list_id": self.client_list.id,
                **values,
            }
        )
        wizard.action_preview()
        return wizard

    def line(self, wizard, row):
        return wizard.line_ids.filtered(lambda line: line.row == row)

    def test_preview(self):
        wizard = self.wizard(xlsx(HEADERS_EN, self.rows_300()), "fair.xlsx")
        self.assertEqual(wizard.state, "preview")
        self.assertEqual(len(wizard.line_ids), 300)
        self.assertEqual(
            (
                wizard.new_count,
                wizard.existing_count,
                wizard.duplicate_count,
                wizard.error_count,
            ),
            (290, 4, 3, 3),
        )
        first = self.line(wizard, 2)
        self.assertRecordValues(
            first,
            [
                {
                    "status": "new",
                    "name": "Prospect 1 LLC",
                    "vat": inn(1),
                    "sales_region_id": self.region.id,
                    "industry_id": self.industry.id,
                    "client_type": "dealer",
                    "message": "New card.",
                }
            ],
        )
        expected = {
            6: ("existing", self.by_inn, "Existing card Old Name Works: same INN."),
            7: ("existing", self.by_email, "Existing card Mail Works: same email."),
            8: ("existing", self.by_phone, "Existing card Phone Works: same phone."),
            11: ("existing", self.client, "Existing card Volga Pumps: same name."),
        }
        for row, (status, card, message) in expected.items():
            self.assertRecordValues(
                self.line(wizard, row),
                [{"status": status, "partner_id": card.id, "message": message}],
            )
        self.assertEqual(
            [
                (line.status, line.duplicate_row, line.message)
                for line in wizard.line_ids.filtered(lambda line: line.row > 295)
            ],
            [
                ("duplicate", 2, "Same client as row 2: same INN."),
                ("duplicate", 3, "Same client as row 3: same email."),
                ("duplicate", 4, "Same client as row 4: same name."),
                ("error", 0, "No client name."),
                ("error", 0, "The email not an email is not valid."),
                ("error", 0, "The INN 1234567890 is not valid."),
            ],
        )

    def test_import_csv_cp1251(self):
        """Russian headers, Windows-1251, semicolons: the file of Russian
        Excel. A bad row stops all; skipped, the rest is imported; imported
        again, nothing is created twice."""
        data = csv_cp1251(HEADERS_RU, self.rows_300())
        partners = self.env["res.partner"].with_context(active_test=False)
        before = partners.search_count([])
        wizard = self.wizard(data, "выставка.csv")
        self.assertEqual(wizard.error_count, 3)
        with self.assertRaisesRegex(UserError, "Row 299: No client name"):
            wizard.action_confirm()
        self.assertEqual(partners.search_count([]), before)
        self.assertFalse(self.client_list.line_ids)

        wizard.action_skip_errors()
        self.assertEqual(wizard.error_count, 0)
        self.line(wizard, 294).selected = False
        wizard.with_user(self.salesman).action_confirm()
        # 290 new cards less the unticked one, each with its contact person;
        # the 4 existing cards and row 297 add the persons their card lacks.
        new_cards = partners.search(
            [("name", "=like", "Prospect %"), ("is_company", "=", True)]
        )
        self.assertEqual(len(new_cards), 289)
        self.assertEqual(partners.search_count([]), before + 289 * 2 + 4 + 1)
        card = new_cards.filtered(lambda p: p.vat == inn(1))
        self.assertRecordValues(
            card,
            [
                {
                    "name": "Prospect 1 LLC",
                    "user_id": self.salesman.id,
                    "city": "Samara",
                    "sales_region_id": self.region.id,
                    "industry_id": self.industry.id,
                    "client_type": "dealer",
                    "phone": "+7 900 0000001",
                }
            ],
        )
        self.assertEqual(card.child_ids.mapped("name"), ["Person 1"])
        self.assertEqual(card.child_ids.function, "Buyer")
        self.assertIn("stand 1", card.comment)
        # Rows 296 and 298 add no card, their persons join the client's.
        self.assertEqual(
            sorted(
                new_cards.filtered(lambda p: p.vat == inn(2)).child_ids.mapped("name")
            ),
            ["Person 2", "Person 900"],
        )
        self.assertEqual(self.by_inn.child_ids.name, "Person 5")
        self.assertEqual(len(self.client_list.line_ids), 289 + 4)
        self.assertEqual(
            self.client_list.line_ids.partner_id,
            new_cards | self.by_inn | self.by_email | self.by_phone | self.client,
        )

        # The same file again: every row is an existing card.
        again = self.wizard(data, "выставка.csv")
        self.assertEqual(again.new_count, 1)  # the row unticked before
        self.line(again, 294).selected = False
        again.action_skip_errors()
        count = partners.search_count([])
        again.action_confirm()
        self.assertEqual(partners.search_count([]), count)
        self.assertEqual(len(self.client_list.line_ids), 293)

    def test_new_list(self):
        rows = [prospect(index) for index in range(1, 4)]
        data = xlsx(HEADERS_EN, rows)
        wizard = self.wizard(data, "fair.xlsx", target="new", client_list_id=False)
        with self.assertRaisesRegex(UserError, "classified"):
            wizard.action_confirm()
        wizard.new_list_industry_id = self.industry
        action = wizard.with_user(self.salesman).action_confirm()
        new_list = self.env["sales.client.list"].browse(action["res_id"])
        self.assertRecordValues(
            new_list,
            [
                {
                    "industry_id": self.industry.id,
                    "user_id": self.salesman.id,
                    "state": "active",
                    "line_count": 3,
                }
            ],
        )

    def test_repeat_of_an_existing_card(self):
        """A row that repeats the row of an existing card is that card, even
        when that row repeats an earlier new one by another key."""
        empty = [""] * len(HEADERS_EN)
        gamma = ["Gamma", *empty[1:]]
        # Gamma again, by name, but with the INN of an existing card.
        old = ["Gamma", inn(5), *empty[2:9], "alpha@example.com", ""]
        beta = ["Beta", *empty[1:6], "Person B", "", "", "alpha@example.com", ""]
        wizard = self.wizard(xlsx(HEADERS_EN, [gamma, old, beta]), "fair.xlsx")
        self.assertEqual(
            [(line.status, line.duplicate_row) for line in wizard.line_ids],
            [("new", 0), ("existing", 0), ("duplicate", 3)],
        )
        wizard.action_confirm()
        self.assertIn("Person B", self.by_inn.child_ids.mapped("name"))

    def test_edit_and_check_again(self):
        wizard = self.wizard(xlsx(HEADERS_EN, self.rows_300()[-3:]), "fair.xlsx")
        self.assertEqual(wizard.error_count, 3)
        self.line(wizard, 2).name = "Fixed Name"
        self.line(wizard, 3).email = "fixed@example.com"
        # The preview as the web client shows it: untick a row there.
        with Form(wizard) as form, form.line_ids.edit(2) as line:
            self.assertEqual(line.row, 4)
            line.selected = False
        wizard.action_check_again()
        self.assertEqual(wizard.new_count, 2)
        self.assertEqual(wizard.error_count, 0)
        wizard.action_confirm()
        self.assertEqual(len(self.client_list.line_ids), 2)

    def test_template(self):
        """The Russian template that the wizard offers reads without error."""
        path = Path(__file__).parents[1] / "static/xls/prospects_template_ru.csv"
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["sales_standard"], ["ru_RU"], overwrite=True
        )
        wizard = self.wizard(path.read_bytes(), path.name)
        self.assertEqual(wizard.line_ids.mapped("status"), ["new"])
        self.assertEqual(wizard.line_ids.client_type, "end_consumer")
        self.assertEqual(wizard.line_ids.contact_name, "Иван Петров")

    def test_bad_file(self):
        for data, name in [
            (b"%PDF-1.4\n\x00\x01 binary", "scan.pdf"),
            (b"PK\x03\x04 not really a zip", "broken.xlsx"),
            ("Привет, мир".encode("cp1251"), "letter.txt"),
            (xlsx(["Foo", "Bar"], [["a", "b"]]), "other.xlsx"),
        ]:
            with self.subTest(name=name), self.assertRaises(UserError):
                self.wizard(data, name)

    def test_access(self):
        data = xlsx(HEADERS_EN, [prospect(1)])
        with self.assertRaises(AccessError):
            self.env["sales.prospect.import"].with_user(self.accountant).create(
                {"file": base64.b64encode(data), "target": "new"}
            )
        # A salesman imports into his own list, not into another's.
        other_list = self.env["sales.client.list"].create(
            {"region_id": self.region.id, "user_id": self.salesman_2.id}
        )
        env = self.env(user=self.salesman)
        wizard = Form(
            env["sales.prospect.import"].with_context(
                default_client_list_id=self.client_list.id
            )
        )
        self.assertEqual(wizard.target, "existing")
        wizard.file = base64.b64encode(data)
        wizard = wizard.save()
        wizard.action_preview()
        wizard.action_confirm()
        self.assertEqual(self.client_list.line_ids.partner_id.user_id, self.salesman)
        wizard = self.env["sales.prospect.import"].with_user(self.salesman)
        wizard = wizard.create(
            {
                "file": base64.b64encode(data),
                "target": "existing",
                "client_list_id": other_list.id,
            }
        )
        wizard.action_preview()
        with self.assertRaises(AccessError):
            wizard.action_confirm()


@tagged("post_install", "-at_install", "is_query_count")
class TestProspectImportCost(SalesStandardCase):
    """The duplicate look-ups are one search per kind of key for all rows,
    the cards one create: 10 rows and 300 cost the same queries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.partner.industry"].create({"name": "Machine Building"})
        cls.existing = cls.env["res.partner"].create(
            [
                {"name": f"Existing {index}", "is_company": True, "vat": inn(index)}
                for index in range(1, 301, 2)
            ]
        )

    def _import(self, count):
        rows = [prospect(index) for index in range(1, count + 1)]
        client_list = self.env["sales.client.list"].create(
            {"region_id": self.region.id}
        )
        wizard = self.env["sales.prospect.import"].create(
            {
                "file": base64.b64encode(xlsx(HEADERS_EN, rows)),
                "target": "existing",
                "client_list_id": client_list.id,
            }
        )
        with self.assertQueryCount(ss_salesman=PREVIEW_BUDGET[count]):
            wizard.action_preview()
        confirm_budget = CONFIRM_BUDGET[count] + PERSON_QUERIES * count
        with self.assertQueryCount(ss_salesman=confirm_budget):
            wizard.action_confirm()
        self.assertEqual(len(client_list.line_ids), count)

    @users("ss_salesman")
    @warmup
    def test_cost_10_rows(self):
        self._import(10)

    @users("ss_salesman")
    @warmup
    def test_cost_300_rows(self):
        self._import(300)
