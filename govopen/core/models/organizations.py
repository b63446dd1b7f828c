from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

postcode_validator = RegexValidator(
    r"\A[0-9]{6}\Z", _("A postcode has six digits, for example 100000.")
)
org_code_validator = RegexValidator(
    r"\A[0-9A-Za-z-]{1,32}\Z",
    _("Use letters, digits and hyphens only, as in an organisation code."),
)


class OrganizationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def roots(self):
        return self.filter(parent__isnull=True)


class Organization(TranslatableMixin, index.Indexed, models.Model):
    """A 发布机构: the county government, a department or a town.

    The tree (county government → departments → towns) is a plain ``parent`` key:
    it is a few dozen rows per site, read whole and cached per request, so a
    materialised tree would cost more than it saves.
    """

    name = models.CharField(
        _("full official name"),
        max_length=255,
        help_text=_("The full name as on the organisation's seal."),
    )
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    code = models.CharField(
        _("code"),
        max_length=32,
        validators=[org_code_validator],
        help_text=_(
            "Organisation code or unified social credit code; "
            "used in index numbers (索引号)."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
    )
    office_name = models.CharField(
        _("disclosure office"),
        max_length=255,
        blank=True,
        help_text=_("The body that handles disclosure work, as named in the guide."),
    )
    office_address = models.CharField(_("office address"), max_length=255, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    fax = models.CharField(_("fax"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=6, blank=True, validators=[postcode_validator]
    )
    website = models.URLField(_("website"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive organisations stay on old items but cannot be chosen."),
    )

    objects = OrganizationQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("short_name"), FieldPanel("code")]),
                FieldPanel("parent"),
                FieldRowPanel([FieldPanel("sort_order"), FieldPanel("active")]),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("office_address"),
                FieldPanel("office_hours"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax")]),
                FieldRowPanel([FieldPanel("email"), FieldPanel("postcode")]),
                FieldPanel("website"),
            ],
            heading=_("Disclosure office"),
        ),
    ]

    # Codes, numbers and contact details are the same in every language: they
    # are copied from the source and translators cannot override them.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("short_name"),
        TranslatableField("office_name"),
        TranslatableField("office_address"),
        TranslatableField("office_hours"),
        SynchronizedField("code", overridable=False),
        # The translation points to the translated parent, so each language has
        # its own tree (county → departments → towns).
        TranslatableField("parent"),
        SynchronizedField("phone", overridable=False),
        SynchronizedField("fax", overridable=False),
        SynchronizedField("email", overridable=False),
        SynchronizedField("postcode", overridable=False),
        # A language may have its own version of the website.
        SynchronizedField("website"),
        SynchronizedField("sort_order", overridable=False),
        SynchronizedField("active", overridable=False),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.SearchField("code"),
        index.AutocompleteField("name"),
        index.AutocompleteField("code"),
        index.FilterField("code"),
        index.FilterField("active"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"], name="govopen_core_org_code_per_locale"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name

    def clean(self):
        super().clean()
        # A cycle would make the tree walk endless and the report totals wrong.
        ancestor = self.parent
        seen = set()
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError(
                    {"parent": _("An organisation cannot be its own ancestor.")}
                )
            if ancestor.pk in seen:
                break
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def get_canonical(self):
        """This organisation's row in the default locale.

        Records (applications, questions) point there, so that a record made on
        the English site and one made on the Chinese site count together.
        """
        try:
            default = Locale.get_default()
        except Locale.DoesNotExist:
            return self
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    def get_ancestors(self, inclusive=False):
        """The chain from the root down to this organisation's parent (or itself)."""
        chain = [self] if inclusive else []
        node = self.parent
        while node is not None and node not in chain:
            chain.insert(0, node)
            node = node.parent
        return chain

    def get_descendant_ids(self, inclusive=True):
        """IDs of every organisation below this one: one query per tree level."""
        ids = {self.pk} if inclusive else set()
        frontier = [self.pk]
        while frontier:
            frontier = list(
                Organization.objects.filter(parent_id__in=frontier)
                .exclude(pk__in=ids)
                .values_list("pk", flat=True)
            )
            ids.update(frontier)
        return ids

    def get_descendants(self, inclusive=False):
        return Organization.objects.filter(
            pk__in=self.get_descendant_ids(inclusive=inclusive)
        )
