# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Checks shared by the module's models.

``check_values`` refuses, with a clean ``ValidationError``, values that
Odoo's ORM would fail on with a Python or database error (a dict as an id, a
date that is no date, a number out of the column's range, a NUL byte...):
a create or write of the module hands its values on to Odoo, so it checks
them first, as Odoo's JSON-RPC layer hands it anything a client sends. A
caller who may not create or write the records gets the ``AccessError``, not
a word about the values.

``check_next_contact_date`` refuses a next control date before the contact.
"""

import base64
import json
import reprlib
from datetime import date

from odoo import models
from odoo.exceptions import ValidationError
from odoo.tools import float_round, format_date

INT4 = range(-(2**31), 2**31)  # PostgreSQL's integer, which ids are too
COMMANDS = range(7)  # Command.CREATE ... Command.SET


def is_id(value):
    """An integer that fits an id column (a bool is none)."""
    return type(value) is int and value in INT4


def check_values(records, vals_list, operation="create"):
    """Raise a ValidationError for the first value of `vals_list` that is not
    one of its field's type; `records` are the records to write, or the
    model to create in."""
    for vals in vals_list:
        problem = _problem(records, vals)
        if problem:
            records.check_access(operation)
            raise ValidationError(problem)


def _problem(model, vals):
    """What is wrong with the values `vals` for `model`, or None."""
    env = model.env
    if not isinstance(vals, dict):
        return env._(
            "Expected a dictionary of field values, got %(value)s.",
            value=reprlib.repr(vals),
        )
    for fname, value in vals.items():
        field = model._fields.get(fname)
        if field is None:
            return env._(
                "The field %(field)s does not exist on %(model)s.",
                field=reprlib.repr(fname),
                model=model._name,
            )
        if value is False or value is None:
            continue
        if field.type in ("one2many", "many2many"):
            problem = _commands_problem(env[field.comodel_name], value)
        else:
            problem = not _valid(field, value, model)
        if problem:
            return problem if isinstance(problem, str) else _wrong(env, field, value)
    return None


def _wrong(env, field, value):
    return env._(
        "Wrong value for the field “%(field)s”: %(value)s.",
        field=field._description_string(env),
        value=reprlib.repr(value),
    )


def _valid(field, value, model):
    """Whether `value` is one of `field`'s type, as Odoo converts it."""
    kind = field.type
    if kind in ("many2one", "many2one_reference"):
        return is_id(value) or isinstance(value, models.BaseModel | models.NewId)
    if kind in ("char", "text", "html"):
        # Odoo takes the text of anything, but PostgreSQL no NUL character.
        return not (isinstance(value, str) and "\x00" in value)
    if kind == "selection" and not isinstance(value, str):
        return False
    if kind in ("date", "datetime") and not (value and isinstance(value, str | date)):
        return False  # an empty text is no date for PostgreSQL
    try:
        if kind == "integer":
            return int(value or 0) in INT4
        if kind in ("float", "monetary"):
            # Rounded to a millionth, as finely as any currency or precision.
            float_round(float(value or 0.0), precision_digits=6)
        elif kind in ("date", "datetime", "selection"):
            field.convert_to_cache(value, model)  # raises on a wrong value
        elif kind == "binary":
            base64.b64decode(value)
        elif kind == "json":
            return "\\u0000" not in json.dumps(value)
    except (TypeError, ValueError, OverflowError):  # binascii.Error too
        return False
    return True


def _commands_problem(comodel, commands):
    """What is wrong with x2many `commands`: True when they are no commands,
    the problem of the values of a record that they create or update, or
    None."""
    if isinstance(commands, models.BaseModel):
        return None
    if not isinstance(commands, list | tuple):
        return True
    for command in commands:
        if is_id(command):
            continue  # an id alone, which Odoo links
        if not (
            isinstance(command, list | tuple)
            and command
            and isinstance(command[0], int)  # or a Command
            and command[0] in COMMANDS
        ):
            return True
        code, *args = command
        if code in (0, 1):
            if len(args) != 2 or not isinstance(args[1], dict):
                return True
            if code == 1 and not is_id(args[0]):
                return True
            problem = _problem(comodel, args[1])
            if problem:
                return problem
        elif code in (2, 3, 4) and not (args and is_id(args[0])):
            return True
        elif code == 6 and not (
            len(args) == 2
            and isinstance(args[1], list | tuple)
            and all(map(is_id, args[1]))
        ):
            return True
    return None


def check_next_contact_date(env, contact_date, next_contact_date):
    """Refuse a control date of the next contact before the contact itself."""
    if next_contact_date and contact_date and next_contact_date < contact_date:
        raise ValidationError(
            env._(
                "The next control date (%(next)s) cannot be before the date "
                "of the contact (%(date)s).",
                next=format_date(env, next_contact_date),
                date=format_date(env, contact_date),
            )
        )
