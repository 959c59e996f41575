from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    # The core marks messages with N_ (an alias of gettext_noop) and messages with a count with
    # ngettext_noop(singular, plural, count), since it cannot import Django.
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_",
                        "--keyword=ngettext_noop:1,2"]
