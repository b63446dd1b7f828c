"""govopen_annual_report: the tables from the command line."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from .factories_policies import policy_list, section  # noqa: F401  (fixtures)
from .factories_reports import AdjustmentFactory, build_dataset
from .test_reports_statistics import EXPECTED_TABLE2, EXPECTED_TABLE3


@pytest.fixture
def dataset(policy_list):  # noqa: F811
    return build_dataset(policy_list)


def test_help(run_command):
    with pytest.raises(SystemExit):
        call_command("govopen_annual_report", "--help")


def test_json(dataset, run_command):
    out = run_command(
        "govopen_annual_report",
        "--organization",
        "TESTCOUNTY",
        "--year",
        "2025",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert data["table3"] == EXPECTED_TABLE3
    assert data["table2"] == EXPECTED_TABLE2
    assert data["organization"] == "TESTCOUNTY"


def test_csv_with_sub_organisations(dataset, run_command):
    out = run_command(
        "govopen_annual_report",
        "--organization",
        "TESTCOUNTY",
        "--year",
        "2025",
        "--format",
        "csv",
        "--include-suborganizations",
    )
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert [
        "一、本年新收政府信息公开申请数量",
        "10",
        "5",
        "4",
        "4",
        "4",
        "5",
        "32",
    ] in rows


def test_xlsx_to_a_file(dataset, run_command, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "report.xlsx"
    run_command(
        "govopen_annual_report",
        "--organization",
        "TESTCOUNTY",
        "--year",
        "2025",
        "--format",
        "xlsx",
        "--output",
        str(target),
    )
    rows = list(load_workbook(target)["t3"].iter_rows(values_only=True))
    assert rows[-1] == ("四、结转下年度继续办理", 1, 0, 0, 0, 1, 1, 3)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--organization", "NOPE", "--year", "2025"], "No organisation"),
        (["--organization", "TESTCOUNTY", "--year", "1999"], "--year"),
        (
            ["--organization", "TESTCOUNTY", "--year", "2025", "--format", "xlsx"],
            "--output",
        ),
    ],
)
def test_bad_input_is_a_clear_error(dataset, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("govopen_annual_report", *args, stdout=io.StringIO())


def test_inconsistent_figures_exit_with_status_2(dataset, run_command):
    AdjustmentFactory(
        figures=dataset["county"].annual_report_figures.get(year=2025),
        row="received",
        applicant_type="other",
        count=1,
    )
    with pytest.raises(SystemExit) as exit_:
        run_command(
            "govopen_annual_report", "--organization", "TESTCOUNTY", "--year", "2025"
        )
    assert exit_.value.code == 2
