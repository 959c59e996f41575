"""The cast: a small synthetic register of real Polish street names and patrons.

Zielona Góra and Sulechów share several street names (Bema, Kościuszki, Lipowa,
Słowackiego, Armii Krajowej); Konotop has a Lipowa too; Żubrów and Kije are villages
whose addresses have no street.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from kooperacja.core.addresses import AddressIndex

ZIELONA_GORA = "Zielona Góra"
SULECHOW = "Sulechów"
KONOTOP = "Konotop"
ZUBROW = "Żubrów"
KIJE = "Kije"

POSTCODES = {
    ZIELONA_GORA: "65-001",
    SULECHOW: "66-100",
    KONOTOP: "67-416",
    ZUBROW: "69-200",
    KIJE: "66-131",
}

#: (register full name, short name people write) per locality.
STREETS: dict[str, list[tuple[str, str]]] = {
    ZIELONA_GORA: [
        ("ul. Gen. Józefa Bema", "Bema"),
        ("ul. Tadeusza Kościuszki", "Kościuszki"),
        ("ul. Adama Mickiewicza", "Mickiewicza"),
        ("ul. Juliusza Słowackiego", "Słowackiego"),
        ("ul. Henryka Sienkiewicza", "Sienkiewicza"),
        ("ul. Marii Konopnickiej", "Konopnickiej"),
        ("ul. Bolesława Prusa", "Prusa"),
        ("ul. Elizy Orzeszkowej", "Orzeszkowej"),
        ("ul. Mikołaja Kopernika", "Kopernika"),
        ("ul. Fryderyka Chopina", "Chopina"),
        ("al. Armii Krajowej", "Armii Krajowej"),
        ("ul. 3 Maja", "3 Maja"),
        ("ul. 1 Maja", "1 Maja"),
        ("ul. 11 Listopada", "11 Listopada"),
        ("ul. Wojska Polskiego", "Wojska Polskiego"),
        ("pl. Wolności", "Wolności"),
        ("pl. Pocztowy", "Pocztowy"),
        ("Stary Rynek", "Stary Rynek"),
        ("ul. Ks. Jerzego Popiełuszki", "Popiełuszki"),
        ("ul. Św. Jadwigi", "Jadwigi"),
        ("ul. Kard. Stefana Wyszyńskiego", "Wyszyńskiego"),
        ("ul. Marsz. Józefa Piłsudskiego", "Piłsudskiego"),
        ("al. Jana Pawła II", "Jana Pawła II"),
        ("ul. Bp. Wilhelma Pluty", "Pluty"),
        ("ul. Bolesława Chrobrego", "Chrobrego"),
        ("ul. Gen. Władysława Sikorskiego", "Sikorskiego"),
        ("ul. Jedności", "Jedności"),
        ("ul. Stefana Batorego", "Batorego"),
        ("ul. Botaniczna", "Botaniczna"),
        ("ul. Stanisława Wyspiańskiego", "Wyspiańskiego"),
        ("ul. Zjednoczenia", "Zjednoczenia"),
        ("ul. Podgórna", "Podgórna"),
        ("ul. Dekoracyjna", "Dekoracyjna"),
        ("ul. Energetyków", "Energetyków"),
        ("ul. Długa", "Długa"),
        ("ul. Krótka", "Krótka"),
        ("ul. Wiejska", "Wiejska"),
        ("ul. Wiśniowa", "Wiśniowa"),
        ("ul. Słoneczna", "Słoneczna"),
        ("ul. Słowicza", "Słowicza"),
        ("ul. Kasztanowa", "Kasztanowa"),
        ("ul. Klonowa", "Klonowa"),
        ("ul. Jasna", "Jasna"),
        ("ul. Źródlana", "Źródlana"),
        ("ul. Żwirki i Wigury", "Żwirki i Wigury"),
        ("ul. Łużycka", "Łużycka"),
        ("ul. Ogrodowa", "Ogrodowa"),
        ("ul. Ogrodnicza", "Ogrodnicza"),
        ("ul. Polna", "Polna"),
        ("os. Piastowskie", "Piastowskie"),
        ("al. Niepodległości", "Niepodległości"),
        ("ul. Bohaterów Westerplatte", "Bohaterów Westerplatte"),
        ("ul. Ułańska", "Ułańska"),
        ("ul. Ludwika Zamenhofa", "Zamenhofa"),
        ("ul. Ludwika Waryńskiego", "Waryńskiego"),
        ("ul. Wazów", "Wazów"),
        ("ul. Artura Grottgera", "Grottgera"),
        ("ul. Dąbrówki", "Dąbrówki"),
        ("ul. Sulechowska", "Sulechowska"),
        ("ul. Józefa Chełmońskiego", "Chełmońskiego"),
        ("ul. Gen. Władysława Andersa", "Andersa"),
        ("os. Tysiąclecia", "Tysiąclecia"),
        ("ul. Marii Skłodowskiej-Curie", "Skłodowskiej-Curie"),
        ("ul. Księcia Józefa Poniatowskiego", "Poniatowskiego"),
        ("ul. Wincentego Witosa", "Witosa"),
        ("ul. Ignacego Łukasiewicza", "Łukasiewicza"),
        ("ul. Stefana Żeromskiego", "Żeromskiego"),
        ("ul. Gen. Józefa Hallera", "Hallera"),
        ("ul. Władysława Reymonta", "Reymonta"),
        ("ul. Heleny Modrzejewskiej", "Modrzejewskiej"),
        ("ul. Józefa Wybickiego", "Wybickiego"),
        ("ul. Romualda Traugutta", "Traugutta"),
        ("ul. Kazimierza Pułaskiego", "Pułaskiego"),
        ("ul. Ignacego Jana Paderewskiego", "Paderewskiego"),
        ("ul. Jana Kilińskiego", "Kilińskiego"),
        ("ul. Bartosza Głowackiego", "Głowackiego"),
        ("ul. Jarosława Dąbrowskiego", "Dąbrowskiego"),
        ("ul. Emilii Plater", "Plater"),
        ("ul. Lipowa", "Lipowa"),
        ("ul. Kupiecka", "Kupiecka"),
        ("ul. Dworcowa", "Dworcowa"),
        ("ul. Lwowska", "Lwowska"),
        ("ul. Wrocławska", "Wrocławska"),
        ("ul. Kożuchowska", "Kożuchowska"),
        ("ul. Zawada", "Zawada"),
        ("ul. Szkolna", "Szkolna"),
        ("ul. Kolejowa", "Kolejowa"),
        ("ul. Mieszka I", "Mieszka I"),
        ("ul. Gen. Stefana Roweckiego Grota", "Grota Roweckiego"),
    ],
    SULECHOW: [
        ("ul. Gen. Józefa Bema", "Bema"),
        ("ul. Tadeusza Kościuszki", "Kościuszki"),
        ("ul. Lipowa", "Lipowa"),
        ("ul. Juliusza Słowackiego", "Słowackiego"),
        ("ul. Armii Krajowej", "Armii Krajowej"),
        ("ul. Okrężna", "Okrężna"),
        ("ul. Zielonogórska", "Zielonogórska"),
        ("pl. Ratuszowy", "Ratuszowy"),
        ("ul. Świerczewskiego", "Świerczewskiego"),
    ],
    KONOTOP: [
        ("Podgórna", "Podgórna"),
        ("Lipowa", "Lipowa"),
        ("Kolejowa", "Kolejowa"),
        ("Szkolna", "Szkolna"),
    ],
}
#: Streets the hand-written habits (``habits.py``) need, numbered with a random draw of
#: their own so the generated messy set draws what it always drew.
HABIT_STREETS: dict[str, list[tuple[str, str]]] = {
    ZIELONA_GORA: [
        ("os. Zielone Wzgórza", "Zielone Wzgórza"),
        ("ul. Jana Matejki", "Matejki"),
        ("ul. Aleksandra Fredry", "Fredry"),
        ("ul. Gen. Stanisława Maczka", "Maczka"),
        ("ul. Ks. Piotra Skargi", "Skargi"),
        ("ul. Marii Dąbrowskiej", "Dąbrowskiej"),
        ("ul. Jana Kochanowskiego", "Kochanowskiego"),
        ("ul. Władysława Broniewskiego", "Broniewskiego"),
        ("ul. Bolesława Krzywoustego", "Krzywoustego"),
    ],
}
#: A street of Zielona Góra whose register holds double-numbered points, written three
#: ways, besides single buildings 1 to 20.
DOUBLE_NUMBERED = ("ul. Narożna", "Narożna", ("10/12", "14-16", "18 20"))

#: Street-less villages and their numbers.
VILLAGES: dict[str, list[str]] = {
    ZUBROW: [str(n) for n in range(1, 41)] + ["21A"],
    KIJE: [str(n) for n in range(1, 31)],
}


@dataclass
class Register:
    """Register columns and a lookup of each (locality, short name, number) to its row."""

    locality: list[str] = field(default_factory=list)
    street: list[str] = field(default_factory=list)
    number: list[str] = field(default_factory=list)
    postcode: list[str] = field(default_factory=list)
    rows: dict[tuple[str, str, str], int] = field(default_factory=dict)
    numbers: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, locality: str, street: str, short: str, number: str) -> None:
        self.rows[(locality, short, number)] = len(self.number)
        self.numbers.setdefault((locality, short), []).append(number)
        self.locality.append(locality)
        self.street.append(street)
        self.number.append(number)
        self.postcode.append(POSTCODES[locality])

    def index(self) -> AddressIndex:
        return AddressIndex.build(self.locality, self.street, self.number, postcode=self.postcode)

    def localities_of(self, short: str) -> list[str]:
        return [
            loc
            for loc in POSTCODES
            if any(s == short for _, s in STREETS.get(loc, []) + HABIT_STREETS.get(loc, []))
        ]


def build_register(seed: int = 7) -> Register:
    """The cast's register: every street numbered 1..k, some numbers with a letter."""
    rng = random.Random(seed)
    register = Register()
    for locality, streets in STREETS.items():
        for full, short in streets:
            count = rng.randint(8, 60)
            for n in range(1, count + 1):
                register.add(locality, full, short, str(n))
                if rng.random() < 0.08:
                    register.add(locality, full, short, f"{n}{rng.choice('ABC')}")
    for locality, numbers in VILLAGES.items():
        for number in numbers:
            register.add(locality, "", locality, number)
    rng = random.Random(seed + 1)
    for locality, streets in HABIT_STREETS.items():
        for full, short in streets:
            for n in range(1, rng.randint(12, 40) + 1):
                register.add(locality, full, short, str(n))
    full, short, doubles = DOUBLE_NUMBERED
    for number in [str(n) for n in range(1, 21)] + list(doubles):
        register.add(ZIELONA_GORA, full, short, number)
    return register
