from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class QuestionCategory(TranslatableMixin, index.Indexed, models.Model):
    """A category citizens choose for their question (咨询类别), kept by editors."""

    name = models.CharField(_("name"), max_length=50)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
