# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Constants and helpers shared by the module's models, each defined once.

- the groups: ``SALES_GROUP`` (the managers), ``ADMIN_GROUP`` (the head of
  sales, Sales / Administrator);
- who they are: ``is_sales_admin``, ``sales_admins``, ``salespeople``;
- ``recheck_owner``: the access check again after a write that changed the
  owner of records;
- ``without_context_keys``: records with keys taken out of their context;
- ``insert_query`` and ``upsert``: rows inserted in one statement, with what
  ``create`` would have stored in the columns the caller does not give.
"""

from odoo.tools import SQL

SALES_GROUP = "sales_team.group_sale_salesman"
ADMIN_GROUP = "sales_team.group_sale_manager"
# The fields that make a record someone's, for the record rules.
OWNER_FIELDS = frozenset({"user_id", "company_id"})
LOG_ACCESS_FIELDS = ("create_uid", "create_date", "write_uid", "write_date")


def is_sales_admin(env):
    """Whether the user of `env` administers sales: the superuser, or a member
    of Sales / Administrator."""
    return env.su or env.user.has_group(ADMIN_GROUP)


def sales_admins(env):
    """The heads of sales: the active internal users of Sales /
    Administrator."""
    return env.ref(ADMIN_GROUP).users.filtered(
        lambda user: not user.share and user.active
    )


def salespeople(env):
    """The internal users of the sales group, as superuser, by id."""
    return (
        env["res.users"]
        .sudo()
        .search(
            [
                ("share", "=", False),
                ("groups_id", "in", env.ref(SALES_GROUP).ids),
            ],
            order="id",
        )
    )


def recheck_owner(records, vals, owner_fields=OWNER_FIELDS):
    """Call after `records` were written with `vals`: when the write changed
    their owner, check that the user may still write them as they are now.

    The record rules were checked on the records as they were: without this,
    a user could hand their own records to another manager or company, out
    of their own reach.
    """
    if owner_fields & vals.keys():
        records.check_access("write")


def without_context_keys(records, keys):
    """`records` with the keys `keys` taken out of their context (a forged
    ``default_*`` value, say), the rest of it kept."""
    context = records.env.context
    return records.with_env(
        records.env(context={key: context[key] for key in context if key not in keys})
    )


def _columns(model, vals_list):
    """The column values of the rows `vals_list` for `model`, as ``create``
    would store them: the values given, the ORM's defaults of the other
    fields (``_add_missing_default_values``: the field's default, the
    context's ``default_*``, ``ir.default``), and the log access columns,
    dated by the ORM's clock (``cr.now()``, as ``create`` does).

    :return: (column names, one typed SQL array per column)
    """
    env = model.env
    defaults = {}  # {given field names: the defaults of the other fields}
    rows = []
    for vals in vals_list:
        given = frozenset(vals)
        if given not in defaults:
            # The defaults do not depend on the values, only on which fields
            # are given: one look-up per shape of row.
            filled = model._add_missing_default_values(dict(vals))
            defaults[given] = {
                name: value for name, value in filled.items() if name not in given
            }
        row = {**defaults[given], **vals}
        if model._log_access:
            now = env.cr.now()
            row.update(create_uid=env.uid, create_date=now)
            row.update(write_uid=env.uid, write_date=now)
        rows.append(row)
    fields = [
        model._fields[name]
        for name in sorted({name for row in rows for name in row})
        # x2many and non-stored fields have no column: they are left out, as
        # are the stored computed fields the caller does not give.
        if model._fields[name].store and model._fields[name].column_type
    ]
    record = model.browse()
    arrays = []
    for field in fields:
        column = _column(field, rows, record)
        if _is_plain(field):
            # One array literal: psycopg2 would adapt each value into an
            # ARRAY[...] that PostgreSQL then parses value by value (a third
            # of a second for 25,000 rows of 15 columns, the morning cron's).
            column = _array_literal(column)
        arrays.append(SQL("%s::%s[]", column, SQL(field.column_type[1])))
    return [field.name for field in fields], arrays


# The field types whose column value depends on the value alone (not on the
# rest of the row, as a monetary field's currency does): converted once per
# distinct value. Thousands of rows share a few managers, dates and states.
PLAIN_TYPES = frozenset(
    {
        "boolean",
        "integer",
        "float",
        "char",
        "text",
        "selection",
        "date",
        "datetime",
        "many2one",
        "many2one_reference",
    }
)


def _is_plain(field):
    """Whether `field`'s column value is a plain value (a number, a string,
    a date) that depends on the field's value alone."""
    return (
        field.type in PLAIN_TYPES
        and not field.company_dependent
        and not field.translate
    )


def _array_literal(values):
    """The PostgreSQL array literal of plain column values: each quoted, and
    None as NULL (``"NULL"`` quoted is the text NULL)."""
    items = (
        "NULL"
        if value is None
        else '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
        for value in values
    )
    return "{" + ",".join(items) + "}"


def _column(field, rows, record):
    """The values of `field`'s column in `rows`, as ``create`` stores them."""
    name = field.name
    if not _is_plain(field):
        return [
            field.convert_to_column_insert(row[name], record, row)
            if name in row
            else None
            for row in rows
        ]
    converted = {}
    column = []
    for row in rows:
        if name not in row:
            column.append(None)
            continue
        value = row[name]
        # Keyed by the type too: 1 and True, 0 and False are equal keys.
        key = (type(value), value)
        try:
            column.append(converted[key])
        except KeyError:
            converted[key] = field.convert_to_column_insert(value, record, row)
            column.append(converted[key])
        except TypeError:  # an unhashable value (a list, a dict)
            column.append(field.convert_to_column_insert(value, record, row))
    return column


def insert_query(model, vals_list, returning=("id",)):
    """The one INSERT statement of the rows `vals_list` into `model`'s table,
    the columns they do not give filled as by ``create`` (see ``_columns``),
    returning the columns `returning` of the new rows. For a caller that
    runs it inside a larger statement.

    Like any SQL, it neither computes the stored computed fields the rows do
    not give, nor updates the ORM's caches: that is the caller's part.
    """
    names, arrays = _columns(model, vals_list)
    columns = SQL(", ").join(map(SQL.identifier, names))
    return SQL(
        "INSERT INTO %s (%s) SELECT %s FROM unnest(%s) AS vals(%s) RETURNING %s",
        SQL.identifier(model._table),
        columns,
        columns,
        SQL(", ").join(arrays),
        columns,
        SQL(", ").join(map(SQL.identifier, returning)),
    )


def upsert(model, vals_list, conflict):
    """Insert the rows `vals_list` into `model`'s table in one statement,
    leaving out those whose unique key `conflict` (column names) is there
    already: the columns they do not give are filled as by ``create`` (see
    ``_columns``), so that a field another module adds with a default gets
    it. Rows are inserted in the order of their key, so that two
    transactions upserting at once wait for each other instead of
    deadlocking.

    Under Odoo's repeatable read, a row committed by another transaction
    after this one began raises a serialization failure, which the caller
    may catch (in a savepoint) or leave to Odoo's retry. The statement is
    not logged when it fails.

    Like any SQL, it neither computes the stored computed fields the rows do
    not give, nor updates the ORM's caches, nor flushes pending writes of the
    key's columns: that is the caller's part.

    :param model: the model, with the environment to insert as
    :param list vals_list: the field values of each row
    :param conflict: the column names of the unique key
    :return: (records, created): the record of each row, new or existing,
        in the order of `vals_list`, and those inserted now
    """
    if not vals_list:
        return model.browse(), model.browse()
    names, arrays = _columns(model, vals_list)
    table = SQL.identifier(model._table)
    columns = SQL(", ").join(map(SQL.identifier, names))
    key = SQL(", ").join(map(SQL.identifier, conflict))

    def same_key(alias):
        return SQL(" AND ").join(
            SQL("%s = %s", SQL.identifier("vals", name), SQL.identifier(alias, name))
            for name in conflict
        )

    model.env.cr.execute(
        SQL(
            """
            WITH vals AS (
                SELECT *
                  FROM unnest(%(arrays)s) WITH ORDINALITY
                       AS vals(%(columns)s, _ordinality)
            ), inserted AS (
                INSERT INTO %(table)s (%(columns)s)
                SELECT %(columns)s FROM vals ORDER BY %(key)s
                    ON CONFLICT (%(key)s) DO NOTHING
                RETURNING id, %(key)s
            )
            SELECT vals._ordinality, inserted.id, TRUE
              FROM vals JOIN inserted ON %(inserted)s
             UNION ALL
            SELECT vals._ordinality, existing.id, FALSE
              FROM vals JOIN %(table)s existing ON %(existing)s
             ORDER BY 1
            """,
            arrays=SQL(", ").join(arrays),
            columns=columns,
            table=table,
            key=key,
            inserted=same_key("inserted"),
            existing=same_key("existing"),
        ),
        log_exceptions=False,
    )
    rows = model.env.cr.fetchall()
    return (
        model.browse(list(dict.fromkeys(row[1] for row in rows))),
        model.browse([row[1] for row in rows if row[2]]),
    )
