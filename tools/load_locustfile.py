"""The simulated users of ``tools/load``, for locust.

Each user logs in through ``/web/session/authenticate`` on one of the Odoo
nodes (``LOAD_NODES``, comma-separated base URLs; users alternate between
them, and move to another one when theirs stops answering), then works
through the web client's own routes (``/web/action/load``,
``/web/action/run``, ``/web/dataset/call_kw``, ``/web/dataset/call_button``)
with the payloads the web client sends. Salespeople work a weighted mix of
their morning; the two heads of sales open the figures of draft reviews and
the records behind one. ``LOAD_DATA`` is the JSON that tools/load_setup.py
wrote (logins, clients, list lines, trips, reviews).

A JSON-RPC answer with an ``error`` is a failed request, named by its
action, with Odoo's message.
"""

import itertools
import json
import os
import random
import threading
from datetime import date, timedelta

from locust import HttpUser, between, events, task

with open(os.environ["LOAD_DATA"]) as data_file:
    DATA = json.load(data_file)
NODES = os.environ["LOAD_NODES"].split(",")
_NODE_CYCLE = itertools.cycle(NODES)
_LOCK = threading.Lock()
_SALESPEOPLE = iter(DATA["users"])
_HEADS = itertools.cycle(DATA["heads"])
# {request name: [ids of the records its successful requests created]}
CREATED = {}
# The day the nodes' clock shows (a working day).
TODAY = date.fromisoformat(os.environ["LOAD_DAY"])

# The fields the web client reads for the pages the users open.
LOG_LIST = {
    "date": {},
    "partner_id": {"fields": {"display_name": {}}},
    "contact_person_id": {"fields": {"display_name": {}}},
    "contact_form": {},
    "topic": {},
    "result": {},
    "next_contact_date": {},
    "user_id": {"fields": {"display_name": {}}},
}
PARTNER_LIST = {
    "display_name": {},
    "phone": {},
    "email": {},
    "user_id": {"fields": {"display_name": {}}},
    "next_contact_date": {},
    "client_type": {},
}
PLAN_FORM = {
    "display_name": {},
    "progress": {},
    "completion_rate": {},
    "line_ids": {
        "fields": {
            "partner_id": {"fields": {"display_name": {}}},
            "topic": {},
            "state": {},
            "source": {},
            "phone": {},
        }
    },
}
PASSPORT_FORM = {
    "partner_id": {"fields": {"display_name": {}}},
    "date_opened": {},
    "user_id": {"fields": {"display_name": {}}},
    "document_ids": {
        "fields": {"name": {}, "doc_type": {}, "date": {}},
        "limit": 40,
    },
}
REVIEW_FORM = {
    "display_name": {},
    "state": {},
    "figure_ids": {
        "fields": {
            "key": {},
            "value": {},
            "previous_value": {},
            "difference": {},
            "can_open": {},
        }
    },
}


class OdooUser(HttpUser):
    """A user of the web client, on one node."""

    abstract = True
    wait_time = between(1, 5)

    def __init__(self, environment):
        with _LOCK:
            self.host = next(_NODE_CYCLE)
        super().__init__(environment)
        self.odoo_context = {}

    def account(self):
        raise NotImplementedError

    def on_start(self):
        self.me = self.account()
        self.log_in()

    def log_in(self):
        """Log in, as the login page does; tried again (each try counted)
        until it succeeds, since a user without a session would only fail."""
        for _attempt in range(5):
            result = self.rpc(
                "login",
                "/web/session/authenticate",
                {
                    "db": DATA["db"],
                    "login": self.me["login"],
                    "password": self.me["password"],
                },
            )
            if result:
                self.odoo_context = dict(result.get("user_context") or {})
                self.odoo_context["allowed_company_ids"] = [
                    result.get("company_id")
                    or result["user_companies"]["current_company"]
                ]
                return

    def rpc(self, name, url, params):
        """POST a JSON-RPC call as the web client does; the result, or None
        (a failure, recorded under `name`) on an error."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        with self.client.post(
            url, json=payload, name=name, catch_response=True
        ) as answer:
            if not answer.status_code:
                # The node is gone (tools/load --faults kills one): this
                # request failed, the next ones go to another node, with the
                # same session (the nodes share their data_dir).
                answer.failure(f"node {self.client.base_url} unreachable")
                self.fail_over()
                return None
            try:
                body = answer.json()
            except ValueError:
                answer.failure(f"HTTP {answer.status_code}, not JSON")
                return None
            if body.get("error"):
                error = body["error"].get("data", {})
                answer.failure(f"{error.get('name')}: {error.get('message')}"[:300])
                if error.get("name") == "odoo.http.SessionExpiredException":
                    # The web client goes back to the login page.
                    self.log_in()
                return None
            answer.success()
            return body.get("result")

    def button(self, name, record, method, ids, context=None):
        """A button of type object, as the web client calls it."""
        return self.rpc(
            name,
            f"/web/dataset/call_button/{record}/{method}",
            {
                "model": record,
                "method": method,
                "args": [ids],
                "kwargs": {"context": {**self.odoo_context, **(context or {})}},
            },
        )

    def created(self, name, model, method, *args, **kwargs):
        """A web_save that creates: the id it answers is recorded
        (``LOAD_CREATED``, written when locust quits), so that the checks
        find each acknowledged entry in the log exactly once."""
        result = self.call(name, model, method, *args, **kwargs)
        if result:
            with _LOCK:
                CREATED.setdefault(name, []).append(result[0]["id"])
        return result

    def fail_over(self):
        others = [node for node in NODES if node != self.client.base_url]
        if others:
            self.host = self.client.base_url = random.choice(others)

    def call(self, name, model, method, *args, **kwargs):
        kwargs["context"] = {**self.odoo_context, **kwargs.get("context", {})}
        return self.rpc(
            name,
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


class Salesperson(OdooUser):
    """A sales manager's morning: My Day, contacts, lists, trips."""

    weight = 25

    def account(self):
        with _LOCK:
            me = next(_SALESPEOPLE)
        self.trips = list(me["trips"])
        return me

    def control_date(self):
        return str(TODAY + timedelta(days=random.randint(1, 20)))

    @task(10)
    def open_my_day(self):
        # My Day is a server action: the web client loads it, then runs it
        # (it prepares the day's plan if the cron has not yet), then reads
        # the plan it opens.
        loaded = self.rpc(
            "my day: load",
            "/web/action/load",
            {"action_id": "sales_standard.sales_daily_plan_action_my_day"},
        )
        if not loaded:
            return
        action = self.rpc(
            "my day: run",
            "/web/action/run",
            {"action_id": loaded["id"], "context": self.odoo_context},
        )
        if action and action.get("res_id"):
            self.plan = self.call(
                "my day: plan",
                "sales.daily.plan",
                "web_read",
                [action["res_id"]],
                specification=PLAN_FORM,
            )

    @task(8)
    def log_contact(self):
        # A contact logged may close a line of today's plan: the plan the
        # user saw is stale, My Day is opened (read) again before its lines.
        self.plan = None
        client = random.choice(self.me["clients"])
        self.created(
            "log a contact",
            "sales.contact.log",
            "web_save",
            [],
            {
                "partner_id": client,
                "contact_form": "call_out",
                "topic": "Price list",
                "result": "Price list sent",
                "next_contact_date": self.control_date(),
            },
            specification={"display_name": {}},
        )

    @task(6)
    def work_plan_line(self):
        plan = getattr(self, "plan", None)
        lines = [
            line
            for line in (plan[0]["line_ids"] if plan else [])
            if line["state"] == "planned"
        ]
        if not lines:
            self.open_my_day()
            return
        line = random.choice(lines)
        line["state"] = "done"  # not taken twice
        if random.random() < 0.7:
            action = self.button(
                "plan line: done", "sales.daily.plan.line", "action_done", [line["id"]]
            )
            if action:
                self.created(
                    "plan line: log the contact",
                    "sales.contact.log",
                    "web_save",
                    [],
                    {
                        "result": "Done from My Day",
                        "next_contact_date": self.control_date(),
                    },
                    specification={"display_name": {}},
                    context=action["context"],
                )
        else:
            wizard = self.call(
                "plan line: reschedule",
                "sales.daily.plan.reschedule",
                "web_save",
                [],
                {"date": str(TODAY + timedelta(days=1)), "planned_time": 15.5},
                specification={},
                context={"default_line_id": line["id"]},
            )
            if wizard:
                self.button(
                    "plan line: reschedule",
                    "sales.daily.plan.reschedule",
                    "action_confirm",
                    [wizard[0]["id"]],
                    context={"default_line_id": line["id"]},
                )

    @task(8)
    def page_contact_log(self):
        domain = [["user_id", "=", self.me["uid"]]]
        for offset in (0, 80):
            self.call(
                "contact log page",
                "sales.contact.log",
                "web_search_read",
                domain=domain,
                specification=LOG_LIST,
                offset=offset,
                limit=80,
                order="date desc, id desc",
                count_limit=10001,
            )

    @task(5)
    def page_overdue_partners(self):
        self.call(
            "partners: overdue follow-up",
            "res.partner",
            "web_search_read",
            domain=[["next_contact_date", "<", str(TODAY)]],
            specification=PARTNER_LIST,
            limit=80,
            count_limit=10001,
        )

    @task(3)
    def open_client_contact_log(self):
        # The client card's "Contact log" button (read-only: the replica).
        client = random.choice(self.me["clients"])
        action = self.button(
            "client: contact log button",
            "res.partner",
            "action_sales_open_contact_log",
            [client],
        )
        if action:
            self.call(
                "client: contact log page",
                "sales.contact.log",
                "web_search_read",
                domain=action["domain"],
                specification=LOG_LIST,
                limit=80,
                order="date desc, id desc",
                count_limit=10001,
            )

    @task(4)
    def open_client_passport(self):
        client = random.choice(self.me["clients"])
        passports = self.call(
            "client passport",
            "sales.client.passport",
            "web_search_read",
            domain=[["partner_id", "=", client]],
            specification={"display_name": {}},
            limit=1,
        )
        if passports and passports["records"]:
            self.call(
                "client passport",
                "sales.client.passport",
                "web_read",
                [passports["records"][0]["id"]],
                specification=PASSPORT_FORM,
            )

    @task(4)
    def client_list_contact(self):
        self.plan = None  # as log_contact
        line = random.choice(self.me["list_lines"])
        self.call(
            "client list: enter a contact",
            "sales.client.list.line",
            "web_save",
            [line],
            {
                "contact_date": str(TODAY),
                "result": "Interested, call back",
                "next_contact_date": self.control_date(),
            },
            specification={"last_contact_date": {}},
        )

    @task(1)
    def submit_trip_report(self):
        self.plan = None  # as log_contact
        if not self.trips:
            return
        trip = self.trips.pop()
        trip_data = self.call(
            "trip report: read",
            "sales.trip",
            "web_read",
            [trip],
            specification={"visit_ids": {"fields": {"state": {}}}},
        )
        if not trip_data:
            return
        visits = trip_data[0]["visit_ids"]
        self.call(
            "trip report: visit made",
            "sales.trip",
            "web_save",
            [trip],
            {
                "visit_ids": [
                    [1, visit["id"], {"made": True, "result": "Samples handed over"}]
                    for visit in visits[:1]
                ]
            },
            specification={},
        )
        self.button("trip report: submit", "sales.trip", "action_submit_report", [trip])


class HeadOfSales(OdooUser):
    """A head of sales at the half-monthly review."""

    fixed_count = 2

    def account(self):
        with _LOCK:
            return next(_HEADS)

    @task
    def open_review(self):
        review = self.call(
            "review figures",
            "sales.manager.report",
            "web_read",
            [random.choice(DATA["reviews"])],
            specification=REVIEW_FORM,
        )
        figures = [
            figure
            for figure in (review[0]["figure_ids"] if review else [])
            if figure["can_open"]
        ]
        if not figures:
            return
        # A figure's button: the records behind it (read-only: the replica).
        action = self.button(
            "review figure: open records",
            "sales.manager.report.figure",
            "action_open_records",
            [random.choice(figures)["id"]],
        )
        if action:
            self.call(
                "review figure: records page",
                action["res_model"],
                "web_search_read",
                domain=action["domain"],
                specification={"display_name": {}},
                limit=80,
                count_limit=10001,
                context=action["context"],
            )


@events.quitting.add_listener
def _exit_code(environment, **_kwargs):
    with open(os.environ["LOAD_CREATED"], "w") as created_file:
        json.dump(CREATED, created_file)
    # Any failed request fails the run.
    if environment.stats.total.num_failures:
        environment.process_exit_code = 1
