"""The REST API, version 1 (django-ninja; OpenAPI at /api/v1/openapi.json)."""

from __future__ import annotations

from ninja import NinjaAPI

from kooperacja import __version__
from kooperacja.addresses.api import router as addresses_router
from kooperacja.indicators.api import router as indicators_router
from kooperacja.records.api import router as records_router
from kooperacja.resources.api import router as resources_router
from kooperacja.territory.api import router as territory_router

api = NinjaAPI(
    title="Kooperacja API",
    version=__version__,
    description="Units, indicators and resources of a Kooperacja installation.",
    urls_namespace="api-v1",
    docs_url="/docs",
)
api.add_router("/", territory_router)
api.add_router("/addresses", addresses_router)
api.add_router("/resources", resources_router)
api.add_router("/", indicators_router)
api.add_router("/", records_router)
