# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""A row of an import of prospects: what the file says of one company or
person, what the import makes of it, and why."""

from stdnum.ru import inn as ru_inn

from odoo import fields, models
from odoo.tools import plaintext2html

from ..models._sales_duplicates import (
    DUPLICATE_KEYS,
    email_key,
    find_duplicates,
    normalize_name,
    phone_key,
    vat_key,
)
from ..models.res_partner import CLIENT_TYPES
from .sales_prospect_import import STATUSES


class SalesProspectImportLine(models.TransientModel):
    _name = "sales.prospect.import.line"
    _description = "Row of an Import of Prospects"
    _order = "wizard_id, row, id"

    wizard_id = fields.Many2one(
        "sales.prospect.import", required=True, ondelete="cascade", index=True
    )
    row = fields.Integer(readonly=True)
    selected = fields.Boolean(string="Import", default=True)
    name = fields.Char(string="Client Name")
    vat = fields.Char(string="INN / Tax ID")
    city = fields.Char()
    region_name = fields.Char(string="Region in the File")
    industry_name = fields.Char(string="Industry in the File")
    client_type_name = fields.Char(string="Type in the File")
    contact_name = fields.Char(string="Contact Person")
    function = fields.Char(string="Position")
    phone = fields.Char()
    email = fields.Char()
    comment = fields.Text()
    sales_region_id = fields.Many2one("sales.region", string="Sales Region")
    state_id = fields.Many2one("res.country.state", string="State")
    industry_id = fields.Many2one("res.partner.industry")
    client_type = fields.Selection(CLIENT_TYPES)
    status = fields.Selection(STATUSES, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Existing Card", readonly=True)
    duplicate_row = fields.Integer(string="Same Client as Row", readonly=True)
    message = fields.Char(string="What Happens", readonly=True)

    def _problems(self):
        """What keeps this row from being imported, as sentences."""
        problems = []
        if not normalize_name(self.name):
            problems.append(self.env._("No client name."))
        if self.email and not email_key(self.email):
            problems.append(
                self.env._("The email %(email)s is not valid.", email=self.email)
            )
        if self.phone and not phone_key(self.phone):
            problems.append(
                self.env._("The phone %(phone)s is too short.", phone=self.phone)
            )
        vat = vat_key(self.vat)
        if self.vat and (not vat or (vat.isdigit() and not ru_inn.is_valid(vat))):
            problems.append(self.env._("The INN %(inn)s is not valid.", inn=self.vat))
        return problems

    def _notes(self):
        """What of the row is not found, and left out of the card."""
        notes = []
        if self.region_name and not (self.sales_region_id or self.state_id):
            notes.append(
                self.env._("Region %(name)s not found.", name=self.region_name)
            )
        if self.industry_name and not self.industry_id:
            notes.append(
                self.env._("Industry %(name)s not found.", name=self.industry_name)
            )
        if self.client_type_name and not self.client_type:
            notes.append(
                self.env._(
                    "Client type %(name)s not known.", name=self.client_type_name
                )
            )
        return notes

    def _entry(self):
        """The row as the duplicate check reads it."""
        return {
            "name": self.name,
            "vat": self.vat,
            "phones": [self.phone],
            "emails": [self.email],
        }

    def _analyse(self):
        """Mark each row (in the order of the file) as a new card, an
        existing card, a duplicate of an earlier row, or an error, and say
        why; one search per kind of key for all the rows."""
        reasons = {
            "vat": self.env._("same INN"),
            "email": self.env._("same email"),
            "phone": self.env._("same phone"),
            "name": self.env._("same name"),
        }
        duplicates = find_duplicates(self.env, [line._entry() for line in self])
        seen = {}  # {(kind, key): first row with that key}
        for line, found in zip(self, duplicates, strict=True):
            problems = line._problems()
            if problems:
                line.write(
                    {
                        "status": "error",
                        "partner_id": False,
                        "duplicate_row": 0,
                        "message": " ".join(problems),
                    }
                )
                continue
            notes = line._notes()
            entry_keys = {
                ("vat", vat_key(line.vat)),
                ("email", email_key(line.email)),
                ("phone", phone_key(line.phone)),
                ("name", normalize_name(line.name)),
            }
            entry_keys = {(kind, key) for kind, key in entry_keys if key}
            first = next(
                (
                    (kind, seen[kind, key])
                    for kind in DUPLICATE_KEYS
                    for key_kind, key in entry_keys
                    if key_kind == kind and (kind, key) in seen
                ),
                None,
            )
            kind = next((kind for kind in DUPLICATE_KEYS if found[kind]), None)
            if kind:
                cards = found[kind]
                vals = {
                    "status": "existing",
                    "partner_id": cards[:1].id,
                    "duplicate_row": 0,
                    "message": self.env._(
                        "Existing card %(card)s: %(reason)s.",
                        card=cards[:1].display_name,
                        reason=reasons[kind],
                    ),
                }
                if len(cards) > 1:
                    notes.insert(
                        0,
                        self.env._(
                            "Other cards: %(cards)s.",
                            cards=", ".join(cards[1:].mapped("display_name")),
                        ),
                    )
            elif first:
                kind, first_line = first
                vals = {
                    "status": "duplicate",
                    "partner_id": False,
                    "duplicate_row": first_line.row,
                    "message": self.env._(
                        "Same client as row %(row)s: %(reason)s.",
                        row=first_line.row,
                        reason=reasons[kind],
                    ),
                }
            else:
                vals = {
                    "status": "new",
                    "partner_id": False,
                    "duplicate_row": 0,
                    "message": self.env._("New card."),
                }
            if notes:
                vals["message"] = " ".join([vals["message"], *notes])
            line.write(vals)
            # A later row with one of these keys is the same client as this
            # row, or as the row this one repeats.
            owner = first[1] if vals["status"] == "duplicate" else line
            for entry_key in entry_keys:
                seen.setdefault(entry_key, owner)

    def _card_values(self):
        return {
            "name": self.name.strip(),
            "is_company": True,
            "vat": self.vat or False,
            "city": self.city or False,
            "state_id": self.state_id.id,
            "sales_region_id": self.sales_region_id.id or False,
            "industry_id": self.industry_id.id,
            "client_type": self.client_type or False,
            "phone": self.phone or False,
            "email": self.email or False,
            "comment": plaintext2html(self.comment) if self.comment else False,
            "user_id": self.env.user.id,
        }

    def _create_clients(self):
        """The client card of each row: {row: card}, the missing cards made
        in one create."""
        clients = {}
        new_lines = self.filtered(lambda line: line.status == "new")
        values = [line._card_values() for line in new_lines]
        for vals in values:
            # A region found by its name wins over the one of the state.
            if not vals["sales_region_id"]:
                del vals["sales_region_id"]
        new_cards = self._create_partners(values)
        # The importer is the salesperson: he follows his new cards.
        new_cards.message_subscribe(partner_ids=self.env.user.partner_id.ids)
        clients.update(zip(new_lines, new_cards, strict=True))
        by_row = {line.row: line for line in self}
        for line in self.filtered(lambda line: line.status == "existing"):
            clients[line] = line.partner_id
        for line in self.filtered(lambda line: line.status == "duplicate"):
            clients[line] = clients[by_row[line.duplicate_row]]
        return clients

    def _create_contact_persons(self, clients):
        """The contact persons of the rows that their client's card lacks
        (by name), in one create."""
        cards = self.env["res.partner"].union(*clients.values())
        known = {
            (client.id, normalize_name(person.name))
            for client in cards
            for person in client.child_ids
        }
        # A contact person takes the commercial fields of its client card:
        # Odoo reads them card by card, as superuser (some are accounting
        # fields); read them for all the cards at once, in the same way.
        cards_su = cards.sudo()
        for fname in cards_su._commercial_fields():
            cards_su.mapped(fname)
        values = []
        for line in self:
            client = clients[line]
            key = (client.id, normalize_name(line.contact_name))
            if not key[1] or key in known:
                continue
            known.add(key)
            values.append(
                {
                    "parent_id": client.id,
                    "type": "contact",
                    "name": line.contact_name.strip(),
                    "function": line.function or False,
                    "phone": line.phone or False,
                    "email": line.email or False,
                }
            )
        self._create_partners(values)

    def _create_partners(self, vals_list):
        """Partners made in one create that costs the same queries for 10
        rows or 300: Odoo's create looks up the defaults row by row, and
        subscribes and logs row by row, which is done once here instead."""
        partners = self.env["res.partner"].with_context(tracking_disable=True)
        defaults = partners.default_get(list(partners._fields))
        created = partners.create([{**defaults, **vals} for vals in vals_list])
        return self.env["res.partner"].browse(created.ids)
