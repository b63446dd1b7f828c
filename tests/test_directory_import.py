# ruff: noqa: F401, F811  (pytest fixtures imported from tests.factories_directory)
import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from govopen.core.enums import DisclosureAttribute, Validity
from govopen.core.models import Organization
from govopen.directory.importing import markdown_to_html
from govopen.directory.models import DisclosureItemPage, Genre

from .factories import OrganizationFactory
from .factories_directory import directory, organization

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "regulations.jsonl"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("govopen_import", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write_jsonl(path, rows):
    path.write_text(
        "\n".join(
            json.dumps(row, ensure_ascii=False) if isinstance(row, dict) else row
            for row in rows
        )
        + "\n",
        encoding="utf-8",
    )
    return path


ROWS = [
    {
        "title": "示范县行政规范性文件管理办法",
        "document_number": "示政办发〔2024〕3号",
        "publisher": "示范县人民政府办公室",
        "written_date": "2024-01-20",
        "category": "法规文件",
        "topic": "综合政务/政务公开",
        "summary": "规范行政规范性文件的制定和管理。",
        "body": "# 第一章 总则\n\n第一条 为了规范……\n\n<script>alert(1)</script>\n\n- 一\n- 二",
    },
    {
        "title": "关于2024年财政预算的说明",
        "document_number": "",
        "publisher": "示范县财政局",
        "written_date": "2024-02-01",
        "publish_date": "2024/02/05",
        "category": "czyjs",
        "validity": "有效",
        "body": "预算说明 **重点**",
    },
]


@pytest.fixture
def orgs(db):
    return (
        OrganizationFactory(name="示范县人民政府办公室", short_name="县政府办"),
        OrganizationFactory(name="示范县财政局"),
    )


def test_import_creates_live_numbered_searchable_items(
    tmp_path, directory, orgs, client
):
    path = write_jsonl(tmp_path / "items.jsonl", ROWS)
    out, err = run(path, "--directory", directory.pk)
    assert err == ""
    assert "2 created" in out and "2/2 rows" in out
    items = DisclosureItemPage.objects.child_of(directory).order_by("publish_date")
    first, second = items
    assert first.live and first.index_number.startswith(orgs[0].code + "/2024-")
    assert first.organization == orgs[0]
    assert first.category.code == "fgwj"
    assert first.topic.name == "政务公开"
    assert first.genre == Genre.objects.get(code="bf")  # …办法
    assert first.publish_date == first.written_date  # no publish_date: written
    assert "<h2>第一章 总则</h2>" in first.body
    assert "<script" not in first.body and "<li>一</li>" in first.body
    assert second.publish_date.isoformat() == "2024-02-05"
    assert "<strong>重点</strong>" in second.body
    assert first.live_revision_id and not first.has_unpublished_changes
    assert client.get(first.url).status_code == 200
    # Indexed for search (a Latin word works with every backend).
    assert DisclosureItemPage.objects.live().search("Markdownless").count() == 0
    assert first.pk in [
        p.pk for p in DisclosureItemPage.objects.live().search(first.title)
    ]


def test_second_run_creates_nothing_and_updates_changes(tmp_path, directory, orgs):
    path = write_jsonl(tmp_path / "items.jsonl", ROWS)
    run(path, "--directory", directory.url_path)
    numbers = set(DisclosureItemPage.objects.values_list("index_number", flat=True))
    out, _ = run(path, "--directory", directory.pk)
    assert "0 created, 0 updated, 2 unchanged" in out
    changed = [dict(ROWS[0], summary="修改后的概述。", validity="repealed"), ROWS[1]]
    out, _ = run(
        write_jsonl(tmp_path / "changed.jsonl", changed), "--directory", directory.pk
    )
    assert "0 created, 1 updated, 1 unchanged" in out
    item = DisclosureItemPage.objects.get(document_number="示政办发〔2024〕3号")
    assert item.summary == "修改后的概述。" and item.validity == Validity.REPEALED
    assert (
        set(DisclosureItemPage.objects.values_list("index_number", flat=True))
        == numbers
    )
    assert DisclosureItemPage.objects.count() == 2


def test_matching_by_index_number_then_document_number_then_title(
    tmp_path, directory, orgs
):
    run(write_jsonl(tmp_path / "a.jsonl", ROWS), "--directory", directory.pk)
    item = DisclosureItemPage.objects.get(document_number="示政办发〔2024〕3号")
    renamed = dict(
        ROWS[0], title="新标题", index_number=item.index_number, document_number=""
    )
    out, _ = run(
        write_jsonl(tmp_path / "b.jsonl", [renamed]), "--directory", directory.pk
    )
    assert "1 updated" in out
    item.refresh_from_db()
    assert item.title == "新标题"
    # The same decree number on a later revision is a different document.
    revised = dict(
        ROWS[0], written_date="2025-03-01", title="示范县行政规范性文件管理办法"
    )
    out, _ = run(
        write_jsonl(tmp_path / "c.jsonl", [revised]), "--directory", directory.pk
    )
    assert "1 created" in out


def test_bad_rows_are_reported_with_their_line_and_skipped(tmp_path, directory, orgs):
    rows = [
        ROWS[0],
        {"title": "", "publisher": "示范县财政局"},
        "{not json",
        dict(ROWS[1], title="无此机构", publisher="不存在的局"),
        dict(ROWS[1], title="坏日期", written_date="2024-13-45"),
        dict(ROWS[1], title="坏分类", category="没有这个分类"),
        dict(ROWS[1], title="太长概述", summary="字" * 101),
        dict(ROWS[1], title="不公开", disclosure_attribute="不予公开"),
        dict(ROWS[1], title="好的第二行"),
    ]
    out, err = run(
        write_jsonl(tmp_path / "bad.jsonl", rows), "--directory", directory.pk
    )
    lines = err.strip().splitlines()
    assert [line.split(":")[0].strip() for line in lines] == [
        f"line {n}" for n in (2, 3, 4, 5, 6, 7, 8)
    ]
    assert "title" in lines[0] and "JSON" in lines[1] and "不存在的局" in lines[2]
    assert "--create-organizations" in lines[2]
    assert "2 created" in out and "7 rows with errors" in out
    assert set(DisclosureItemPage.objects.values_list("title", flat=True)) == {
        ROWS[0]["title"],
        "好的第二行",
    }


def test_create_organizations_and_default_organization(tmp_path, directory, orgs):
    rows = [
        dict(ROWS[1], publisher="国务院", title="甲"),
        dict(ROWS[1], publisher="", title="乙"),
    ]
    path = write_jsonl(tmp_path / "o.jsonl", rows)
    out, err = run(path, "--directory", directory.pk)
    assert "2 rows with errors" in out
    out, err = run(
        path,
        "--directory",
        directory.pk,
        "--create-organizations",
        "--default-organization",
        orgs[1].code,
    )
    assert err == "" and "1 organisations created" in out
    assert DisclosureItemPage.objects.get(title="甲").organization.name == "国务院"
    assert DisclosureItemPage.objects.get(title="乙").organization == orgs[1]
    run(path, "--directory", directory.pk, "--create-organizations")
    assert Organization.objects.filter(name="国务院").count() == 1


def test_csv_and_xlsx(tmp_path, directory, orgs):
    fields = [
        "title",
        "document_number",
        "publisher",
        "written_date",
        "category",
        "body",
    ]
    csv_path = tmp_path / "items.csv"
    with open(csv_path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerow(
            {
                "title": "CSV文件",
                "publisher": "示范县财政局",
                "written_date": "2024-01-02",
                "category": "法规文件",
                "body": "多行\n\n正文",
            }
        )
        writer.writerow(
            {"title": "CSV坏行", "publisher": "示范县财政局", "written_date": "昨天"}
        )
    out, err = run(csv_path, "--directory", directory.pk)
    assert "1 created" in out and err.strip().startswith(
        "line 5:"
    )  # the body spans lines 2-4

    import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(fields)
    sheet.append(
        [
            "XLSX文件",
            "示财发〔2024〕9号",
            "示范县财政局",
            datetime.datetime(2024, 5, 6),
            "财政预决算",
            "正文",
        ]
    )
    sheet.append([None] * 6)
    sheet.append(["", "", "示范县财政局", "2024-05-06", "", ""])
    xlsx_path = tmp_path / "items.xlsx"
    workbook.save(xlsx_path)
    out, err = run(xlsx_path, "--directory", directory.pk)
    assert "1 created" in out and err.strip().startswith("line 4: title")
    item = DisclosureItemPage.objects.get(title="XLSX文件")
    assert (
        item.written_date == datetime.date(2024, 5, 6) and item.category.code == "czyjs"
    )


def test_dry_run_changes_nothing(tmp_path, directory, orgs):
    out, _ = run(
        write_jsonl(tmp_path / "d.jsonl", ROWS),
        "--directory",
        directory.pk,
        "--dry-run",
    )
    assert "2 created" in out and "dry run" in out
    assert not DisclosureItemPage.objects.exists()


def test_command_errors(tmp_path, directory):
    with pytest.raises(CommandError, match="No directory page"):
        run(tmp_path / "x.jsonl", "--directory", "/nowhere/")
    with pytest.raises(CommandError):
        run(tmp_path / "missing.jsonl", "--directory", directory.pk)
    (tmp_path / "x.txt").write_text("")
    with pytest.raises(CommandError, match="format"):
        run(tmp_path / "x.txt", "--directory", directory.pk)


@pytest.mark.skipif(
    not CORPUS.exists(), reason="shared/corpus is not next to the checkout"
)
def test_corpus_sample(tmp_path, directory):
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:25]
    path = tmp_path / "sample.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err = run(
        path,
        "--directory",
        directory.pk,
        "--create-organizations",
        "--default-organization",
        OrganizationFactory().code,
    )
    assert err == ""
    assert "25 created" in out
    out, _ = run(path, "--directory", directory.pk, "--create-organizations")
    assert "0 created" in out and "25 unchanged" in out


def test_markdown_is_sanitised():
    html = markdown_to_html(
        "[x](javascript:alert(1)) <img src=x onerror=alert(1)> **b**"
    )
    assert "javascript" not in html and "onerror" not in html and "<img" not in html
    assert "<strong>b</strong>" in html
