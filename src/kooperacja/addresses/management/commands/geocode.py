from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from kooperacja.addresses.services.geocoding import geocode, level_codes
from kooperacja.command import UserCommand, add_excel_option
from kooperacja.core.addresses import STATUSES
from kooperacja.core.tables import Table, data_rows, read_table
from kooperacja.records.services.exports import Export, write_export

BATCH = 50_000
# Files shorter than this finish before a progress bar would tell anything.
BAR_FROM_BYTES = 2_000_000


class Command(UserCommand):
    help = gettext_lazy(
        "Geocode the addresses of a CSV or XLSX file against the register, to check it: "
        "writes the input columns plus status, score, method, address_id, lon, lat and "
        "the unit at each level. Nothing is stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("CSV or XLSX file with addresses"))
        parser.add_argument("--address-column", required=True, help=_("column with the address"))
        parser.add_argument("--locality-column", help=_("column with the locality, if any"))
        parser.add_argument("--out", required=True, help=_("CSV file to write"))
        parser.add_argument("--encoding",
                            help=_("encoding of a CSV file, e.g. cp1250 (detected otherwise)"))
        add_excel_option(parser)

    def run(self, *args: Any, **options: Any) -> str:
        table = read_table(options["file"], options["encoding"])
        address_at = table.column(options["address_column"])
        locality_at = (table.column(options["locality_column"]) if options["locality_column"]
                       else None)
        levels = level_codes()
        counts = dict.fromkeys(STATUSES, 0)
        quiet = (Path(options["file"]).stat().st_size < BAR_FROM_BYTES
                 or options.get("verbosity", 1) < 1)
        header = [*table.header, "status", "score", "method", "address_id", "lon", "lat",
                  *(f"unit_{level}" for level in levels)]
        with tqdm(
            total=None if quiet else data_rows(options["file"]), unit=_(" addresses"),
            unit_scale=True, file=sys.stderr, disable=quiet,
        ) as bar:
            rows = _geocoded(table, address_at, locality_at, levels, counts, bar)
            write_export(options["out"], Export("geocode", header, rows, detail={
                "levels": levels}), formats=(".csv", ".xlsx"), excel=options["excel"])
        total = sum(counts.values())
        shares = ", ".join(
            _("%(status)s %(count)d (%(share).1f%%)") % {
                "status": status, "count": count, "share": 100 * count / total if total else 0}
            for status, count in counts.items()
        )
        return _("%(total)d addresses: %(shares)s; written to %(out)s") % {
            "total": total, "shares": shares, "out": options["out"]}


def _geocoded(table: Table, address_at: int, locality_at: int | None, levels: list[str],
              counts: dict[str, int], bar: tqdm) -> Iterator[list[object]]:
    """The file's rows, each with what the register says of its address, in batches."""
    while rows := [row for _number, row in islice(table.rows, BATCH)]:
        cells = [row + [""] * (len(table.header) - len(row)) for row in rows]
        found = geocode([c[address_at] for c in cells],
                        None if locality_at is None else [c[locality_at] for c in cells])
        for row, result in zip(cells, found):
            counts[result.status] += 1
            position = ([f"{result.lon:.6f}", f"{result.lat:.6f}"]
                        if result.lon is not None else ["", ""])
            yield [*row, result.status, f"{result.score:g}", result.method,
                   result.source_id, *position, *(result.units.get(level, "") for level in levels)]
        bar.update(len(rows))
