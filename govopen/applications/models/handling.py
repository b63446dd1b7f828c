"""The handling actions of an application: one method per transition.

Each action checks that the regulation allows it in the current state (and
that the user may take it), appends an event to the handling record, stores
the recomputed state, writes Wagtail's log and, for public milestones, tells
the applicant. A refused action raises :class:`ActionNotAllowed` with a
message for the member of staff. docs/applications-handling.md gives the
statutory basis of each.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from govopen.core.calendar import get_calendar
from govopen.core.conf import get_setting
from govopen.core.enums import ReplyReason, ReplyType, reasons_for
from govopen.core.permissions import user_can_access_organization

from ..choices import (
    PUBLIC_EVENTS,
    ApplicationStatus,
    ClockState,
    ConsultationParty,
    EventKind,
    FeeMethod,
)
from ..deadlines import MAX_EXTENSION, SUPPLEMENT_REQUEST_LIMIT
from ..fees import compute_fee

LOG_PREFIX = "govopen_applications"


class ActionNotAllowed(Exception):
    """The action is not allowed now; ``message`` says why, for people."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# Action name → (label, statuses it is allowed in, extra permission or None).
ACTIONS = {
    "confirm_receipt": (
        _("Confirm receipt"),
        (ApplicationStatus.SUBMITTED,),
        None,
    ),
    "request_supplement": (
        _("Request a supplement"),
        (ApplicationStatus.PROCESSING,),
        None,
    ),
    "record_supplement": (
        _("Record the supplement received"),
        (ApplicationStatus.AWAITING_SUPPLEMENT,),
        None,
    ),
    "record_supplement_lapsed": (
        _("Record that the supplement period lapsed"),
        (ApplicationStatus.AWAITING_SUPPLEMENT,),
        None,
    ),
    "start_consultation": (
        _("Start a consultation"),
        (ApplicationStatus.PROCESSING, ApplicationStatus.CONSULTING),
        None,
    ),
    "end_consultation": (
        _("End a consultation"),
        (ApplicationStatus.CONSULTING,),
        None,
    ),
    "extend": (
        _("Extend the time limit"),
        (ApplicationStatus.PROCESSING, ApplicationStatus.CONSULTING),
        "govopen_applications.approve_extension",
    ),
    "issue_fee_notice": (
        _("Issue a fee notice"),
        (ApplicationStatus.PROCESSING,),
        None,
    ),
    "record_payment": (
        _("Record the fee paid"),
        (ApplicationStatus.AWAITING_PAYMENT,),
        None,
    ),
    "record_fee_lapsed": (
        _("Record that the fee was not paid in time"),
        (ApplicationStatus.AWAITING_PAYMENT,),
        None,
    ),
    "send_reply": (
        _("Reply"),
        (ApplicationStatus.PROCESSING,),
        None,
    ),
    "archive": (
        _("Close and archive"),
        (ApplicationStatus.REPLIED,),
        None,
    ),
}


def _status_label(status):
    return ApplicationStatus(status).label


class HandlingMixin:
    """The transitions of :class:`DisclosureApplication` (mixed into it)."""

    # Preconditions --------------------------------------------------------
    def action_refusal(self, action, user=None, state=None):
        """Why ``action`` is not allowed now, or None when it is."""
        label, statuses, permission = ACTIONS[action]
        state = state or self.compute_state()
        if user is not None:
            if not user_can_access_organization(user, self.organization):
                return _("You do not handle applications of this organisation.")
            if not user.has_perm("govopen_applications.change_disclosureapplication"):
                return _("You may not handle applications.")
            if permission and not user.has_perm(permission):
                return _(
                    "Only staff allowed to approve extensions (the head of the "
                    "disclosure office, Article 33) may extend the time limit."
                )
        if state.status not in statuses:
            return _(
                "“%(action)s” is not possible while the application is “%(status)s”."
            ) % {"action": label, "status": _status_label(state.status)}
        if action == "request_supplement" and state.supplement_requested:
            return _(
                "A supplement may be requested only once, for everything missing "
                "(Article 30)."
            )
        if action == "extend" and state.extended:
            return _("The time limit has already been extended once (Article 33).")
        if action == "end_consultation" and not state.consultations:
            return _("No consultation is open.")
        return None

    def allowed_actions(self, user=None):
        """``[(name, label)]`` of the actions allowed now, in workflow order."""
        state = self.compute_state()
        return [
            (name, ACTIONS[name][0])
            for name in ACTIONS
            if self.action_refusal(name, user=user, state=state) is None
        ]

    def _check(self, action, user):
        # Lock the row: two members of staff acting at once must not both
        # pass the precondition (callers are inside transaction.atomic).
        list(
            type(self)
            .objects.select_for_update()
            .filter(pk=self.pk)
            .values_list("pk", flat=True)
        )
        refusal = self.action_refusal(action, user=user)
        if refusal is not None:
            raise ActionNotAllowed(refusal)
        return self.compute_state()

    @staticmethod
    def _day(on):
        return on or timezone.localdate()

    def _check_date(self, on, not_before=None, label=None):
        if on > timezone.localdate():
            raise ActionNotAllowed(_("The date cannot be in the future."))
        if not_before is not None and on < not_before:
            raise ActionNotAllowed(
                _("The date cannot be before %(label)s (%(date)s).")
                % {"label": label, "date": not_before.isoformat()}
            )

    # Recording ------------------------------------------------------------
    def _record(
        self,
        kind,
        user,
        on,
        *,
        note="",
        public_note="",
        data=None,
        attachments=(),
        public_attachments=False,
        attachment_role=None,
    ):
        from .events import ApplicationEvent
        from .files import ApplicationFile

        event = ApplicationEvent.objects.create(
            application=self,
            kind=kind,
            date=on,
            user=user if getattr(user, "pk", None) else None,
            note=note or "",
            public_note=public_note or "",
            public=kind in PUBLIC_EVENTS,
            data=data or {},
        )
        for upload in attachments:
            ApplicationFile.store(
                self,
                upload,
                role=attachment_role or ApplicationFile.Role.ATTACHMENT,
                event=event,
                user=event.user,
                public=public_attachments,
            )
        self.refresh_state()
        self.save()
        log(
            instance=self,
            action=f"{LOG_PREFIX}.{kind}",
            user=event.user,
            data={"event": event.pk, "date": on.isoformat(), **(data or {})},
        )
        from ..tasks import notify_applicant

        notify_applicant(event)
        return event

    # The actions ----------------------------------------------------------
    def confirm_receipt(self, user, on=None, note=""):
        """Art. 31: the day the agency confirms receipt is the day of receipt."""
        on = self._day(on)
        with transaction.atomic():
            self._check("confirm_receipt", user)
            self._check_date(on, self.applied_on, _("the application"))
            return self._record(EventKind.RECEIVED, user, on, note=note)

    def request_supplement(
        self, user, items, on=None, due=None, note="", attachments=()
    ):
        """Art. 30: ask once for everything missing; the clock stops.

        Returns the event; ``event.data["late"]`` is true when the request is
        later than 7 working days after receipt (allowed, but a warning).
        """
        on = self._day(on)
        with transaction.atomic():
            state = self._check("request_supplement", user)
            self._check_date(on, state.received_on, _("the day of receipt"))
            calendar = get_calendar()
            if due is None:
                due = calendar.add_working_days(
                    on, get_setting("GOVOPEN_SUPPLEMENT_PERIOD_DAYS")
                )
            if due <= on:
                raise ActionNotAllowed(
                    _("The supplement period must end after the request.")
                )
            used = calendar.working_days_between(state.received_on, on)
            return self._record(
                EventKind.SUPPLEMENT_REQUESTED,
                user,
                on,
                note=note,
                public_note=items,
                data={
                    "due": due.isoformat(),
                    "working_days_after_receipt": used,
                    "late": used > SUPPLEMENT_REQUEST_LIMIT,
                },
                attachments=attachments,
                public_attachments=True,
            )

    def record_supplement(self, user, on=None, note="", attachments=()):
        """Art. 30: the full 20 working days start again from this day."""
        on = self._day(on)
        with transaction.atomic():
            self._check("record_supplement", user)
            requested = self._last_event(EventKind.SUPPLEMENT_REQUESTED)
            self._check_date(on, requested.date, _("the request"))
            return self._record(
                EventKind.SUPPLEMENT_RECEIVED,
                user,
                on,
                note=note,
                attachments=attachments,
            )

    def record_supplement_lapsed(self, user, on=None, note=""):
        """Art. 30: no supplement in time = abandoned → 其他处理 / 逾期不补正."""
        on = self._day(on)
        with transaction.atomic():
            state = self._check("record_supplement_lapsed", user)
            if state.supplement_due and on <= state.supplement_due:
                raise ActionNotAllowed(
                    _("The supplement period runs until %(date)s.")
                    % {"date": state.supplement_due.isoformat()}
                )
            self._check_date(on)
            return self._conclude(
                EventKind.SUPPLEMENT_LAPSED,
                user,
                on,
                ReplyType.OTHER,
                ReplyReason.SUPPLEMENT_LAPSED,
                note=note,
            )

    def start_consultation(
        self, user, party_kind, party, on=None, note="", attachments=()
    ):
        """Art. 32 (third party) and 34 (another agency): the clock pauses.

        The party has 15 working days to answer; the due date is stored.
        """
        on = self._day(on)
        party_kind = ConsultationParty(party_kind)
        with transaction.atomic():
            state = self._check("start_consultation", user)
            self._check_date(on, state.start, _("the start of the time limit"))
            due = get_calendar().add_working_days(on, 15)
            return self._record(
                EventKind.CONSULTATION_STARTED,
                user,
                on,
                note=note,
                data={
                    "party_kind": str(party_kind),
                    "party": party,
                    "due": due.isoformat(),
                },
                attachments=attachments,
            )

    def end_consultation(self, user, consultation, on=None, note="", attachments=()):
        """The answer arrived (or the period passed: silence = consent, Art. 34)."""
        on = self._day(on)
        with transaction.atomic():
            state = self._check("end_consultation", user)
            open_ids = {c.id: c for c in state.consultations}
            consultation_id = getattr(consultation, "pk", consultation)
            if consultation_id not in open_ids:
                raise ActionNotAllowed(_("This consultation is not open."))
            started = open_ids[consultation_id].started_on
            self._check_date(on, started, _("the start of the consultation"))
            return self._record(
                EventKind.CONSULTATION_ENDED,
                user,
                on,
                note=note,
                data={"consultation": consultation_id},
                attachments=attachments,
            )

    def extend(self, user, days, reason, on=None, note=""):
        """Art. 33: once, at most 20 working days, approved; the applicant is told."""
        on = self._day(on)
        days = int(days)
        with transaction.atomic():
            self._check("extend", user)
            if not 1 <= days <= MAX_EXTENSION:
                raise ActionNotAllowed(
                    _("An extension is of 1 to %(max)s working days.")
                    % {"max": MAX_EXTENSION}
                )
            if not (reason or "").strip():
                raise ActionNotAllowed(_("Give the reason for the extension."))
            self._check_date(on)
            due = self.compute_state().due_date
            if due is not None and on > due:
                raise ActionNotAllowed(
                    _("The time limit ended on %(date)s; it can no longer be extended.")
                    % {"date": due.isoformat()}
                )
            return self._record(
                EventKind.EXTENDED,
                user,
                on,
                note=note,
                public_note=reason,
                data={"days": days},
            )

    def fee_ordinal(self):
        """This application's place among the applicant's in its calendar month."""
        month_start = self.applied_on.replace(day=1)
        next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
        same_month = type(self).objects.filter(
            organization__translation_key=self.organization.translation_key,
            applicant_key=self.applicant_key,
            applied_on__gte=month_start,
            applied_on__lt=next_month,
        )
        earlier = same_month.filter(applied_on__lt=self.applied_on).count()
        same_day = same_month.filter(applied_on=self.applied_on, pk__lte=self.pk)
        return earlier + same_day.count()

    def compute_fee(self, method, pages=None):
        """The :class:`~govopen.applications.fees.FeeComputation` for this one."""
        method = FeeMethod(method)
        if method == FeeMethod.PER_APPLICATION:
            return compute_fee(method, self.fee_ordinal())
        if pages is None or int(pages) < 0:
            raise ActionNotAllowed(_("Give the number of pages."))
        return compute_fee(method, int(pages))

    def issue_fee_notice(self, user, method, pages=None, on=None, note=""):
        """Art. 42, 国办函〔2020〕109号: only beyond the free allowances."""
        on = self._day(on)
        with transaction.atomic():
            self._check("issue_fee_notice", user)
            self._check_date(on)
            computation = self.compute_fee(method, pages)
            if computation.free:
                raise ActionNotAllowed(
                    _("No fee is due: %(what)s is within the free allowance.")
                    % {"what": computation.description}
                )
            due = get_calendar().add_working_days(
                on, get_setting("GOVOPEN_FEE_PAYMENT_DAYS")
            )
            event = self._record(
                EventKind.FEE_NOTICE,
                user,
                on,
                note=note,
                data={**computation.as_data(), "due": due.isoformat()},
            )
            self._attach_document(
                event,
                "govopen/applications/fee_notice_document.html",
                {"application": self, "event": event, "data": event.data},
                f"{self.number}-fee-notice.html",
            )
            return event

    def record_payment(self, user, on=None, note=""):
        on = self._day(on)
        with transaction.atomic():
            self._check("record_payment", user)
            notice = self._last_event(EventKind.FEE_NOTICE)
            self._check_date(on, notice.date, _("the fee notice"))
            return self._record(EventKind.FEE_PAID, user, on, note=note)

    def record_fee_lapsed(self, user, on=None, note=""):
        """109号 Art. 6: not paid in time = abandoned → 其他处理 / 逾期未缴费."""
        on = self._day(on)
        with transaction.atomic():
            state = self._check("record_fee_lapsed", user)
            if state.fee_due and on <= state.fee_due:
                raise ActionNotAllowed(
                    _("The fee can be paid until %(date)s.")
                    % {"date": state.fee_due.isoformat()}
                )
            self._check_date(on)
            return self._conclude(
                EventKind.FEE_LAPSED,
                user,
                on,
                ReplyType.OTHER,
                ReplyReason.FEE_UNPAID,
                note=note,
            )

    def send_reply(
        self,
        user,
        reply_type,
        reason="",
        on=None,
        summary="",
        legal_ground="",
        negative_list_entry=None,
        documents=(),
        template=None,
        note="",
    ):
        """Art. 36: one of the reply types, with its sub-reason where it has them."""
        on = self._day(on)
        reply_type = ReplyType(reply_type)
        with transaction.atomic():
            state = self._check("send_reply", user)
            self._check_date(on, state.start, _("the start of the time limit"))
            reasons = reasons_for(reply_type)
            if reasons and reason not in reasons:
                raise ActionNotAllowed(
                    _("Choose the reason of “%(type)s”.") % {"type": reply_type.label}
                )
            if not reasons and reason:
                raise ActionNotAllowed(
                    _("“%(type)s” has no sub-reasons.") % {"type": reply_type.label}
                )
            if negative_list_entry is not None and reply_type not in (
                ReplyType.NOT_DISCLOSED,
                ReplyType.PARTIALLY_DISCLOSED,
            ):
                raise ActionNotAllowed(
                    _(
                        "Only a reply that withholds information cites the "
                        "negative list."
                    )
                )
            return self._conclude(
                EventKind.REPLIED,
                user,
                on,
                reply_type,
                reason,
                note=note,
                summary=summary,
                legal_ground=legal_ground,
                negative_list_entry=negative_list_entry,
                documents=documents,
                template=template,
            )

    def _conclude(
        self,
        kind,
        user,
        on,
        reply_type,
        reason,
        *,
        note="",
        summary="",
        legal_ground="",
        negative_list_entry=None,
        documents=(),
        template=None,
    ):
        from .files import ApplicationFile
        from .replies import Reply, ReplyTemplate

        reply = Reply(
            application=self,
            reply_type=reply_type,
            reason=reason or "",
            legal_ground=legal_ground,
            negative_list_entry=negative_list_entry,
            summary=summary,
            replied_on=on,
            user=user if getattr(user, "pk", None) else None,
        )
        if template is None:
            template = ReplyTemplate.find(self.organization, reply_type, reason)
        reply.template = template
        reply.letter = reply.render_letter(template.body if template else None)
        reply.save()
        self.reply_type, self.reply_reason = reply.reply_type, reply.reason
        event = self._record(
            kind,
            user,
            on,
            note=note,
            data={"reply_type": str(reply_type), "reason": str(reason or "")},
            attachments=documents,
            public_attachments=True,
            attachment_role=ApplicationFile.Role.REPLY_DOCUMENT,
        )
        ApplicationFile.store(
            self,
            None,
            role=ApplicationFile.Role.REPLY_LETTER,
            event=event,
            user=event.user,
            public=True,
            content=reply.letter_document().encode(),
            name=f"{self.number}-reply.html",
            content_type="text/html",
        )
        return event

    def _attach_document(self, event, template, context, name):
        """Render a notice the office issues and keep it with the event."""
        from django.template.loader import render_to_string

        from .files import ApplicationFile

        return ApplicationFile.store(
            self,
            None,
            role=ApplicationFile.Role.ATTACHMENT,
            event=event,
            user=event.user,
            public=True,
            content=render_to_string(template, context).encode(),
            name=name,
            content_type="text/html",
        )

    def archive(self, user, on=None, note=""):
        on = self._day(on)
        with transaction.atomic():
            self._check("archive", user)
            self._check_date(on)
            return self._record(EventKind.ARCHIVED, user, on, note=note)

    def assign(self, user, handler, note=""):
        """Make ``handler`` responsible; reminders go to them."""
        with transaction.atomic():
            if self.status == ApplicationStatus.ARCHIVED:
                raise ActionNotAllowed(_("An archived application has no handler."))
            if user is not None and not user_can_access_organization(
                user, self.organization
            ):
                raise ActionNotAllowed(
                    _("You do not handle applications of this organisation.")
                )
            self.handler = handler
            return self._record(
                EventKind.ASSIGNED,
                user,
                timezone.localdate(),
                note=note,
                data={"handler": handler.pk if handler else None},
            )

    def add_note(self, user, note):
        with transaction.atomic():
            return self._record(EventKind.NOTE, user, timezone.localdate(), note=note)

    def reveal_identity_number(self, user):
        """The identity number in clear, for a user allowed to see it; logged."""
        if not user.has_perm("govopen_applications.view_identity_number"):
            raise ActionNotAllowed(_("You may not see applicants' identity numbers."))
        if not user_can_access_organization(user, self.organization):
            raise ActionNotAllowed(
                _("You do not handle applications of this organisation.")
            )
        log(
            instance=self,
            action=f"{LOG_PREFIX}.view_identity_number",
            user=user,
            data={"application": self.number},
        )
        return self.get_identity_number()

    def _last_event(self, kind):
        return self.events.filter(kind=kind).order_by("-date", "-pk").first()

    @property
    def is_running(self):
        return self.clock_state == ClockState.RUNNING
