"""tools/lifecycle's checks in SQL, on the database as PostgreSQL sees it.

    python -m lifecycle_checks.sql_checks DB COMMAND [SNAPSHOT]

COMMAND is one of ``snapshot`` (write the fingerprints of the tables to
SNAPSHOT), ``upgraded``, ``uninstalled`` and ``reinstalled`` (compare the
database with SNAPSHOT). Prints one "ok: ..." or "FAILED: ..." line a check.
"""

import json
import sys

import psycopg2
from psycopg2 import sql

from lifecycle_checks.report import check, failed

MODULES = (
    "sales_standard",
    "sales_standard_stock",
    "sales_standard_mrp",
    "sales_standard_spreadsheet",
)
MODULE_TABLES = (
    "sales_contact_log",
    "sales_region",
    "sales_client_list",
    "sales_client_list_line",
    "sales_daily_plan",
    "sales_daily_plan_line",
    "sales_trip",
    "sales_trip_visit",
    "sales_manager_report",
    "sales_manager_report_figure",
    "sales_manager_report_instruction",
    "sales_client_passport",
    "sales_client_passport_document",
)
MODULE_COLUMNS = {
    "res_partner": (
        "client_type",
        "sales_region_id",
        "client_card_date",
        "last_contact_date",
        "next_contact_date",
    ),
    "mail_activity": ("sales_contact_log_id",),
}
BUSINESS_MODELS = ("res.partner", "crm.lead", "sale.order", "account.move")
# The business tables that must come through everything: {table: (model of
# its external ids, column of the model of the record its rows are attached
# to)}. Attached rows count for the business models only; they are data of
# the users when the record they are attached to is.
CORE_TABLES = {
    "res_partner": ("res.partner", None),
    "crm_lead": ("crm.lead", None),
    "sale_order": ("sale.order", None),
    "sale_order_line": ("sale.order.line", None),
    "account_move": ("account.move", None),
    "account_move_line": ("account.move.line", None),
    "account_payment": ("account.payment", None),
    "account_partial_reconcile": ("account.partial.reconcile", None),
    "mail_activity": ("mail.activity", "res_model"),
    "mail_message": ("mail.message", "model"),
    "mail_followers": ("mail.followers", "res_model"),
    "ir_attachment": ("ir.attachment", "res_model"),
}
# Never compared: they change whenever a row is written.
SKIPPED_COLUMNS = {"write_date", "write_uid"}


def rows(cr, query, params=()):
    cr.execute(query, params)
    return cr.fetchall()


def relations(cr, kinds=("r", "v", "m", "p", "f")):
    """{name: kind} of the relations in the public schema."""
    return dict(
        rows(
            cr,
            """SELECT c.relname, c.relkind FROM pg_class c
               JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND c.relkind = ANY(%s)""",
            (list(kinds),),
        )
    )


def columns(cr, table):
    return [
        name
        for (name,) in rows(
            cr,
            """SELECT column_name FROM information_schema.columns
               WHERE table_schema = 'public' AND table_name = %s
               ORDER BY ordinal_position""",
            (table,),
        )
    ]


def module_tables(cr):
    """The tables (and views) of the models and many2many relations of the
    modules: the known list, and whatever the database says they own."""
    tables = set(MODULE_TABLES)
    tables |= {
        model.replace(".", "_")
        for (model,) in rows(
            cr,
            """SELECT m.model FROM ir_model m
               JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
               WHERE d.module IN %(modules)s AND NOT m.transient
               AND NOT EXISTS (
                   SELECT 1 FROM ir_model_data o
                   WHERE o.model = 'ir.model' AND o.res_id = m.id
                   AND o.module NOT IN %(modules)s)""",
            {"modules": MODULES},
        )
    }
    tables |= {
        name
        for (name,) in rows(
            cr,
            """SELECT r.name FROM ir_model_relation r
               JOIN ir_module_module m ON m.id = r.module
               WHERE m.name IN %s""",
            (MODULES,),
        )
    }
    existing = relations(cr, ("r", "v", "m"))
    return sorted(t for t in tables if t in existing)


def module_columns(cr):
    """{table: [column]}: the stored fields only these modules define."""
    found = {table: set(cols) for table, cols in MODULE_COLUMNS.items()}
    for model, name in rows(
        cr,
        """SELECT f.model, f.name FROM ir_model_fields f
           JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
           WHERE d.module IN %(modules)s AND f.store AND f.ttype != 'many2many'
             AND NOT EXISTS (
                SELECT 1 FROM ir_model_data o
                WHERE o.model = 'ir.model.fields' AND o.res_id = f.id
                  AND o.module NOT IN %(modules)s)""",
        {"modules": MODULES},
    ):
        found.setdefault(model.replace(".", "_"), set()).add(name)
    return {table: sorted(cols) for table, cols in found.items()}


def fingerprint(cr, table, model, model_column=None, skip=(), user_ids=None):
    """Counts and checksums of a table: all rows, and the rows no external
    id of the modules stands for (the data users made), or the rows user_ids
    when given (those of an earlier fingerprint). With model_column, only the
    rows attached to business records, and of them as the users' the ones
    attached to records of the users."""
    cols = columns(cr, table)
    params = {
        "models": BUSINESS_MODELS,
        "modules": MODULES,
        "model": model,
        "user_ids": user_ids,
    }
    where = sql.SQL("TRUE")
    attached = sql.SQL("TRUE")
    if model_column:
        where = sql.SQL("{} IN %(models)s").format(sql.Identifier(model_column))
        attached = sql.SQL(
            "NOT EXISTS (SELECT 1 FROM ir_model_data d "
            "WHERE d.model = {table}.{column} "
            "AND d.res_id = {table}.res_id AND d.module IN %(modules)s)"
        ).format(table=sql.Identifier(table), column=sql.Identifier(model_column))
    result = {}
    if "id" not in cols:
        (result["count"], result["rows"]) = rows(
            cr,
            sql.SQL(
                "SELECT count(*), md5(string_agg(t::text, ',' ORDER BY t::text)) "
                "FROM {} t WHERE {}"
            ).format(sql.Identifier(table), where),
        )[0]
        return result
    (result["count"], result["ids"]) = rows(
        cr,
        sql.SQL(
            "SELECT count(*), md5(string_agg(id::text, ',' ORDER BY id)) "
            "FROM {} WHERE {}"
        ).format(sql.Identifier(table), where),
        params,
    )[0]
    kept = [c for c in cols if c not in SKIPPED_COLUMNS and c not in skip]
    if user_ids is None:
        user_rows = sql.SQL(
            "{} AND {} AND id NOT IN (SELECT res_id FROM ir_model_data WHERE "
            "model = %(model)s AND module IN %(modules)s AND res_id IS NOT NULL)"
        ).format(where, attached)
    else:
        user_rows = sql.SQL("id = ANY(%(user_ids)s)")
    (
        result["user_count"],
        result["user_ids"],
        result["user_values"],
        result["user_id_list"],
    ) = rows(
        cr,
        sql.SQL(
            "SELECT count(*), md5(string_agg(id::text, ',' ORDER BY id)), "
            "md5(string_agg(md5(ROW({})::text), ',' ORDER BY id)), "
            "coalesce(array_agg(id ORDER BY id), '{{}}') FROM {} WHERE {}"
        ).format(
            sql.SQL(", ").join(map(sql.Identifier, kept)),
            sql.Identifier(table),
            user_rows,
        ),
        params,
    )[0]
    return result


def snapshot(cr, before=None):
    """The fingerprints of the tables; with the snapshot before, of the
    rows that were the users' then."""
    mod_columns = module_columns(cr)
    data = {"module_columns": mod_columns, "tables": {}, "core": {}}
    model_of = dict(
        rows(
            cr,
            "SELECT replace(model, '.', '_'), model FROM ir_model "
            "WHERE NOT transient",
        )
    )

    def user_ids(table, key="tables"):
        return before[key].get(table, {}).get("user_id_list") if before else None

    for table in module_tables(cr):
        data["tables"][table] = fingerprint(
            cr, table, model_of.get(table, ""), user_ids=user_ids(table)
        )
    for table, (model, model_column) in CORE_TABLES.items():
        data["tables"][table] = fingerprint(
            cr, table, model, model_column, user_ids=user_ids(table)
        )
        # Without the modules' columns, to compare after the uninstall.
        data["core"][table] = fingerprint(
            cr,
            table,
            model,
            model_column,
            skip=mod_columns.get(table, ()),
            user_ids=user_ids(table, "core"),
        )
    data["xmlids"] = dict(
        rows(
            cr,
            "SELECT model, count(*) FROM ir_model_data WHERE module IN %s "
            "GROUP BY model",
            (MODULES,),
        )
    )
    data["module_fields"] = {}
    for model, name in rows(
        cr,
        """SELECT f.model, f.name FROM ir_model_fields f
           JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
           WHERE d.module IN %(modules)s AND NOT EXISTS (
                SELECT 1 FROM ir_model_data o
                WHERE o.model = 'ir.model.fields' AND o.res_id = f.id
                  AND o.module NOT IN %(modules)s)""",
        {"modules": MODULES},
    ):
        data["module_fields"].setdefault(model, []).append(name)
    data["demo_logs"] = rows(
        cr,
        "SELECT count(*) FROM ir_model_data WHERE module = 'sales_standard' "
        "AND model = 'sales.contact.log'",
    )[0][0]
    data["module_models"] = [
        model
        for (model,) in rows(
            cr,
            """SELECT m.model FROM ir_model m
               JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
               WHERE d.module IN %s
               AND NOT EXISTS (
                   SELECT 1 FROM ir_model_data o
                   WHERE o.model = 'ir.model' AND o.res_id = m.id
                   AND o.module NOT IN %s)""",
            (MODULES, MODULES),
        )
    ]
    return data


def compare(before, after, tables, label):
    for table in tables:
        old, new = before.get(table), after.get(table)
        if new is None:
            failed(f"{label}: table {table} is missing")
            continue
        if "ids" not in old:
            check(
                old == new,
                f"{label}: {table} keeps its {old['count']} rows",
                f"{old['count']} rows before, {new['count']} after",
            )
            continue
        check(
            (old["count"], old["ids"]) == (new["count"], new["ids"]),
            f"{label}: {table} keeps its {old['count']} rows (same ids)",
            f"{old['count']} rows before, {new['count']} after"
            + ("" if old["count"] != new["count"] else ", other ids"),
        )
        check(
            (old["user_ids"], old["user_values"])
            == (new["user_ids"], new["user_values"]),
            f"{label}: the {old['user_count']} rows of {table} made by users "
            "hold the same values",
            f"{new['user_count']} of them left"
            + (", with other values" if old["user_ids"] == new["user_ids"] else ""),
        )


def cmd_snapshot(cr, path):
    data = snapshot(cr)
    with open(path, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=1, sort_keys=True)
    counted = sum(t["count"] for t in data["tables"].values())
    check(
        data["tables"]["sales_contact_log"]["count"] >= 300,
        f"snapshot of {len(data['tables'])} tables ({counted} rows) in {path}",
        f"only {data['tables']['sales_contact_log']['count']} contacts in the log",
    )


def cmd_upgraded(cr, path):
    with open(path, encoding="utf-8") as src:
        before = json.load(src)
    after = snapshot(cr, before)
    compare(before["tables"], after["tables"], sorted(before["tables"]), "upgrade")
    check(
        sorted(before["tables"]) == sorted(after["tables"]),
        "upgrade: the same tables of the module",
        f"{sorted(set(before['tables']) ^ set(after['tables']))}",
    )
    check(
        before["xmlids"] == after["xmlids"],
        "upgrade: the module's external ids are the same",
        f"{before['xmlids']} before, {after['xmlids']} after",
    )


def cmd_uninstalled(cr, path):
    with open(path, encoding="utf-8") as src:
        before = json.load(src)
    state = rows(
        cr, "SELECT name, state FROM ir_module_module WHERE name IN %s", (MODULES,)
    )
    check(
        all(s != "installed" for _name, s in state),
        "uninstall: the modules are no longer installed",
        f"{state}",
    )
    # Every business record the users made, with its values; and every
    # business record at all (the module's demo clients, requests, orders).
    after = {}
    for table, (model, model_column) in CORE_TABLES.items():
        after[table] = fingerprint(
            cr,
            table,
            model,
            model_column,
            skip=before["module_columns"].get(table, ()),
            user_ids=before["core"][table]["user_id_list"],
        )
    compare(before["core"], after, sorted(CORE_TABLES), "uninstall")

    # Nothing of the module is left in the database.
    existing = relations(cr)
    gone = set(MODULE_TABLES) | (set(before["tables"]) - set(CORE_TABLES))
    left = sorted(t for t in gone if t in existing)
    check(
        not left, f"uninstall: the module's {len(gone)} tables are dropped", f"{left}"
    )
    left = sorted(
        name
        for name, kind in existing.items()
        if name.startswith("sales_") and kind in ("r", "v", "m", "p", "f")
    )
    check(not left, "uninstall: no table or view named sales_* is left", f"{left}")
    indexes = {
        f"{table}__{col}_index"
        for table, cols in before["module_columns"].items()
        for col in cols
    }
    left = sorted(
        name
        for name in relations(cr, ("i", "S"))
        if name.startswith("sales_") or name in indexes
    )
    check(not left, "uninstall: no index or sequence of the module is left", f"{left}")
    for table, cols in sorted(before["module_columns"].items()):
        if table in gone or table not in existing:
            continue
        left = sorted(set(cols) & set(columns(cr, table)))
        check(
            not left,
            f"uninstall: the module's columns of {table} are dropped "
            f"({', '.join(cols)})",
            f"left: {left}",
        )
    models = before["module_models"]
    (count,) = rows(
        cr, "SELECT count(*) FROM ir_model WHERE model = ANY(%s)", (models,)
    )[0]
    check(
        not count,
        f"uninstall: the {len(models)} models are gone from ir_model",
        f"{count} left",
    )
    (count,) = rows(
        cr,
        "SELECT count(*) FROM ir_model_fields "
        "WHERE model = ANY(%s) OR relation = ANY(%s)",
        (models, models),
    )[0]
    check(
        not count,
        "uninstall: no field of or to the models in ir_model_fields",
        f"{count} left",
    )
    left = [
        f"{table}.{col}"
        for table, cols in sorted(before["module_columns"].items())
        for col in cols
        if rows(
            cr,
            "SELECT 1 FROM ir_model_fields "
            "WHERE replace(model, '.', '_') = %s AND name = %s",
            (table, col),
        )
    ]
    check(
        not left,
        "uninstall: the module's fields are gone from ir_model_fields",
        f"{left}",
    )
    left = rows(
        cr,
        "SELECT module || '.' || name || ' (' || model || ')' FROM ir_model_data "
        "WHERE module IN %s ORDER BY id",
        (MODULES,),
    )
    check(
        not left,
        f"uninstall: the module's {sum(before['xmlids'].values())} external ids "
        "are gone",
        f"{len(left)} left: {', '.join(name for (name,) in left[:10])}",
    )
    (count,) = rows(
        cr,
        "SELECT count(*) FROM ir_model_fields_selection "
        "WHERE value = 'sales_contact_log'",
    )[0]
    check(
        not count,
        "uninstall: the 'Log Contact' action of activity types is gone",
        f"{count}",
    )
    (count,) = rows(
        cr,
        "SELECT count(*) FROM mail_activity_type WHERE category = 'sales_contact_log'",
    )[0]
    check(
        not count,
        "uninstall: no activity type keeps the 'Log Contact' action",
        f"{count}",
    )
    for table, column in (
        ("ir_attachment", "res_model"),
        ("mail_message", "model"),
        ("mail_followers", "res_model"),
        ("mail_activity", "res_model"),
        ("ir_ui_view", "model"),
        ("ir_act_window", "res_model"),
        ("ir_act_server", "model_name"),
        ("ir_cron", "cron_name"),
    ):
        if column == "cron_name":
            query = sql.SQL(
                "SELECT count(*) FROM ir_cron c JOIN ir_act_server a "
                "ON a.id = c.ir_actions_server_id WHERE a.model_name = ANY(%s)"
            )
        else:
            query = sql.SQL("SELECT count(*) FROM {} WHERE {} = ANY(%s)").format(
                sql.Identifier(table), sql.Identifier(column)
            )
        (count,) = rows(cr, query, (models,))[0]
        check(
            not count,
            f"uninstall: no {table} row of the module's models is left",
            f"{count} left",
        )


def cmd_reinstalled(cr, path):
    with open(path, encoding="utf-8") as src:
        before = json.load(src)
    state = rows(
        cr,
        "SELECT state, demo FROM ir_module_module WHERE name = 'sales_standard'",
    )
    check(
        state == [("installed", True)],
        "reinstall: installed with demo data",
        f"{state}",
    )
    existing = relations(cr)
    left = [t for t in MODULE_TABLES if t not in existing]
    check(not left, "reinstall: the module's tables are back", f"missing: {left}")
    left = sorted(
        f"{table}.{col}"
        for table, cols in MODULE_COLUMNS.items()
        for col in cols
        if col not in columns(cr, table)
    )
    check(not left, "reinstall: the module's columns are back", f"missing: {left}")
    (count,) = rows(
        cr,
        """SELECT count(*) FROM sales_contact_log l
           JOIN ir_model_data d ON d.model = 'sales.contact.log' AND d.res_id = l.id
           WHERE d.module = 'sales_standard'""",
    )[0]
    check(
        count == before["demo_logs"] > 0,
        f"reinstall: the {before['demo_logs']} demo contacts of the log are back",
        f"{count} found",
    )


COMMANDS = {
    "snapshot": cmd_snapshot,
    "upgraded": cmd_upgraded,
    "uninstalled": cmd_uninstalled,
    "reinstalled": cmd_reinstalled,
}


def main():
    db, command = sys.argv[1:3]
    path = sys.argv[3] if len(sys.argv) > 3 else None
    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        COMMANDS[command](cr, path)
    conn.close()


if __name__ == "__main__":
    main()
