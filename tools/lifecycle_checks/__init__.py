"""The checks of tools/lifecycle, which runs them with tools/ on the path.

- ``sql_checks``: the checks made in SQL, on the database as PostgreSQL sees
  it (``python -m lifecycle_checks.sql_checks DB COMMAND [SNAPSHOT]``);
- ``odoo_steps``: the steps run in ``odoo-bin shell``, with the registry of
  the database (``odoo_steps.NAME(env)``);
- ``report``: the "ok: ..." and "FAILED: ..." lines that tools/lifecycle
  counts.
"""
