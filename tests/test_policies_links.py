"""Policies and interpretations link both ways, live counterparts only."""

# ruff: noqa: F811  (pytest fixtures imported from tests.factories_policies)
import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from govopen.core.enums import InterpretationFormat, Validity
from govopen.policies.models import InterpretationPage, InterpretedPolicy

from .factories_policies import (  # noqa: F401  (fixtures)
    InterpretationPageFactory,
    PolicyDocumentPageFactory,
    interpretation_list,
    policy_list,
    section,
)

F = InterpretationFormat


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def reading_groups(html):
    """{group heading: [link texts]} of the 原文 / 解读 links."""
    nav = html.select_one(".govopen-related-reading")
    if nav is None:
        return {}
    return {
        group.find("dt").get_text(strip=True): [
            li.get_text(" ", strip=True) for li in group.select("li")
        ]
        for group in nav.select(".govopen-related-reading__group")
    }


@pytest.fixture
def policy(policy_list):
    return PolicyDocumentPageFactory(
        parent=policy_list,
        title="示范县城乡居民基本医疗保险实施办法",
        document_number="示政规〔2024〕3号",
    )


def make(interpretation_list, policy, fmt, title, **kwargs):
    return InterpretationPageFactory(
        parent=interpretation_list,
        policies=[policy],
        format=fmt,
        title=title,
        **kwargs,
    )


def test_policy_lists_its_interpretations_grouped_by_format(
    client, policy, interpretation_list
):
    make(interpretation_list, policy, F.TEXT, "文字解读甲")
    make(interpretation_list, policy, F.EXPERT, "专家解读乙", expert_name="李文华")
    make(interpretation_list, policy, F.GRAPHIC, "图解丙")
    make(interpretation_list, policy, F.AUDIO_VIDEO, "视频丁")
    make(interpretation_list, policy, F.PRESS_CONFERENCE, "发布会戊")
    groups = reading_groups(soup(client.get(policy.url)))
    names = list(groups)
    assert len(names) == 4  # 原文 / 政策解读 / 图文解读 / 视频解读
    original, policy_group, graphic, video = (groups[name] for name in names)
    assert original == [policy.title]
    assert sorted(text.split()[0] for text in policy_group) == [
        "专家解读乙",
        "文字解读甲",
    ]
    assert [text.split()[0] for text in graphic] == ["图解丙"]
    assert sorted(text.split()[0] for text in video) == ["发布会戊", "视频丁"]


def test_policy_hides_unpublished_private_and_deleted_interpretations(
    client, policy, interpretation_list
):
    make(interpretation_list, policy, F.TEXT, "已发布的解读")
    make(interpretation_list, policy, F.TEXT, "草稿解读", live=False)
    private = make(interpretation_list, policy, F.TEXT, "受限解读")
    PageViewRestriction.objects.create(
        page=private,
        restriction_type="password",
        password="x",  # noqa: S106
    )
    deleted = make(interpretation_list, policy, F.GRAPHIC, "已删除的图解")
    deleted.delete()
    groups = reading_groups(soup(client.get(policy.url)))
    shown = " ".join(" ".join(links) for links in groups.values())
    assert "已发布的解读" in shown
    assert "草稿解读" not in shown
    assert "受限解读" not in shown
    assert "已删除的图解" not in shown
    assert not InterpretedPolicy.objects.filter(page_id=deleted.pk).exists()


def test_policy_without_interpretations_has_no_reading_links(client, policy):
    assert reading_groups(soup(client.get(policy.url))) == {}


def test_interpretation_shows_its_policies_with_number_and_validity(
    client, policy_list, interpretation_list
):
    valid = PolicyDocumentPageFactory(
        parent=policy_list, title="现行办法", document_number="示政规〔2024〕3号"
    )
    repealed = PolicyDocumentPageFactory(
        parent=policy_list, title="旧办法", document_number="示政规〔2019〕1号"
    )
    repealed.repeal(on=datetime.date(2024, 12, 20), basis="示政发〔2024〕15号")
    interpretation = InterpretationPageFactory(
        parent=interpretation_list, policies=[valid, repealed]
    )
    html = soup(client.get(interpretation.url))
    rows = [
        [cell.get_text(" ", strip=True) for cell in tr.find_all("td")]
        for tr in html.select(".govopen-policy-links tbody tr")
    ]
    assert [row[:2] for row in rows] == [
        ["现行办法", "示政规〔2024〕3号"],
        ["旧办法", "示政规〔2019〕1号"],
    ]
    assert rows[0][2] == Validity.VALID.label
    assert rows[1][2] == Validity.REPEALED.label
    assert html.select_one(".govopen-policy-links").find("a", href=valid.url)
    # The 原文 links lead back to the policies.
    original = list(reading_groups(html).values())[0]
    assert original == ["现行办法", "旧办法"]


def test_interpretation_hides_unpublished_and_deleted_policies(
    client, policy_list, interpretation_list
):
    shown = PolicyDocumentPageFactory(parent=policy_list, title="公开的文件")
    unpublished = PolicyDocumentPageFactory(parent=policy_list, title="撤回的文件")
    deleted = PolicyDocumentPageFactory(parent=policy_list, title="删除的文件")
    interpretation = InterpretationPageFactory(
        parent=interpretation_list, policies=[shown, unpublished, deleted]
    )
    revision = interpretation.save_revision()
    unpublished.unpublish()
    deleted.delete()
    html = soup(client.get(interpretation.url))
    text = html.select_one(".govopen-interpreted-policies").get_text()
    assert "公开的文件" in text
    assert "撤回的文件" not in text
    assert "删除的文件" not in text
    # A revision made before the deletion can still be previewed and published:
    # the link to the deleted policy is dropped.
    restored = revision.as_object()
    assert [link.policy_id for link in restored.policy_links.all()] == [
        shown.pk,
        unpublished.pk,
    ]
    revision.publish()
    assert set(
        InterpretedPolicy.objects.filter(page=interpretation).values_list(
            "policy_id", flat=True
        )
    ) == {shown.pk, unpublished.pk}
    # Republished, the policy shows again.
    unpublished.save_revision().publish()
    html = soup(client.get(interpretation.url))
    assert "撤回的文件" in html.select_one(".govopen-interpreted-policies").get_text()


def test_interpretation_with_no_live_policy_still_renders(
    client, policy_list, interpretation_list
):
    gone = PolicyDocumentPageFactory(parent=policy_list, title="将撤回的文件")
    interpretation = InterpretationPageFactory(
        parent=interpretation_list, policies=[gone]
    )
    gone.unpublish()
    html = soup(client.get(interpretation.url))
    assert html.select_one(".govopen-interpreted-policies") is None
    assert interpretation.title in html.get_text()


def test_interpretation_lists_the_other_interpretations(
    client, policy, interpretation_list
):
    text = make(interpretation_list, policy, F.TEXT, "文字解读")
    make(interpretation_list, policy, F.GRAPHIC, "一图读懂")
    html = soup(client.get(text.url))
    groups = reading_groups(html)
    joined = " ".join(" ".join(links) for links in groups.values())
    assert "一图读懂" in joined
    current = html.select_one(".govopen-related-reading [aria-current]")
    assert current.get_text(strip=True) == "文字解读"


def test_translated_interpretation_shows_the_policy_in_its_language(
    client, policy, interpretation_list
):
    interpretation = make(interpretation_list, policy, F.TEXT, "解读")
    zh_hant = Locale.objects.create(language_code="zh-hant")
    policy_hant = policy.copy_for_translation(zh_hant, copy_parents=True)
    policy_hant.title = "示範縣城鄉居民基本醫療保險實施辦法"
    policy_hant.save_revision().publish()
    interpretation_hant = interpretation.copy_for_translation(
        zh_hant, copy_parents=True
    )
    interpretation_hant.save_revision().publish()
    # The copied link still points at the source policy ...
    assert [link.policy_id for link in interpretation_hant.policy_links.all()] == [
        policy.pk
    ]
    # ... and each page shows its counterpart in its own language.
    assert interpretation_hant.get_policies() == [policy_hant]
    assert [page.pk for page in policy_hant.get_interpretations()] == [
        interpretation_hant.pk
    ]
    assert [page.pk for page in policy.get_interpretations()] == [interpretation.pk]


def test_policy_page_queries_do_not_grow_with_interpretations(
    client, policy, interpretation_list, django_assert_num_queries
):
    def count():
        with CaptureQueriesContext(connection) as context:
            response = client.get(policy.url)
        assert response.status_code == 200
        return len(context.captured_queries)

    for n in range(2):
        make(interpretation_list, policy, F.TEXT, f"解读{n}")
    count()  # warms the site settings and caches
    few = count()
    for n in range(10):
        make(interpretation_list, policy, list(F)[n % len(F)], f"更多解读{n}")
    with django_assert_num_queries(few):
        response = client.get(policy.url)
    assert len(soup(response).select(".govopen-related-reading li")) == 13


def test_interpretation_page_queries_do_not_grow_with_policies(
    client, policy_list, interpretation_list, django_assert_num_queries
):
    policies = [PolicyDocumentPageFactory(parent=policy_list) for _n in range(2)]
    interpretation = InterpretationPageFactory(
        parent=interpretation_list, policies=policies
    )
    client.get(interpretation.url)
    with CaptureQueriesContext(connection) as context:
        client.get(interpretation.url)
    few = len(context.captured_queries)
    more = [PolicyDocumentPageFactory(parent=policy_list) for _n in range(8)]
    for extra in more:
        InterpretedPolicy.objects.create(page=interpretation, policy=extra)
    with django_assert_num_queries(few):
        response = client.get(interpretation.url)
    assert len(soup(response).select(".govopen-policy-links tbody tr")) == 10


def test_links_survive_a_json_round_trip(policy, interpretation_list):
    interpretation = make(interpretation_list, policy, F.TEXT, "解读")
    data = json.loads(interpretation.to_json())
    assert [link["policy"] for link in data["policy_links"]] == [policy.pk]
    assert InterpretationPage.from_json(interpretation.to_json()).policy_ids == [
        policy.pk
    ]
