"""pytest settings for the Odoo suite run by ``tools/test`` (pytest-odoo).

Odoo logs an ERROR when its test framework is imported outside test mode, and
pytest-odoo imports it as soon as it has read Odoo's options. So ``tools/test``
starts Odoo in test mode (``--odoo-extra=test-enable``), and test mode is
turned off again once the tests are collected: left on, it would make Odoo run
every installed module's tests while it loads the registry. pytest-odoo turns
it back on around each test module, as Odoo's own runner does.
"""


def pytest_collection_finish(session):
    try:
        from odoo.tools import config
    except ImportError:
        return
    config["test_enable"] = False
