from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext
from django.views.defaults import bad_request


class LanguageMiddleware:
    """Polish unless the visitor chose another language (the language cookie).

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language: the site is
    Polish first, and English is a choice made with the switch in the header. The API
    (``/api/``) has no switch: a client without the cookie says its language with
    Accept-Language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class NulMiddleware:
    """A request whose path or query holds a NUL character is refused before any view reads
    it: PostgreSQL cannot store or compare text with NUL (a query for it failed with an
    error where SQLite answered). The API answers 422 naming the parameter, as for any other
    value that does not validate; a page answers 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = [["query", name] for name, values in request.GET.lists()
                 if "\x00" in name or any("\x00" in value for value in values)]
        if "\x00" in request.path:
            where.append(["path"])
        if not where:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            problem = gettext("a NUL character, which no value may hold")
            return JsonResponse({"detail": [{"type": "value_error", "loc": loc, "msg": problem}
                                            for loc in where]}, status=422)
        return bad_request(request, ValueError("NUL"))
