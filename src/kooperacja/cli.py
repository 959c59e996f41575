"""The `kooperacja` command: one entry point in front of every operation.

Each operation is a Django management command of one of our apps; this module lists them,
prepares the data directory and database on first use, picks the interface language from
the locale, and hands over to Django.
"""

from __future__ import annotations

import os
import sys
import textwrap

from kooperacja.core.errors import gettext_noop

# Django's own commands that an administrator of an installation needs.
DJANGO_COMMANDS = ("createsuperuser", "changepassword", "migrate", "shell", "check")
# Commands that must not trigger a migration (they inspect or are the migration).
NO_MIGRATE = {"migrate", "makemigrations", "check", "makemessages", "compilemessages", "help",
              "restore"}


def locale_language() -> str:
    """Polish unless the locale asks for English (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""
    for name in ("KOOPERACJA_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return "en" if value.lower().startswith("en") else "pl"
    return "pl"


def our_commands() -> dict[str, str]:
    """Name → help line of every command our apps provide, plus the Django ones we expose.

    Our commands' help is read from their source (a ``help = gettext_lazy("...")`` literal)
    and translated, without importing them: importing every command would load every
    library of every operation (seconds) to print one screen.  A command whose help is not
    such a literal is imported.
    """
    from django.core.management import get_commands, load_command_class

    commands = {}
    for name, app in sorted(get_commands().items()):
        if app.startswith("kooperacja") or name in DJANGO_COMMANDS:
            text = _literal_help(app, name) if app.startswith("kooperacja") else None
            if text is None:
                text = str(load_command_class(app, name).help)
            commands[name.replace("_", "-")] = text.strip().splitlines()[0]
    return commands


def _literal_help(app: str, name: str) -> str | None:
    """The translated help of command ``name`` of ``app`` when its class sets it to a
    string literal (through gettext_lazy or not); None otherwise."""
    import ast
    import importlib.util

    from django.utils.translation import gettext

    spec = importlib.util.find_spec(f"{app}.management.commands.{name}")
    if spec is None or spec.origin is None:
        return None
    with open(spec.origin, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "Command":
            for statement in node.body:
                if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                        and isinstance(statement.targets[0], ast.Name)
                        and statement.targets[0].id == "help"):
                    value = statement.value
                    if isinstance(value, ast.Call) and len(value.args) == 1:
                        value = value.args[0]
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        return gettext(value.value)
    return None


def print_overview() -> None:
    from django.conf import settings
    from django.utils.translation import gettext as _

    print(_("usage: kooperacja COMMAND [options]   (kooperacja COMMAND --help for details)"))
    print()
    print(_("Commands:"))
    commands = our_commands()
    width = max(len(name) for name in commands) + 2
    for name, line in commands.items():
        wrapped = textwrap.wrap(line, 100 - width) or [""]
        print(f"  {name:<{width}}{wrapped[0]}")
        for rest in wrapped[1:]:
            print(" " * (width + 2) + rest)
    print()
    print(_("Data directory: %(dir)s (KOOPERACJA_DATA_DIR); database: DATABASE_URL or SQLite there.")
          % {"dir": settings.DATA_DIR})


def migrate_if_needed() -> None:
    """Bring the database up to date, quietly, the first time and after an upgrade."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


def main(argv: list[str] | None = None) -> int:
    """Run a command; a closed pipe, Ctrl+C and a bad setting end in one line, not a traceback."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        print(_translated(gettext_noop("Interrupted.")), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`kooperacja ... | head -1`): stop quietly, and keep Python
        # from failing again when it flushes standard output on exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


def _translated(message: str) -> str:
    from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
    from django.utils.translation import gettext

    try:
        return gettext(message)
    except (AppRegistryNotReady, ImproperlyConfigured):  # interrupted before the set-up
        return message


def _run(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperacja.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.utils import translation

    try:
        django.setup()
    except ImproperlyConfigured as e:
        print(f"kooperacja: {e}", file=sys.stderr)
        return 2
    translation.activate(locale_language())
    if not argv or argv[0] in ("-h", "--help", "help"):
        print_overview()
        return 0
    name = argv[0].replace("-", "_")
    asks_help = "-h" in argv or "--help" in argv
    if name not in NO_MIGRATE and not asks_help:
        from django.db import OperationalError

        try:
            migrate_if_needed()
        except OperationalError as e:
            message = _translated(gettext_noop("Cannot open the database (check DATABASE_URL): %(error)s"))
            print(message % {"error": str(e).strip().splitlines()[0]}, file=sys.stderr)
            return 2
    execute_from_command_line(["kooperacja", name, *argv[1:]])
    return 0
