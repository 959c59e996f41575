"""A stand-in for the report engine in the pages' tests: a small report whose numbers the
test sets, and a renderer that writes the chapters' text (the engine has its own tests)."""

from __future__ import annotations

from typing import Any

from kooperacja.reports.services.document import (
    Chapter,
    Figure,
    Paragraph,
    Recommendations,
    Report,
    Table,
)

# The smallest PNG (1×1, transparent).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


class Engine:
    """``build_report`` and ``render`` with numbers the test may change."""

    def __init__(self) -> None:
        self.persons = {"E1": "12", "E2": "*"}
        self.calls: list[dict[str, Any]] = []
        self.fail: Exception | None = None

    def build_report(
        self,
        template: str,
        territory_code: str,
        period: str,
        *,
        since: str | None = None,
        audience: str = "public",
        user: Any = None,
    ) -> Report:
        self.calls.append(
            {
                "template": template,
                "territory": territory_code,
                "period": period,
                "since": since,
                "audience": audience,
                "user": user,
            }
        )
        if self.fail is not None:
            raise self.fail
        rows = [(unit, value) for unit, value in self.persons.items()]
        fingerprint = "fp-" + "-".join(v for _, v in rows)
        return Report(
            title=f"Diagnoza {territory_code} {period}",
            territory=f"City ({territory_code})",
            period=period,
            since=since,
            audience=audience,  # type: ignore[arg-type]
            chapters=(
                Chapter("population", "Ludność", (Paragraph("Mieszkańców: 1000."),)),
                Chapter(
                    "poverty",
                    "Ubóstwo",
                    (
                        Table("Osoby w ubóstwie", ("osiedle", "osoby"), tuple(rows)),
                        Figure(
                            "Mapa ubóstwa",
                            PNG,
                            "Mapa osiedli według liczby osób",
                            Table("Mapa ubóstwa: dane", ("osiedle", "osoby"), tuple(rows)),
                        ),
                    ),
                ),
                Chapter("homelessness", "Bezdomność", (), "Brak danych o bezdomności."),
                Chapter("recommendations", "Rekomendacje", (Recommendations(),)),
            ),
            sources=("MOPS 2025",),
            parameters={"data_version": fingerprint},
            fingerprint=fingerprint,
        )

    def render(self, report: Report, fmt: str, narrative: dict[str, str] | None = None) -> bytes:
        lines = [report.title] + [
            c.title + ": " + (narrative or {}).get(c.key, "") for c in report.chapters
        ]
        return (fmt + "\n" + "\n".join(lines)).encode()
