"""The code lists as stored (admins may edit them), in the form the core validates with."""

from __future__ import annotations

from dataclasses import dataclass

from kooperacja.core.submissions.codelists import Code as CoreCode
from kooperacja.core.submissions.codelists import CodeBook
from kooperacja.records.models import Code, CodeList


@dataclass
class StoredCodes:
    book: CodeBook
    code_ids: dict[tuple[str, str], int]
    list_ids: dict[str, int]


def stored_codes() -> StoredCodes:
    codes = list(Code.objects.select_related("code_list", "instrument_type"))
    book = CodeBook([
        CoreCode(
            code_list=c.code_list.code, code=c.code, label_pl=c.label_pl, label_en=c.label_en,
            aliases=tuple(c.aliases or ()), valid_from=c.valid_from, valid_to=c.valid_to,
            instrument_type=c.instrument_type.code if c.instrument_type else None,
        )
        for c in codes
    ])
    return StoredCodes(
        book,
        {(c.code_list.code, c.code): c.pk for c in codes},
        dict(CodeList.objects.values_list("code", "pk")),
    )
