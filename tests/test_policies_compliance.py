"""政策解读同步情况: deadlines in working days, the report, its exports, the dashboard."""

# ruff: noqa: F811  (pytest fixtures imported from tests.factories_policies)
import datetime
import io
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from wagtail.models import Locale

from govopen.core import calendar
from govopen.core.enums import PolicyDocumentType
from govopen.core.models import OrganizationMembership
from govopen.policies import compliance
from govopen.policies.compliance import ComplianceStatus as S

from .factories import OrganizationFactory
from .factories_policies import (  # noqa: F401  (fixtures)
    InterpretationPageFactory,
    PolicyDocumentPageFactory,
    interpretation_list,
    policy_list,
    section,
)

D = datetime.date
REPORT = "/admin/policies/report/"


# The deadline, around holidays ----------------------------------------------------
@pytest.mark.django_db
def test_national_day_2025():
    # Published on the last working day before the 8-day National Day and
    # Mid-Autumn holiday (1-8 October); Saturday 11 October was worked in
    # exchange, so it is the third working day.
    published = D(2025, 9, 30)
    deadline = compliance.interpretation_deadline(published, 3)
    assert deadline == D(2025, 10, 11)
    assert deadline.weekday() == 5  # a Saturday, but a working day
    assert (
        compliance.classify(published, D(2025, 10, 10), D(2025, 11, 1), 3) == S.ON_TIME
    )
    assert (
        compliance.classify(published, D(2025, 10, 11), D(2025, 11, 1), 3) == S.ON_TIME
    )
    assert compliance.classify(published, D(2025, 10, 12), D(2025, 11, 1), 3) == S.LATE
    assert compliance.classify(published, None, D(2025, 10, 5), 3) == S.DUE_SOON
    assert compliance.classify(published, None, D(2025, 10, 11), 3) == S.DUE_SOON
    assert compliance.classify(published, None, D(2025, 10, 12), 3) == S.OVERDUE


@pytest.mark.django_db
def test_spring_festival_2026():
    # Saturday 14 February 2026 is worked in exchange; 15-23 February are off.
    published = D(2026, 2, 13)
    assert compliance.interpretation_deadline(published, 3) == D(2026, 2, 25)
    assert compliance.classify(published, None, D(2026, 2, 23), 3) == S.DUE_SOON
    assert compliance.classify(published, None, D(2026, 2, 26), 3) == S.OVERDUE


@pytest.mark.django_db
def test_interpreted_with_or_before_the_policy_is_on_time():
    assert compliance.classify(D(2025, 6, 3), D(2025, 6, 3), D(2025, 7, 1)) == S.ON_TIME
    assert compliance.classify(D(2025, 6, 3), D(2025, 6, 1), D(2025, 7, 1)) == S.ON_TIME


def test_the_number_of_days_is_a_setting(db, settings):
    settings.GOVOPEN_INTERPRETATION_DEADLINE_DAYS = 5
    # 9, 10, 11 (a Saturday worked in exchange), 13 and 14 October.
    assert compliance.interpretation_deadline(D(2025, 9, 30)) == D(2025, 10, 14)


@pytest.mark.django_db
@settings(max_examples=300, deadline=None)
@given(
    today=st.dates(D(2024, 1, 1), D(2026, 12, 31)),
    offset=st.integers(0, 40),
    days=st.integers(0, 6),
)
def test_cutoff_matches_the_deadline(today, offset, days):
    published = today - datetime.timedelta(days=offset)
    cutoff = compliance.overdue_cutoff(today, days)
    passed = compliance.interpretation_deadline(published, days) < today
    assert (published <= cutoff) == passed


# Which policies are checked -------------------------------------------------------
@pytest.fixture
def frozen(monkeypatch):
    """Today is Monday 13 October 2025."""
    today = D(2025, 10, 13)
    monkeypatch.setattr(calendar, "today", lambda: today)
    with mock.patch("django.utils.timezone.localdate", return_value=today):
        yield today


@pytest.fixture
def policies(frozen, policy_list, interpretation_list):
    education = OrganizationFactory(name="示范县教育局")
    finance = OrganizationFactory(name="示范县财政局")

    def policy(title, published, organization=education, **kwargs):
        return PolicyDocumentPageFactory(
            parent=policy_list,
            title=title,
            publish_date=published,
            organization=organization,
            **kwargs,
        )

    made = {
        # deadline 2025-10-11: passed on 10-13
        "overdue": policy("逾期未解读", D(2025, 9, 30)),
        # deadline 2025-10-16
        "due_soon": policy("待解读", D(2025, 10, 13), organization=finance),
        "on_time": policy("按时解读", D(2025, 9, 30)),
        "late": policy("逾期解读", D(2025, 9, 29), organization=finance),
        "other_type": policy(
            "其他政策文件", D(2025, 9, 1), document_type=PolicyDocumentType.OTHER
        ),
        "exempt": policy("无需解读", D(2025, 9, 1), interpretation_required=False),
        "chosen": policy(
            "选择解读的其他文件",
            D(2025, 9, 1),
            document_type=PolicyDocumentType.OTHER,
            interpretation_required=True,
        ),
        "rules": policy("规章", D(2025, 9, 1), document_type=PolicyDocumentType.RULES),
        "draft": policy("草稿", D(2025, 9, 1), live=False),
    }
    interpret = InterpretationPageFactory
    interpret(
        parent=interpretation_list,
        policies=[made["on_time"]],
        publish_date=D(2025, 10, 11),
    )
    # deadline of 2025-09-29 is 2025-10-10; interpreted 10-13: late
    interpret(
        parent=interpretation_list,
        policies=[made["late"]],
        publish_date=D(2025, 10, 13),
    )
    # Unpublished interpretations do not count.
    interpret(
        parent=interpretation_list,
        policies=[made["overdue"]],
        publish_date=D(2025, 10, 1),
        live=False,
    )
    interpret(
        parent=interpretation_list,
        policies=[made["chosen"]],
        publish_date=D(2025, 9, 2),
    )
    made["education"], made["finance"] = education, finance
    return made


def titles(queryset):
    return sorted(page.title for page in queryset)


def test_checked_policies(policies):
    checked = compliance.checked_policies()
    assert titles(checked) == sorted(
        ["逾期未解读", "待解读", "按时解读", "逾期解读", "选择解读的其他文件", "规章"]
    )


@pytest.mark.parametrize(
    "status, expected",
    [
        (S.OVERDUE, ["规章", "逾期未解读"]),
        (S.DUE_SOON, ["待解读"]),
        (S.ON_TIME, ["按时解读", "选择解读的其他文件"]),
        (S.LATE, ["逾期解读"]),
    ],
)
def test_filter_by_status(policies, frozen, status, expected):
    checked = compliance.checked_policies()
    assert titles(compliance.filter_by_status(checked, status, frozen)) == sorted(
        expected
    )


def test_required_types_and_since_are_settings(policies, settings):
    settings.GOVOPEN_INTERPRETATION_REQUIRED_TYPES = ["rules"]
    assert titles(compliance.checked_policies()) == sorted(
        ["规章", "选择解读的其他文件"]
    )
    settings.GOVOPEN_INTERPRETATION_REQUIRED_TYPES = ["rules", "normative"]
    settings.GOVOPEN_INTERPRETATION_REQUIRED_SINCE = "2025-09-30"
    assert "规章" not in titles(compliance.checked_policies())
    assert "逾期未解读" in titles(compliance.checked_policies())


def test_translations_are_checked_once_and_their_interpretations_count(
    policies, interpretation_list
):
    zh_hant = Locale.objects.create(language_code="zh-hant")
    overdue = policies["overdue"]
    translated = overdue.copy_for_translation(zh_hant, copy_parents=True)
    translated.save_revision().publish()
    assert titles(compliance.checked_policies()).count("逾期未解读") == 1
    InterpretationPageFactory(
        parent=interpretation_list, policies=[translated], publish_date=D(2025, 10, 9)
    )
    checked = compliance.checked_policies()
    on_time = compliance.filter_by_status(checked, S.ON_TIME, D(2025, 10, 13))
    assert "逾期未解读" in titles(on_time)


def test_overdue_count_by_organisation(policies, frozen):
    assert compliance.overdue_count() == 2
    assert compliance.overdue_count({policies["education"].pk}) == 2
    assert compliance.overdue_count({policies["finance"].pk}) == 0
    assert compliance.overdue_count(set()) == 0


# The report in the admin -----------------------------------------------------------
def staff(username, *organizations, report=True, superuser=False):
    user = get_user_model().objects.create_user(
        username, password="pw", is_staff=True, is_superuser=superuser
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if report:
        user.user_permissions.add(
            Permission.objects.get(codename="view_compliance_policydocumentpage")
        )
    for organization in organizations:
        OrganizationMembership.objects.create(user=user, organization=organization)
    return get_user_model().objects.get(pk=user.pk)


def report_rows(response):
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    rows = []
    for tr in html.select("table tbody tr"):
        cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        if cells:
            rows.append(cells)
    return rows


def test_report_shows_what_needs_attention_by_default(client, policies):
    client.force_login(staff("admin", superuser=True))
    rows = report_rows(client.get(REPORT))
    assert sorted(row[0] for row in rows) == sorted(["逾期未解读", "规章", "待解读"])
    overdue = next(row for row in rows if row[0] == "逾期未解读")
    assert "2025-09-30" in overdue and "2025-10-11" in overdue
    assert any(str(S.OVERDUE.label) in cell for cell in overdue)


@pytest.mark.parametrize(
    "status, expected",
    [
        ("on_time", ["按时解读", "选择解读的其他文件"]),
        ("late", ["逾期解读"]),
        ("overdue", ["规章", "逾期未解读"]),
        (
            "all",
            [
                "按时解读",
                "选择解读的其他文件",
                "逾期解读",
                "规章",
                "逾期未解读",
                "待解读",
            ],
        ),
    ],
)
def test_report_filters(client, policies, status, expected):
    client.force_login(staff("admin", superuser=True))
    rows = report_rows(client.get(REPORT, {"status": status}))
    assert sorted(row[0] for row in rows) == sorted(expected)


def test_report_filters_by_organisation_type_and_year(client, policies):
    client.force_login(staff("admin", superuser=True))
    finance = policies["finance"]
    rows = report_rows(
        client.get(REPORT, {"status": "all", "drafting_organization": finance.pk})
    )
    assert sorted(row[0] for row in rows) == ["待解读", "逾期解读"]
    rows = report_rows(client.get(REPORT, {"status": "all", "document_type": "rules"}))
    assert [row[0] for row in rows] == ["规章"]
    assert len(report_rows(client.get(REPORT, {"status": "all", "year": "2025"}))) == 6
    assert report_rows(client.get(REPORT, {"status": "all", "year": "2024"})) == []


def test_report_exports_csv_and_xlsx(client, policies):
    client.force_login(staff("admin", superuser=True))
    response = client.get(REPORT, {"status": "all", "export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    lines = text.strip().splitlines()
    assert len(lines) == 1 + 6
    overdue = next(line for line in lines if line.startswith("逾期未解读"))
    assert "2025-10-11" in overdue and str(S.OVERDUE.label) in overdue

    response = client.get(REPORT, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 1 + 3  # the default filter: overdue and due soon
    assert {row[0] for row in rows[1:]} == {"逾期未解读", "规章", "待解读"}
    deadline_column = [row[5] for row in rows[1:] if row[0] == "逾期未解读"][0]
    assert deadline_column == D(2025, 10, 11)


def test_staff_see_their_own_organisations_only(client, policies):
    client.force_login(staff("finance", policies["finance"]))
    rows = report_rows(client.get(REPORT, {"status": "all"}))
    assert sorted(row[0] for row in rows) == ["待解读", "逾期解读"]


def test_report_needs_its_permission(client, policies):
    client.force_login(staff("nobody", policies["finance"], report=False))
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert REPORT not in client.get("/admin/").content.decode()


def test_report_is_in_the_reports_menu(client, policies):
    client.force_login(staff("admin", superuser=True))
    assert REPORT in client.get("/admin/").content.decode()


# The dashboard ----------------------------------------------------------------------
def test_dashboard_counts_overdue_for_the_editors_organisations(client, policies):
    client.force_login(staff("teacher", policies["education"], report=False))
    html = BeautifulSoup(client.get("/admin/").content.decode(), "html.parser")
    panel = html.select_one("#govopen-overdue-interpretations-section")
    assert panel is not None
    text = panel.get_text(" ", strip=True)
    assert "2" in text
    assert "逾期未解读" in text and "规章" in text
    assert panel.find("a", href=lambda href: href and REPORT in href) is None

    client.force_login(staff("accountant", policies["finance"]))
    html = BeautifulSoup(client.get("/admin/").content.decode(), "html.parser")
    panel = html.select_one("#govopen-overdue-interpretations-section")
    # Nothing overdue, one due soon: shown, with a link to those due soon.
    assert panel is not None
    assert "逾期未解读" not in panel.get_text()
    assert panel.find("a", href=f"{REPORT}?status=due_soon") is not None


def test_dashboard_is_quiet_when_nothing_is_pending(client, frozen, policy_list):
    organization = OrganizationFactory()
    client.force_login(staff("calm", organization))
    html = BeautifulSoup(client.get("/admin/").content.decode(), "html.parser")
    assert html.select_one("#govopen-overdue-interpretations-section") is None


# System checks -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, value, error_id",
    [
        ("GOVOPEN_INTERPRETATION_REQUIRED_TYPES", ["law"], "govopen_policies.E001"),
        ("GOVOPEN_INTERPRETATION_REQUIRED_TYPES", "normative", "govopen_policies.E001"),
        ("GOVOPEN_INTERPRETATION_DEADLINE_DAYS", -1, "govopen_policies.E002"),
        ("GOVOPEN_INTERPRETATION_DEADLINE_DAYS", "3", "govopen_policies.E002"),
        (
            "GOVOPEN_INTERPRETATION_REQUIRED_SINCE",
            "2025-13-01",
            "govopen_policies.E003",
        ),
        ("GOVOPEN_POLICY_PAGE_SIZE", 0, "govopen_policies.E004"),
    ],
)
def test_settings_are_checked_at_start_up(settings, name, value, error_id):
    from govopen.policies.checks import check_interpretation_settings

    assert check_interpretation_settings(None) == []
    setattr(settings, name, value)
    assert [error.id for error in check_interpretation_settings(None)] == [error_id]
