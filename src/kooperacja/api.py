"""The REST API, version 1 (django-ninja; OpenAPI at /api/v1/openapi.json)."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI, Swagger

from kooperacja import __version__, api_errors
from kooperacja.addresses.api import router as addresses_router
from kooperacja.catalogue.api import router as catalogue_router
from kooperacja.cooperation.api import router as cooperation_router
from kooperacja.cycles.api import router as cycles_router
from kooperacja.indicators.api import router as indicators_router
from kooperacja.programmes.api import router as programmes_router
from kooperacja.records.api import router as records_router
from kooperacja.referrals.api import router as referrals_router
from kooperacja.resources.api import router as resources_router
from kooperacja.territory.api import router as territory_router
from kooperacja.training.api import router as training_router
from kooperacja.web.api import router as web_router


class KooperacjaAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """The schema, where an operation answers GeoJSON listing that media type only (its
        ``openapi_extra`` adds it beside django-ninja's application/json)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for methods in schema["paths"].values():
            for operation in methods.values():
                for answer in operation.get("responses", {}).values():
                    content = answer.get("content", {})
                    if api_errors.GEOJSON in content:
                        content.pop("application/json", None)
        return schema


class AccessibleSwagger(Swagger):
    """Swagger UI from ninja's installed files, in a page that passes axe-core's WCAG 2.1 AA
    checks (kooperacja/web/templates/web/swagger.html). Without deep links an operation's
    path is plain text, not a link nested in the button that opens it."""

    template = "web/swagger.html"


api = KooperacjaAPI(
    title="Kooperacja API",
    version=__version__,
    description="Units, indicators and resources of a Kooperacja installation.",
    urls_namespace="api-v1",
    docs_url="/docs",
    docs=AccessibleSwagger(settings={"deepLinking": False}),
)
api_errors.install(api)
api.add_router("/", territory_router)
api.add_router("/addresses", addresses_router)
api.add_router("/resources", resources_router)
api.add_router("/", indicators_router)
api.add_router("/", records_router)
api.add_router("/", catalogue_router)
api.add_router("/", referrals_router)
api.add_router("/", cooperation_router)
api.add_router("/offers", training_router)
api.add_router("/", cycles_router)
api.add_router("/programmes", programmes_router)
api.add_router("/", web_router)
