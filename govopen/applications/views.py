"""The applicant's views, served as routes of :class:`ApplicationFormPage`.

Personal data never reaches logs or error reports: POST parameters are marked
sensitive (Django's error reporter masks them), local variables holding them
too, and nothing here logs an application's content.
"""

import logging
import time

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from govopen.core.abuse import protect_form
from govopen.core.calendar import get_calendar
from govopen.core.query_codes import StatusGrants, look_up_status

from .deadlines import STATUTORY_PERIOD
from .forms import SENSITIVE_FIELDS
from .models import ApplicationFile, DisclosureApplication
from .tasks import notify_applicant

logger = logging.getLogger("govopen.applications")

RECEIPT_SESSION_KEY = "govopen_application_receipt"
STATUS_SESSION_KEY = "govopen_application_status"
RECEIPT_MAX_AGE = 60 * 60  # the 查询码 is shown for an hour after submitting
STATUS_MAX_AGE = 30 * 60


def _private(response):
    # Pages with a CSRF token or an applicant's data must never be cached by
    # a CDN or a shared proxy.
    add_never_cache_headers(response)
    return response


def _render(request, page, template, context, status=200):
    full_context = page.get_context(request)
    full_context.update(context)
    return _private(TemplateResponse(request, template, full_context, status=status))


@sensitive_post_parameters(*SENSITIVE_FIELDS)
@sensitive_variables("form", "application", "query_code")
def application_form(request, page, preview=False):
    """GET: the form. POST: validate, create the application, go to the receipt."""
    form_class = page.get_form_class()
    status = 200
    if request.method == "POST" and not preview:
        form = form_class(request.POST, request.FILES)
        valid, limit = protect_form(request, form, "applications.submit")
        if not limit.allowed:
            status = 429
        elif valid:
            application, query_code = DisclosureApplication.objects.create_application(
                organization=page.organization,
                form_page=page,
                data=form.cleaned_data,
                uploads=form.cleaned_data.get("attachments") or (),
                language=get_language() or "",
            )
            first_event = application.events.order_by("pk").first()
            notify_applicant(first_event)
            request.session[RECEIPT_SESSION_KEY] = {
                "id": application.pk,
                "code": query_code,
                "at": time.time(),
            }
            return redirect(page.get_receipt_url(request))
        else:
            status = 400
    else:
        form = form_class()
    return _render(
        request,
        page,
        page.get_template(request),
        {"form": form, "status_url": page.get_status_url(request)},
        status=status,
    )


def _receipt_from_session(request):
    data = request.session.get(RECEIPT_SESSION_KEY)
    if not isinstance(data, dict):
        return None, None
    if time.time() - data.get("at", 0) > RECEIPT_MAX_AGE:
        request.session.pop(RECEIPT_SESSION_KEY, None)
        return None, None
    application = (
        DisclosureApplication.objects.select_related("organization")
        .filter(pk=data.get("id"))
        .first()
    )
    return application, data.get("code") if application else None


def receipt(request, page):
    """回执: number, 查询码, what happens next, the time limit. Printable."""
    application, query_code = _receipt_from_session(request)
    calendar = get_calendar()
    today = timezone.localdate()
    context = {
        "application": application,
        "query_code": query_code,
        "status_url": page.get_status_url(request),
        "form_url": page.get_url(request),
        "statutory_period": STATUTORY_PERIOD,
        # If receipt were confirmed today: what the applicant can expect.
        "expected_due_date": calendar.add_working_days(today, STATUTORY_PERIOD),
    }
    if application is not None:
        context["state"] = application.compute_state(today=today, calendar=calendar)
    return _render(request, page, "govopen/applications/receipt.html", context)


STATUS_GRANTS = StatusGrants(STATUS_SESSION_KEY, STATUS_MAX_AGE)


@sensitive_post_parameters(*SENSITIVE_FIELDS, "query_code")
@sensitive_variables("form")
def status(request, page):
    """Number + 查询码 → the public timeline, the due date, the reply.

    A successful lookup is remembered in the session for half an hour and
    answered by redirect (so reloading does not resubmit); a wrong code and an
    unknown number give the same message and the same status.
    """
    from .forms import StatusLookupForm

    application = None
    status_code = 200
    not_found = False
    if request.method == "POST":
        form = StatusLookupForm(request.POST)
        application, status_code, not_found = look_up_status(
            request,
            form,
            "applications.status",
            DisclosureApplication.find_by_number_and_code,
        )
        if application is not None:
            STATUS_GRANTS.grant(request, application)
            url = page.get_status_url(request) + "?number=" + application.number
            return redirect(url)
    else:
        form = StatusLookupForm()
        number = request.GET.get("number", "")
        if number:
            application = (
                DisclosureApplication.objects.select_related("organization")
                .filter(number=number, pk__in=STATUS_GRANTS.ids(request).keys())
                .first()
            )
    context = {
        "form": form,
        "not_found": not_found,
        "application": application,
        "form_url": page.get_url(request),
    }
    if application is not None:
        context.update(_status_context(request, page, application))
    return _render(
        request, page, "govopen/applications/status.html", context, status=status_code
    )


def _status_context(request, page, application):
    state = application.compute_state()
    events = application.events.filter(public=True).prefetch_related("files")
    reply = getattr(application, "public_reply", lambda: None)()
    return {
        "state": state,
        "events": events,
        "reply": reply,
        "file_url_base": page.get_url(request) + "status/files/",
    }


def status_file(request, page, file_id):
    """A reply document, for an applicant who looked up the application."""
    granted = STATUS_GRANTS.ids(request)
    file = (
        ApplicationFile.objects.filter(
            pk=file_id, public=True, application_id__in=granted.keys()
        )
        .select_related("application")
        .first()
    )
    if file is None:
        raise Http404
    response = HttpResponse(file.read(), content_type=file.content_type)
    # Letters and notices the office rendered open as printable pages; what
    # anyone uploaded is always a download.
    if not (file.content_type == "text/html" and file.uploaded_by_office):
        response["Content-Disposition"] = _content_disposition(file.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)


def _content_disposition(name):
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(name)}"
