"""Every cell of tables 二, 三 and 四 from a dataset built by hand."""

import datetime

import pytest

from govopen.core.enums import ApplicantType
from govopen.reports.statistics import (
    RESULT_KEYS,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    ReportStatistics,
    compute_statistics,
)

from .factories_policies import policy_list, section  # noqa: F401  (fixtures)
from .factories_reports import (
    AdjustmentFactory,
    AnnualReportFiguresFactory,
    ReportApplicationFactory,
    build_dataset,
)

COLUMNS = ["natural_person", "commercial_enterprise", "research_institution"]
COLUMNS += ["social_welfare", "legal_service", "other", "total"]


def row(*values):
    return dict(zip(COLUMNS, values, strict=True))


ZERO = row(0, 0, 0, 0, 0, 0, 0)

# Table 三 of the county alone, cell by cell (see build_dataset).
EXPECTED_TABLE3 = {
    "received": row(9, 5, 4, 4, 4, 5, 31),
    "carried_over": row(1, 1, 0, 0, 1, 0, 3),
    "disclosed": row(4, 3, 0, 0, 0, 0, 7),
    "partially_disclosed": row(1, 0, 1, 0, 0, 0, 2),
    "not_disclosed:state_secret": row(0, 0, 0, 1, 0, 0, 1),
    "not_disclosed:prohibited_by_law": row(0, 0, 0, 0, 1, 0, 1),
    "not_disclosed:security_stability": row(0, 0, 0, 0, 0, 1, 1),
    "not_disclosed:third_party_rights": row(2, 0, 0, 0, 0, 0, 2),
    "not_disclosed:internal_affairs": row(0, 1, 0, 0, 0, 0, 1),
    "not_disclosed:process_information": row(0, 0, 1, 0, 0, 0, 1),
    "not_disclosed:enforcement_files": row(0, 0, 0, 1, 0, 0, 1),
    "not_disclosed:administrative_enquiry": row(0, 0, 0, 0, 1, 0, 1),
    "unable_to_provide:not_held": row(1, 0, 0, 0, 0, 1, 2),
    "unable_to_provide:needs_creation": row(0, 1, 0, 0, 0, 0, 1),
    "unable_to_provide:still_unclear": row(0, 0, 1, 0, 0, 0, 1),
    "not_processed:petition": row(0, 0, 0, 1, 0, 0, 1),
    "not_processed:repeated": row(0, 0, 0, 0, 1, 0, 1),
    "not_processed:publication": row(0, 0, 0, 0, 0, 1, 1),
    "not_processed:excessive": row(1, 0, 0, 0, 0, 0, 1),
    "not_processed:confirmation": row(0, 1, 0, 0, 0, 0, 1),
    "other:supplement_lapsed": row(0, 0, 1, 0, 0, 0, 1),
    "other:fee_unpaid": row(0, 0, 0, 1, 0, 0, 1),
    "other:other": row(0, 0, 0, 0, 1, 1, 2),
    "results_total": row(9, 6, 4, 4, 4, 4, 31),
    "carried_forward": row(1, 0, 0, 0, 1, 1, 3),
}

EXPECTED_TABLE2 = {
    "rules": {"issued": 1, "repealed": 0, "in_force": 2},
    "normative": {"issued": 1, "repealed": 1, "in_force": 2},
    "licensing_decisions": 120,
    "penalty_decisions": 35,
    "enforcement_decisions": 4,
    "fee_amount": "1.2500",
}

EXPECTED_TABLE4 = {
    "reconsideration": {
        "upheld": 2,
        "corrected": 1,
        "other": 0,
        "pending": 1,
        "total": 4,
    },
    "litigation_direct": {
        "upheld": 1,
        "corrected": 0,
        "other": 0,
        "pending": 0,
        "total": 1,
    },
    "litigation_after": {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    },
}


@pytest.fixture
def dataset(policy_list):  # noqa: F811
    return build_dataset(policy_list)


def test_the_rows_and_columns_are_the_templates_in_order():
    assert COLUMNS == TABLE3_COLUMNS
    assert list(EXPECTED_TABLE3) == TABLE3_ROWS
    assert len(RESULT_KEYS) == 21  # (一), (二), 8 + 3 + 5 + 3 sub-reasons


def test_every_cell_of_table_3(dataset):
    data = compute_statistics(dataset["county"], 2025)
    assert data["table3"] == EXPECTED_TABLE3


def test_every_cell_of_table_2(dataset):
    data = compute_statistics(dataset["county"], 2025)
    assert data["table2"] == EXPECTED_TABLE2


def test_every_cell_of_table_4(dataset):
    data = compute_statistics(dataset["county"], 2025)
    assert data["table4"] == EXPECTED_TABLE4


def test_the_check_rule_holds_on_recorded_data(dataset):
    statistics = ReportStatistics(compute_statistics(dataset["county"], 2025))
    assert statistics.is_consistent
    for column in COLUMNS:
        table = statistics.table3
        assert (
            table["received"][column] + table["carried_over"][column]
            == table["results_total"][column] + table["carried_forward"][column]
        )


def test_with_sub_organisations(dataset):
    data = compute_statistics(dataset["county"], 2025, include_suborganizations=True)
    table = data["table3"]
    assert table["received"] == row(10, 5, 4, 4, 4, 5, 32)
    assert table["disclosed"] == row(5, 3, 0, 0, 0, 0, 8)
    assert table["results_total"]["total"] == 32
    assert table["carried_over"] == EXPECTED_TABLE3["carried_over"]
    assert data["table2"]["normative"]["issued"] == 2
    assert data["table2"]["licensing_decisions"] == 130
    assert ReportStatistics(data).is_consistent


def test_the_next_year_starts_from_the_carried_forward(dataset):
    data = compute_statistics(dataset["county"], 2026)
    assert data["table3"]["carried_over"] == EXPECTED_TABLE3["carried_forward"]
    assert data["table3"]["received"]["natural_person"] == 1
    assert data["table2"]["licensing_decisions"] == 0
    assert data["figures_entered"] is False


def test_translations_of_the_organisation_count_as_the_same(dataset):
    from wagtail.models import Locale

    county = dataset["county"]
    hant = Locale.objects.create(language_code="zh-hant")
    translated = county.copy_for_translation(hant)
    translated.save()
    ReportApplicationFactory(
        organization=translated, received_on=datetime.date(2025, 7, 1)
    )
    data = compute_statistics(translated, 2025)
    assert data["table3"]["received"]["natural_person"] == 10


def test_entered_adjustments_that_break_the_check_are_reported(dataset):
    figures = dataset["county"].annual_report_figures.get(year=2025)
    AdjustmentFactory(
        figures=figures,
        row="carried_over",
        applicant_type=ApplicantType.RESEARCH_INSTITUTION,
        count=3,
    )
    statistics = ReportStatistics(compute_statistics(dataset["county"], 2025))
    assert statistics.table3["carried_over"]["research_institution"] == 3
    assert statistics.failing_columns() == ["research_institution", "total"]
    assert ("carried_over", "research_institution") in statistics.check_failures()
    assert ("received", "natural_person") not in statistics.check_failures()


def test_adjustments_of_results_count_in_the_total_and_can_balance(dataset):
    figures = dataset["county"].annual_report_figures.get(year=2025)
    AdjustmentFactory(figures=figures, row="carried_over", applicant_type="other")
    AdjustmentFactory(figures=figures, row="disclosed", applicant_type="other")
    statistics = ReportStatistics(compute_statistics(dataset["county"], 2025))
    assert statistics.table3["results_total"]["other"] == 5
    assert statistics.table3["disclosed"]["total"] == 8
    assert statistics.is_consistent


def test_a_reply_without_a_known_type_breaks_the_sum_of_results(db):
    application = ReportApplicationFactory(
        received_on=datetime.date(2025, 1, 5),
        replied_on=datetime.date(2025, 1, 6),
        reply_type="",
    )
    statistics = ReportStatistics(compute_statistics(application.organization, 2025))
    assert statistics.check_failures() == {
        ("results_total", "natural_person"),
        ("results_total", "total"),
    }


def test_the_query_count_does_not_grow_with_the_data(
    dataset, django_assert_num_queries
):
    county = dataset["county"]
    with django_assert_num_queries(7) as small:
        compute_statistics(county, 2025, include_suborganizations=True)
    ReportApplicationFactory.create_batch(
        200, organization=county, received_on=datetime.date(2025, 8, 1)
    )
    AnnualReportFiguresFactory.create_batch(
        5, organization=county, year=factory_years()
    )
    with django_assert_num_queries(len(small.captured_queries)):
        data = compute_statistics(county, 2025, include_suborganizations=True)
    assert data["table3"]["received"]["natural_person"] == 210


def factory_years():
    import factory

    return factory.Iterator(range(2010, 2015))
