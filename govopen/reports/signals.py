"""Publishing an annual report freezes its figures into the published revision."""

from django.dispatch import receiver
from wagtail.signals import page_published


@receiver(page_published)
def freeze_statistics(sender, instance, revision=None, **kwargs):
    from .models import AnnualReportPage

    if isinstance(instance, AnnualReportPage):
        instance.freeze_statistics(revision)
