"""The checks and the report of ``tools/load``, with plain SQL.

Subcommands (run by tools/load):

- ``wait-replica``: wait until the replica streams and has replayed what
  the primary has written;
- ``wait-nodes PORT...``: wait until each Odoo node answers /web/health;
- ``trigger-crons``: trigger the morning cron and the review reminders now
  (a row in ``ir_cron_trigger`` and the notification that wakes the nodes'
  cron workers: whichever node is free takes each);
- ``snapshot``: the counters that the report compares (transactions served
  by the primary and by the replica);
- ``report``: after the run, check that nothing was lost or doubled, and
  print and write (``report.md``) the table per action, the nodes' peak
  memory, the crons each node ran, the retried serialization failures and
  what the replica served.

The report fails (exit 1) when a request failed, a check did not hold, or a
node logged an ERROR.
"""

import argparse
import csv
import json
import re
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg2

CRONS = (
    "sales_standard.ir_cron_prepare_daily_plans",
    "sales_standard.ir_cron_remind_manager_reviews",
)
# What each checked action leaves in the contact log: (the locust name of
# the request that makes it, the result it writes).
LOGGED = {
    "log a contact": "Price list sent",
    "plan line: log the contact": "Done from My Day",
    "trip report: submit": "Samples handed over",
}
RETRY = re.compile(
    r"(SERIALIZATION_FAILURE|LOCK_NOT_AVAILABLE|DEADLOCK_DETECTED), \d+ tries left"
)
CRON_DONE = re.compile(r"Job '([^']+)' \(\d+\) done")
# Odoo's fallback when it cannot reach the replica (odoo/modules/registry.py).
REPLICA_FALLBACK = "Failed to open a readonly cursor, falling back"


def say(text, error=False):
    (sys.stderr if error else sys.stdout).write(f"{text}\n")


def connect(db, port=None):
    return (
        psycopg2.connect(dbname=db, port=port) if port else psycopg2.connect(dbname=db)
    )


def rows(db, query, params=(), port=None):
    with connect(db, port) as conn, conn.cursor() as cr:
        cr.execute(query, params)
        return cr.fetchall()


def wait_replica(args):
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        [(target,)] = rows(args.db, "SELECT pg_current_wal_lsn()::text")
        state = rows(
            args.db,
            "SELECT state, replay_lsn >= %s::pg_lsn FROM pg_stat_replication",
            (target,),
        )
        if state and state[0] == ("streaming", True):
            say(f"==> the replica on port {args.replica_port} is streaming, in sync")
            return 0
        time.sleep(1)
    say("error: the replica did not catch up in 5 minutes", error=True)
    return 1


def wait_nodes(args):
    for port in args.ports:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/web/health", timeout=5
                ):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    say(f"error: the node on port {port} did not start", error=True)
                    return 1
                time.sleep(1)

    # Warm up: each worker loads the registry on its first request to the
    # database; a few pages at once per node reach both of its workers.
    def page(port):
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/web/login?db={args.db}", timeout=120
            ) as answer:
                answer.read()
        except OSError as error:
            say(f"warning: warming up the node on port {port}: {error}", error=True)

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(page, [port for port in args.ports for _index in range(8)]))
    say(f"==> the nodes answer on ports {', '.join(map(str, args.ports))}")
    return 0


def trigger_crons(args):
    with connect(args.db) as conn, conn.cursor() as cr:
        cr.execute(
            """
            INSERT INTO ir_cron_trigger (cron_id, call_at, create_uid, write_uid,
                                         create_date, write_date)
            SELECT data.res_id, now() AT TIME ZONE 'UTC', 1, 1,
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM ir_model_data data
             WHERE data.module || '.' || data.name = ANY(%s)
            """,
            (list(CRONS),),
        )
        cr.execute("SELECT pg_notify('cron_trigger', %s)", (args.db,))
    return 0


def counters(db, replica_port):
    query = (
        "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s"
    )
    [(primary,)] = rows(db, query, (db,))
    [(replica,)] = rows(db, query, (db,), port=replica_port)
    [(last_log_id,)] = rows(db, "SELECT coalesce(max(id), 0) FROM sales_contact_log")
    return {
        "primary": int(primary),
        "replica": int(replica),
        "last_log_id": last_log_id,
    }


def snapshot(args):
    Path(args.out).write_text(json.dumps(counters(args.db, args.replica_port)))
    return 0


def locust_stats(out_dir):
    """The rows per request name, and the aggregated row, of locust's CSV."""
    with open(out_dir / "locust_stats.csv", newline="") as stats_file:
        stats = list(csv.DictReader(stats_file))
    return (
        [row for row in stats if row["Name"] != "Aggregated"],
        [row for row in stats if row["Name"] == "Aggregated"],
    )


def checks(db, stats, last_log_id, faults=False, created=None):
    """The invariants: [(what, holds, detail)]. Under faults, a request cut
    off by the killed node may have been committed or not: its entry is
    there at most once."""
    ok = {
        row["Name"]: int(row["Request Count"]) - int(row["Failure Count"])
        for row in stats
    }
    failed = {row["Name"]: int(row["Failure Count"]) for row in stats}
    created = created or {}
    found = []
    for name, result in LOGGED.items():
        ids = {
            entry_id
            for (entry_id,) in rows(
                db,
                "SELECT id FROM sales_contact_log WHERE result = %s AND id > %s",
                (result, last_log_id),
            )
        }
        count = len(ids)
        expected = ok.get(name, 0)
        if name in created:
            # The ids the users were answered: each is there, and nothing
            # else (but, under faults, the requests cut off).
            answered = set(created[name])
            cut_off = failed.get(name, 0) if faults else 0
            found.append(
                (
                    f"each successful '{name}' is in the contact log once",
                    answered <= ids and len(ids - answered) <= cut_off,
                    f"{len(answered)} entries answered, {len(answered - ids)} of "
                    f"them missing, {len(ids - answered)} entries not answered"
                    + (f" ({cut_off} requests failed)" if faults else ""),
                )
            )
            continue
        cut_off = failed.get(name, 0) if faults else 0
        found.append(
            (
                f"each successful '{name}' is in the contact log once",
                expected <= count <= expected + cut_off,
                f"{count} entries for {expected} successful requests"
                + (f" and {cut_off} failed" if faults else ""),
            )
        )
    duplicates = {
        "one plan per manager and day": """
            SELECT count(*) FROM (SELECT 1 FROM sales_daily_plan
             GROUP BY user_id, date, company_id HAVING count(*) > 1) doubled""",
        "one open follow-up per client and manager": """
            SELECT count(*) FROM (SELECT 1 FROM mail_activity activity
              JOIN ir_model_data data ON data.res_id = activity.activity_type_id
                   AND data.model = 'mail.activity.type'
                   AND data.module = 'sales_standard'
             WHERE activity.res_model = 'res.partner' AND activity.active
             GROUP BY activity.res_id, activity.user_id HAVING count(*) > 1) doubled""",
        "one review per manager and period": """
            SELECT count(*) FROM (SELECT 1 FROM sales_manager_report
             GROUP BY manager_id, company_id, date_from, date_to
             HAVING count(*) > 1) doubled""",
    }
    for what, query in duplicates.items():
        [(count,)] = rows(db, query)
        found.append((what, count == 0, f"{count} doubled"))
    return found


def node_logs(out_dir):
    """{node: (errors, warnings, retries, fallbacks, {cron: runs})}: the
    fallbacks are the times Odoo could not reach the replica."""
    result = {}
    for log in sorted(out_dir.glob("node*.log")):
        errors = warnings = retries = fallbacks = 0
        crons = {}
        with open(log, errors="replace") as lines:
            for line in lines:
                if " ERROR " in line or " CRITICAL " in line:
                    errors += 1
                elif REPLICA_FALLBACK in line:
                    fallbacks += 1
                elif " WARNING " in line:
                    warnings += 1
                if RETRY.search(line):
                    retries += 1
                if match := CRON_DONE.search(line):
                    crons[match[1]] = crons.get(match[1], 0) + 1
        result[log.stem] = (errors, warnings, retries, fallbacks, crons)
    return result


def locust_crashes(out_dir):
    """The exceptions that stopped simulated users (a bug of the locust
    file, not a failed request), as 'Error: count' text."""
    log = out_dir / "locust.log"
    found = {}
    if log.exists():
        for line in log.read_text(errors="replace").splitlines():
            if match := re.search(r"failed with (\w+)", line):
                found[match[1]] = found.get(match[1], 0) + 1
    return ", ".join(f"{name} ×{count}" for name, count in sorted(found.items()))


def failure_kinds(out_dir):
    """The failed requests by action and error, from locust's CSV."""
    path = out_dir / "locust_failures.csv"
    if not path.exists():
        return []
    with open(path, newline="") as failures_file:
        return [
            f"{row['Name']}: {row['Error'][:120]} ×{row['Occurrences']}"
            for row in csv.DictReader(failures_file)
        ]


def error_kinds(out_dir, limit=5):
    """The first lines of the distinct ERROR records of the nodes' logs."""
    kinds = {}
    for log in sorted(out_dir.glob("node*.log")):
        for line in log.read_text(errors="replace").splitlines():
            if " ERROR " in line or " CRITICAL " in line:
                text = re.sub(r"^\S+ \S+ \d+ ", "", line)[:160]
                kinds.setdefault(f"{log.stem}: {text}", 0)
                kinds[f"{log.stem}: {text}"] += 1
    return [f"{text} ×{count}" for text, count in list(kinds.items())[:limit]]


def cpu_lines(out_dir, minutes):
    """Where the CPU went during the run (tools/load's cpu-*.txt: node0,
    node1, the primary, the replica, in CPU seconds)."""
    try:
        before, after = (
            [float(value) for value in (out_dir / name).read_text().split()]
            for name in ("cpu-before.txt", "cpu-after.txt")
        )
    except (OSError, ValueError):
        return []
    used = [max(0.0, end - start) for start, end in zip(before, after, strict=True)]
    names = ("node0", "node1", "PostgreSQL primary", "PostgreSQL replica")
    return [
        "- CPU seconds used during the run: "
        + ", ".join(
            f"{name} {value:.0f}" for name, value in zip(names, used, strict=True)
        )
        + f" (two cores for {minutes} min: {minutes * 120} CPU seconds, shared with"
        " locust and whatever else runs on the machine)"
    ]


def report(args):
    out_dir = Path(args.out_dir)
    stats, total = locust_stats(out_dir)
    before = json.loads((out_dir / "before.json").read_text())
    after = counters(args.db, args.replica_port)
    lines = [
        f"{args.users} users arriving over {args.arrival} s, {args.minutes} min, "
        f"two nodes ({args.workers} workers + 1 cron worker each), replica on "
        f"port {args.replica_port}, "
        f"clock {args.day} 06:00 UTC",
        "",
        "| action | requests | failures | p50 ms | p95 ms | p99 ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in sorted(stats, key=lambda row: row["Name"]) + total:
        lines.append(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
            f"{row['50%']} | {row['95%']} | {row['99%']} | "
            f"{float(row['Requests/s']):.2f} |"
        )
    failed = [row for row in stats if int(row["Failure Count"])]
    # The login is once per session and mostly the password's hash
    # (PBKDF2-SHA512, 600,000 rounds in Odoo 18): shown, not held to 1 s.
    slow = [
        row["Name"]
        for row in stats
        if row["Name"] != "login"
        and row["95%"] not in ("N/A", "")
        and int(row["95%"]) >= 1000
    ]
    lines.append("")
    module_crons = {
        name
        for (name,) in rows(
            args.db,
            """SELECT cron.cron_name FROM ir_cron cron
                 JOIN ir_model_data data ON data.res_id = cron.id
                      AND data.model = 'ir.cron' AND data.module = 'sales_standard'""",
        )
    }
    for node, (errors, warnings, retries, fallbacks, crons) in node_logs(
        out_dir
    ).items():
        peak = out_dir / f"peak-{node[-1]}.kb"
        peak_mb = int(peak.read_text()) / 1024 if peak.exists() else 0
        cron_text = ", ".join(
            f"{name} ×{count}"
            for name, count in sorted(crons.items())
            if name in module_crons
        )
        lines.append(
            f"- {node}: peak memory {peak_mb:.0f} MB (master and workers); "
            f"{errors} ERROR, {warnings} WARNING records; {retries} serialization "
            f"failures retried by Odoo; {fallbacks} falls back to the primary "
            f"(replica unreachable); the module's crons run: {cron_text or 'none'}"
        )
    served = {key: after[key] - before[key] for key in ("primary", "replica")}
    share = served["replica"] / max(1, served["primary"] + served["replica"])
    lines.append(
        f"- transactions during the run: {served['primary']} on the primary, "
        f"{served['replica']} on the replica ({share:.0%})"
    )
    lines.extend(cpu_lines(out_dir, args.minutes))
    faults = out_dir / "faults.log"
    if args.faults and faults.exists():
        lines.append("- faults: " + "; ".join(faults.read_text().splitlines()))
        lines.extend(f"  - failed: {kind}" for kind in failure_kinds(out_dir))
        lines.extend(f"  - logged: {kind}" for kind in error_kinds(out_dir))
    created_path = out_dir / "created.json"
    created = json.loads(created_path.read_text()) if created_path.exists() else {}
    results = checks(args.db, stats, before["last_log_id"], args.faults, created)
    errors = sum(value[0] for value in node_logs(out_dir).values())
    if not args.faults:
        results.append(
            (
                "no ERROR record in either node's log",
                errors == 0,
                f"{errors} ERROR records",
            )
        )
    [aggregated] = total or [{"Request Count": "0"}]
    requests = int(aggregated["Request Count"])
    results.append(("the users made requests", requests > 0, f"{requests} requests"))
    crashes = locust_crashes(out_dir)
    results.append(
        (
            "no user stopped on an exception in the locust file",
            not crashes,
            crashes or "none",
        )
    )
    failures = "; ".join(f"{row['Name']}: {row['Failure Count']}" for row in failed)
    if not args.faults:
        results.append(("no failed request", not failed, failures or "0 failed"))
    results.append(
        (
            "p95 under 1 s for every action but the login",
            not slow,
            ", ".join(slow) or "all",
        )
    )
    lines.append("")
    for what, holds, detail in results:
        lines.append(f"- [{'x' if holds else ' '}] {what}: {detail}")
    text = "\n".join(lines) + "\n"
    (out_dir / "report.md").write_text(text)
    say(text)
    return 0 if all(holds for _what, holds, _detail in results) else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("wait-replica", "trigger-crons", "snapshot", "report"):
        command = sub.add_parser(name)
        command.add_argument("--db", required=True)
        command.add_argument("--replica-port", type=int, default=5435)
        command.add_argument("--out")
        command.add_argument("--out-dir")
        command.add_argument("--users", type=int)
        command.add_argument("--minutes", type=int)
        command.add_argument("--workers", type=int, default=2)
        command.add_argument("--arrival", type=int, default=120)
        command.add_argument("--day")
        command.add_argument("--faults", action="store_true")
    nodes = sub.add_parser("wait-nodes")
    nodes.add_argument("--db", required=True)
    nodes.add_argument("ports", nargs="+", type=int)
    args = parser.parse_args()
    return {
        "wait-replica": wait_replica,
        "wait-nodes": wait_nodes,
        "trigger-crons": trigger_crons,
        "snapshot": snapshot,
        "report": report,
    }[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
