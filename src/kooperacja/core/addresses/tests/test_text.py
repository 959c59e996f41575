from __future__ import annotations

from kooperacja.core.addresses import fold_address, repair_encoding


def test_it_folds_diacritics_case_and_the_stroked_l() -> None:
    assert fold_address("ŁÓDŹ, ul. Żółkiewskiego") == "lodz ul zolkiewskiego"


def test_it_repairs_windows_1250_read_as_iso_8859_2() -> None:
    damaged = "Świętego Wojciecha, Ząbkowska".encode("cp1250").decode("iso-8859-2")
    assert repair_encoding(damaged) == "Świętego Wojciecha, Ząbkowska"


def test_it_repairs_iso_8859_2_read_as_windows_1250() -> None:
    damaged = "Źródlana, Śląska".encode("iso-8859-2").decode("cp1250")
    assert repair_encoding(damaged) == "Źródlana, Śląska"


def test_it_repairs_utf8_read_as_a_one_byte_code_page() -> None:
    for codec in ("cp1250", "latin-1"):
        damaged = "Słoneczna, Żeromskiego".encode().decode(codec)
        assert repair_encoding(damaged) == "Słoneczna, Żeromskiego"


def test_it_keeps_a_lost_letter_as_a_question_mark() -> None:
    assert fold_address("Ko?ciuszki") == "ko?ciuszki"


def test_it_keeps_a_hyphen_only_between_digits() -> None:
    assert fold_address("Skłodowskiej-Curie 12 - 14") == "sklodowskiej curie 12-14"
