# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The README's screenshots, taken in a real Chrome by Odoo's HttpCase.

tools/screenshots runs this file with pytest-odoo on a fresh demo database.
It is not a test of the suite: it lives outside the addon's tests/ and
outside tools/tests/, so neither tools/test nor CI collects it.

It loads Russian where the database lacks it, gives the demo salesperson
(``base.user_demo``) and the head of sales (``base.user_admin``) Russian and
Moscow time, then opens each screen with ``browser_js`` (desktop 1366×768,
a 375×667 touch phone, or a sheet of paper for a printed form), waits until
the page shows the screen's data in Russian and nothing is loading, and
saves what Chrome shows (``Page.captureScreenshot``) as a PNG reduced to
256 colours with Pillow. The database is rolled back at the end, as after
any HttpCase.
"""

import base64
import io
import json
import os
from collections import namedtuple
from pathlib import Path
from unittest.mock import patch

from PIL import Image

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tests import common as tests_common

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(
    os.environ.get("SS_SHOTS_DIR") or ROOT / "sales_standard" / "static" / "description"
)
LANG = "ru_RU"
TZ = "Europe/Moscow"
DESKTOP = "1366x768"
PHONE = "375x667"
PAPER = "1000x1100"
# Milliseconds to let the last paint (a chart's animation) end before the shot.
SETTLE_MS = 1500

# A screen: the PNG's name (screenshot_<name>.png), the user, the size of
# the window, the URL (formatted with the demo records' ids) and the CSS
# selectors that must all match before the shot.
Shot = namedtuple("Shot", "name login size url selectors")

SHOTS = [
    Shot(
        "my_day",
        "demo",
        DESKTOP,
        "/odoo/action-sales_standard.sales_daily_plan_action_my_day",
        [".o_form_view .o_field_widget[name=line_ids] .o_data_row"],
    ),
    Shot(
        "my_day_phone",
        "demo",
        PHONE,
        "/odoo/action-sales_standard.sales_daily_plan_action_my_day",
        [
            ".o_form_view .o_field_widget[name=line_ids]"
            " .o_kanban_record:not(.o_kanban_ghost)"
        ],
    ),
    Shot(
        "contact_log_graph",
        "admin",
        DESKTOP,
        "/odoo/action-sales_standard.sales_contact_log_action?view_type=graph",
        [".o_graph_view .o_graph_renderer canvas"],
    ),
    Shot(
        "region_passport",
        "admin",
        DESKTOP,
        "/odoo/action-sales_standard.sales_region_action/{region}",
        [".o_form_view .o_field_widget[name=name]", ".o_form_view .o_notebook"],
    ),
    Shot(
        "client_passport",
        "admin",
        DESKTOP,
        "/odoo/action-sales_standard.sales_client_passport_action/{passport}",
        [".o_form_view .o_field_widget[name=partner_id]", ".o_form_view .o_data_row"],
    ),
    Shot(
        "manager_review",
        "admin",
        DESKTOP,
        "/odoo/action-sales_standard.sales_manager_report_action/{review}",
        [".o_form_view .o_field_widget[name=manager_id]"],
    ),
    Shot(
        "printed_region_passport",
        "admin",
        PAPER,
        "/report/html/sales_standard.report_region_passport/{region}",
        [".article .page"],
    ),
]

# True once the page shows its data in Russian and nothing is loading: the
# web client's user has Russian (a printed form says it in <html lang>), no
# list or chart is empty or sample data, and the fonts are in.
READY = """
(() => {
    const loader = window.odoo && window.odoo.loader;
    const user = loader && loader.modules.get("@web/core/user");
    const russian = user
        ? user.user.context.lang === "%(lang)s"
        : document.documentElement.lang === "%(html_lang)s";
    return (
        russian &&
        document.readyState === "complete" &&
        document.fonts.status === "loaded" &&
        %(selectors)s.every((selector) => document.querySelector(selector)) &&
        !document.querySelector(
            ".o_loading_indicator, .o_view_nocontent, .o_view_sample_data"
        )
    );
})()
"""
# No focused field (a search box's caret) and no scrollbar in the picture.
CODE = (
    """
document.activeElement && document.activeElement.blur();
const style = document.createElement("style");
style.textContent = "* { scrollbar-width: none !important; }";
document.head.appendChild(style);
setTimeout(() => console.log("test successful"), %d);
"""
    % SETTLE_MS
)


def optimize_png(data):
    """The PNG ``data`` reduced to 256 colours, as small as Pillow saves it."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


class ShotBrowser(tests_common.ChromeBrowser):
    """Odoo's headless Chrome, which shoots the page once the test code has
    signalled success, before ``browser_js`` closes it."""

    def _wait_code_ok(self, code, timeout, error_checker=None):
        super()._wait_code_ok(code, timeout, error_checker=error_checker)
        return self._shoot()

    def _shoot(self):
        """Save what the page shows now; returns the PNG's path."""
        shot = self._websocket_request(
            "Page.captureScreenshot",
            params={"format": "png", "captureBeyondViewport": False},
            timeout=30,
        )
        return self.test_case.save_screenshot(base64.b64decode(shot["data"]))


@tagged("post_install", "-at_install")
class TestScreenshots(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Read the manifests before the browser's parallel requests (see
        # the addon's test_tour.py).
        cls.addon_statics = http.root.statics
        cls.startClassPatcher(patch.object(tests_common, "ChromeBrowser", ShotBrowser))
        env = cls.env
        if not env["res.lang"].search([("code", "=", LANG)]):
            env["res.lang"]._activate_lang(LANG)
            installed = env["ir.module.module"].search([("state", "=", "installed")])
            env["ir.module.module"]._load_module_terms(
                installed.mapped("name"), [LANG], overwrite=True
            )
        (env.ref("base.user_demo") | env.ref("base.user_admin")).write(
            {"lang": LANG, "tz": TZ}
        )
        cls.record_ids = {
            "region": env.ref("sales_standard.sales_region_central_demo").id,
            "passport": env.ref(
                "sales_standard.sales_client_passport_nevsky_valve_demo"
            ).id,
            "review": env.ref("sales_standard.sales_manager_report_demo_draft_demo").id,
        }
        cls.target = cls.saved = None

    def save_screenshot(self, data):
        png = optimize_png(data)
        self.target.write_bytes(png)
        self._logger.info("%s: %d bytes", self.target.name, len(png))
        self.saved = self.target
        return self.saved

    def test_screenshots(self):
        OUT.mkdir(parents=True, exist_ok=True)
        for shot in SHOTS:
            with self.subTest(shot=shot.name):
                self.target = OUT / f"screenshot_{shot.name}.png"
                self.saved = None
                self.browser_size = shot.size
                self.touch_enabled = shot.size == PHONE
                ready = READY % {
                    "lang": LANG,
                    "html_lang": LANG.replace("_", "-"),
                    "selectors": json.dumps(shot.selectors),
                }
                self.browser_js(
                    shot.url.format(**self.record_ids),
                    CODE,
                    ready=ready,
                    login=shot.login,
                    timeout=60,
                )
                self.assertEqual(
                    self.saved, self.target, "the screenshot was not saved"
                )
