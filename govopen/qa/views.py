"""The citizen's views, served as routes of :class:`~govopen.qa.models.QAPage`.

Citizens' text is shown as plain text everywhere (autoescaped, line breaks
only: no HTML, no links). Personal data never reaches logs: POST parameters
are marked sensitive.
"""

import time

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from govopen.core.abuse import protect_form
from govopen.core.conf import get_setting
from govopen.core.models import Organization
from govopen.core.query_codes import StatusGrants, look_up_status

from .choices import QuestionStatus
from .forms import SENSITIVE_FIELDS, ListFilterForm, RatingForm, StatusLookupForm
from .models import ActionNotAllowed, Question, QuestionCategory
from .statistics import statistics_for_year

THANKS_SESSION_KEY = "govopen_qa_thanks"
STATUS_SESSION_KEY = "govopen_qa_status"
THANKS_MAX_AGE = 60 * 60
STATUS_MAX_AGE = 30 * 60


def _private(response):
    # Pages with a CSRF token or an asker's data must never be cached by a CDN.
    add_never_cache_headers(response)
    return response


def _render(request, page, template, context, status=200, private=True):
    full_context = page.get_context(request)
    full_context.update(context)
    response = TemplateResponse(request, template, full_context, status=status)
    return _private(response) if private else response


def page_questions(page):
    """The questions asked through ``page`` or any of its translations."""
    return Question.objects.filter(page__translation_key=page.translation_key)


def question_list(request, page):
    """Published questions (search, department and category filters, pages) and
    this year's statistics."""
    questions = page_questions(page)
    published = questions.published()
    organizations = list(
        Organization.objects.filter(
            pk__in=published.values("reply_organization")
        ).order_by("sort_order", "name")
    )
    category_ids = set(published.values_list("category", flat=True))
    categories = [
        (str(category.pk), category.name)
        for category in QuestionCategory.objects.filter(pk__in=category_ids)
    ]
    form = ListFilterForm(
        request.GET or None,
        organizations=[(str(org.pk), org.name) for org in organizations],
        categories=categories,
    )
    # Invalid filter values are dropped rather than answered with an error.
    data = {}
    if form.is_bound:
        form.is_valid()
        data = {name: value for name, value in form.cleaned_data.items() if value}
    if data.get("q"):
        for word in data["q"].split():
            published = published.filter(
                Q(published_subject__icontains=word)
                | Q(published_question__icontains=word)
                | Q(reply__icontains=word)
            )
    if data.get("organization"):
        published = published.filter(reply_organization_id=data["organization"])
    if data.get("category"):
        published = published.filter(category_id=data["category"])
    published = published.select_related("reply_organization", "category").order_by(
        "-replied_on", "-pk"
    )
    paginator = Paginator(published, get_setting("GOVOPEN_QA_PAGE_SIZE"))
    try:
        page_obj = paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    query = request.GET.copy()
    query.pop("page", None)
    return _render(
        request,
        page,
        page.get_template(request),
        {
            "filter_form": form,
            "page_obj": page_obj,
            "questions": page_obj.object_list,
            "query_string": query.urlencode(),
            "statistics": statistics_for_year(questions),
            "ask_url": page.route_url("ask", request=request),
            "status_url": page.route_url("status", request=request),
        },
        private=False,
    )


def detail(request, page, number):
    question = (
        page_questions(page)
        .published()
        .select_related("reply_organization", "category")
        .filter(number=number)
        .first()
    )
    if question is None:
        raise Http404
    return _render(
        request,
        page,
        "govopen/qa/question_detail.html",
        {"question": question, "list_url": page.get_url(request)},
        private=False,
    )


@sensitive_post_parameters(*SENSITIVE_FIELDS)
@sensitive_variables("form", "question", "query_code")
def ask(request, page):
    """GET: the form. POST: validate, create the question, show number and code."""
    form_class = page.get_form_class()
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        valid, limit = protect_form(request, form, "qa.ask")
        if not limit.allowed:
            status = 429
        elif valid:
            question, query_code = Question.objects.create_question(
                data=form.cleaned_data, page=page
            )
            request.session[THANKS_SESSION_KEY] = {
                "id": question.pk,
                "code": query_code,
                "at": time.time(),
            }
            return redirect(page.route_url("thanks", request=request))
        else:
            status = 400
    else:
        form = form_class()
    return _render(
        request,
        page,
        "govopen/qa/ask.html",
        {
            "form": form,
            "status_url": page.route_url("status", request=request),
            "reply_days": get_setting("GOVOPEN_QA_REPLY_DAYS"),
        },
        status=status,
    )


def thanks(request, page):
    data = request.session.get(THANKS_SESSION_KEY)
    question = query_code = None
    if isinstance(data, dict) and time.time() - data.get("at", 0) <= THANKS_MAX_AGE:
        question = Question.objects.filter(pk=data.get("id")).first()
        query_code = data.get("code") if question else None
    return _render(
        request,
        page,
        "govopen/qa/thanks.html",
        {
            "question": question,
            "query_code": query_code,
            "status_url": page.route_url("status", request=request),
            "reply_days": get_setting("GOVOPEN_QA_REPLY_DAYS"),
        },
    )


STATUS_GRANTS = StatusGrants(STATUS_SESSION_KEY, STATUS_MAX_AGE)


@sensitive_post_parameters("query_code", "captcha_answer", "captcha_token")
@sensitive_variables("form")
def status(request, page):
    """Number + 查询码 → the question, its progress, the reply and the rating.

    The reply is shown even when the question is not published. A granted
    lookup is kept in the session for half an hour.
    """
    question = None
    status_code = 200
    not_found = False
    form = StatusLookupForm()
    rating_form = None
    number = request.GET.get("number", "")
    if number:
        question = (
            Question.objects.select_related("organization", "reply_organization")
            .filter(number=number, pk__in=STATUS_GRANTS.ids(request).keys())
            .first()
        )
    if request.method == "POST" and "rating" in request.POST and question is not None:
        rating_form = RatingForm(request.POST)
        if rating_form.is_valid():
            try:
                question.rate(
                    rating_form.cleaned_data["rating"],
                    rating_form.cleaned_data["comment"],
                )
            except ActionNotAllowed as refusal:
                rating_form.add_error(None, refusal.message)
            else:
                return redirect(request.get_full_path())
        status_code = 400
    elif request.method == "POST":
        form = StatusLookupForm(request.POST)
        question, status_code, not_found = look_up_status(
            request, form, "qa.status", Question.find_by_number_and_code
        )
        if question is not None:
            STATUS_GRANTS.grant(request, question)
            return redirect(
                page.route_url("status", request=request) + "?number=" + question.number
            )
    context = {
        "form": form,
        "not_found": not_found,
        "question": question,
        "ask_url": page.route_url("ask", request=request),
    }
    if question is not None:
        context.update(
            {
                "events": question.events.filter(public=True).select_related(
                    "organization"
                ),
                "show_reply": question.status
                in (QuestionStatus.ANSWERED, QuestionStatus.PUBLISHED),
                "rating_form": rating_form
                or (RatingForm() if question.can_be_rated() else None),
                "rating_closes_on": question.rating_closes_on(),
                "today": timezone.localdate(),
            }
        )
    return _render(request, page, "govopen/qa/status.html", context, status=status_code)
