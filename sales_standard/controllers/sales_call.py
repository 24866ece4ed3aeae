# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The endpoint of telephony providers: ``POST /sales_standard/call``.

The body is one finished call, as JSON (see ``parse_call_report``), signed
with the company's secret (Settings ‣ CRM ‣ Telephony Secret): the header
``X-Sales-Signature: sha256=<hex>`` is the HMAC-SHA256 of the raw body. The
company is the one whose secret makes that signature; a body may name it
(``company_id``) when two companies share a secret.

Answers (JSON): 200 ``{"id": …, "state": "matched"|"unmatched"|"ignored",
"matched": true|false}``; 400 ``{"error": …}`` for a body that is not a call;
403 for a missing or wrong signature; 409 when the company does not capture
calls. Nothing is written unless the answer is 200.
"""

import hashlib
import hmac
import json
import logging

from odoo import http
from odoo.http import request

from ..models.sales_call import CallReportError, parse_call_report

_logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Sales-Signature"
# The largest body accepted: one call is a few hundred bytes.
MAX_BODY = 64 * 1024


def signature(secret, body):
    """The value of the signature header of `body` signed with `secret`."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


class SalesCallController(http.Controller):
    @http.route(
        "/sales_standard/call",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def sales_call(self, **kwargs):
        body = request.httprequest.get_data(cache=False)[: MAX_BODY + 1]
        if len(body) > MAX_BODY:
            return self._answer(400, error="The body is too large.")
        company = self._sales_company(body, request.httprequest.headers)
        if not company:
            _logger.info("Call report refused: no company's signature.")
            return self._answer(403, error="Wrong or missing signature.")
        if not company.sales_capture_calls:
            return self._answer(
                409, error="This company does not capture phone calls (Settings)."
            )
        try:
            report = parse_call_report(json.loads(body))
        except (ValueError, RecursionError) as error:
            message = (
                str(error)
                if isinstance(error, CallReportError)
                else "The body is not JSON."
            )
            return self._answer(400, error=message)
        call = request.env["sales.call"].sudo()._sales_receive(company, [report])
        return self._answer(
            200, id=call.id, state=call.state, matched=call.state == "matched"
        )

    def _sales_company(self, body, headers):
        """The company whose secret signs `body`, or None.

        Every company with a secret is tried (compared in constant time);
        when two share the secret, the body must name one (``company_id``).
        """
        given = headers.get(SIGNATURE_HEADER, "")
        if not given:
            return None
        companies_su = (
            request.env["res.company"]
            .sudo()
            .search([("sales_call_secret", "!=", False)], order="id")
        )
        signed = companies_su.filtered(
            lambda company: hmac.compare_digest(
                signature(company.sales_call_secret, body).encode(),
                given.strip().encode(),
            )
        )
        if len(signed) > 1:
            try:
                named = json.loads(body).get("company_id")
            except (ValueError, AttributeError, RecursionError):
                named = None
            signed = signed.filtered(lambda company: company.id == named)
        return signed if len(signed) == 1 else None

    def _answer(self, status, **values):
        return request.make_json_response(values, status=status)
