"""Code lists as the demo's institutions write them.

These mirror docs/domain.md so that the files look like real extracts; the platform's own
code lists (with validity dates) live in the catalog app, not here.
"""

from __future__ import annotations

# Art. 7 of the social assistance act: code → label as written in client systems.
MOPS_REASONS: dict[str, str] = {
    "1": "ubóstwo",
    "2": "sieroctwo",
    "3": "bezdomność",
    "4": "bezrobocie",
    "5": "niepełnosprawność",
    "6": "długotrwała lub ciężka choroba",
    "7": "przemoc domowa",
    "7a": "potrzeba ochrony ofiar handlu ludźmi",
    "8": "potrzeba ochrony macierzyństwa lub wielodzietności",
    "9": "bezradność w sprawach opiekuńczo-wychowawczych i prowadzenia gospodarstwa domowego",
    "11": "trudności w integracji cudzoziemców",
    "12": "trudności w przystosowaniu do życia po zwolnieniu z zakładu karnego",
    "13": "alkoholizm lub narkomania",
    "14": "zdarzenie losowe i sytuacja kryzysowa",
    "15": "klęska żywiołowa lub ekologiczna",
}
# Label in force until 22.06.2023; old exports and habits still use it.
MOPS_REASON_OLD_LABELS: dict[str, str] = {"7": "przemoc w rodzinie"}
# Tokens in no version of the list: planted in the bad rows.
UNKNOWN_REASONS: tuple[str, ...] = ("19", "21", "0", "nieporadność życiowa")

# Forms that belong to the family (repeated on each member's row) and to one person.
MOPS_FAMILY_FORMS: tuple[str, ...] = (
    "zasiłek stały",
    "zasiłek okresowy",
    "zasiłek celowy",
    "praca socjalna",
    "kontrakt socjalny",
    "usługi opiekuńcze",
    "schronienie",
)
MOPS_PERSON_FORMS: tuple[str, ...] = (
    "posiłek",
    "szkolenie",
    "CIS",
    "KIS",
    "prace społecznie użyteczne",
    "poradnictwo specjalistyczne",
)

PUP_CATEGORIES: tuple[str, ...] = (
    "do 30 roku życia",
    "długotrwale bezrobotni",
    "powyżej 50 roku życia",
    "korzystający ze świadczeń pomocy społecznej",
    "posiadający co najmniej jedno dziecko do 6 roku życia",
    "niepełnosprawni",
)
PUP_INSTRUMENTS: tuple[str, ...] = (
    "szkolenie",
    "bon szkoleniowy",
    "staż",
    "prace interwencyjne",
    "roboty publiczne",
    "dotacja na podjęcie działalności gospodarczej",
    "prace społecznie użyteczne",
    "poradnictwo zawodowe",
)

# The shared instrument kinds the manifest's overlap counts use.
INSTRUMENT_TYPES: dict[str, dict[str, tuple[str, ...]]] = {
    "training": {"mops": ("szkolenie",), "pup": ("szkolenie", "bon szkoleniowy")},
}
