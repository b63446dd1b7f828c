"""The OpenCC machine translator and the translation of pages and snippets."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object as localize_translate_object
from wagtail_localize.strings import StringValue

from govopen.core.machine_translation import (
    DictionaryTranslator,
    OpenCCTranslator,
    chinese_script,
    convert_html,
    convert_text,
    pair_html,
)
from govopen.core.models import GovOpenIndexPage, GuidePage, Organization, StandardPage
from govopen.core.translation import (
    ContentTranslator,
    translate_object,
    translate_objects,
    translate_tree,
)
from home.models import HomePage

from .factories import (
    GovOpenIndexPageFactory,
    GuidePageFactory,
    OrganizationFactory,
    StandardPageFactory,
)


def locale(code):
    # can_translate and translate read only the language code.
    return Locale(language_code=code)


def opencc(profile=None, **options):
    if profile:
        options["PROFILE"] = profile
    return OpenCCTranslator(options)


def translate_one(translator, text, target="zh-hant"):
    value = StringValue(text)
    return translator.translate(locale("zh-hans"), locale(target), [value])[value].data


# The translator -----------------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "source", "expected"),
    [
        # Characters only: the words stay mainland ones.
        ("s2t", "政府信息公开", "政府信息公開"),
        ("s2t", "软件", "軟件"),
        ("s2t", "着重说明，里面", "着重說明，裏面"),
        # Taiwan glyphs, words unchanged.
        ("s2tw", "着重说明，里面", "著重說明，裡面"),
        ("s2tw", "政府信息公开", "政府信息公開"),
        # Taiwan glyphs and Taiwan vocabulary.
        ("s2twp", "政府信息公开", "政府資訊公開"),
        ("s2twp", "软件", "軟體"),
        ("s2twp", "网络打印机", "網路印表機"),
        # Hong Kong glyphs.
        ("s2hk", "政府信息公开", "政府信息公開"),
        ("s2hk", "着重说明，里面", "着重説明，裏面"),
        ("s2hk", "卫生户口", "衞生户口"),
    ],
)
def test_profiles_convert_known_sentences(profile, source, expected):
    assert translate_one(opencc(profile), source) == expected


def test_default_profile_keeps_the_titles_of_laws():
    law = "《中华人民共和国政府信息公开条例》"
    assert translate_one(opencc(), law) == "《中華人民共和國政府信息公開條例》"
    # The Taiwan phrase profile would rename the law: not a safe default.
    assert "資訊" in translate_one(opencc("s2twp"), law)


def test_markup_is_kept_byte_for_byte():
    source = '<a id="a1">软件</a>和<b>网络</b>服务<br>说明 &amp; 下载'
    assert translate_one(opencc("s2twp"), source) == (
        '<a id="a1">軟體</a>和<b>網路</b>服務<br>說明 &amp; 下載'
    )


def test_convert_html_leaves_attributes_comments_and_entities():
    html = (
        '<p class="说明"><a href="/软件?a=1&amp;b=2" title="a>软件">软件</a>'
        "<!-- 软件 -->&#36719;&nbsp;软件</p>"
    )
    assert convert_html(html, "s2twp") == (
        '<p class="说明"><a href="/软件?a=1&amp;b=2" title="a>软件">軟體</a>'
        "<!-- 软件 -->&#36719;&nbsp;軟體</p>"
    )


TAGS = st.sampled_from(["<b>", "</b>", '<a id="a1">', "</a>", "<br>", "&amp;"])
TEXT = st.text(
    alphabet=st.sampled_from("软件网络信息公开政府说明里面的 ,.abc"), max_size=12
)


@given(st.lists(st.tuples(TEXT, TAGS), max_size=8), TEXT)
def test_convert_html_converts_text_only(pieces, tail):
    html = "".join(text + tag for text, tag in pieces) + tail
    converted = convert_html(html, "s2twp")
    expected = "".join(
        convert_text(text, "s2twp") + tag for text, tag in pieces
    ) + convert_text(tail, "s2twp")
    assert converted == expected
    assert re.findall(r"<[^>]*>", converted) == re.findall(r"<[^>]*>", html)


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("zh-hans", "zh-hant", True),
        ("zh-hans", "zh-tw", True),
        ("zh-hans", "zh-hk", True),
        ("zh-hans", "zh-Hant-MO", True),
        ("zh-cn", "zh-hant", True),
        ("zh", "zh-tw", True),
        ("zh-hant", "zh-hans", False),
        ("zh-hans", "zh-hans", False),
        ("zh-hans", "zh-cn", False),
        ("zh-hans", "en", False),
        ("en", "zh-hant", False),
        ("zh-hk", "zh-tw", False),
    ],
)
def test_can_translate_only_simplified_to_traditional(source, target, expected):
    assert opencc().can_translate(locale(source), locale(target)) is expected


def test_chinese_script():
    assert chinese_script("zh-Hans") == "hans"
    assert chinese_script("zh_TW") == "hant"
    assert chinese_script("zh-hant-cn") == "hant"
    assert chinese_script("zh-yue") is None
    assert chinese_script("en") is None


def test_translate_refuses_a_pair_it_cannot_translate():
    with pytest.raises(ValueError, match="en"):
        opencc().translate(locale("zh-hans"), locale("en"), [StringValue("软件")])


def test_profile_per_target_language():
    translator = opencc("s2twp", PROFILES={"zh-HK": "s2hk"})
    assert translate_one(translator, "软件说明", "zh-hk") == "軟件説明"
    assert translate_one(translator, "软件说明", "zh-tw") == "軟體說明"


@pytest.mark.parametrize("options", [{"PROFILE": "t2s"}, {"PROFILES": {"zh-hk": "x"}}])
def test_unknown_profile_is_a_configuration_error(options):
    with pytest.raises(
        ImproperlyConfigured, match="WAGTAILLOCALIZE_MACHINE_TRANSLATOR"
    ):
        OpenCCTranslator(options)


def test_fallback_translator_handles_other_pairs():
    translator = OpenCCTranslator(
        {
            "FALLBACK": {
                "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
            }
        }
    )
    assert translator.can_translate(locale("zh-hans"), locale("en"))
    value = StringValue("one two")
    english = translator.translate(locale("zh-hans"), locale("en"), [value])
    assert english[value].data == "two one"  # the dummy reverses words
    assert translate_one(translator, "软件") == "軟件"  # OpenCC still does zh-hant
    with override("en"):
        assert (
            translator.display_name
            == "OpenCC (Traditional characters) / Dummy translator"
        )
    with pytest.raises(ImproperlyConfigured):
        OpenCCTranslator({"FALLBACK": {"OPTIONS": {}}})


def test_display_name_names_the_profile():
    with override("en"):
        assert opencc("s2hk").display_name == (
            "OpenCC (Traditional characters, Hong Kong glyphs)"
        )


def test_dictionary_translator_and_pair_html():
    pairs = pair_html(
        "<h2>一、总则</h2><p>详见<a href='/a/'>条例</a>。</p>",
        "<h2>1. General</h2><p>See the <a href='/a/'>Regulations</a>.</p>",
    )
    assert pairs == {
        "一、总则": "1. General",
        '详见<a id="a1">条例</a>。': 'See the <a id="a1">Regulations</a>.',
    }
    translator = DictionaryTranslator({"STRINGS": {**pairs, "甲 & 乙": "A & B"}})
    values = [
        StringValue('详见<a id="a1">条例</a>。'),
        StringValue.from_plaintext("甲 & 乙"),
        StringValue("未知"),
    ]
    result = translator.translate(locale("zh-hans"), locale("en"), values)
    assert result[values[0]].data == 'See the <a id="a1">Regulations</a>.'
    assert result[values[1]].data == "A &amp; B"
    assert values[2] not in result
    with pytest.raises(ValueError, match="blocks"):
        pair_html("<p>一</p><p>二</p>", "<p>One and two</p>")


# Translating pages and snippets --------------------------------------------

BODY = (
    "<h2>一、公开范围</h2>"
    '<p>详见<a href="https://www.gov.cn/">中国政府网</a>的软件下载说明。</p>'
)


@pytest.fixture
def locales(db):
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in ("zh-hans", "zh-hant", "en")
    }


@pytest.fixture
def section(locales):
    """A small untranslated section: home → landing → guide, rules."""
    root = Page.get_first_root_node()
    home = HomePage(title="测试县人民政府", slug="test-home")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    county = OrganizationFactory(name="测试县人民政府", short_name="县政府")
    bureau = OrganizationFactory(
        name="测试县教育局",
        short_name="县教育局",
        parent=county,
        office_address="测试县人民路2号",
        office_hours="工作日 上午8:30-12:00",
        phone="0551-66000002",
        fax="0551-66010002",
        email="jyj@example.gov.cn",
        postcode="230002",
        website="https://jyj.example.gov.cn/",
    )
    index = GovOpenIndexPageFactory(
        parent=home, slug="zfxxgk", intro="<p>本栏目公开政府信息。</p>"
    )
    guide = GuidePageFactory(
        parent=index,
        slug="guide",
        title="政府信息公开指南",
        organization=bureau,
        body=BODY,
    )
    rules = StandardPageFactory(parent=index, slug="rules", title="网络信息公开制度")
    for page in (index, guide, rules):
        page.save_revision().publish()
    return {
        "home": home,
        "index": index,
        "guide": guide,
        "rules": rules,
        "county": county,
        "bureau": bureau,
    }


def hant(model, source):
    return model.objects.get(
        translation_key=source.translation_key, locale__language_code="zh-hant"
    )


@pytest.mark.django_db
class TestTranslateTree:
    def test_whole_section_becomes_traditional(self, section):
        result = translate_tree(section["home"], "zh-hant", translator=opencc("s2twp"))
        # four pages, and the two organisations the guide needs
        assert len(result.created) == 6 and not result.failed
        guide = hant(GuidePage, section["guide"])
        assert guide.live and guide.title == "政府資訊公開指南"
        assert guide.url == "/zh-hant/zfxxgk/guide/"
        assert guide.get_parent().specific == hant(GovOpenIndexPage, section["index"])
        assert hant(StandardPage, section["rules"]).title == "網路資訊公開制度"
        assert hant(HomePage, section["home"]).title == "測試縣人民政府"
        # A real wagtail-localize translation: editors review it and sync it.
        source = TranslationSource.objects.get_for_instance(section["guide"])
        translation = Translation.objects.get(source=source)
        assert (
            translation.enabled and translation.target_locale.language_code == "zh-hant"
        )
        assert translation.get_progress() == (4, 4)  # title, slug, two body blocks
        machine = StringTranslation.objects.filter(locale=translation.target_locale)
        assert machine.filter(translation_type="machine").count() == machine.count()
        assert machine.first().tool_name.startswith("OpenCC")

    def test_rich_text_keeps_links_and_structure(self, section):
        translate_tree(section["home"], "zh-hant", translator=opencc("s2twp"))
        body = hant(GuidePage, section["guide"]).body
        assert body == (
            "<h2>一、公開範圍</h2>"
            '<p>詳見<a href="https://www.gov.cn/">中國政府網</a>的軟體下載說明。</p>'
        )

    def test_relations_point_to_translations(self, section):
        translate_tree(section["home"], "zh-hant", translator=opencc())
        guide = hant(GuidePage, section["guide"])
        bureau = guide.organization
        assert bureau.locale.language_code == "zh-hant"
        assert bureau.translation_key == section["bureau"].translation_key
        assert bureau.name == "測試縣教育局"
        assert bureau.parent == hant(Organization, section["county"])
        assert list(bureau.parent.children.all()) == [bureau]

    def test_untranslatable_fields_stay_identical(self, section):
        translate_tree(section["home"], "zh-hant", translator=opencc())
        source, target = section["bureau"], hant(Organization, section["bureau"])
        for name in (
            "code",
            "phone",
            "fax",
            "email",
            "postcode",
            "sort_order",
            "active",
        ):
            assert getattr(target, name) == getattr(source, name), name
        assert target.office_address == "測試縣人民路2號"
        assert target.office_hours == "工作日 上午8:30-12:00"
        # Codes are not even offered to translators to override; a website is.
        overridable = TranslationSource.objects.get_for_instance(
            source
        ).overridablesegment_set.values_list("context__path", flat=True)
        assert list(overridable) == ["website"]
        assert hant(StandardPage, section["rules"]).section == section["rules"].section

    def test_second_run_changes_nothing(self, section):
        translate_tree(section["home"], "zh-hant", translator=opencc())
        revisions = Revision.objects.count()
        pages = list(Page.objects.order_by("pk").values_list("pk", "title", "live"))
        result = translate_tree(section["home"], "zh-hant", translator=opencc())
        assert not result.created and not result.updated
        assert len(result.unchanged) == 6
        assert Revision.objects.count() == revisions
        assert (
            list(Page.objects.order_by("pk").values_list("pk", "title", "live"))
            == pages
        )

    def test_changes_to_the_source_are_synchronised(self, section):
        translate_tree(section["home"], "zh-hant", translator=opencc())
        guide = section["guide"]
        guide.body = "<p>新增网络申请渠道。</p>"
        guide.save_revision().publish()
        bureau = section["bureau"]
        bureau.phone = "0551-66009999"
        bureau.name = "测试县教育体育局"
        bureau.save()

        result = translate_tree(section["home"], "zh-hant", translator=opencc())
        assert {type(obj) for obj in result.updated} == {GuidePage, Organization}
        assert len(result.unchanged) == 4
        target = hant(GuidePage, guide)
        assert target.body == "<p>新增網絡申請渠道。</p>"
        assert target.live and not target.has_unpublished_changes
        org = hant(Organization, bureau)
        assert org.phone == "0551-66009999" and org.name == "測試縣教育體育局"

    def test_editor_work_is_kept(self, section):
        translate_tree(section["home"], "zh-hant", translator=opencc())
        zh_hant = Locale.objects.get(language_code="zh-hant")
        # An editor reviews the title in the translation editor...
        title = StringTranslation.objects.get(
            locale=zh_hant,
            context__path="title",
            context__object_id=section["guide"].translation_key,
        )
        title.data = "政府信息公開指南（審校）"
        title.translation_type = "manual"
        title.save()
        # ...then the source changes: the new text is converted, the review kept.
        guide = section["guide"]
        guide.body = "<p>新正文。</p>"
        guide.save_revision().publish()
        translate_tree(section["home"], "zh-hant", translator=opencc())
        target = hant(GuidePage, guide)
        assert target.title == "政府信息公開指南（審校）"
        assert target.body == "<p>新正文。</p>"

    def test_translations_taken_over_by_editors_are_skipped(self, section):
        translate_tree(section["home"], "zh-hant", translator=opencc())
        rules = hant(StandardPage, section["rules"])
        Translation.objects.filter(
            source__object_id=section["rules"].translation_key
        ).update(enabled=False)
        rules.title = "編輯自己寫的標題"
        rules.save_revision().publish()
        source = section["rules"]
        source.title = "新制度"
        source.save_revision().publish()
        result = translate_tree(section["home"], "zh-hant", translator=opencc())
        assert [obj.pk for obj in result.skipped] == [source.pk]
        assert hant(StandardPage, source).title == "編輯自己寫的標題"

    def test_without_translator_the_copy_keeps_the_source_text(self, section):
        with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=None):
            translate_object(section["rules"], "zh-hant")
        # The parents are created as aliases, as wagtail-localize does.
        assert hant(StandardPage, section["rules"]).title == "网络信息公开制度"
        assert (
            hant(GovOpenIndexPage, section["index"]).alias_of_id == section["index"].pk
        )
        # ...and a later run with a translator translates the placeholders.
        translate_tree(section["home"], "zh-hant", translator=opencc())
        assert hant(GovOpenIndexPage, section["index"]).alias_of_id is None
        assert hant(StandardPage, section["rules"]).title == "網絡信息公開制度"

    def test_uses_the_configured_translator(self, section):
        # example_site configures OpenCC with the character-only profile.
        translate_object(section["rules"], "zh-hant")
        assert hant(StandardPage, section["rules"]).title == "網絡信息公開制度"

    def test_failures_can_be_collected(self, section):
        class Broken(OpenCCTranslator):
            def translate(self, source_locale, target_locale, strings):
                if any("规章" in s.data for s in strings):
                    raise RuntimeError("service down")
                return super().translate(source_locale, target_locale, strings)

        section["rules"].title = "规章制度"
        section["rules"].save_revision().publish()
        translator = ContentTranslator("zh-hant", Broken({}), raise_errors=False)
        result = translator.translate_tree(section["home"])
        assert [obj.pk for obj, _error in result.failed] == [section["rules"].pk]
        assert isinstance(result.failed[0][1], RuntimeError)
        assert len(result.created) == 5
        assert str(result) == "5 created, 0 updated, 0 unchanged, 0 skipped, 1 failed"
        with pytest.raises(RuntimeError):
            translate_object(section["rules"], "zh-hant", translator=Broken({}))

    def test_snippets_alone(self, section):
        result = translate_objects(
            Organization.objects.filter(locale__language_code="zh-hans"),
            "zh-hant",
            translator=opencc(),
        )
        assert len(result.created) == 2
        assert hant(Organization, section["county"]).short_name == "縣政府"

    def test_english_from_written_translations(self, section):
        strings = {
            "测试县人民政府": "Test County People's Government",
            "政府信息公开": "Government Information Disclosure",
            **pair_html(
                "<p>本栏目公开政府信息。</p>", "<p>This section publishes.</p>"
            ),
        }
        translator = DictionaryTranslator({"STRINGS": strings})
        for page in ("home", "index"):
            translate_object(section[page], "en", translator=translator)
        index = GovOpenIndexPage.objects.get(locale__language_code="en")
        assert index.title == "Government Information Disclosure"
        assert index.intro == "<p>This section publishes.</p>"
        assert index.url == "/en/zfxxgk/"
        english = StringTranslation.objects.filter(locale__language_code="en")
        assert set(english.values_list("translation_type", flat=True)) == {"manual"}


@pytest.mark.django_db
class TestEditorTranslates:
    """The editor's path: wagtail-localize's Translate action and its buttons."""

    def test_machine_translate_button_uses_opencc(self, section, admin_client):
        zh_hant = Locale.objects.get(language_code="zh-hant")
        localize_translate_object(section["rules"], [zh_hant])
        translation = Translation.objects.get(
            source__object_id=section["rules"].translation_key
        )
        target = translation.get_target_instance()
        edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
        assert edit.status_code == 200
        assert "OpenCC" in edit.content.decode()  # the "Translate with" button

        url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
        response = admin_client.post(url, {"next": "/admin/"})
        assert response.status_code == 302
        assert translation.get_progress() == (3, 3)  # title, slug, body
        translation.save_target(publish=True)
        target.refresh_from_db()
        assert target.title == "網絡信息公開制度"

    def test_sync_translated_pages(
        self, section, admin_client, django_capture_on_commit_callbacks
    ):
        translate_tree(section["home"], "zh-hant", translator=opencc())
        guide = section["guide"]
        guide.body = "<p>依申请公开须知。</p>"
        guide.save_revision().publish()
        source = TranslationSource.objects.get_for_instance(guide)
        url = reverse("wagtail_localize:update_translations", args=[source.pk])
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                url, {"use_machine_translation": "on", "publish_translations": "on"}
            )
        assert response.status_code == 302
        target = hant(GuidePage, guide)
        assert target.body == "<p>依申請公開須知。</p>" and target.live


@pytest.fixture
def demo(demo_translated):
    """The demo with its 繁體中文 and English versions, built once for this module."""
    return demo_translated


@pytest.mark.django_db
class TestDemoTranslations:
    def test_demo_section_in_traditional_chinese(self, demo):
        assert demo.translation_failures == []
        sources = demo.home.get_descendants(inclusive=True).filter(locale=demo.locale)
        for page in sources.specific():
            target = Page.objects.get(
                translation_key=page.translation_key, locale__language_code="zh-hant"
            )
            assert target.live == page.live, page  # a draft stays a draft
            assert target.title == convert_text(page.title)
        orgs = Organization.objects.filter(locale__language_code="zh-hant")
        assert orgs.count() == Organization.objects.filter(locale=demo.locale).count()
        county = orgs.get(code=demo.county.code)
        assert county.name == "示範縣人民政府" and county.children.count() == 10
        assert (
            GuidePage.objects.get(locale__language_code="zh-hant").organization
            == county
        )

    def test_demo_english_landing_and_guide(self, demo):
        english = {
            page.specific_class: page.specific
            for page in Page.objects.filter(locale__language_code="en")
        }
        assert set(english) == {HomePage, GovOpenIndexPage, GuidePage}
        guide = english[GuidePage]
        assert guide.title == "Guide to Government Information Disclosure"
        assert guide.url == "/en/zfxxgk/guide/"
        assert "<h2>2. Disclosure on application</h2>" in guide.body
        assert re.search(r"[\u4e00-\u9fff]", guide.body) is None
        assert guide.organization.name == "Shifan County People's Government"
        assert guide.organization.phone == demo.county.phone
        assert english[GovOpenIndexPage].intro.startswith("<p>Under the Regulations")
        assert not StringTranslation.objects.filter(
            locale__language_code="en", translation_type="machine"
        ).exists()
