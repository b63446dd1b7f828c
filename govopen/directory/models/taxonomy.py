"""How items are classified: 主题分类, 目录分类 and 体裁分类.

All three are translatable snippets that the site edits. govopen ships a
default list of each in ``govopen/directory/data/`` and loads it with a data
migration (see :mod:`govopen.directory.taxonomy`), so every site starts with the
State Council topics, the Article 20 categories and the official document
genres, and can rename, add or retire entries without a deploy.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

code_validator = RegexValidator(
    r"\A[0-9A-Za-z_-]{1,32}\Z",
    _("Use letters, digits, hyphens and underscores only."),
)


class TaxonomyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def roots(self):
        return self.filter(parent__isnull=True)


class TaxonomyBase(TranslatableMixin, index.Indexed, models.Model):
    """A named, ordered, optionally nested classification entry.

    ``code`` is the stable identifier used in URLs, imports and index numbers;
    it is the same in every language, only ``name`` is translated.
    """

    code = models.CharField(
        _("code"),
        max_length=32,
        validators=[code_validator],
        help_text=_("A short stable code used in links, imports and index numbers."),
    )
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive entries stay on old items but cannot be chosen."),
    )

    objects = TaxonomyQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("active")]),
    ]

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("code"),
        SynchronizedField("parent"),
        SynchronizedField("sort_order"),
        SynchronizedField("active"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("code"),
        index.FilterField("active"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self):
        if self.parent_id and self.parent is not None:
            return f"{self.parent.name} / {self.name}"
        return self.name

    def clean(self):
        super().clean()
        # Two levels are what the classifications use; deeper trees would make the
        # filters ambiguous and every listing query walk further.
        if self.parent_id is not None:
            if self.parent_id == self.pk:
                raise ValidationError(
                    {"parent": _("An entry cannot be its own parent.")}
                )
            if self.parent.parent_id is not None:
                raise ValidationError(
                    {"parent": _("Choose a top-level entry: only two levels are used.")}
                )


class Topic(TaxonomyBase):
    """主题分类: the State Council's 22 topics and their sub-topics."""

    class Meta(TaxonomyBase.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"], name="govopen_directory_topic_code_locale"
            ),
        ]


class DirectoryCategory(TaxonomyBase):
    """A category of the directory (目录分类), e.g. 法规文件 or 财政预决算.

    The shipped list follows Article 20 of the regulations; ``article`` says
    which item of it the category serves.
    """

    article = models.CharField(
        _("legal basis"),
        max_length=100,
        blank=True,
        help_text=_("The article of the regulations this category serves."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        *TaxonomyBase.panels,
        FieldPanel("article"),
        FieldPanel("description"),
    ]

    translatable_fields = [
        *TaxonomyBase.translatable_fields,
        TranslatableField("article"),
        TranslatableField("description"),
    ]

    class Meta(TaxonomyBase.Meta):
        verbose_name = _("directory category")
        verbose_name_plural = _("directory categories")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"], name="govopen_directory_category_code_locale"
            ),
        ]


class Genre(TaxonomyBase):
    """体裁分类: the kind of document (通知, 意见, 决定, ...)."""

    class Meta(TaxonomyBase.Meta):
        verbose_name = _("genre")
        verbose_name_plural = _("genres")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"], name="govopen_directory_genre_code_locale"
            ),
        ]
