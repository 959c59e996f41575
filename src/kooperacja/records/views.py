from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from kooperacja.operations.services.worker import worker_alive
from kooperacja.records.forms import UploadForm
from kooperacja.records.models import Institution, Membership
from kooperacja.records.permissions import submissions_for
from kooperacja.records.services.audit import record_event
from kooperacja.records.services.uploads import queue_upload


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    institutions = Institution.objects.filter(
        members__user=request.user,
        members__role__in=[Membership.Role.PARTNER, Membership.Role.ADMINISTRATOR],
    )
    form = UploadForm(request.POST or None, request.FILES or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        submission = queue_upload(data["params"], data["file"], request.user)
        return redirect("records:submission", pk=submission.pk)
    return render(request, "records/upload.html", {
        "form": form, "submissions": submissions_for(request.user)[:20],
        "worker_alive": worker_alive(),
    })


@login_required
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(submissions_for(request.user).select_related("institution"), pk=pk)
    if found.finished:
        record_event(request.user, "view", found)
    return render(request, "records/submission.html", {
        "submission": found, "worker_alive": found.finished or worker_alive(),
    })


@login_required
def progress(request: HttpRequest, pk: int) -> JsonResponse:
    found = get_object_or_404(submissions_for(request.user), pk=pk)
    return JsonResponse({
        "status": found.status, "finished": found.finished, "rows_read": found.rows_read,
        "rows_imported": found.rows_imported, "rows_rejected": found.rows_rejected,
    })
