"""Background work: email to applicants and reminders to handlers (django-tasks).

Requests only *enqueue* (after the transaction commits, see
:func:`notify_applicant`); with the database backend a worker sends the mail,
so a slow or broken mail server never slows down or fails a submission.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from govopen.core.conf import get_setting

logger = logging.getLogger("govopen.applications")


def status_url_for(application):
    """The absolute URL of the status page the applicant can use."""
    from .models import ApplicationFormPage

    page = application.form_page
    if page is None or not page.live:
        page = (
            ApplicationFormPage.objects.live()
            .filter(
                organization__translation_key=application.organization.translation_key
            )
            .first()
        )
    if page is None:
        return ""
    url = page.get_full_url()
    return (url + page.reverse_subpage("status")) if url else ""


@task()
def send_applicant_notification(event_id):
    """Email the applicant about a public event of their application."""
    from .choices import NOTIFIED_EVENTS
    from .models import ApplicationEvent

    event = (
        ApplicationEvent.objects.select_related("application__organization")
        .filter(pk=event_id)
        .first()
    )
    if event is None or event.kind not in NOTIFIED_EVENTS:
        return False
    application = event.application
    if not application.email:
        return False
    with translation.override(application.language or settings.LANGUAGE_CODE):
        context = {
            "application": application,
            "event": event,
            "state": application.compute_state(),
            "status_url": status_url_for(application),
            "organization": application.organization,
        }
        subject = render_to_string(
            "govopen/applications/email/applicant_subject.txt", context
        )
        body = render_to_string(
            "govopen/applications/email/applicant_body.txt", context
        )
    send_mail(
        " ".join(subject.split()),
        body,
        None,
        [application.email],
    )
    return True


def enqueue(task_, *args):
    """Enqueue ``task_`` and never let a failure reach the caller."""
    try:
        task_.enqueue(*args)
    except Exception:
        # The record is committed; a lost email must not turn into an error
        # page. The log carries ids only, never personal data.
        logger.exception("could not enqueue %s%r", task_.name, args)


def notify_applicant(event):
    """Email the applicant about ``event`` once the transaction commits."""
    from .choices import NOTIFIED_EVENTS

    if not get_setting("GOVOPEN_APPLICATION_NOTIFICATIONS"):
        return
    if event.kind not in NOTIFIED_EVENTS or not event.application.email:
        return
    transaction.on_commit(lambda: enqueue(send_applicant_notification, event.pk))


@task()
def send_handler_reminders(days=None):
    """Mail each handler the applications due within ``days`` and overdue."""
    from .reminders import send_reminders

    return send_reminders(days)
