#!/usr/bin/env python3
"""Check that the tests read the clock only under a frozen clock.

A test that reads today's date or the current time without freezing it is
true at some hours and false at others: on a weekend, after midnight in
Vladivostok, on the last day of a month. This check reads each test file
given on the command line (every ``<addon>/tests/*.py`` without arguments)
with ``ast`` and reports every read of the clock that is not under a frozen
clock:

- ``date.today()``, ``datetime.today()``, ``datetime.now()``,
  ``datetime.utcnow()``, in any spelling (``datetime.datetime.now()``...);
- ``fields.Date.today()``, ``fields.Datetime.now()``,
  ``fields.Datetime.today()``, ``fields.Date.context_today(...)`` and any
  other ``context_today``;
- the cursor's ``cr.now()``: in a ``TransactionCase`` it is the database's
  clock, which freeze_time does not stop, so it is reported even when frozen;
- ``time.localtime()``, ``time.gmtime()``, ``time.ctime()`` without a time,
  and ``time.strftime(fmt)`` without a time (``time.time()`` and
  ``time.monotonic()`` measure durations, not dates: they are not reported).

A reference without a call (``default=fields.Date.today``) counts too.

A read is under a frozen clock when it runs inside:

- a function or method decorated with ``@freeze_time(...)`` (freezegun's or
  ``odoo.tests.common``'s);
- a method of a class decorated with ``@freeze_time(...)``, or whose body
  sets ``freeze_time = "..."`` (Odoo's ``BaseCase`` freezes the clock for the
  whole class then). Odoo starts that clock in ``BaseCase.setUpClass``: in a
  ``setUpClass`` of such a class, what comes before ``super().setUpClass()``
  is not frozen. Class attributes are computed on import: never frozen;
- the body of ``with freeze_time(...):``;
- a lambda or a function nested in one of these.

A module-level helper is never counted as frozen, even if only frozen tests
call it: that cannot be proved from the text. A deliberate read is listed in
EXCEPTIONS below, by file and by the qualified name of the function that
holds it, with its reason; an exception that no longer matches a read is
reported too, so that the list stays true.

Prints ``path:line: <call> outside freeze_time`` for each read (``path:line:
cr.now() reads the database's clock`` for those) and exits non-zero if there
is any. Needs only the standard library.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (file, qualified name of the function that reads the clock): the reason.
EXCEPTIONS = {
    (
        "sales_standard/tests/common.py",
        "SalesStandardCase.search_filter.<lambda>",
    ): "evaluates a search filter's domain as the web client does, with the "
    "user's today; the tests that call it freeze the clock",
    ("sales_standard/tests/test_tour.py", "user_today"): "the browser tours "
    "run on Chromium's real clock, which freeze_time cannot stop: their data "
    "is dated by the same real clock in the user's zone (the RPC tests that "
    "also call it freeze the clock)",
}

# The last two names of a dotted call that reads the clock.
CLOCK_READS = {
    ("date", "today"),
    ("datetime", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("Date", "today"),
    ("Datetime", "today"),
    ("Datetime", "now"),
}
# Reads of the database's clock, which freeze_time does not stop.
DATABASE_READS = {("cr", "now")}
# time.<name> reads the clock when called without a time argument.
TIME_READS = {"localtime", "gmtime", "ctime", "strftime"}
# Positional arguments of time.<name> before its optional time argument.
TIME_ARGS_BEFORE_TIME = {"strftime": 1}


def dotted(node):
    """The names of an attribute chain (``fields.Date.today`` gives three), or
    None if it does not start with a name."""
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    names.append(node.id)
    return names[::-1]


def is_freeze_time(node):
    """True for ``freeze_time(...)`` in any spelling (``freezegun.freeze_time``,
    ``common.freeze_time``...)."""
    if not isinstance(node, ast.Call):
        return False
    names = dotted(node.func)
    return bool(names) and names[-1] == "freeze_time"


def is_super_setupclass(node):
    """True for ``super().setUpClass()`` and ``super(...).setUpClass()``."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "setUpClass"
        and isinstance(node.func.value, ast.Call)
        and isinstance(node.func.value.func, ast.Name)
        and node.func.value.func.id == "super"
    )


class ClockReads(ast.NodeVisitor):
    """Collect the clock reads of a module that are not under a frozen clock,
    as (line, source of the read, qualified name of the enclosing function)."""

    def __init__(self):
        self.frozen = False
        self.scope = []
        self.odoo_freeze_time = False  # freeze_time imported from odoo.tests
        self.reads = []

    # -- imports: whose freeze_time is it --------------------------------

    def visit_ImportFrom(self, node):
        for alias in node.names:
            if (alias.asname or alias.name) == "freeze_time":
                self.odoo_freeze_time = (node.module or "").startswith("odoo.")

    def is_odoos(self, call):
        """True if the freeze_time of this call is odoo.tests.common's."""
        names = dotted(call.func)
        if len(names) == 1:
            return self.odoo_freeze_time
        return names[0] != "freezegun"

    # -- scopes ----------------------------------------------------------

    def _visit_all(self, nodes, frozen):
        saved, self.frozen = self.frozen, frozen
        for node in nodes:
            self.visit(node)
        self.frozen = saved

    def _visit_function(self, node, class_frozen=None):
        # Decorators, defaults and annotations run when the function is
        # defined, not when it is called.
        self._visit_all(node.decorator_list, self.frozen)
        self._visit_all(node.args.defaults + node.args.kw_defaults, self.frozen)
        frozen = self.frozen or any(map(is_freeze_time, node.decorator_list))
        self.scope.append(node.name)
        body = node.body
        if class_frozen == "from-super" and node.name == "setUpClass" and not frozen:
            # The clock of Odoo's BaseCase.freeze_time starts in its
            # setUpClass: what comes before the call to it is not frozen.
            for index, statement in enumerate(body):
                if any(is_super_setupclass(n) for n in ast.walk(statement)):
                    self._visit_all(body[: index + 1], False)
                    body = body[index + 1 :]
                    break
            else:
                self._visit_all(body, False)
                body = []
        self._visit_all(body, frozen or bool(class_frozen))
        self.scope.pop()

    def visit_FunctionDef(self, node):
        self._visit_function(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self._visit_all(node.args.defaults + node.args.kw_defaults, self.frozen)
        self.scope.append("<lambda>")
        self.visit(node.body)
        self.scope.pop()

    def visit_ClassDef(self, node):
        self._visit_all(node.decorator_list + node.bases, self.frozen)
        self._visit_all(node.keywords, self.frozen)
        decorators = [d for d in node.decorator_list if is_freeze_time(d)]
        attribute = any(
            isinstance(statement, ast.Assign | ast.AnnAssign)
            and any(
                isinstance(target, ast.Name) and target.id == "freeze_time"
                for target in (
                    statement.targets
                    if isinstance(statement, ast.Assign)
                    else [statement.target]
                )
            )
            and not (
                isinstance(statement.value, ast.Constant)
                and statement.value.value is None
            )
            for statement in node.body
        )
        if self.frozen or any(not self.is_odoos(d) for d in decorators):
            # freezegun starts the clock before the class's own setUpClass
            class_frozen = "whole"
        elif decorators or attribute:
            class_frozen = "from-super"
        else:
            class_frozen = None
        self.scope.append(node.name)
        for statement in node.body:
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                self._visit_function(statement, class_frozen)
            else:
                # Class attributes are computed on import.
                self._visit_all([statement], self.frozen)
        self.scope.pop()

    def visit_With(self, node):
        for item in node.items:
            self.visit(item)
        frozen = self.frozen or any(is_freeze_time(i.context_expr) for i in node.items)
        self._visit_all(node.body, frozen)

    visit_AsyncWith = visit_With

    # -- clock reads -----------------------------------------------------

    def _report(self, node, text, problem="outside freeze_time"):
        if not self.frozen or problem != "outside freeze_time":
            self.reads.append((node.lineno, f"{text} {problem}", ".".join(self.scope)))

    @staticmethod
    def reads_clock(node):
        """What a reference to a function that reads the clock is reported
        for, or None."""
        if isinstance(node, ast.Name):
            if node.id == "context_today" and isinstance(node.ctx, ast.Load):
                return "outside freeze_time"
            return None
        names = dotted(node) or []
        if tuple(names[-2:]) in DATABASE_READS:
            return "reads the database's clock, which freeze_time does not stop"
        if tuple(names[-2:]) in CLOCK_READS or names[-1:] == ["context_today"]:
            return "outside freeze_time"
        return None

    def visit_Call(self, node):
        names = dotted(node.func) or []
        problem = self.reads_clock(node.func)
        if problem:
            self._report(node, ast.unparse(node.func) + "()", problem)
            self._visit_all(node.args + node.keywords, self.frozen)
            return
        if (
            len(names) == 2
            and names[0] == "time"
            and names[1] in TIME_READS
            and len(node.args) <= TIME_ARGS_BEFORE_TIME.get(names[1], 0)
            and not node.keywords
        ):
            self._report(node, ast.unparse(node))
        self.generic_visit(node)

    def visit_Attribute(self, node):
        problem = self.reads_clock(node)
        if problem:
            self._report(node, ast.unparse(node), problem)
            return  # not again for its inner attributes
        self.generic_visit(node)

    def visit_Name(self, node):
        problem = self.reads_clock(node)
        if problem:
            self._report(node, node.id, problem)


def relative(path):
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def problems(path):
    name = relative(path)
    visitor = ClockReads()
    visitor.visit(ast.parse(Path(path).read_text(encoding="utf-8"), str(path)))
    excused = set()
    for line, text, function in visitor.reads:
        if (name, function) in EXCEPTIONS:
            excused.add((name, function))
            continue
        yield f"{name}:{line}: {text}"
    for key in EXCEPTIONS.keys() - excused:
        if key[0] == name:
            yield f"{name}: the exception for {key[1]} matches no read: remove it"


def main(paths):
    if not paths:
        paths = sorted(str(p) for p in ROOT.glob("*/tests/*.py"))
    paths = [p for p in paths if p.endswith(".py") and "/tests/" in f"/{p}"]
    found = [line for path in paths for line in problems(path)]
    sys.stdout.writelines(f"{line}\n" for line in found)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
