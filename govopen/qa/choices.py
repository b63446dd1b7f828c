"""States and handling events of a question (app logic, not statutory)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")  # 已提交
    ACCEPTED = "accepted", _("Accepted")  # 已受理
    REFUSED = "refused", _("Not accepted")  # 不予受理
    ASSIGNED = "assigned", _("Assigned to a department")  # 已转办
    REPLIED = "replied", _("Reply under review")  # 已答复，待审核
    ANSWERED = "answered", _("Answered")  # 已办结
    PUBLISHED = "published", _("Answered and published")  # 已公开


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")  # 提交
    ACCEPTED = "accepted", _("Accepted")  # 受理
    REFUSED = "refused", _("Not accepted")  # 不予受理
    ASSIGNED = "assigned", _("Assigned")  # 转办
    REPLIED = "replied", _("Replied")  # 答复
    RETURNED = "returned", _("Reply returned for revision")  # 审核退回
    APPROVED = "approved", _("Reply approved")  # 审核通过
    PUBLISHED = "published", _("Published")  # 公开
    RATED = "rated", _("Rated")  # 评价
    NOTE = "note", _("Note")  # 备注


# Questions whose reply clock runs (受理 → the reply reaches the asker).
OPEN_STATUSES = (
    QuestionStatus.ACCEPTED,
    QuestionStatus.ASSIGNED,
    QuestionStatus.REPLIED,
)
# Questions the asker has an answer to.
ANSWERED_STATUSES = (QuestionStatus.ANSWERED, QuestionStatus.PUBLISHED)
# Events the asker sees on the status page.
PUBLIC_EVENTS = (
    EventKind.SUBMITTED,
    EventKind.ACCEPTED,
    EventKind.REFUSED,
    EventKind.ASSIGNED,
    EventKind.APPROVED,
    EventKind.PUBLISHED,
    EventKind.RATED,
)
