// ESLint's flat configuration for the addons' JavaScript, run by the local
// "eslint" hook of .pre-commit-config.yaml (so by tools/check) with the
// version pinned in package.json.
//
// Odoo 18 loads every file of static/src and static/tests as an ES module, so
// the addons' files are linted as modules, with the browser's globals plus
// those Odoo's web client still defines (the same list as OCA's 18.0
// repository template). The rules are ESLint's recommended set and a few
// stricter ones of that template; layout is prettier's business.
const js = require("@eslint/js");
const globals = require("globals");

const odooGlobals = {
  $: "readonly",
  _: "readonly",
  fuzzy: "readonly",
  jQuery: "readonly",
  luxon: "readonly",
  moment: "readonly",
  odoo: "readonly",
  openerp: "readonly",
  owl: "readonly",
};

module.exports = [
  {
    ignores: [
      ".local/**",
      ".odoo-src/**",
      ".venv/**",
      "node_modules/**",
      "**/static/lib/**",
      "**/static/description/**",
    ],
  },
  js.configs.recommended,
  {
    files: ["*/static/src/**/*.js", "*/static/tests/**/*.js"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      globals: {...globals.browser, ...odooGlobals},
    },
    rules: {
      eqeqeq: ["error", "smart"],
      "no-duplicate-imports": "error",
      "no-else-return": "error",
      "no-eval": "error",
      "no-implicit-coercion": ["error", {allow: ["!!", "~"]}],
      "no-implicit-globals": "error",
      "no-lonely-if": "error",
      "no-return-assign": "error",
      "no-shadow": "error",
      "no-unneeded-ternary": "error",
      "no-unused-expressions": "error",
      "no-use-before-define": ["error", {functions: false}],
      "no-useless-concat": "error",
      "no-var": "error",
      "prefer-const": "error",
      radix: "error",
    },
  },
  {
    // This file and prettier's: CommonJS run by Node.
    files: ["*.cjs"],
    languageOptions: {sourceType: "commonjs", globals: globals.node},
  },
];
