"""The data of ``tools/load``: the ``tools/bench medium`` database, plus what
the simulated users work on.

Run by tools/load in ``odoo-bin shell`` (tools/ on the path), at the clock
of the run (a working day's morning):

- the medium data of tools/benchmark.py (50 salespeople with 10,000 clients
  and 100,000 contacts), built once;
- a password for each of those salespeople (its login), and two heads of
  sales, ``load_head_0`` and ``load_head_1``;
- for each salesperson: an open client list of 30 of their clients, 10
  approved business trips of two visits each (the trip reports to submit),
  and a draft review of the last half-month (what the heads open).

It writes what the users need (logins, ids) as JSON for the locust file,
and commits. Run again on the same database, it adds only what the users
used up (trips reported, lists closed).
"""

import json
import random
from datetime import timedelta

import benchmark
from freezegun import freeze_time

from odoo import fields

from odoo.addons.sales_standard.models.sales_manager_report import last_half_month

HEADS = 2
# The morning the nodes run at (UTC): 09:00 in Moscow.
MORNING = "06:00:00"
LIST_LINES = 30
TRIPS = 10
HEAD_GROUPS = ("sales_team.group_sale_manager", "base.group_partner_manager")


def _heads(env):
    users = env["res.users"].with_context(no_reset_password=True)
    heads = users.search([("login", "=like", "load_head_%")], order="login")
    missing = [f"load_head_{index}" for index in range(len(heads), HEADS)]
    if missing:
        groups = [env.ref(xmlid).id for xmlid in HEAD_GROUPS]
        heads |= users.create(
            [
                {
                    "name": f"Load Head {login[-1]}",
                    "login": login,
                    "tz": "Europe/Moscow",
                    "groups_id": [(6, 0, groups)],
                }
                for login in missing
            ]
        )
    return heads


def _accounts(users):
    """A password (the login) and an email (activities notify by email) for
    each user; Odoo hashes each password (a few ms each): done once."""
    for user in users.filtered(lambda user: not user.email):
        user.email = f"{user.login}@load.example.com"
    for user in users.filtered(lambda user: not user.sudo().password):
        user.password = user.login


def _client_lists(env, manager, clients):
    lists = env["sales.client.list"].search(
        [("user_id", "=", manager.id), ("name", "=", "Load list")]
    )
    open_list = lists.filtered(lambda client_list: client_list.state != "done")[:1]
    if not open_list:
        # A list is classified: the region of the manager's first client.
        region = clients[:1].sales_region_id
        open_list = env["sales.client.list"].create(
            {
                "name": "Load list",
                "user_id": manager.id,
                "region_id": region.id,
                "line_ids": [
                    (0, 0, {"partner_id": client.id, "topic": "Load call"})
                    for client in clients.filtered(
                        lambda client: client.sales_region_id == region
                    )[:LIST_LINES]
                ],
            }
        )
    return open_list.line_ids


def _trips(env, manager, clients, head):
    trips = env["sales.trip"].search(
        [("user_id", "=", manager.id), ("state", "=", "approved")]
    )
    # One-day trips, each a day before the manager's earliest trip (the trips
    # of one person cannot overlap; those reported in earlier runs keep
    # their days).
    earliest = min(
        env["sales.trip"].search([("user_id", "=", manager.id)]).mapped("date_from"),
        default=fields.Date.context_today(manager) + timedelta(days=1),
    )
    missing = TRIPS - len(trips)
    if missing > 0:
        new = (
            env["sales.trip"]
            .with_user(manager)
            .create(
                [
                    {
                        "destination": f"Load city {index}",
                        "date_from": earliest - timedelta(days=index + 1),
                        "date_to": earliest - timedelta(days=index + 1),
                        "purpose": "Meet the plants",
                        "visit_ids": [
                            (
                                0,
                                0,
                                {
                                    "partner_id": client.id,
                                    "planned_date": earliest
                                    - timedelta(days=index + 1),
                                    "goal": "Present the catalogue",
                                },
                            )
                            for client in clients[2 * index : 2 * index + 2]
                        ],
                    }
                    for index in range(missing)
                ]
            )
        )
        new.action_submit()
        new.with_user(head).action_approve()
        trips |= new
    return trips


def _reviews(env, managers, heads):
    date_from, date_to = last_half_month(fields.Date.context_today(heads[0]))
    reviews = env["sales.manager.report"].search(
        [
            ("manager_id", "in", managers.ids),
            ("date_from", "=", date_from),
            ("date_to", "=", date_to),
        ]
    )
    missing = managers - reviews.manager_id
    if missing:
        reviews |= env["sales.manager.report"].create(
            [
                {
                    "manager_id": manager.id,
                    "reviewer_id": heads[index % len(heads)].id,
                    "date_from": date_from,
                    "date_to": date_to,
                }
                for index, manager in enumerate(missing)
            ]
        )
    return reviews.filtered(lambda review: review.state == "draft")


def fresh_working_day(env, days=6):
    """The first working day of every benchmark manager, from today, with no
    daily plan yet: each run meets the morning cron with work to do (the
    plans of 50 managers), not the plans an earlier run prepared. Failing
    that, the first working day (its plans are there already).

    No further than 6 days ahead: Odoo deletes the session files older than
    7 days by their real time, against the nodes' clock, so a clock a week
    ahead logs every user out in the middle of the run."""
    managers = env["res.users"].search([("login", "=like", "bench_manager_%")])
    planned = set(
        env["sales.daily.plan"].search([("user_id", "in", managers.ids)]).mapped("date")
    )
    today = fields.Date.today()
    for offset in range(days):
        day = today + timedelta(days=offset)
        if day in planned:
            continue
        with freeze_time(f"{day} {MORNING}"):
            if set(managers._sales_working_today()) >= set(managers.ids):
                return day
    return benchmark.working_day(env)


def main(env, size, out_path, say=print):
    """What tools/load runs: build the data of `size` once, then complete the
    load data at 06:00 UTC of the managers' next working day without plans
    (the morning the nodes run at), and write the users' JSON to
    `out_path`."""
    if benchmark.build(env, size):
        env.cr.commit()
        say(f"built the {size} data of tools/bench")
    day = fresh_working_day(env)
    with freeze_time(f"{day} {MORNING}"):
        data = setup(env, day)
    with open(out_path, "w") as out:
        json.dump(data, out)
    say(
        f"{day:%A %Y-%m-%d}: {len(data['users'])} salespeople, "
        f"{len(data['heads'])} heads, {len(data['reviews'])} draft reviews; "
        f"written to {out_path}"
    )
    return data


def setup(env, day):
    """Complete the load data of `day` (committed); the users' data."""
    managers = env["res.users"].search(
        [("login", "=like", "bench_manager_%")], order="id"
    )
    heads = _heads(env)
    _accounts(managers | heads)
    clients_by_manager = {
        manager: env["res.partner"].search(
            [("user_id", "=", manager.id), ("is_company", "=", True)],
            limit=200,
            order="id",
        )
        for manager in managers
    }
    users = []
    for index, manager in enumerate(managers):
        clients = clients_by_manager[manager]
        lines = _client_lists(env, manager, clients)
        trips = _trips(env, manager, clients[LIST_LINES:], heads[index % HEADS])
        users.append(
            {
                "login": manager.login,
                "password": manager.login,
                "uid": manager.id,
                "clients": clients.ids,
                "list_lines": lines.ids,
                "trips": trips.ids,
            }
        )
    reviews = _reviews(env, managers, heads)
    env.cr.commit()
    random.Random(0).shuffle(users)
    return {
        "db": env.cr.dbname,
        "day": str(day),
        "users": users,
        "heads": [{"login": head.login, "password": head.login} for head in heads],
        "reviews": reviews.ids,
    }
