/** @odoo-module */
// Copyright 2026 sales_standard developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import {registry} from "@web/core/registry";

/**
 * Load the Sales Standard dashboard in o-spreadsheet as the Dashboards app
 * does, wait for every pivot and chart to read its data, and fail on any cell
 * whose formula evaluates to an error.
 *
 * The spreadsheet's modules come with the Dashboards app's lazy bundle: they
 * are read once the app is open.
 */
async function checkDashboard() {
    const modules = odoo.loader.modules;
    const {DashboardLoader} = modules.get(
        "@spreadsheet_dashboard/bundle/dashboard_action/dashboard_loader"
    );
    const {waitForDataLoaded} = modules.get("@spreadsheet/helpers/model");
    const {helpers} = modules.get("@odoo/o-spreadsheet");
    const env = odoo.__WOWL_DEBUG__.root.env;
    const loader = new DashboardLoader(env, env.services.orm);
    await loader.load();
    const found = loader
        .getDashboardGroups()
        .flatMap((group) => group.dashboards)
        .find((dashboard) => dashboard.displayName === "Sales Standard");
    if (!found) {
        throw new Error("The Sales Standard dashboard is not listed");
    }
    const dashboard = loader.getDashboard(found.id);
    await dashboard.promise;
    const model = dashboard.model;
    await waitForDataLoaded(model);
    const errors = [];
    let formulas = 0;
    for (const sheetId of model.getters.getSheetIds()) {
        for (const position of model.getters.getEvaluatedCellsPositions(sheetId)) {
            const cell = model.getters.getEvaluatedCell(position);
            formulas += 1;
            if (cell.type === "error") {
                const xc = helpers.toXC(position.col, position.row);
                errors.push(`${xc}: ${cell.value} ${cell.message || ""}`);
            }
        }
    }
    if (errors.length || !formulas) {
        throw new Error(`Dashboard cells in error:\n${errors.join("\n")}`);
    }
}

registry.category("web_tour.tours").add("sales_standard_spreadsheet_dashboard", {
    steps: () => [
        {
            content: "The Sales Standard dashboard is listed under Sales",
            trigger: ".o_search_panel_category_value:contains(Sales Standard)",
            run: "click",
        },
        {
            content: "It opens as a spreadsheet",
            trigger: ".o_spreadsheet_dashboard_action .o-spreadsheet",
        },
        {
            content: "Every pivot and chart reads its data, no cell is in error",
            trigger: ".o_spreadsheet_dashboard_action .o-spreadsheet",
            run: checkDashboard,
        },
    ],
});
