from __future__ import annotations

import pytest

from kooperacja.core.addresses import Geocoder
from kooperacja.democity.address_cases.register import Register, build_register


@pytest.fixture(scope="session")
def register() -> Register:
    return build_register()


@pytest.fixture(scope="session")
def geocoder(register: Register) -> Geocoder:
    return Geocoder(register.index())
