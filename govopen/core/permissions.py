"""Which organisations' records a member of staff may see and act on.

Feature apps (directory, applications, Q&A) filter their admin querysets and
check their actions through :func:`organization_ids_for_user`, so the rule is
written once. Superusers see everything.
"""

from .conf import get_setting


def organization_ids_for_user(user, include_descendants=None):
    """IDs of the organisations ``user`` works for, or ``None`` meaning "all".

    With ``include_descendants`` (default: ``GOVOPEN_STAFF_SEE_SUB_ORGANIZATIONS``)
    an organisation's staff also see its sub-organisations. Translations of an
    organisation count as the same organisation.
    """
    from .models import Organization

    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    cache_key = f"_govopen_org_ids_{include_descendants}"
    cached = getattr(user, cache_key, None)
    if cached is not None:
        return cached
    if include_descendants is None:
        include_descendants = get_setting("GOVOPEN_STAFF_SEE_SUB_ORGANIZATIONS")
    direct = list(
        Organization.objects.filter(memberships__user=user).values_list(
            "pk", "translation_key"
        )
    )
    keys = {key for _, key in direct}
    ids = set(
        Organization.objects.filter(translation_key__in=keys).values_list(
            "pk", flat=True
        )
    )
    if include_descendants:
        frontier = set(ids)
        while frontier:
            frontier = set(
                Organization.objects.filter(parent_id__in=frontier)
                .exclude(pk__in=ids)
                .values_list("pk", flat=True)
            )
            ids |= frontier
    setattr(user, cache_key, ids)
    return ids


def user_can_access_organization(user, organization):
    """True when ``user`` may see and act on records of ``organization``."""
    ids = organization_ids_for_user(user)
    if ids is None:
        return True
    return organization is not None and organization.pk in ids


def filter_by_organization(queryset, user, field="organization"):
    """Narrow ``queryset`` to the records of the user's organisations."""
    ids = organization_ids_for_user(user)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": ids})


def organizations_for_request(request):
    """The organisations a filter in the admin offers: the user's own.

    For ``django_filters.ModelChoiceFilter(queryset=...)``, which passes the
    request (``None`` when the filter set is built without one).
    """
    from .models import Organization

    if request is None:
        return Organization.objects.none()
    organizations = filter_by_organization(
        Organization.objects.all(), request.user, field="pk"
    )
    return organizations.order_by("sort_order", "name")
