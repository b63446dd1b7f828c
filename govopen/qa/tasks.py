"""Background work of the Q&A: emails to askers, reminders to staff (django-tasks)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

logger = logging.getLogger("govopen.qa")

# Events the asker is emailed about (when they gave an address).
NOTIFIED_EVENTS = ("refused", "approved")


@task()
def send_asker_notification(event_id):
    """Email the asker that their question was not accepted or was answered."""
    from .models import QuestionEvent

    event = QuestionEvent.objects.select_related("question").filter(pk=event_id).first()
    if event is None or event.kind not in NOTIFIED_EVENTS or not event.question.email:
        return False
    question = event.question
    status_url = ""
    if question.page is not None and question.page.live:
        url = question.page.get_full_url()
        status_url = (url + question.page.reverse_subpage("status")) if url else ""
    with translation.override(question.language or settings.LANGUAGE_CODE):
        context = {"question": question, "event": event, "status_url": status_url}
        subject = render_to_string("govopen/qa/email/asker_subject.txt", context)
        body = render_to_string("govopen/qa/email/asker_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [question.email])
    return True


def notify_asker(event):
    """Email the asker about ``event`` once the transaction commits."""
    if event.kind not in NOTIFIED_EVENTS or not event.question.email:
        return

    def enqueue():
        try:
            send_asker_notification.enqueue(event.pk)
        except Exception:
            # The record is committed; a lost email must not become an error
            # page. The log carries ids only, never personal data.
            logger.exception("could not enqueue the notification of event %s", event.pk)

    transaction.on_commit(enqueue)


@task()
def send_qa_reminders(days=None):
    """Mail each handler the questions due within ``days`` and overdue."""
    from .reminders import send_reminders

    return send_reminders(days)
