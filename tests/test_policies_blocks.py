"""The interpretation body: StreamField blocks, their validation, their rendering."""

# ruff: noqa: F811  (pytest fixtures imported from tests.factories_policies)
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.embeds.models import Embed
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from govopen.core.enums import InterpretationFormat
from govopen.policies.blocks import (
    ImageWithAltBlock,
    InterpretationBodyBlock,
    QuestionAnswerBlock,
    VideoBlock,
)
from govopen.policies.models import InterpretationPage

from .factories import OrganizationFactory
from .factories_policies import (  # noqa: F401  (fixtures)
    InterpretationPageFactory,
    PolicyDocumentPageFactory,
    image_block,
    interpretation_list,
    make_document,
    make_image,
    policy_list,
    qa_block,
    section,
    stream,
    video_block,
)

F = InterpretationFormat


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


# Blocks on their own ------------------------------------------------------------
@pytest.mark.django_db
def test_image_needs_alternative_text():
    block = ImageWithAltBlock()
    image = make_image(title="医保图解")
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt": "", "caption": ""}))
    assert "alt" in error.value.block_errors
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt": "   ", "caption": ""}))
    # A file name or the image's title is not a description.
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt": "医保图解"}))
    cleaned = block.clean(
        block.to_python({"image": image.pk, "alt": "三项变化：报销比例提高。"})
    )
    assert cleaned["alt"] == "三项变化：报销比例提高。"


@pytest.mark.django_db
def test_video_needs_exactly_one_playable_source():
    block = VideoBlock()
    video = make_document("jiedu.mp4")
    pdf = make_document("jiedu.pdf")

    def clean(**value):
        base = {"title": "", "file": None, "embed": "", "poster": None}
        return block.clean(block.to_python({**base, **value}))

    with pytest.raises(ValidationError):
        clean()
    with pytest.raises(ValidationError) as error:
        clean(file=pdf.pk)
    assert "file" in error.value.block_errors
    fake = Embed(url="https://v.example.gov.cn/1", html="<iframe></iframe>")
    with mock.patch("wagtail.embeds.embeds.get_embed", return_value=fake):
        with pytest.raises(ValidationError):
            clean(file=video.pk, embed="https://v.example.gov.cn/1")
        assert clean(embed="https://v.example.gov.cn/1")["embed"].url
    assert clean(file=video.pk)["file"] == video


@pytest.mark.django_db
def test_question_and_answer_are_required():
    block = QuestionAnswerBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"question": "", "answer": "<p>答</p>"}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"question": "问", "answer": ""}))


@pytest.mark.django_db
def test_stream_rejects_an_image_without_alt():
    block = InterpretationBodyBlock()
    image = make_image()
    value = block.to_python([image_block(image, alt="")])
    with pytest.raises(ValidationError):
        block.clean(value)


# The format decides what a published body needs ---------------------------------
@pytest.mark.parametrize(
    "fmt, body, field",
    [
        (F.GRAPHIC, "text", "body"),
        (F.AUDIO_VIDEO, "text", "body"),
        (F.ANIMATION, "text", "body"),
        (F.QA, "text", "body"),
        (F.EXPERT, "text", "expert_name"),
    ],
)
def test_published_interpretation_needs_what_its_format_implies(
    interpretation_list, fmt, body, field
):
    page = InterpretationPageFactory(
        parent=interpretation_list, format=F.TEXT, expert_name=""
    )
    page.format = fmt
    revision = page.save_revision()  # a draft may be incomplete
    with pytest.raises(ValidationError) as error:
        revision.publish()
    assert field in error.value.message_dict
    assert InterpretationPage.objects.get(pk=page.pk).format == F.TEXT


# Through the page editor --------------------------------------------------------
@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("editor", password="pw")
    client.force_login(user)
    return client


def add_url(parent):
    return f"/admin/pages/add/govopen_policies/interpretationpage/{parent.pk}/"


def form_data(organization, policies, body, publish=True, **fields):
    data = nested_form_data(
        {
            "title": fields.pop("title", "图解：新办法三项变化"),
            "slug": fields.pop("slug", "tujie"),
            "format": fields.pop("format", F.GRAPHIC),
            "organization": organization.pk,
            "expert_name": fields.pop("expert_name", ""),
            "expert_title": "",
            "publish_date": "",
            "summary": "",
            "policy_links": inline_formset([{"policy": p.pk} for p in policies]),
            "body": streamfield(body),
            "comments": inline_formset([]),
            **fields,
        }
    )
    if publish:
        data["action-publish"] = "publish"
    return data


def image_value(image, alt):
    return {"image": image.pk, "alt": alt, "caption": ""}


def test_editor_rejects_a_graphic_without_alt_text(
    editor, policy_list, interpretation_list
):
    organization = OrganizationFactory()
    policy = PolicyDocumentPageFactory(parent=policy_list)
    image = make_image()
    response = editor.post(
        add_url(interpretation_list),
        form_data(organization, [policy], [("image", image_value(image, ""))]),
    )
    assert response.status_code == 200  # the form again, with its errors
    assert not InterpretationPage.objects.filter(slug="tujie").exists()

    response = editor.post(
        add_url(interpretation_list),
        form_data(
            organization,
            [policy],
            [("image", image_value(image, "图解：门诊报销比例由50%提高到60%。"))],
        ),
    )
    assert response.status_code == 302
    page = InterpretationPage.objects.get(slug="tujie")
    assert page.live
    assert page.publish_date is not None
    assert page.policy_ids == [policy.pk]


def test_editor_needs_an_image_for_a_graphic_and_a_policy_to_publish(
    editor, policy_list, interpretation_list
):
    organization = OrganizationFactory()
    policy = PolicyDocumentPageFactory(parent=policy_list)
    text = [("paragraph", rich_text("<p>只有文字。</p>"))]
    response = editor.post(
        add_url(interpretation_list), form_data(organization, [policy], text)
    )
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    image = make_image()
    graphic = [("image", image_value(image, "图解：三项变化。"))]
    response = editor.post(
        add_url(interpretation_list), form_data(organization, [], graphic)
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not InterpretationPage.objects.filter(slug="tujie").exists()
    # The same, saved as a draft, is kept for later.
    response = editor.post(
        add_url(interpretation_list),
        form_data(organization, [], text, publish=False),
    )
    assert response.status_code == 302
    assert not InterpretationPage.objects.get(slug="tujie").live


def test_editor_rejects_linking_a_policy_twice(
    editor, policy_list, interpretation_list
):
    organization = OrganizationFactory()
    policy = PolicyDocumentPageFactory(parent=policy_list)
    text = [("paragraph", rich_text("<p>解读。</p>"))]
    response = editor.post(
        add_url(interpretation_list),
        form_data(organization, [policy, policy], text, format=F.TEXT),
    )
    assert response.status_code == 200
    assert not InterpretationPage.objects.filter(slug="tujie").exists()


# Rendering ----------------------------------------------------------------------
def test_body_renders_accessibly(client, policy_list, interpretation_list):
    policy = PolicyDocumentPageFactory(parent=policy_list)
    image = make_image()
    video = make_document("jiedu.mp4")
    audio = make_document("fangtan.mp3", title="访谈录音")
    page = InterpretationPageFactory(
        parent=interpretation_list,
        policies=[policy],
        format=F.AUDIO_VIDEO,
        body=stream(
            image_block(image, alt="图解：报销比例由50%提高到60%。"),
            video_block(video, transcript="<p>主持人：各位网友好。</p>"),
            video_block(audio, title="访谈录音"),
            qa_block("新办法何时施行？", "<p>自2024年7月1日起施行。</p>"),
        ),
    )
    html = soup(client.get(page.url))
    body = html.select_one(".govopen-interpretation__body")
    assert body.find("img")["alt"] == "图解：报销比例由50%提高到60%。"
    assert body.find("video")["src"] == video.url
    assert body.find("audio")["src"] == audio.url
    assert "主持人：各位网友好。" in body.select_one("details").get_text()
    question = body.select_one(".govopen-block-qa__question")
    assert "新办法何时施行？" in question.get_text()
    assert "自2024年7月1日起施行。" in body.select_one(".govopen-block-qa").get_text()


def test_embedded_video_renders_with_a_link(client, policy_list, interpretation_list):
    policy = PolicyDocumentPageFactory(parent=policy_list)
    page = InterpretationPageFactory(
        parent=interpretation_list,
        policies=[policy],
        body=stream(video_block(embed="https://v.example.gov.cn/1")),
    )
    fake = Embed(
        url="https://v.example.gov.cn/1",
        html='<iframe title="解读视频" src="https://v.example.gov.cn/e/1"></iframe>',
        type="video",
        width=640,
        height=360,
    )
    with mock.patch("wagtail.embeds.embeds.get_embed", return_value=fake):
        html = soup(client.get(page.url))
    block = html.select_one(".govopen-block-video")
    assert block.find("iframe") is not None
    assert block.find("a") is not None  # the platform link, via the leave-site notice
