"""Submissions over the API: an institution's program sends an extract with its API token
and reads the import report (docs/security.md, "API tokens")."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Path, Router, Schema, UploadedFile

from kooperacja import policy
from kooperacja.api_errors import errors
from kooperacja.messages import rejection_message
from kooperacja.policy import Action
from kooperacja.records.forms import UploadForm
from kooperacja.records.models import Institution, Submission
from kooperacja.records.services.uploads import queue_upload
from kooperacja.security.tokens import InstitutionToken
from kooperacja.territory.models import Level

router = Router(tags=["submissions"], auth=InstitutionToken())


class RejectionOut(Schema):
    row: int | None
    column: str | None
    reason: str
    message: str  # in the language the request asks for (Accept-Language)


class SubmissionOut(Schema):
    id: int
    institution: str
    period: str
    layout: str
    status: str
    finished: bool
    rows_read: int
    rows_imported: int
    rows_rejected: int
    addresses_matched: int
    addresses_unmatched: int
    error: str
    rejections: list[RejectionOut]


class FormErrors(Schema):
    detail: dict[str, list[str]]


def _out(submission: Submission) -> dict[str, Any]:
    return {
        "id": submission.pk, "institution": submission.institution.code,
        "period": submission.period, "layout": submission.layout, "status": submission.status,
        "finished": submission.finished, "rows_read": submission.rows_read,
        "rows_imported": submission.rows_imported, "rows_rejected": submission.rows_rejected,
        "addresses_matched": submission.addresses_matched,
        "addresses_unmatched": submission.addresses_unmatched, "error": submission.error,
        "rejections": [{"row": r.get("row"), "column": r.get("column"),
                        "reason": r.get("reason", ""), "message": rejection_message(r)}
                       for r in submission.rejections],
    }


@router.post("/submissions", response={202: SubmissionOut, 400: FormErrors, **errors(401, 422)},
             summary="Send an extract (the token's institution)")
@policy.institution_token(Action.UPLOAD)
def create_submission(request: HttpRequest, period: Form[str], layout: Form[str],
                      file: File[UploadedFile], strict: Form[bool] = False,
                      level: Form[str] = "") -> tuple[int, dict]:
    """The same file and fields as on the upload page (CSV or XLSX; ``level``: the code of the
    units' level, for counts per unit); the import runs in the background: poll
    ``GET /submissions/{id}`` for its report."""
    institution = request.auth.institution
    levels = Level.objects.filter(code=level).values_list("pk", flat=True)
    form = UploadForm(
        {"institution": institution.pk, "period": period, "layout": layout, "strict": strict,
         "level": (levels.first() or level) if level else ""},
        {"file": file}, institutions=Institution.objects.filter(pk=institution.pk),
    )
    if not form.is_valid():
        return 400, {"detail": {name: [str(e) for e in errors]
                                for name, errors in form.errors.items()}}
    submission = queue_upload(form.cleaned_data["params"], form.cleaned_data["file"])
    return 202, _out(submission)


@router.get("/submissions/{submission_id}",
            response={200: SubmissionOut, **errors(401, 404, 422)},
            summary="Progress and report of one of the token's institution's submissions")
@policy.institution_token(Action.VIEW_SUBMISSION)
def submission(request: HttpRequest, submission_id: Annotated[int, Path(ge=0)]
               ) -> dict[str, Any]:
    found = get_object_or_404(
        Submission.objects.select_related("institution"),
        pk=submission_id, institution=request.auth.institution,
    )
    return _out(found)
