"""Factories of govopen.qa: Q&A pages, categories and questions."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Locale

from govopen.qa.models import QAPage, Question, QuestionCategory

from .factories import OrganizationFactory


class QAPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = QAPage

    title = "政民互动"
    slug = factory.Sequence(lambda n: f"hdjl-{n}")
    organization = factory.SubFactory(OrganizationFactory)


class QuestionCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionCategory

    name = factory.Sequence(lambda n: f"类别{n}")
    locale = factory.LazyFunction(Locale.get_default)


def ask_data(**overrides):
    data = {
        "name": "张三",
        "phone": "13800138000",
        "email": "zhangsan@example.com",
        "subject": "入学报名时间",
        "question": "请问今年小学一年级新生入学报名什么时候开始？",
        "category": None,
        "organization": None,
        "consent_to_publish": True,
    }
    data.update(overrides)
    return data


def make_question(page, on=None, number=None, **overrides):
    """A submitted question; returns ``(question, query_code)``."""
    return Question.objects.create_question(
        data=ask_data(**overrides), page=page, on=on, number=number
    )


def date(text):
    return datetime.date.fromisoformat(text)
