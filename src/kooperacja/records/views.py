from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja import policy
from kooperacja.operations.services.worker import worker_alive
from kooperacja.policy import Action
from kooperacja.records.forms import UploadForm
from kooperacja.records.models import Institution, Submission, approval_required
from kooperacja.records.services.audit import record_event
from kooperacja.records.services.uploads import queue_upload

# The marks a data steward may give a submission in each review state: a pending one is
# approved or withdrawn, an approved one withdrawn, a withdrawn one approved again; never
# the mark it already has.
NEXT_REVIEWS: dict[str, tuple[str, ...]] = {
    Submission.Review.PENDING: (Submission.Review.APPROVED, Submission.Review.WITHDRAWN),
    Submission.Review.APPROVED: (Submission.Review.WITHDRAWN,),
    Submission.Review.WITHDRAWN: (Submission.Review.APPROVED,),
}


def submissions_for(user: object, action: Action = Action.VIEW_SUBMISSION) -> QuerySet[Submission]:
    return policy.scoped(Submission.objects.all(), user, action, institution="institution_id")


@policy.requires(Action.UPLOAD)
def upload(request: HttpRequest) -> HttpResponse:
    institutions = policy.scoped(Institution.objects.all(), request.user, Action.UPLOAD,
                                 institution="pk")
    form = UploadForm(request.POST or None, request.FILES or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        submission = queue_upload(data["params"], data["file"], request.user)
        return redirect("records:submission", pk=submission.pk)
    return render(request, "records/upload.html", {
        "form": form, "submissions": submissions_for(request.user)[:20],
        "worker_alive": worker_alive(),
    })


@policy.requires(Action.VIEW_SUBMISSION)
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(submissions_for(request.user).select_related("institution"), pk=pk)
    if found.finished:
        record_event(request.user, "view", found)
    may_review = policy.allows(request.user, Action.APPROVE_SUBMISSION,
                               institution=found.institution_id)
    return render(request, "records/submission.html", {
        "submission": found, "worker_alive": found.finished or worker_alive(),
        "may_review": may_review and found.status == Submission.Status.ACTIVE,
        "next_reviews": NEXT_REVIEWS.get(found.review, ()),
        "reviews": Submission.Review,
        # The unmatched addresses wait in the review queue, which the registers' keepers see.
        "may_see_queue": policy.allows(request.user, Action.CONFIGURE),
    })


@policy.requires(Action.APPROVE_SUBMISSION)
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The institution's data steward approves or withdraws an imported submission."""
    found = get_object_or_404(submissions_for(request.user, Action.APPROVE_SUBMISSION), pk=pk)
    decision = request.POST.get("review")
    if decision in NEXT_REVIEWS.get(found.review, ()):
        found.review, found.reviewed_by, found.reviewed_at = decision, request.user, timezone.now()
        found.save(update_fields=["review", "reviewed_by", "reviewed_at"])
        record_event(request.user, "review", found, {"review": decision})
        if not approval_required("public"):
            said = (_("The submission is marked approved.")
                    if decision == Submission.Review.APPROVED
                    else _("The submission is marked withdrawn."))
        elif decision == Submission.Review.APPROVED:
            said = _("The submission is approved: the public map, API and reports show it.")
        else:
            said = _("The submission is withdrawn: the public map, API and reports no longer "
                     "show it; analysts still do.")
        messages.success(request, said)
    return redirect("records:submission", pk=found.pk)


@policy.requires(Action.VIEW_SUBMISSION)
def progress(request: HttpRequest, pk: int) -> JsonResponse:
    found = get_object_or_404(submissions_for(request.user), pk=pk)
    return JsonResponse({
        "status": found.status, "finished": found.finished, "rows_read": found.rows_read,
        "rows_imported": found.rows_imported, "rows_rejected": found.rows_rejected,
    })
