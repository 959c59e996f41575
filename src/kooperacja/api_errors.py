"""The API's error answers: their schemas, for each operation's ``response=`` map (so the
OpenAPI description lists every status an operation answers), and django-ninja's default
answers in the request's language (Polish unless Accept-Language asks for English).

A validation error (422) names where the bad value is (``loc``: ``["query", "level"]``)
and what is wrong with it, never the value itself: a query may carry an address.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext, gettext_noop
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError


class ErrorOut(Schema):
    """Why the request was refused, in the request's language."""

    detail: str


class FieldErrorOut(Schema):
    type: str  # pydantic's error type: missing, int_parsing, literal_error, …
    loc: list[str | int]  # where: "query", "path", "form", "file" or "body", then the field
    msg: str  # what is wrong, in the request's language


class ValidationErrorOut(Schema):
    detail: list[FieldErrorOut]


def errors(*codes: int) -> dict[int, type[Schema]]:
    """The error answers of an operation, for its ``response=`` map: 422 for parameters
    that do not validate, the others (400, 401, 403, 404, 429) with a ``detail`` text."""
    return {code: ValidationErrorOut if code == 422 else ErrorOut for code in codes}


def geojson(schema: str) -> dict[str, Any]:
    """``openapi_extra`` of an operation that answers 200 with ``schema`` as
    application/geo+json (the API lists it instead of application/json)."""
    content = {GEOJSON: {"schema": {"$ref": f"#/components/schemas/{schema}"}}}
    return {"responses": {200: {"content": content}}}


GEOJSON = "application/geo+json"


# What is wrong, by pydantic's error type (several types share a message).
_PROBLEMS = {
    "missing": gettext_noop("this field is required"),
    "int_parsing": gettext_noop("not a whole number"),
    "int_type": gettext_noop("not a whole number"),
    "int_from_float": gettext_noop("not a whole number"),
    "float_parsing": gettext_noop("not a number"),
    "float_type": gettext_noop("not a number"),
    "finite_number": gettext_noop("not a number"),
    "bool_parsing": gettext_noop("not true or false"),
    "bool_type": gettext_noop("not true or false"),
    "string_type": gettext_noop("not text"),
    "string_unicode": gettext_noop("not text"),
    "literal_error": gettext_noop("not one of the allowed values: %(expected)s"),
    "enum": gettext_noop("not one of the allowed values: %(expected)s"),
    "json_invalid": gettext_noop("the request body is not valid JSON"),
    "model_attributes_type": gettext_noop("not a JSON object with the fields described"),
    "model_type": gettext_noop("not a JSON object with the fields described"),
    "dict_type": gettext_noop("not a JSON object with the fields described"),
    "list_type": gettext_noop("not a list"),
    # territory/api.py: a box whose sides are out of order or off the globe
    "bbox": gettext_noop("not a box west,south,east,north in degrees (west ≤ east, "
                         "south ≤ north, longitudes within ±180, latitudes within ±90)"),
}
_INVALID = gettext_noop("invalid value")


def field_message(error: dict[str, Any]) -> str:
    """One pydantic error as a sentence in the active language; the bad value left out."""
    problem = _PROBLEMS.get(str(error.get("type")), _INVALID)
    expected = (error.get("ctx") or {}).get("expected")
    if "%(expected)s" in problem:
        if expected is None:
            problem = _INVALID
        else:
            return gettext(problem) % {"expected": expected}
    return gettext(problem)


def _validation_error(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    detail = [
        {"type": str(e.get("type", "")), "loc": list(e.get("loc", ())), "msg": field_message(e)}
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": detail}, status=422)


# django-ninja's own messages for a status our handlers do not raise themselves.
_NINJA_MESSAGES = {"Cannot parse request body": gettext_noop("the request body is not valid JSON")}


def _http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    message = str(exc)
    ours = _NINJA_MESSAGES.get(message.split(" (", 1)[0])
    return api.create_response(
        request, {"detail": gettext(ours) if ours else message}, status=exc.status_code
    )


def _unauthorized(request: HttpRequest, exc: AuthenticationError, api: NinjaAPI) -> HttpResponse:
    message = gettext("an institution's API token is needed: Authorization: Bearer koop_…")
    return api.create_response(request, {"detail": message}, status=exc.status_code)


def _throttled(request: HttpRequest, exc: Throttled, api: NinjaAPI) -> HttpResponse:
    message = gettext("too many requests; try again in a minute")
    return api.create_response(request, {"detail": message}, status=429)


def _not_found(request: HttpRequest, exc: Http404, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": gettext("not found")}, status=404)


def install(api: NinjaAPI) -> None:
    """Answer ``api``'s validation errors, missing tokens, rate limits and missing objects
    in the request's language."""
    api.add_exception_handler(HttpError, lambda r, e: _http_error(r, e, api))
    api.add_exception_handler(ValidationError, lambda r, e: _validation_error(r, e, api))
    api.add_exception_handler(AuthenticationError, lambda r, e: _unauthorized(r, e, api))
    api.add_exception_handler(Throttled, lambda r, e: _throttled(r, e, api))
    api.add_exception_handler(Http404, lambda r, e: _not_found(r, e, api))
