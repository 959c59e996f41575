"""Names the demo city is made of: streets, districts, estates and people.

Street and person names are real Polish names; their combinations are fictional. Streets are
kept as TERYT ULIC does (CECHA, NAZWA_2 = given names and titles, NAZWA_1 = the main part
people write), so that every spelling variant an office might use can be derived from them.
"""

from __future__ import annotations

from dataclasses import dataclass

CITY_NAME = "Hutnów"
CITY_LOCATIVE = "Hutnowie"
CITY_GENITIVE = "Hutnowa"


@dataclass(frozen=True)
class StreetName:
    """One street name as TERYT ULIC keeps it.

    Attributes
    ----------
    cecha : the kind ("ul.", "al.", "pl.", "rynek").
    given : NAZWA_2, given names and titles ("Generała Józefa"), '' when none.
    main : NAZWA_1, the part people write ("Bema").
    aliases : other names people use for the same street ("Trzeciego Maja", "AK").
    """

    cecha: str
    given: str
    main: str
    aliases: tuple[str, ...] = ()

    @property
    def full(self) -> str:
        """The name as PRG writes nazwaPelna: no "ul.", but "Plac"/"Aleja" kept."""
        word = {"pl.": "Plac", "al.": "Aleja"}.get(self.cecha, "")
        return " ".join(part for part in (word, self.given, self.main) if part)

    @property
    def office_full(self) -> str:
        """The name with its usual prefix, as an office or a letterhead writes it."""
        if self.cecha == "rynek":
            return self.full
        return f"{self.cecha} {self.given} {self.main}".replace("  ", " ")


def _ul(given: str, main: str, *aliases: str) -> StreetName:
    return StreetName("ul.", given, main, tuple(aliases))


# Long radial roads and the ring road: they cross several districts, as main roads do.
ARTERIALS: tuple[StreetName, ...] = (
    _ul("Tadeusza", "Kościuszki"),
    _ul("", "3 Maja", "Trzeciego Maja", "3-go Maja"),
    _ul("", "Armii Krajowej", "AK"),
    StreetName("al.", "", "Jana Pawła II", ("Jana Pawła 2", "JPII")),
    _ul("", "Grunwaldzka"),
    _ul("Generała Józefa", "Bema"),
    _ul("", "Gliwicka"),
)
RING_ROAD = StreetName("al.", "", "Niepodległości")
MARKET_SQUARE = StreetName("rynek", "", "Rynek")

SQUARES: tuple[StreetName, ...] = (
    StreetName("pl.", "", "Wolności"),
    StreetName("pl.", "Adama", "Mickiewicza"),
    StreetName("pl.", "", "Kościelny"),
    StreetName("pl.", "", "Dworcowy"),
    StreetName("al.", "", "Wojska Polskiego"),
    StreetName("pl.", "", "Grunwaldzki"),
)

_PATRONS: tuple[tuple[str, str], ...] = (
    ("Księdza Jerzego", "Popiełuszki"), ("Marii", "Skłodowskiej-Curie"),
    ("Mikołaja", "Kopernika"), ("Adama", "Mickiewicza"), ("Juliusza", "Słowackiego"),
    ("Generała Władysława", "Sikorskiego"), ("Henryka", "Sienkiewicza"),
    ("Bolesława", "Prusa"), ("Stefana", "Żeromskiego"), ("Marii", "Konopnickiej"),
    ("Elizy", "Orzeszkowej"), ("Fryderyka", "Chopina"), ("Stanisława", "Moniuszki"),
    ("Jana", "Matejki"), ("Marszałka Józefa", "Piłsudskiego"), ("Romualda", "Traugutta"),
    ("Kazimierza", "Pułaskiego"), ("Jana", "Kilińskiego"), ("Jana", "Kochanowskiego"),
    ("Ignacego", "Krasickiego"), ("Aleksandra", "Fredry"), ("Cypriana Kamila", "Norwida"),
    ("Stanisława", "Wyspiańskiego"), ("Władysława", "Reymonta"), ("Marii", "Dąbrowskiej"),
    ("Zofii", "Nałkowskiej"), ("Juliana", "Tuwima"), ("Wincentego", "Witosa"),
    ("Ignacego", "Daszyńskiego"), ("Wojciecha", "Korfantego"), ("Józefa", "Lompy"),
    ("Karola", "Miarki"), ("Juliusza", "Ligonia"), ("Pawła", "Stalmacha"),
    ("Józefa", "Wybickiego"), ("Generała Jana Henryka", "Dąbrowskiego"),
    ("Księcia Józefa", "Poniatowskiego"), ("Hugona", "Kołłątaja"), ("Stanisława", "Staszica"),
    ("Świętej", "Barbary"), ("Świętego", "Floriana"), ("Świętej", "Jadwigi"),
    ("Kardynała Stefana", "Wyszyńskiego"), ("Księdza Piotra", "Skargi"),
    ("Karola", "Szymanowskiego"), ("Ludwika", "Zamenhofa"), ("Mikołaja", "Reja"),
    ("Stefana", "Batorego"), ("Bolesława", "Chrobrego"), ("Kazimierza", "Wielkiego"),
    ("Władysława", "Jagiełły"), ("Jana", "Kasprowicza"),
    ("Leopolda", "Staffa"), ("Gabrieli", "Zapolskiej"),
    ("Emilii", "Plater"), ("Tadeusza", "Rejtana"), ("Jana", "Długosza"),
    ("Wita", "Stwosza"), ("Józefa", "Chełmońskiego"), ("Artura", "Grottgera"),
    ("Ludwika", "Solskiego"), ("Józefa Ignacego", "Kraszewskiego"), ("Seweryna", "Goszczyńskiego"),
    ("Wojciecha", "Bogusławskiego"), ("Heleny", "Modrzejewskiej"), ("Janusza", "Korczaka"),
    ("Ignacego", "Paderewskiego"), ("Jana", "Kiepury"), ("Gustawa", "Morcinka"),
    ("Józefa", "Rymera"), ("Jana", "Brzechwy"),
    ("Kornela", "Makuszyńskiego"), ("Władysława", "Broniewskiego"), ("Piotra", "Ściegiennego"),
    ("Zygmunta", "Krasińskiego"), ("Jana", "Śniadeckiego"), ("Ignacego", "Łukasiewicza"),
    ("Kazimierza", "Jagiellończyka"), ("Bolesława", "Krzywoustego"), ("Mieszka", "I"),
)

_EVENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("1 Maja", ("Pierwszego Maja",)), ("11 Listopada", ("Jedenastego Listopada",)),
    ("Powstańców Śląskich", ()), ("Powstańców Warszawy", ()), ("Ofiar Katynia", ()),
    ("Legionów", ()), ("Żołnierzy Wyklętych", ()), ("Obrońców Westerplatte", ()),
    ("Solidarności", ()), ("Zwycięstwa", ()), ("Harcerska", ()), ("Górnośląska", ()),
    ("Wolontariuszy", ()), ("Bohaterów Getta", ()), ("Sybiraków", ()),
)

_TOWNS: tuple[str, ...] = (
    "Katowicka", "Krakowska", "Warszawska", "Opolska", "Wrocławska", "Bytomska",
    "Zabrzańska", "Tarnogórska", "Raciborska", "Rybnicka", "Mikołowska", "Częstochowska",
    "Poznańska", "Gdańska", "Toruńska", "Łódzka", "Lwowska", "Wileńska", "Cieszyńska",
    "Pszczyńska", "Żorska", "Strzelecka",
)

_PLAIN: tuple[str, ...] = (
    "Lipowa", "Polna", "Leśna", "Słoneczna", "Krótka", "Szkolna", "Ogrodowa", "Kwiatowa",
    "Parkowa", "Łąkowa", "Brzozowa", "Klonowa", "Dębowa", "Sosnowa", "Akacjowa", "Jesionowa",
    "Wiśniowa", "Różana", "Konwaliowa", "Fiołkowa", "Tulipanowa", "Jaśminowa", "Bukowa",
    "Grabowa", "Cicha", "Spacerowa", "Kolejowa", "Dworcowa", "Przemysłowa", "Fabryczna",
    "Hutnicza", "Górnicza", "Kopalniana", "Kościelna", "Rzemieślnicza", "Handlowa",
    "Targowa", "Młyńska", "Wodna", "Mostowa", "Zielona", "Graniczna", "Sportowa", "Stawowa",
    "Źródlana", "Żwirowa", "Piaskowa", "Kamienna", "Wąska", "Długa", "Nowa", "Boczna",
    "Poprzeczna", "Jasna", "Pogodna", "Wesoła", "Radosna", "Miła", "Wrzosowa", "Malinowa",
    "Jagodowa", "Poziomkowa", "Orzechowa", "Kasztanowa", "Topolowa", "Wierzbowa", "Olchowa",
    "Modrzewiowa", "Świerkowa", "Jodłowa", "Cisowa", "Lawendowa", "Makowa", "Chabrowa",
    "Słonecznikowa", "Rumiankowa", "Gwarków", "Hutników", "Szybowa", "Sztygarska",
    "Kowalska", "Ślusarska", "Stolarska", "Piekarska", "Murarska", "Garncarska",
    "Zacisze", "Wspólna", "Rolnicza", "Ogrodników", "Pszczela", "Sadowa", "Łączna",
    "Okrężna", "Promienna", "Widokowa", "Górna", "Dolna", "Środkowa", "Zaułek",
    "Urocza", "Ustronna", "Kalinowa", "Jarzębinowa", "Głogowa", "Leszczynowa", "Tęczowa",
    "Irysowa", "Storczykowa", "Liliowa", "Bratkowa", "Astrowa", "Wrzosowiska", "Podgórna",
    "Nadrzeczna", "Brzegowa", "Przylesie", "Krucza", "Sokola", "Orla", "Jaskółcza",
    "Słowicza", "Skowronków", "Sikorek", "Gołębia", "Bociania", "Żurawia", "Łabędzia",
    "Kosmonautów", "Lotników", "Strażacka", "Pocztowa", "Bankowa", "Ratuszowa", "Zamkowa",
    "Cmentarna", "Akademicka", "Studencka", "Uczniowska", "Harcerzy",
    "Turystyczna", "Wczasowa", "Myśliwska", "Rybacka", "Flisacka", "Żeglarska",
)

# Zawada, a village inside the city, has its own streets; Lipowa is also a street of the
# town itself, which a geocoder must tell apart by locality.
VILLAGE_STREETS: tuple[StreetName, ...] = (
    _ul("", "Lipowa"), _ul("", "Wiejska"), _ul("", "Zagrodowa"),
)
SHARED_STREET = "Lipowa"

# Streets that exist in other Polish towns but not here: addresses on them cannot match.
ABSENT_STREETS: tuple[str, ...] = (
    "ul. Marszałkowska", "ul. Piotrkowska", "ul. Floriańska", "ul. Mariacka",
    "ul. Świętojańska", "ul. Monte Cassino", "ul. Bohaterów Monte Cassino",
)


def local_street_pool() -> tuple[StreetName, ...]:
    """Street names for the estates' own streets, in a fixed order (shuffled by the caller)."""
    taken = {s.main for s in (*ARTERIALS, RING_ROAD, MARKET_SQUARE, *SQUARES)}
    village_only = {s.main for s in VILLAGE_STREETS} - {SHARED_STREET}
    pool = [_ul(given, main) for given, main in _PATRONS]
    pool += [_ul("", main, *aliases) for main, aliases in _EVENTS]
    pool += [_ul("", main) for main in (*_TOWNS, *_PLAIN)]
    return tuple(s for s in pool if s.main not in taken | village_only)


DISTRICT_CENTRE = "Śródmieście"
DISTRICT_INDUSTRIAL = "Zabłocie"
DISTRICT_NAMES: tuple[str, ...] = (
    "Zagórze", "Piaski", "Podlesie", "Dąbrówka", "Nowy Dwór", "Łęgi", "Gródek",
    "Żabieniec", "Wrzosowa Góra", "Józefów", "Bielszowice Nowe",
)

ESTATE_NAMES: dict[str, tuple[str, ...]] = {
    "old_town": ("Stare Miasto",),
    "centre": (
        "Nowe Miasto", "Dworzec", "Przedmieście Krakowskie", "Zamkowe", "Ratuszowe",
        "Przedmieście Gliwickie", "Plac Targowy", "Katedralne",
    ),
    "familoki": ("Kolonia Gwarecka",),
    "post_industrial": ("Osiedle Hutnicze", "Stara Huta", "Szyb Wschodni"),
    "blocks": (
        "Osiedle Tysiąclecia", "Osiedle Kopernika", "Osiedle Słoneczne", "Osiedle Młodych",
        "Osiedle Piastów", "Osiedle Jagiellońskie", "Osiedle Sienkiewicza", "Osiedle Zachód",
        "Osiedle Witosa", "Osiedle Kościuszki", "Osiedle Bażantów", "Osiedle Śląskie",
        "Osiedle Górników", "Osiedle Północ",
    ),
    "mixed": (
        "Glinki", "Błonie", "Zatorze", "Kępa", "Wólka", "Żwirownia", "Nowa Osada", "Gaj",
        "Zieleniec", "Górka", "Lipiny", "Kąty", "Ługi", "Grabina", "Dębina",
    ),
    "houses": (
        "Zagórze Dolne", "Zagórze Górne", "Piaski Wielkie", "Piaski Małe", "Leśna Polana",
        "Ogrody", "Sady", "Wrzosy", "Olszyny", "Brzeziny", "Jaworze", "Łąki", "Bażantowo",
        "Łęgi Dolne", "Źródła", "Słoneczne Wzgórze", "Podlesie Małe", "Gajówka",
    ),
    "village": ("Kamionka", "Zawada"),
}

FIRST_NAMES_M: tuple[str, ...] = (
    "Jan", "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał", "Marcin",
    "Grzegorz", "Józef", "Łukasz", "Adam", "Zbigniew", "Jerzy", "Tadeusz", "Mateusz",
    "Dariusz", "Mariusz", "Wojciech", "Ryszard", "Jakub", "Henryk", "Robert", "Rafał",
    "Kazimierz", "Jacek", "Maciej", "Kamil", "Janusz", "Marek", "Damian", "Sebastian",
    "Czesław", "Leszek", "Daniel", "Stanisław", "Bartłomiej", "Szymon", "Przemysław",
    "Zdzisław", "Antoni", "Jarosław", "Dawid", "Bogdan", "Sławomir", "Kacper", "Filip",
    "Wiesław", "Edward", "Mieczysław", "Roman", "Franciszek", "Bartosz", "Artur",
    "Zenon", "Ireneusz", "Waldemar", "Oskar", "Igor", "Hubert",
)
FIRST_NAMES_F: tuple[str, ...] = (
    "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna",
    "Elżbieta", "Zofia", "Teresa", "Magdalena", "Joanna", "Janina", "Monika", "Danuta",
    "Jadwiga", "Aleksandra", "Halina", "Irena", "Beata", "Marta", "Dorota", "Helena",
    "Karolina", "Jolanta", "Iwona", "Natalia", "Grażyna", "Bożena", "Urszula", "Justyna",
    "Renata", "Alicja", "Paulina", "Sylwia", "Stanisława", "Agata", "Patrycja", "Julia",
    "Wiesława", "Józefa", "Łucja", "Weronika", "Zuzanna", "Wanda", "Genowefa", "Róża",
    "Bogumiła", "Lena", "Ludmiła", "Gabriela", "Żaneta", "Kinga", "Emilia", "Oliwia",
    "Hanna", "Jagoda", "Stefania", "Edyta",
)
SURNAMES_M: tuple[str, ...] = (
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
    "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski", "Zając", "Pawłowski",
    "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel", "Nowakowski", "Majewski",
    "Olszewski", "Stępień", "Malinowski", "Jaworski", "Adamczyk", "Dudek", "Nowicki",
    "Pawlak", "Górski", "Witkowski", "Walczak", "Sikora", "Baran", "Rutkowski", "Michalak",
    "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak", "Marciniak", "Wróblewski",
    "Zalewski", "Jakubowski", "Jasiński", "Zawadzki", "Sadowski", "Bąk", "Chmielewski",
    "Włodarczyk", "Borkowski", "Czarnecki", "Sawicki", "Sokołowski", "Urbański", "Kubiak",
    "Maciejewski", "Szczepański", "Kucharski", "Wilk", "Kalinowski", "Lis", "Mazurek",
    "Wysocki", "Adamski", "Kaźmierczak", "Wasilewski", "Sobczak", "Czerwiński",
    "Andrzejewski", "Cieślak", "Głowacki", "Zakrzewski", "Kołodziej", "Sikorski",
    "Krajewski", "Gajewski", "Szymczak", "Szulc", "Baranowski", "Laskowski", "Brzeziński",
    "Makowski", "Ziółkowski", "Przybylski", "Kubica", "Mrozek", "Szołtysik", "Kokot",
    "Gajda", "Pyka", "Świerczek", "Bednarek", "Skrzypiec", "Kempa", "Pietrzyk", "Gawlik",
    "Mańka", "Bugla", "Cholewa", "Wolny", "Piecha", "Matuszczyk", "Gruszka", "Ochman",
    "Żyła", "Ślęzak", "Łukaszczyk", "Kłosek", "Grzesik", "Morawiec", "Dziuba", "Kozieł",
)


def female_surname(male: str) -> str:
    """The feminine form of a surname (Kowalski → Kowalska; Nowak stays Nowak)."""
    for ending, feminine in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if male.endswith(ending):
            return male[: -len(ending)] + feminine
    return male
