"""Factories and fixtures of govopen.policies."""

import datetime
import json

import factory
import pytest
import wagtail_factories
from wagtail.models import Collection

from govopen.core.enums import (
    DisclosureAttribute,
    InterpretationFormat,
    PolicyDocumentType,
    Validity,
)
from govopen.policies.models import (
    InterpretationListPage,
    InterpretationPage,
    InterpretedPolicy,
    PolicyDocumentPage,
    PolicyListPage,
)

from .factories import GovOpenIndexPageFactory, OrganizationFactory


def make_image(**kwargs):
    kwargs.setdefault("title", "政策图解")
    return wagtail_factories.ImageFactory(
        collection=Collection.get_first_root_node(), **kwargs
    )


def make_document(filename="jiedu.mp4", **kwargs):
    kwargs.setdefault("title", "解读视频")
    return wagtail_factories.DocumentFactory(
        collection=Collection.get_first_root_node(),
        file__filename=filename,
        file__data=b"\x00\x00\x00\x18ftypmp42",
        **kwargs,
    )


def stream(*blocks):
    """A StreamField value as its stored JSON."""
    return json.dumps(list(blocks), ensure_ascii=False)


def text_block(html="<p>一、起草背景。</p>"):
    return {"type": "paragraph", "value": html}


def image_block(image, alt="图解：三项主要变化。", caption=""):
    return {
        "type": "image",
        "value": {"image": image.pk, "alt": alt, "caption": caption},
    }


def video_block(document=None, embed="", title="解读视频", transcript=""):
    return {
        "type": "video",
        "value": {
            "title": title,
            "file": document.pk if document else None,
            "embed": embed,
            "poster": None,
            "transcript": transcript,
        },
    }


def qa_block(question="哪些人可以参保？", answer="<p>城乡居民均可参保。</p>"):
    return {"type": "qa", "value": {"question": question, "answer": answer}}


def default_body(fmt):
    """A body that satisfies what a format needs when published."""
    if fmt == InterpretationFormat.GRAPHIC:
        return stream(image_block(make_image()))
    if fmt in (InterpretationFormat.AUDIO_VIDEO, InterpretationFormat.ANIMATION):
        return stream(video_block(make_document()))
    if fmt == InterpretationFormat.QA:
        return stream(qa_block())
    return stream(text_block())


class PolicyListPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PolicyListPage

    title = "政策文件"
    slug = factory.Sequence(lambda n: f"zcwj-{n}")


class InterpretationListPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InterpretationListPage

    title = "政策解读"
    slug = factory.Sequence(lambda n: f"zcjd-{n}")


class PolicyDocumentPageFactory(wagtail_factories.PageFactory):
    """A live 行政规范性文件; pass ``live=False`` for a draft."""

    class Meta:
        model = PolicyDocumentPage

    title = factory.Sequence(lambda n: f"示范县第{n}号规范性文件")
    slug = factory.Sequence(lambda n: f"policy-{n}")
    organization = factory.SubFactory(OrganizationFactory)
    document_type = PolicyDocumentType.NORMATIVE
    document_number = factory.Sequence(lambda n: f"示政规〔2024〕{n}号")
    publish_date = datetime.date(2024, 3, 5)
    written_date = factory.LazyAttribute(
        lambda o: (
            o.publish_date - datetime.timedelta(days=4) if o.publish_date else None
        )
    )
    validity = Validity.VALID
    disclosure_attribute = DisclosureAttribute.PROACTIVE
    summary = "示范县有关政策。"
    body = "<p>第一条　为规范管理，制定本办法。</p>"


class InterpretationPageFactory(wagtail_factories.PageFactory):
    """A live 文字解读; give ``policies=[...]`` to link it."""

    class Meta:
        model = InterpretationPage

    title = factory.Sequence(lambda n: f"第{n}号文件政策解读")
    slug = factory.Sequence(lambda n: f"jiedu-{n}")
    format = InterpretationFormat.TEXT
    organization = factory.SubFactory(OrganizationFactory)
    publish_date = datetime.date(2024, 3, 5)
    summary = "起草背景和主要内容。"
    expert_name = factory.LazyAttribute(
        lambda o: "李文华" if o.format == InterpretationFormat.EXPERT else ""
    )
    body = factory.LazyAttribute(lambda o: default_body(o.format))

    @classmethod
    def _create(cls, model_class, *args, policies=(), **kwargs):
        kwargs["policy_links"] = [InterpretedPolicy(policy=p) for p in policies]
        return super()._create(model_class, *args, **kwargs)


@pytest.fixture
def section(db):
    """A live 政府信息公开 page with the two list pages."""
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    index = GovOpenIndexPageFactory(parent=home, slug="zfxxgk")
    return {
        "index": index,
        "policies": PolicyListPageFactory(parent=index, slug="zcwj"),
        "interpretations": InterpretationListPageFactory(parent=index, slug="zcjd"),
    }


@pytest.fixture
def policy_list(section):
    return section["policies"]


@pytest.fixture
def interpretation_list(section):
    return section["interpretations"]
