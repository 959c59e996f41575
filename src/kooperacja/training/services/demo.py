"""The demo's training offers: a labour-office course with twelve applicants (selected, a
reserve list, one resignation that moved the first reserve up, results), the same course
planned by the social assistance centre in the same quarter and district (the duplicate
warning), and an NGO's upcoming workshop open for applications."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from kooperacja.addresses.models import AddressPoint
from kooperacja.records.models import Code, Institution
from kooperacja.training.models import Applicant, Offer, Outcome, Session
from kooperacja.training.services import recruitment
from kooperacja.training.services.offers import place

NGO = "FUNDACJA"
# Name, sex, birth year, labour status, education, disability, score (None: not qualified).
PEOPLE: tuple[tuple[str, str, int, str, str, bool, int | None], ...] = (
    ("Anna Kowalczyk", "K", 1990, "unemployed", "isced_3_4", False, 90),
    ("Barbara Nowicka", "K", 1985, "long_term_unemployed", "isced_0_2", False, 85),
    ("Celina Wójcik", "K", 2002, "unemployed", "isced_3_4", False, 80),
    ("Dorota Mazur", "K", 1968, "long_term_unemployed", "isced_3_4", True, 75),
    ("Ewa Krawczyk", "K", 1979, "inactive", "isced_5_8", False, 70),
    ("Franciszek Zając", "M", 1995, "unemployed", "isced_3_4", False, 68),
    ("Grzegorz Król", "M", 1966, "long_term_unemployed", "isced_0_2", False, 65),
    ("Halina Wieczorek", "K", 1999, "unemployed", "isced_3_4", False, 60),
    ("Irena Jabłońska", "K", 1988, "unemployed", "isced_0_2", False, 55),
    ("Jan Pawlak", "M", 2001, "inactive", "isced_3_4", False, 50),
    ("Katarzyna Dudek", "K", 1975, "unemployed", "isced_3_4", False, 45),
    ("Leszek Sikora", "M", 1992, "employed", "isced_5_8", False, None),
)


def _quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def fill_demo(today: datetime.date | None = None) -> int:
    """Create the demo's offers once (nothing when they exist); how many were made."""
    if Offer.objects.filter(source_id__startswith="demo-").exists():
        return 0
    mops = Institution.objects.filter(kind=Institution.Kind.MOPS).order_by("code").first()
    pup = Institution.objects.filter(kind=Institution.Kind.PUP).order_by("code").first()
    training = Code.objects.filter(code_list__code="instrument_type", code="training").first()
    counselling = Code.objects.filter(code_list__code="instrument_type",
                                      code="counselling").first()
    staff = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if mops is None or pup is None or training is None or counselling is None or staff is None:
        return 0
    ngo, _ = Institution.objects.get_or_create(code=NGO, defaults={
        "name": "Fundacja Aktywni Razem", "kind": Institution.Kind.NGO,
        "territory": mops.territory})
    points = list(AddressPoint.objects.active().order_by("pk")[:2])
    today = today or timezone.localdate()
    start = _quarter_start(_quarter_start(today) - datetime.timedelta(days=1))

    def offer(institution: Institution, key: str, point: int, **fields: object) -> Offer:
        made = Offer(institution=institution, source_id=f"demo-{key}", **fields)
        if len(points) > point:
            made.lon, made.lat = points[point].lon, points[point].lat
            made.address = f"{points[point].street} {points[point].number}".strip()
            made.locality = points[point].locality
        place(made)
        made.save()
        return made

    criteria = [{"code": "bezrobotny", "label": "Osoba bezrobotna lub bierna zawodowo"},
                {"code": "mieszkaniec", "label": "Mieszkam w mieście"}]
    course = offer(pup, "pup-forklift", 0, title="Operator wózków widłowych z egzaminem UDT",
                   instrument_type=training, scope="operator wózków widłowych",
                   occupation_code="834405", starts_on=start + datetime.timedelta(days=14),
                   ends_on=start + datetime.timedelta(days=56), capacity=8,
                   target_group="osoby bezrobotne i bierne zawodowo", criteria=criteria,
                   funding="Fundusz Pracy; EFS+", target_women=5, target_men=3)
    offer(mops, "mops-forklift", 0, title="Kurs: wózki widłowe dla klientów MOPS",
          instrument_type=training, scope="Operator wózków widłowych",
          starts_on=start + datetime.timedelta(days=35),
          ends_on=start + datetime.timedelta(days=70),
          capacity=10, target_group="klienci pomocy społecznej", criteria=criteria,
          funding="EFS+ (projekt Kooperacja Plus)", target_women=6, target_men=4)
    offer(ngo, "ngo-workshop", 1, title="Warsztaty aktywnego poszukiwania pracy",
          instrument_type=counselling, scope="poszukiwanie pracy",
          starts_on=today + datetime.timedelta(days=14),
          ends_on=today + datetime.timedelta(days=56), capacity=12,
          target_group="osoby powyżej 50 roku życia", criteria=criteria[:1],
          funding="budżet miasta")
    for week, topic in enumerate(("BHP i budowa wózka", "Jazda próbna", "Egzamin UDT")):
        Session.objects.create(offer=course, topic=topic,
                               day=course.starts_on + datetime.timedelta(days=7 * week))
    people = []
    for number, (name, sex, born, status, education, disability, score) in enumerate(PEOPLE):
        person = recruitment.apply(course, recruitment.Application(
            name=name, email="", phone=f"500 100 {number:03d}", sex=sex,
            age_band=recruitment.age_band(born, course.starts_on), labour_status=status,
            education=education, disability=disability, birth_year=born,
            answers={"bezrobotny": status != "employed", "mieszkaniec": True}), None)
        recruitment.verify(person, "bezrobotny", status != "employed",
                           "zaświadczenie z PUP" if status != "employed" else "pracuje", staff)
        recruitment.qualify(person, staff, qualified=score is not None, score=score)
        people.append(person)
    recruitment.select(course, staff)
    first = Applicant.objects.get(pk=people[2].pk)
    recruitment.withdraw(first, staff, status=Applicant.Status.NOT_STARTED)
    for person in Applicant.objects.filter(offer=course, status=Applicant.Status.SELECTED):
        recruitment.start(person, course.starts_on, staff)
    selected = course.applicants.filter(status=Applicant.Status.SELECTED)
    for session in course.sessions.all():
        recruitment.record_attendance(session, set(selected.values_list("pk", flat=True)), staff)
    outcomes = [Outcome.EMPLOYED, Outcome.EMPLOYED, Outcome.EDUCATION, Outcome.SEEKING,
                Outcome.EMPLOYED, Outcome.NONE, Outcome.SELF_EMPLOYED, Outcome.SEEKING]
    for index, person in enumerate(Applicant.objects.filter(offer=course, started_on__isnull=False)
                                   .order_by("pk")):
        recruitment.finish(person, staff, completed=index != 5, day=course.ends_on,
                           outcome=outcomes[index % len(outcomes)] if index != 5 else "")
    return 3
