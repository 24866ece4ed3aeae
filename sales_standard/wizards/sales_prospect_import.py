# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Import of prospects: a spreadsheet of companies and people (from an
exhibition, say) becomes client cards (Form 2.1) with their contact persons,
and the lines of a client list (Form 2.3/4), in one step and one
transaction, with the duplicate check of the first-contact wizard."""

import base64
import csv
import io
import zipfile

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.res_partner import CLIENT_TYPES

# The columns read, each with the headers it is known by, in English and in
# Russian (compared without case, "ё", spaces and a trailing "*" or ":").
COLUMNS = {
    "name": (
        "name",
        "company",
        "company name",
        "client",
        "client name",
        "organization",
        "organisation",
        "название",
        "наименование",
        "название компании",
        "компания",
        "организация",
        "клиент",
    ),
    "vat": ("inn", "vat", "tax id", "инн", "инн / vat"),
    "city": ("city", "город", "населенный пункт"),
    "region_name": (
        "region",
        "state",
        "region / state",
        "регион",
        "область",
        "субъект рф",
        "край",
    ),
    "industry_name": ("industry", "отрасль", "сфера деятельности"),
    "client_type_name": ("type", "client type", "тип", "тип клиента"),
    "contact_name": (
        "contact",
        "contact person",
        "contact name",
        "контакт",
        "контактное лицо",
        "фио",
    ),
    "function": ("function", "position", "job position", "title", "должность"),
    "phone": ("phone", "telephone", "tel", "телефон", "тел"),
    "email": ("email", "e-mail", "mail", "электронная почта", "почта"),
    "comment": ("comment", "comments", "note", "notes", "комментарий", "примечание"),
}
HEADERS = {header: column for column, names in COLUMNS.items() for header in names}
STATUSES = [
    ("new", "New Card"),
    ("existing", "Existing Card"),
    ("duplicate", "Duplicate in the File"),
    ("error", "Error"),
]
# Rows looked at in a file, at most: a client list is worked by hand.
MAX_ROWS = 5000


def header_key(header):
    return " ".join(str(header or "").casefold().replace("ё", "е").strip(" *:").split())


def cell_text(value):
    """A spreadsheet cell as text: an INN or a phone number typed as a
    number is read back without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


class SalesProspectImport(models.TransientModel):
    _name = "sales.prospect.import"
    _description = "Import of Prospects"

    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview")],
        required=True,
        default="upload",
    )
    file = fields.Binary(string="Spreadsheet", attachment=False)
    file_name = fields.Char()
    target = fields.Selection(
        [("existing", "An Existing List"), ("new", "A New List")],
        string="Add the Clients to",
        required=True,
        default=lambda self: "existing"
        if self.env.context.get("default_client_list_id")
        else "new",
    )
    client_list_id = fields.Many2one(
        "sales.client.list",
        string="Client List",
        domain="[('state', '=', 'active')]",
    )
    new_list_region_id = fields.Many2one("sales.region", string="Region of the List")
    new_list_industry_id = fields.Many2one(
        "res.partner.industry", string="Industry of the List"
    )
    new_list_client_type = fields.Selection(
        CLIENT_TYPES, string="Client Type of the List"
    )
    line_ids = fields.One2many("sales.prospect.import.line", "wizard_id", string="Rows")
    new_count = fields.Integer(compute="_compute_counts", string="New Cards")
    existing_count = fields.Integer(compute="_compute_counts", string="Existing Cards")
    duplicate_count = fields.Integer(
        compute="_compute_counts", string="Duplicates in the File"
    )
    error_count = fields.Integer(compute="_compute_counts", string="Errors")

    @api.depends("line_ids.status", "line_ids.selected")
    def _compute_counts(self):
        for wizard in self:
            lines = wizard.line_ids.filtered("selected")
            for status, _label in STATUSES:
                count = len(lines.filtered(lambda line, s=status: line.status == s))
                wizard[f"{status}_count"] = count

    # Reading the file

    def _read_file(self):
        """The rows of the spreadsheet: a list of (row number, {column:
        text}) for its non-empty rows."""
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Choose the spreadsheet to import."))
        data = base64.b64decode(self.file)
        if zipfile.is_zipfile(io.BytesIO(data)):
            table = self._read_xlsx(data)
        else:
            table = self._read_csv(data)
        header_row = next(table, None) or []
        columns = [HEADERS.get(header_key(header)) for header in header_row]
        if "name" not in columns:
            raise UserError(
                self.env._(
                    "The file %(file)s has no column of client names. Its first "
                    "row must name the columns, in English or in Russian: "
                    "%(headers)s.",
                    file=self.file_name or "",
                    headers=", ".join(names[0] for names in COLUMNS.values())
                    + " / "
                    + ", ".join(names[-1] for names in COLUMNS.values()),
                )
            )
        rows = []
        for number, cells in enumerate(table, start=2):
            values = {}
            for column, cell in zip(columns, cells, strict=False):
                text = cell_text(cell)
                if column and text and not values.get(column):
                    values[column] = text
            if values:
                rows.append((number, values))
            if len(rows) > MAX_ROWS:
                raise UserError(
                    self.env._(
                        "The file has more than %(count)s rows: split it.",
                        count=MAX_ROWS,
                    )
                )
        return rows

    def _read_xlsx(self, data):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            return iter(list(sheet.iter_rows(values_only=True)))
        except Exception as error:
            raise self._not_a_spreadsheet() from error

    def _read_csv(self, data):
        if b"\0" in data:
            raise self._not_a_spreadsheet()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Russian Excel saves its CSV in Windows-1251.
            try:
                text = data.decode("cp1251")
            except UnicodeDecodeError as error:
                raise self._not_a_spreadsheet() from error
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        return csv.reader(io.StringIO(text), delimiter=delimiter)

    def _not_a_spreadsheet(self):
        return UserError(
            self.env._(
                "The file %(file)s is not a spreadsheet: save it as XLSX, or as "
                "CSV (comma or semicolon separated, UTF-8 or Windows-1251).",
                file=self.file_name or "",
            )
        )

    # Matching the file's names with the existing regions, industries...

    def _reference_values(self, rows):
        """{column: {normalised text: value}} for the region, industry and
        client type columns, from one search per kind."""
        region_names = {
            header_key(values["region_name"])
            for _number, values in rows
            if values.get("region_name")
        }
        regions = {}
        for region in self.env["sales.region"].search([]):
            regions.setdefault(header_key(region.name), {"sales_region_id": region.id})
        if region_names - regions.keys():
            states = self.env["res.country.state"].search(
                ["|"] * (len(region_names) - 1)
                + [("name", "=ilike", name) for name in sorted(region_names)]
            )
            country = self.env.company.country_id
            # The company's own country first.
            for state in states.sorted(lambda state: state.country_id != country):
                regions.setdefault(header_key(state.name), {"state_id": state.id})
        # Names are read in the user's language, in English and in Russian
        # (the language of the template), whichever the file is in.
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        langs = [self.env.lang or "en_US", "en_US", "ru_RU"]
        envs = [
            self.env(context=dict(self.env.context, lang=lang))
            for lang in dict.fromkeys(langs)
            if lang in installed
        ]
        industries = {}
        client_types = {}
        field = self.env["res.partner"]._fields["client_type"]
        for env in envs:
            for industry in env["res.partner.industry"].search([]):
                for name in (industry.name, industry.full_name):
                    if name:
                        industries.setdefault(header_key(name), industry.id)
            for key, label in field._description_selection(env):
                client_types.setdefault(header_key(label), key)
                client_types.setdefault(header_key(key.replace("_", " ")), key)
        return regions, industries, client_types

    def action_preview(self):
        """Read the file and show what will happen to each of its rows."""
        self.ensure_one()
        rows = self._read_file()
        regions, industries, client_types = self._reference_values(rows)
        vals_list = []
        for number, values in rows:
            vals = {
                "wizard_id": self.id,
                "row": number,
                **values,
                "industry_id": industries.get(header_key(values.get("industry_name"))),
                "client_type": client_types.get(
                    header_key(values.get("client_type_name"))
                ),
            }
            vals.update(regions.get(header_key(values.get("region_name")), {}))
            vals_list.append(vals)
        self.line_ids.unlink()
        self.env["sales.prospect.import.line"].create(vals_list)
        self.line_ids._analyse()
        self.state = "preview"
        return self._reopen()

    def action_check_again(self):
        """Check the rows again, as they are now (edited, or ticked)."""
        self.ensure_one()
        self.line_ids.filtered("selected")._analyse()
        return self._reopen()

    def action_skip_errors(self):
        self.ensure_one()
        self.line_ids.filtered(lambda line: line.status == "error").selected = False
        return self._reopen()

    def action_back(self):
        self.ensure_one()
        self.state = "upload"
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": self.env.context,
        }

    # Importing

    def action_confirm(self):
        """Create the missing client cards and contact persons, and add every
        row's client to the list: all of it, or nothing."""
        self.ensure_one()
        client_list = self._target_list()
        lines = self.line_ids.filtered("selected")
        if not lines:
            raise UserError(self.env._("Tick at least one row to import."))
        # The check again, as the cards are now: rows edited since the
        # preview, or cards opened meanwhile, count.
        lines._analyse()
        for line in lines:
            if line.status == "error":
                raise UserError(
                    self.env._(
                        "Row %(row)s: %(problem)s Nothing was imported: fix the "
                        "row, or untick it.",
                        row=line.row,
                        problem=line.message,
                    )
                )
        clients = lines._create_clients()
        lines._create_contact_persons(clients)
        if not client_list:
            client_list = self.env["sales.client.list"].create(
                {
                    "region_id": self.new_list_region_id.id,
                    "industry_id": self.new_list_industry_id.id,
                    "client_type": self.new_list_client_type,
                }
            )
        listed = client_list.line_ids.partner_id
        to_list = self.env["res.partner"]
        for line in lines:
            client = clients[line]
            if client not in listed and client not in to_list:
                to_list |= client
        self.env["sales.client.list.line"].create(
            [{"list_id": client_list.id, "partner_id": client.id} for client in to_list]
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sales.client.list",
            "res_id": client_list.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _target_list(self):
        """The client list to add to, checked; none for a new list."""
        if self.target == "existing":
            if not self.client_list_id:
                raise UserError(self.env._("Choose the client list to add to."))
            self.client_list_id.check_access("write")
            self.client_list_id._check_editable()
            return self.client_list_id
        if not (
            self.new_list_region_id
            or self.new_list_industry_id
            or self.new_list_client_type
        ):
            raise UserError(
                self.env._(
                    "A client list is classified: give the new list a region, "
                    "an industry or a client type."
                )
            )
        return self.client_list_id.browse()
