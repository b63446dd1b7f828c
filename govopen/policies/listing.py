"""The public lists of policy documents and interpretations.

As the directory's listing: plain GET parameters, a bad one is dropped and
explained in ``notices`` (never an error page), and a request costs the same
number of queries whatever the number of rows.
"""

from functools import cached_property

from django.db.models import Q
from django.utils import timezone

from govopen.core.conf import get_setting
from govopen.core.enums import InterpretationFormat, PolicyDocumentType, Validity
from govopen.core.listing import PublicListing
from govopen.core.models import Organization
from govopen.directory.listing import Options

from . import lifecycle
from .forms import InterpretationFilterForm, PolicyFilterForm, year_choices

POLICY_LISTING_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "live",
    "translation_key",
    "index_number",
    "document_number",
    "document_type",
    "publish_date",
    "validity",
    "expiry_date",
    "amended_date",
    "repeal_date",
    "organization_id",
)


class BaseListing(PublicListing):
    """Paginated, filtered rows of a list page for one request."""

    def __init__(self, page, params):
        super().__init__(page, params)
        self.page_model = page
        self.today = timezone.localdate()
        self.page_size = get_setting("GOVOPEN_POLICY_PAGE_SIZE")
        self.form = self.get_form()
        self.filters = self.clean_filters()

    def get_form(self):
        raise NotImplementedError

    def first_date(self):
        return (
            self.base_queryset.filter(publish_date__isnull=False)
            .order_by("publish_date")
            .values_list("publish_date", flat=True)
            .first()
        )

    def year_lookups(self):
        if "year" not in self.filters:
            return {}
        year = int(self.filters["year"])
        return {
            "publish_date__gte": f"{year}-01-01",
            "publish_date__lte": f"{year}-12-31",
        }

    @property
    def items(self):
        return self.page.object_list


class PolicyListing(BaseListing):
    """Live policies of the list page's section (its parent's whole tree)."""

    parameters = ("q", "document_type", "validity", "year", "organization")

    def get_form(self):
        self.organizations = Options(
            list(
                Organization.objects.values(
                    "pk",
                    "translation_key",
                    "locale_id",
                    "name",
                    "parent_id",
                    "sort_order",
                    "active",
                )
            ),
            self.active_locale_id,
            self.page_model.locale_id,
            hierarchical=False,
        )
        return PolicyFilterForm(
            self.params,
            organizations=self.organizations,
            years=year_choices(self.first_date()),
        )

    @cached_property
    def base_queryset(self):
        return self.page_model.get_policies()

    @cached_property
    def queryset(self):

        filters = self.filters
        queryset = self.base_queryset.filter(**self.year_lookups())
        if "document_type" in filters:
            queryset = queryset.filter(document_type=filters["document_type"])
        if "validity" in filters:
            queryset = queryset.filter(
                lifecycle.validity_q(filters["validity"], self.today)
            )
        if "organization" in filters:
            queryset = queryset.filter(
                organization__in=self.organizations.ids_for(
                    int(filters["organization"])
                )
            )
        if "q" in filters:
            for word in filters["q"].split():
                queryset = queryset.filter(
                    Q(title__icontains=word) | Q(document_number__icontains=word)
                )
        return queryset.order_by("-publish_date", "-pk").only(*POLICY_LISTING_FIELDS)

    def value_label(self, name, value):
        if name == "organization":
            return self.organizations.label_for(int(value))
        if name == "document_type":
            return PolicyDocumentType(value).label
        if name == "validity":
            return Validity(value).label
        return value

    @property
    def rows(self):
        """Each policy with its validity today and its interpretations' formats.

        Interpretations may link to any translation of a policy: they are
        matched by translation group, in one query.
        """
        from .models import InterpretationPage, InterpretedPolicy

        items = list(self.items)
        formats = {}
        if items:
            for key, value in (
                InterpretedPolicy.objects.filter(
                    policy__translation_key__in={
                        item.translation_key for item in items
                    },
                    page__in=InterpretationPage.objects.live().public().values("pk"),
                )
                .order_by()
                .values_list("policy__translation_key", "page__format")
                .distinct()
            ):
                formats.setdefault(key, set()).add(value)
        return [
            {
                "policy": policy,
                "validity": lifecycle.validity_on(policy, self.today),
                "formats": [
                    choice
                    for choice in InterpretationFormat
                    if choice in formats.get(policy.translation_key, ())
                ],
            }
            for policy in items
        ]


class InterpretationListing(BaseListing):
    """Live interpretations below the list page."""

    parameters = ("q", "format", "year")

    def get_form(self):
        return InterpretationFilterForm(
            self.params, years=year_choices(self.first_date())
        )

    @cached_property
    def base_queryset(self):
        return self.page_model.get_interpretations()

    @cached_property
    def queryset(self):
        from .models import INTERPRETATION_LISTING_FIELDS

        filters = self.filters
        queryset = self.base_queryset.filter(**self.year_lookups())
        if "format" in filters:
            queryset = queryset.filter(format=filters["format"])
        if "q" in filters:
            for word in filters["q"].split():
                queryset = queryset.filter(
                    Q(title__icontains=word) | Q(summary__icontains=word)
                )
        return queryset.order_by("-publish_date", "-pk").only(
            *INTERPRETATION_LISTING_FIELDS
        )

    def value_label(self, name, value):
        if name == "format":
            return InterpretationFormat(value).label
        return value

    @property
    def rows(self):
        """Each interpretation with the live policies it interprets (two queries)."""
        from .models import InterpretedPolicy, PolicyDocumentPage
        from .models.interpretations import POLICY_LINK_FIELDS

        items = list(self.items)
        links = list(
            InterpretedPolicy.objects.filter(page__in=[item.pk for item in items])
            .order_by("sort_order", "pk")
            .values_list("page_id", "policy__translation_key")
        )
        keys = {key for _page, key in links}
        policies = {}
        for policy in (
            PolicyDocumentPage.objects.live()
            .public()
            .filter(translation_key__in=keys)
            .only(*POLICY_LINK_FIELDS)
        ):
            current = policies.get(policy.translation_key)
            if current is None or (
                policy.locale_id == self.active_locale_id
                and current.locale_id != self.active_locale_id
            ):
                policies[policy.translation_key] = policy
        by_page = {}
        for page_id, key in links:
            if key in policies and policies[key] not in by_page.setdefault(page_id, []):
                by_page[page_id].append(policies[key])
        return [
            {"interpretation": item, "policies": by_page.get(item.pk, [])}
            for item in items
        ]
