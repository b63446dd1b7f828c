"""A policy's lifecycle: amended, repealed, expired by its date, corrected."""

# ruff: noqa: F811  (pytest fixtures imported from tests.factories_policies)
import datetime
import itertools
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Locale, PageLogEntry

from govopen.core.enums import PolicyDocumentType, Validity
from govopen.policies import lifecycle
from govopen.policies.models import PolicyDocumentPage

from .factories import OrganizationFactory
from .factories_policies import (  # noqa: F401  (fixtures)
    PolicyDocumentPageFactory,
    policy_list,
    section,
)

D = datetime.date


def at(day):
    """Make "today" ``day`` for the code under test."""
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def reload(page):
    return PolicyDocumentPage.objects.get(pk=page.pk)


@pytest.fixture
def versions(policy_list):
    old = PolicyDocumentPageFactory(
        parent=policy_list,
        title="医保办法（2021年版）",
        document_number="示政规〔2021〕2号",
        publish_date=D(2021, 3, 15),
        effective_date=D(2021, 4, 1),
    )
    new = PolicyDocumentPageFactory(
        parent=policy_list,
        title="医保办法（2024年版）",
        document_number="示政规〔2024〕3号",
        publish_date=D(2024, 6, 14),
        effective_date=D(2024, 7, 1),
    )
    return old, new


# Amendment ----------------------------------------------------------------------
def test_amend_links_the_new_version_from_its_effective_date(versions, client):
    old, new = versions
    old.amend(new)
    old = reload(old)
    assert old.validity == Validity.AMENDED
    assert old.replaced_by_id == new.pk
    assert old.amended_date == D(2024, 7, 1)
    # In force until the new version takes effect, amended from then on.
    assert old.validity_on(D(2024, 6, 30)) == Validity.VALID
    assert old.validity_on(D(2024, 7, 1)) == Validity.AMENDED
    entry = PageLogEntry.objects.get(page=old, action="govopen_policies.amend")
    assert entry.data["replacement"]["id"] == new.pk

    html = soup(client.get(old.url))
    banner = html.select_one(".govopen-policy-state")
    assert "已修订" in banner.get_text() or "Amended" in banner.get_text()
    assert banner.find("a", href=new.url) is not None
    assert "示政规〔2024〕3号" in banner.get_text()
    events = [
        li.get_text(" ", strip=True) for li in html.select(".govopen-timeline li")
    ]
    assert any("2024-07-01" in event for event in events)
    # The new version lists the one it replaced.
    html = soup(client.get(new.url))
    history = html.select_one(".govopen-policy-history")
    assert history.find("a", href=old.url) is not None


def test_amend_on_a_given_day(versions):
    old, new = versions
    old.amend(new, on=D(2024, 8, 1))
    assert reload(old).amended_date == D(2024, 8, 1)


def test_chain_of_versions_shows_the_current_one(versions, policy_list, client):
    old, new = versions
    newest = PolicyDocumentPageFactory(
        parent=policy_list, title="医保办法（2026年版）", publish_date=D(2026, 1, 5)
    )
    old.amend(new)
    new.amend(newest)
    assert reload(old).get_current_version() == newest
    assert reload(new).get_current_version() is None  # its replacement is current
    html = soup(client.get(old.url))
    assert html.select_one(".govopen-policy-state").find("a", href=newest.url)


@pytest.mark.parametrize("case", ["draft", "itself", "unpublished", "cycle", "twice"])
def test_amend_refuses(versions, policy_list, case):
    old, new = versions
    if case == "draft":
        draft = PolicyDocumentPageFactory(parent=policy_list, live=False)
        with pytest.raises(ValidationError):
            draft.amend(new)
    elif case == "itself":
        with pytest.raises(ValidationError):
            old.amend(old)
    elif case == "unpublished":
        draft = PolicyDocumentPageFactory(parent=policy_list, live=False)
        with pytest.raises(ValidationError):
            old.amend(draft)
    elif case == "cycle":
        old.amend(new)
        new = reload(new)
        with pytest.raises(ValidationError):
            new.amend(old)
    elif case == "twice":
        old.amend(new)
        with pytest.raises(ValidationError):
            reload(old).amend(new)
    assert reload(new).validity == Validity.VALID


def test_amend_before_publication_is_refused(versions):
    old, new = versions
    with pytest.raises(ValidationError) as error:
        old.amend(new, on=D(2020, 1, 1))
    assert "on" in error.value.message_dict


# Repeal -------------------------------------------------------------------------
def test_repeal_by_a_document_on_the_site(versions, policy_list, client):
    old, _new = versions
    decision = PolicyDocumentPageFactory(
        parent=policy_list,
        title="关于废止部分行政规范性文件的决定",
        document_number="示政发〔2024〕15号",
        document_type=PolicyDocumentType.OTHER,
        publish_date=D(2024, 12, 20),
    )
    old.repeal(on=D(2024, 12, 20), repealing_document=decision)
    old = reload(old)
    assert old.validity == Validity.REPEALED
    assert old.repeal_date == D(2024, 12, 20)
    assert old.repealed_by_id == decision.pk
    assert PageLogEntry.objects.filter(
        page=old, action="govopen_policies.repeal"
    ).exists()
    with at(D(2025, 1, 2)):
        html = soup(client.get(old.url))
    banner = html.select_one(".govopen-policy-state")
    assert banner.find("a", href=decision.url) is not None
    assert "2024-12-20" in banner.get_text()
    # Marked, never deleted: still published, body and all.
    assert "第一条" in html.get_text()


def test_repeal_by_a_basis_not_on_the_site(versions):
    old, _new = versions
    old.repeal(on=D(2025, 3, 1), basis="示政发〔2025〕2号")
    old = reload(old)
    assert old.repeal_basis == "示政发〔2025〕2号"
    assert old.repealed_by is None


def test_repeal_needs_a_document_or_basis_and_a_date(versions):
    old, _new = versions
    with pytest.raises(ValidationError) as error:
        old.repeal(on=D(2025, 3, 1))
    assert "basis" in error.value.message_dict
    with pytest.raises(ValidationError):
        old.repeal(on=None, basis="示政发〔2025〕2号")
    with pytest.raises(ValidationError):
        old.repeal(on=D(2020, 1, 1), basis="示政发〔2025〕2号")  # before publication
    assert reload(old).validity == Validity.VALID


def test_repeal_from_a_future_date(versions, client):
    old, _new = versions
    with at(D(2025, 6, 1)):
        old.repeal(on=D(2025, 7, 1), basis="示政发〔2025〕9号")
        old = reload(old)
        assert old.current_validity == Validity.VALID
        html = soup(client.get(old.url))
        assert html.select_one(".govopen-policy-state--upcoming") is not None
        assert (
            PolicyDocumentPage.objects.validity_on(Validity.VALID)
            .filter(pk=old.pk)
            .exists()
        )
    with at(D(2025, 7, 1)):
        assert reload(old).current_validity == Validity.REPEALED
        assert (
            PolicyDocumentPage.objects.validity_on(Validity.REPEALED)
            .filter(pk=old.pk)
            .exists()
        )


# Expiry -------------------------------------------------------------------------
def test_expires_the_day_after_its_expiry_date_without_any_job(policy_list, client):
    policy = PolicyDocumentPageFactory(
        parent=policy_list,
        publish_date=D(2023, 2, 10),
        effective_date=D(2023, 3, 1),
        expiry_date=D(2025, 2, 28),
    )
    assert policy.validity == Validity.VALID  # nothing stored changes
    with at(D(2025, 2, 28)):
        assert reload(policy).current_validity == Validity.VALID
        html = soup(client.get(policy.url))
        assert html.select_one(".govopen-policy-state") is None
    with at(D(2025, 3, 1)):
        assert reload(policy).current_validity == Validity.EXPIRED
        html = soup(client.get(policy.url))
        banner = html.select_one(".govopen-policy-state")
        assert banner is not None and "2025-02-28" in banner.get_text()
        assert (
            PolicyDocumentPage.objects.validity_on(Validity.EXPIRED)
            .filter(pk=policy.pk)
            .exists()
        )
    assert reload(policy).validity == Validity.VALID


# Correction ---------------------------------------------------------------------
def test_reinstate_undoes_a_mistaken_record(versions):
    old, new = versions
    old.amend(new)
    old = reload(old)
    with pytest.raises(ValidationError):
        old.reinstate(reason="  ")
    old.reinstate(reason="录入错误，文件仍然有效")
    old = reload(old)
    assert old.validity == Validity.VALID
    assert old.replaced_by_id is None and old.amended_date is None
    entry = PageLogEntry.objects.get(page=old, action="govopen_policies.reinstate")
    assert entry.data["from"] == Validity.AMENDED
    with pytest.raises(ValidationError):
        old.reinstate(reason="again")


# Revisions, copies, translations ------------------------------------------------
def test_a_draft_published_later_keeps_the_recorded_lifecycle(versions):
    old, new = versions
    revision = old.save_revision()  # an editor's draft, started before the repeal
    old.repeal(on=D(2024, 12, 20), basis="示政发〔2024〕15号")
    revision.publish()
    old = reload(old)
    assert old.validity == Validity.REPEALED
    assert old.repeal_date == D(2024, 12, 20)
    # And the editor's form starts from the recorded state.
    assert old.get_latest_revision_as_object().validity == Validity.REPEALED


def test_a_copy_is_a_new_valid_document(versions, policy_list):
    old, new = versions
    old.amend(new)
    copy = reload(old).copy(update_attrs={"slug": "copy", "title": "复制件"})
    copy = reload(copy)
    assert copy.validity == Validity.VALID
    assert copy.replaced_by_id is None
    assert copy.amended_date is None


def test_translations_share_the_lifecycle(versions):
    old, new = versions
    zh_hant = Locale.objects.create(language_code="zh-hant")
    translated = old.copy_for_translation(zh_hant, copy_parents=True)
    old.amend(new)
    assert reload(translated).validity == Validity.AMENDED
    # A translation made after the change starts in the same state.
    new_translation = reload(old).copy_for_translation(
        Locale.objects.create(language_code="en"), copy_parents=True
    )
    assert reload(new_translation).validity == Validity.AMENDED
    assert reload(new_translation).replaced_by_id == new.pk


# Consistency --------------------------------------------------------------------
@pytest.mark.parametrize(
    "fields, field",
    [
        ({"validity": Validity.AMENDED}, "replaced_by"),
        ({"validity": Validity.REPEALED, "repeal_basis": "x"}, "repeal_date"),
        ({"validity": Validity.REPEALED, "repeal_date": D(2025, 1, 1)}, "repeal_basis"),
        ({"repeal_date": D(2025, 1, 1)}, "repeal_date"),
        ({"amended_date": D(2025, 1, 1)}, "amended_date"),
    ],
)
def test_inconsistent_records_are_rejected(policy_list, fields, field):
    policy = PolicyDocumentPageFactory(parent=policy_list)
    for name, value in fields.items():
        setattr(policy, name, value)
    with pytest.raises(ValidationError) as error:
        policy.full_clean()
    assert field in error.value.message_dict


def test_drafting_department_defaults_to_the_publisher(policy_list):
    organization = OrganizationFactory()
    policy = PolicyDocumentPageFactory(parent=policy_list, organization=organization)
    assert policy.drafting_organization_id == organization.pk
    assert policy.responsible_organization == organization


# The rule in Python and in the database agree ------------------------------------
def test_database_and_python_agree_on_validity(policy_list):
    other = PolicyDocumentPageFactory(parent=policy_list, publish_date=D(2020, 1, 1))
    combos = itertools.product(
        [Validity.VALID, Validity.AMENDED, Validity.REPEALED, Validity.EXPIRED],
        [None, D(2025, 6, 30)],  # decision date (amended / repealed)
        [None, D(2025, 3, 31), D(2025, 12, 31)],  # expiry date
    )
    made = []
    for n, (validity, decided, expiry) in enumerate(combos):
        policy = PolicyDocumentPageFactory(
            parent=policy_list, publish_date=D(2024, 1, 1), expiry_date=expiry
        )
        values = {"validity": validity}
        if validity == Validity.AMENDED:
            values.update(replaced_by_id=other.pk, amended_date=decided)
        if validity == Validity.REPEALED:
            values.update(repeal_date=decided, repeal_basis=f"决定{n}")
        PolicyDocumentPage.objects.filter(pk=policy.pk).update(**values)
        made.append(policy.pk)
    policies = PolicyDocumentPage.objects.filter(pk__in=made)
    for day in (
        D(2025, 1, 1),
        D(2025, 3, 31),
        D(2025, 4, 1),
        D(2025, 7, 1),
        D(2026, 1, 1),
    ):
        annotated = dict(
            policies.with_current_validity(day).values_list("pk", "current_validity")
        )
        for policy in policies:
            expected = lifecycle.validity_on(policy, day)
            assert annotated[policy.pk] == expected, (policy.pk, day)
            for value in Validity:
                matches = policies.validity_on(value, day).filter(pk=policy.pk).exists()
                assert matches == (value == expected), (policy.pk, day, value)


def test_annual_report_queries(policy_list):
    issued = PolicyDocumentPageFactory(parent=policy_list, publish_date=D(2025, 5, 1))
    repealed = PolicyDocumentPageFactory(parent=policy_list, publish_date=D(2020, 5, 1))
    repealed.repeal(on=D(2025, 9, 1), basis="示政发〔2025〕8号")
    expired = PolicyDocumentPageFactory(
        parent=policy_list, publish_date=D(2021, 1, 1), expiry_date=D(2025, 6, 30)
    )
    other = PolicyDocumentPageFactory(
        parent=policy_list,
        publish_date=D(2025, 2, 1),
        document_type=PolicyDocumentType.OTHER,
    )
    normative = PolicyDocumentPage.objects.of_types(PolicyDocumentType.NORMATIVE)
    year = (D(2025, 1, 1), D(2025, 12, 31))
    assert set(normative.issued_between(*year)) == {issued}
    assert set(normative.repealed_between(*year)) == {reload(repealed)}
    assert set(normative.in_force_on(D(2025, 12, 31))) == {issued}
    assert set(normative.in_force_on(D(2024, 12, 31))) == {
        reload(repealed),
        expired,
    }
    assert other not in set(normative)
