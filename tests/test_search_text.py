"""Normalisation, segmentation, query terms and highlighting (pure functions)."""

import opencc
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from govopen.core.search.highlight import excerpt, highlight, match_spans
from govopen.core.search.text import (
    MAX_QUERY_TOKENS,
    MAX_TOKEN_LENGTH,
    Term,
    index_text,
    normalise,
    query_terms,
    segment,
)

S2T = opencc.OpenCC("s2t")

# Text as it occurs on government sites: Simplified and Traditional Chinese,
# full-width and half-width forms, Latin letters, digits and punctuation.
chinese_text = st.text(
    alphabet=st.sampled_from(
        list("政务公开信息條例資訊乌鲁木齐市年号〔〕（）《》，。、：；！？“”")
        + list("ＡＢＣａｂｃ０１２３４５／－　")
        + list("ABCabcxyzGBT0123456789 /-.\"*'()\n")
    ),
    max_size=60,
)


def contains_phrase(tokens, needle):
    """Whether ``needle`` (a token tuple) occurs in ``tokens`` as adjacent tokens."""
    n = len(needle)
    return any(tuple(tokens[i : i + n]) == needle for i in range(len(tokens) - n + 1))


class TestNormalise:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("政府資訊公開條例", "政府资讯公开条例"),
            ("乌鲁木齐市", "乌鲁木齐市"),
            ("ＧＢ／Ｔ　３７６６８", "gb/t 37668"),
            ("〔２００４〕３６号", "〔2004〕36号"),
            ("Annual REPORT", "annual report"),
            ("Straße", "strasse"),
            ("", ""),
        ],
    )
    def test_examples(self, text, expected):
        assert normalise(text) == expected

    @given(chinese_text)
    @settings(max_examples=300, deadline=None)
    def test_idempotent(self, text):
        assert normalise(normalise(text)) == normalise(text)

    @given(chinese_text)
    @settings(max_examples=300, deadline=None)
    def test_traditional_and_simplified_meet(self, text):
        assert normalise(S2T.convert(text)) == normalise(text)


class TestSegment:
    def test_cjk_bigrams_and_final_character(self):
        assert segment("政务公开") == ["政务", "务公", "公开", "开"]

    def test_single_character_stays(self):
        assert segment("年") == ["年"]

    def test_mixed_runs(self):
        assert segment("乌鲁木齐市2015年政务公开") == [
            "乌鲁",
            "鲁木",
            "木齐",
            "齐市",
            "市",
            "2015",
            "年政",
            "政务",
            "务公",
            "公开",
            "开",
        ]

    def test_document_numbers_and_standards(self):
        assert segment("国办发〔2004〕36号") == [
            "国办",
            "办发",
            "发",
            "2004",
            "36",
            "号",
        ]
        assert segment("GB/T 37668-2019") == ["gb", "t", "37668", "2019"]
        assert segment("GB/T37668") == ["gb", "t", "37668"]

    def test_punctuation_and_spaces_only(self):
        assert segment(' 。，！“”"*()-- ') == []

    def test_traditional_is_segmented_as_simplified(self):
        assert segment("政務公開") == segment("政务公开")

    def test_long_latin_runs_are_cut(self):
        assert segment("x" * 500) == ["x" * MAX_TOKEN_LENGTH]

    def test_index_text_joins_tokens_with_spaces(self):
        assert index_text("政务公开 2015") == "政务 务公 公开 开 2015"

    @given(chinese_text, st.data())
    @settings(max_examples=300, deadline=None)
    def test_every_fragment_is_found_in_its_text(self, text, data):
        """What the index promises: any stretch of a text, as a query, matches it
        (unless the stretch cuts a number or a Latin word in half: "015" does
        not find "2015", numbers and words match whole)."""
        normalised = normalise(text)
        assume(normalised)
        start = data.draw(st.integers(0, len(normalised) - 1))
        end = data.draw(st.integers(start + 1, len(normalised)))
        assume(not _cuts(normalised, start) and not _cuts(normalised, end))
        tokens = segment(text)
        for term in query_terms(normalised[start:end]):
            assert _term_found(term, tokens), (normalised[start:end], term, tokens)


def _char_class(char):
    if char.isdigit():
        return "digit"
    if char.isalpha() and char < "\u2e80":
        return "letter"
    return None


def _cuts(text, position):
    """Whether a boundary at ``position`` splits a run of digits or letters."""
    if position in (0, len(text)):
        return False
    before, after = _char_class(text[position - 1]), _char_class(text[position])
    return before is not None and before == after


def _term_found(term, tokens):
    if not term.prefix:
        return contains_phrase(tokens, term.tokens)
    *head, last = term.tokens
    n = len(head)
    return any(
        tuple(tokens[i : i + n]) == tuple(head) and tokens[i + n].startswith(last)
        for i in range(len(tokens) - n)
    )


class TestQueryTerms:
    def test_chinese_phrase(self):
        assert query_terms("政务公开") == [Term("政务公开", ("政务", "务公", "公开"))]

    def test_traditional_query(self):
        assert query_terms("政務公開") == query_terms("政务公开")

    def test_single_character_is_a_prefix(self):
        assert query_terms("年") == [Term("年", ("年",), prefix=True)]

    def test_stretches_are_separate_terms(self):
        terms = query_terms("政务公开 GB/T 37668")
        assert [t.tokens for t in terms] == [
            ("政务", "务公", "公开"),
            ("gb",),
            ("t",),
            ("37668",),
        ]

    def test_cjk_run_followed_by_digits_keeps_final_character(self):
        # The document's run ends where the digits start, so its final
        # unigram is adjacent to the number in the index too.
        assert query_terms("木齐市2015年")[0].tokens == (
            "木齐",
            "齐市",
            "市",
            "2015",
            "年",
        )
        assert query_terms("木齐市2015年")[0].prefix

    def test_document_number(self):
        terms = query_terms("〔2004〕36号")
        assert [(t.tokens, t.prefix) for t in terms] == [
            (("2004",), False),
            (("36", "号"), True),
        ]

    def test_autocomplete_makes_the_last_word_a_prefix(self):
        assert query_terms("annual rep", prefix_last=True) == [
            Term("annual", ("annual",)),
            Term("rep", ("rep",), prefix=True),
        ]
        assert not query_terms("annual rep")[-1].prefix

    def test_duplicates_are_dropped(self):
        assert len(query_terms("政务 政务 政務")) == 1

    @pytest.mark.parametrize(
        "query", ["", "   ", '"', "*", "-", "（）", "。，、！？", "\x00", "''"]
    )
    def test_nothing_searchable(self, query):
        assert query_terms(query) == []

    @pytest.mark.parametrize("query", ["NEAR", "OR", "AND", "NOT"])
    def test_operators_are_words(self, query):
        assert query_terms(query) == [Term(query.lower(), (query.lower(),))]

    def test_absurd_length_is_bounded(self):
        for query in ("政" * 10000, "a " * 10000, "2015年 " * 5000):
            terms = query_terms(query)
            assert 0 < sum(len(t.tokens) for t in terms) <= MAX_QUERY_TOKENS

    @given(st.text(max_size=300))
    @settings(max_examples=300, deadline=None)
    def test_tokens_are_safe_for_any_engine(self, query):
        """No quote, operator character or space ever reaches FTS5 or tsquery."""
        for term in query_terms(query):
            for token in term.tokens:
                assert token
                assert len(token) <= MAX_TOKEN_LENGTH
                assert not set(token) & set("\"'*:&|!()<>-\\ \t\n\x00^+{}[]")


class TestHighlight:
    def test_marks_matches(self):
        assert (
            highlight("乌鲁木齐市2015年政务公开工作要点", "政务公开")
            == "乌鲁木齐市2015年<mark>政务公开</mark>工作要点"
        )

    def test_escapes_before_marking(self):
        html = highlight("<b>政务公开</b> & 政务", "政务")
        assert (
            html == "&lt;b&gt;<mark>政务</mark>公开&lt;/b&gt; &amp; <mark>政务</mark>"
        )

    def test_traditional_query_marks_simplified_text(self):
        assert (
            highlight("政府信息公开条例", "信息公開") == "政府<mark>信息公开</mark>条例"
        )

    def test_full_width_text(self):
        assert (
            highlight("标准ＧＢ／Ｔ３７６６８", "37668")
            == "标准ＧＢ／Ｔ<mark>３７６６８</mark>"
        )

    def test_overlapping_matches_merge(self):
        assert match_spans("政务公开工作", "政务公开 公开工作") == [(0, 6)]

    def test_no_query_no_marks(self):
        assert highlight("a < b", "") == "a &lt; b"

    def test_excerpt_centres_on_first_match(self):
        text = "前言" * 200 + "政务公开" + "后文" * 200
        html = excerpt(text, "政务公开", length=40)
        assert "<mark>政务公开</mark>" in html
        assert html.startswith("…") and html.endswith("…")
        assert len(html) < 80

    def test_excerpt_without_match_is_the_beginning(self):
        assert excerpt("甲乙丙丁" * 100, "政务", length=8) == "甲乙丙丁甲乙丙丁…"
