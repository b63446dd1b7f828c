"""Masking of personal data in citizens' text, and the shared 查询码/mask helpers."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govopen.core import masks, query_codes
from govopen.qa.masking import find_personal_data, mask_personal_data

CASES = [
    ("我的电话13812345678请回电", "我的电话138****5678请回电", "phone"),
    ("手机138 1234 5678，谢谢", "手机138 **** 5678，谢谢", "phone"),
    ("号码138-1234-5678。", "号码138-****-5678。", "phone"),
    ("请拨+86 13812345678联系", "请拨+86 138****5678联系", "phone"),
    ("请拨+8613812345678联系", "请拨+86138****5678联系", "phone"),
    ("座机0991-1234567找我", "座机0991-*****67找我", "phone"),
    ("电话(010)12345678转", "电话(010)******78转", "phone"),
    ("电话（010）12345678转", "电话（010）******78转", "phone"),
    ("全角１３８１２３４５６７８号", "全角１３８****５６７８号", "phone"),
    ("身份证号11010119900307123X办理", "身份证号110***********123X办理", "identity"),
    ("身份证号11010119900307123x办理", "身份证号110***********123x办理", "identity"),
    ("身份证号110101199003071234办理", "身份证号110***********1234办理", "identity"),
    ("旧证110101900307123号", "旧证110********7123号", "identity"),
    ("邮箱zhang.san@example.com谢谢", "邮箱z********@example.com谢谢", "email"),
]


@pytest.mark.parametrize(("text", "expected", "kind"), CASES)
def test_personal_data_inside_chinese_sentences_is_masked(text, expected, kind):
    assert mask_personal_data(text) == expected
    assert [finding.kind for finding in find_personal_data(text)] == [kind]


def test_several_findings_in_one_text_keep_their_order():
    text = "我叫张三，电话13812345678，身份证11010119900307123X，邮箱zs@b.cn。"
    findings = find_personal_data(text)
    assert [f.kind for f in findings] == ["phone", "identity", "email"]
    masked = mask_personal_data(text)
    assert "12345678" not in masked and "0307" not in masked and "zs@" not in masked


@pytest.mark.parametrize(
    "text",
    [
        "2025年1月15日",
        "日期2025-01-15，金额12345678元",
        "文号示政办〔2025〕12号",
        "索引号000014349/2017-00110",
        "第20条",
    ],
)
def test_ordinary_numbers_are_left_alone(text):
    assert mask_personal_data(text) == text
    assert find_personal_data(text) == []


chinese = st.text(alphabet="请问我的电话是号码谢谢，。在哪里办理", max_size=12)


@settings(max_examples=80, deadline=None)
@given(
    before=chinese,
    after=chinese,
    second=st.sampled_from("3456789"),
    middle=st.integers(0, 9999),
    tail=st.integers(0, 9999),
    sep=st.sampled_from(["", " ", "-"]),
)
def test_any_mobile_number_in_any_sentence_loses_its_middle_digits(
    before, after, second, middle, tail, sep
):
    number = f"1{second}8{sep}{middle:04d}{sep}{tail:04d}"
    text = before + number + after
    masked = mask_personal_data(text)
    assert len(masked) == len(text)
    assert masked == before + f"1{second}8{sep}****{sep}{tail:04d}" + after
    assert mask_personal_data(masked) == masked


@settings(max_examples=60, deadline=None)
@given(
    before=chinese,
    after=chinese,
    digits=st.text("0123456789", min_size=17, max_size=17),
    last=st.sampled_from("0123456789X"),
)
def test_any_18_character_identity_number_is_masked(before, after, digits, last):
    number = digits + last
    masked = mask_personal_data(before + number + after)
    assert number not in masked
    assert masked.startswith(before) and masked.endswith(after)


def test_query_codes_are_hashed_and_checked_loosely():
    code = query_codes.generate_query_code()
    assert len(code) == 14 and code.count("-") == 2
    stored = query_codes.hash_query_code(code)
    assert code not in stored
    assert query_codes.check_query_code(code.lower().replace("-", " "), stored)
    assert not query_codes.check_query_code("AAAA-BBBB-CCCC", stored)
    assert query_codes.dummy_check(code) is False


def test_old_names_stay_importable_from_applications():
    from govopen.applications import crypto
    from govopen.applications.models import generate_query_code, normalise_query_code

    assert generate_query_code is query_codes.generate_query_code
    assert normalise_query_code("ab-c d") == "ABCD"
    assert crypto.mask_name is masks.mask_name
    assert masks.mask_email("zhangsan@example.com") == "z*******@example.com"
