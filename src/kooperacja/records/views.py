from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from kooperacja.records.forms import UploadForm
from kooperacja.records.models import Institution, Membership, Submission
from kooperacja.records.permissions import submissions_for
from kooperacja.records.services.audit import record_event
from kooperacja.records.tasks import import_upload


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "uploads"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    institutions = Institution.objects.filter(
        members__user=request.user,
        members__role__in=[Membership.Role.PARTNER, Membership.Role.ADMINISTRATOR],
    )
    form = UploadForm(request.POST or None, request.FILES or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # A random name: the uploaded name may carry a person's name.
        target = upload_dir() / f"{uuid.uuid4().hex}{Path(data['file'].name).suffix.lower()}"
        with target.open("wb") as out:
            for piece in data["file"].chunks():
                out.write(piece)
        submission = Submission.objects.create(
            institution=data["institution"], period=data["period"].label,
            period_start=data["period"].start, period_end=data["period"].end, layout=data["layout"],
            strict=data["strict"],
            file_name=data["file"].name[:255], upload_path=str(target), created_by=request.user,
        )
        import_upload.enqueue(submission.pk)
        return redirect("records:submission", pk=submission.pk)
    return render(request, "records/upload.html", {
        "form": form, "submissions": submissions_for(request.user)[:20],
    })


@login_required
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(submissions_for(request.user).select_related("institution"), pk=pk)
    if found.finished:
        record_event(request.user, "view", found)
    return render(request, "records/submission.html", {"submission": found})


@login_required
def progress(request: HttpRequest, pk: int) -> JsonResponse:
    found = get_object_or_404(submissions_for(request.user), pk=pk)
    return JsonResponse({
        "status": found.status, "finished": found.finished, "rows_read": found.rows_read,
        "rows_imported": found.rows_imported, "rows_rejected": found.rows_rejected,
    })
