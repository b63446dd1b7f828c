"""The demo county's policy documents and interpretations (``govopen_demo``).

Old documents have fixed dates and a history (one amended, one repealed, one
expired by its date); the newest are dated relative to today, so that the
compliance report and the dashboard always show one policy overdue for its
interpretation and one due soon.
"""

import datetime
import json
from io import BytesIO

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from govopen.core import calendar
from govopen.core.demo import org_code
from govopen.core.enums import InterpretationFormat, PolicyDocumentType, Validity

from .models import (
    InterpretationListPage,
    InterpretationPage,
    InterpretedPolicy,
    PolicyDocumentPage,
    PolicyListPage,
)

# Organisation code stems of govopen.core.demo.ORGANIZATIONS.
COUNTY = "11339900MB0000001"
OFFICE = "11339900MB0000002"
EDUCATION = "11339900MB0000004"
HUMAN_RESOURCES = "11339900MB0000006"
NATURAL_RESOURCES = "11339900MB0000007"
HOUSING = "11339900MB0000008"
HEALTH = "11339900MB0000009"

T = PolicyDocumentType
F = InterpretationFormat


def _p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _policies(today):
    """(slug, fields) of the demo policies; ``org``/``drafting`` are code stems."""
    year = today.year
    overdue_on = _working_days_before(today, 10)
    return [
        (
            "yibao-2021",
            {
                "title": "示范县人民政府关于印发示范县城乡居民基本医疗保险实施办法的通知",
                "document_number": "示政规〔2021〕2号",
                "document_type": T.NORMATIVE,
                "org": COUNTY,
                "drafting": HEALTH,
                "written_date": datetime.date(2021, 3, 10),
                "publish_date": datetime.date(2021, 3, 15),
                "effective_date": datetime.date(2021, 4, 1),
                "keywords": "医疗保险 城乡居民",
                "summary": "规定城乡居民基本医疗保险的参保范围、筹资标准和待遇。",
                "body": _p(
                    "第一条　为健全城乡居民基本医疗保险制度，保障参保人员基本医疗需求，"
                    "制定本办法。",
                    "第二条　本县行政区域内不属于职工基本医疗保险覆盖范围的城乡居民，"
                    "均可参加城乡居民基本医疗保险。",
                ),
            },
        ),
        (
            "yibao-2024",
            {
                "title": "示范县人民政府关于印发示范县城乡居民基本医疗保险实施办法的通知",
                "document_number": "示政规〔2024〕3号",
                "document_type": T.NORMATIVE,
                "org": COUNTY,
                "drafting": HEALTH,
                "written_date": datetime.date(2024, 6, 7),
                "publish_date": datetime.date(2024, 6, 14),
                "effective_date": datetime.date(2024, 7, 1),
                "expiry_date": datetime.date(2029, 6, 30),
                "keywords": "医疗保险 城乡居民 门诊",
                "summary": "修订城乡居民医保办法，提高门诊统筹待遇，简化异地就医备案。",
                "body": _p(
                    "第一条　为健全城乡居民基本医疗保险制度，减轻参保人员医疗费用负担，"
                    "根据有关法律法规，结合本县实际，制定本办法。",
                    "第二条　城乡居民在定点基层医疗机构发生的普通门诊费用，"
                    "政策范围内报销比例为60%。",
                    "第三条　本办法自2024年7月1日起施行，有效期5年。"
                    "《示范县城乡居民基本医疗保险实施办法》（示政规〔2021〕2号）同时废止。",
                ),
            },
        ),
        (
            "zhaijidi-2019",
            {
                "title": "示范县人民政府关于印发示范县农村宅基地管理暂行办法的通知",
                "document_number": "示政规〔2019〕1号",
                "document_type": T.NORMATIVE,
                "org": COUNTY,
                "drafting": NATURAL_RESOURCES,
                "written_date": datetime.date(2019, 5, 14),
                "publish_date": datetime.date(2019, 5, 20),
                "effective_date": datetime.date(2019, 6, 1),
                "keywords": "宅基地 农村",
                "summary": "规范农村宅基地申请、审批和使用管理。",
                "body": _p(
                    "第一条　为加强农村宅基地管理，节约集约利用土地，制定本办法。",
                    "第二条　农村村民一户只能拥有一处宅基地。",
                ),
            },
        ),
        (
            "feizhi-2024",
            {
                "title": "示范县人民政府关于废止部分行政规范性文件的决定",
                "document_number": "示政发〔2024〕15号",
                "document_type": T.OTHER,
                "org": COUNTY,
                "drafting": OFFICE,
                "written_date": datetime.date(2024, 12, 16),
                "publish_date": datetime.date(2024, 12, 20),
                "effective_date": datetime.date(2024, 12, 20),
                "keywords": "规范性文件 清理 废止",
                "summary": "经清理，决定废止《示范县农村宅基地管理暂行办法》等行政规范性文件。",
                "body": _p(
                    "根据行政规范性文件清理工作安排，县人民政府对现行有效的行政规范性文件"
                    "进行了全面清理，决定废止以下文件：",
                    "《示范县农村宅基地管理暂行办法》（示政规〔2019〕1号）。",
                    "本决定自公布之日起施行。",
                ),
            },
        ),
        (
            "zizhu-2023",
            {
                "title": "示范县教育局关于印发义务教育阶段家庭经济困难学生资助实施办法的通知",
                "document_number": "示教规〔2023〕1号",
                "document_type": T.NORMATIVE,
                "org": EDUCATION,
                "drafting": EDUCATION,
                "written_date": datetime.date(2023, 2, 6),
                "publish_date": datetime.date(2023, 2, 10),
                "effective_date": datetime.date(2023, 3, 1),
                "expiry_date": datetime.date(2025, 2, 28),
                "keywords": "学生资助 义务教育",
                "summary": "明确义务教育阶段家庭经济困难学生生活补助的对象、标准和程序。",
                "body": _p(
                    "第一条　为做好义务教育阶段家庭经济困难学生资助工作，制定本办法。",
                    "第二条　本办法自2023年3月1日起施行，有效期至2025年2月28日。",
                ),
            },
        ),
        (
            f"jiuye-{year}",
            {
                "title": "示范县人力资源和社会保障局关于促进高校毕业生就业创业的若干措施",
                "document_number": f"示人社规〔{overdue_on.year}〕1号",
                "document_type": T.NORMATIVE,
                "org": HUMAN_RESOURCES,
                "drafting": HUMAN_RESOURCES,
                "written_date": overdue_on - datetime.timedelta(days=3),
                "publish_date": overdue_on,
                "effective_date": overdue_on,
                "keywords": "就业 创业 高校毕业生",
                "summary": "从岗位开发、创业扶持和就业服务三方面支持高校毕业生就业创业。",
                "body": _p(
                    "一、对吸纳本县户籍高校毕业生就业的小微企业，按规定给予社会保险补贴。",
                    "二、高校毕业生在本县首次创业的，可申请创业担保贷款。",
                ),
            },
        ),
        (
            f"tingche-{year}",
            {
                "title": "示范县人民政府关于印发示范县城区机动车停车管理办法的通知",
                "document_number": f"示政规〔{today.year}〕2号",
                "document_type": T.NORMATIVE,
                "org": COUNTY,
                "drafting": HOUSING,
                "written_date": today - datetime.timedelta(days=2),
                "publish_date": today,
                "keywords": "停车 城区",
                "summary": "规范城区公共停车场和道路停车泊位的设置、收费和管理。",
                "body": _p(
                    "第一条　为加强城区机动车停车管理，改善交通秩序，制定本办法。",
                ),
            },
        ),
    ]


def _working_days_before(day, n):
    """The day ``n`` working days before ``day`` (so its deadline has passed)."""
    found = 0
    while found < n:
        day -= datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            found += 1
    return day


def _text(*paragraphs):
    return [{"type": "paragraph", "value": _p(*paragraphs)}]


def _interpretations(image):
    """(slug, policy slugs, fields) of the demo interpretations."""
    return [
        (
            "yibao-2024-wenzi",
            ["yibao-2024"],
            {
                "title": "《示范县城乡居民基本医疗保险实施办法》政策解读",
                "format": F.TEXT,
                "org": HEALTH,
                "publish_date": datetime.date(2024, 6, 14),
                "summary": "起草背景、依据和主要修订内容。",
                "body": [
                    {
                        "type": "paragraph",
                        "value": "<h2>一、起草背景</h2>"
                        + _p(
                            "原办法施行三年来，城乡居民医保制度运行平稳，但门诊保障不足、"
                            "异地就医手续繁琐等问题群众反映较多。为贯彻落实上级部署，"
                            "县卫生健康委起草了新的实施办法。"
                        )
                        + "<h2>二、起草依据</h2>"
                        + _p(
                            "《中华人民共和国社会保险法》；《国务院关于整合城乡居民基本医疗保险制度的意见》。"
                        )
                        + "<h2>三、主要内容</h2>"
                        + _p(
                            "（一）提高门诊待遇。普通门诊费用政策范围内报销比例由50%提高到60%。",
                            "（二）简化异地就医备案。参保人员可通过网上办理备案，即时生效。",
                        ),
                    }
                ],
            },
        ),
        (
            "yibao-2024-tujie",
            ["yibao-2024"],
            {
                "title": "图解：城乡居民医保新办法有哪些变化",
                "format": F.GRAPHIC,
                "org": HEALTH,
                "publish_date": datetime.date(2024, 6, 17),
                "summary": "一图读懂新办法的三项主要变化。",
                "body": [
                    {
                        "type": "image",
                        "value": {
                            "image": image.pk,
                            "alt": "图解：城乡居民医保新办法的三项变化。一、普通门诊报销比例由50%提高到60%；"
                            "二、异地就医网上备案，即时生效；三、办法自2024年7月1日起施行，有效期5年。",
                            "caption": "城乡居民医保新办法三项变化",
                        },
                    },
                    *_text("以上为图解内容，详细规定以文件原文为准。"),
                ],
            },
        ),
        (
            "yibao-2024-wenda",
            ["yibao-2024"],
            {
                "title": "城乡居民医保新办法十问十答（节选）",
                "format": F.QA,
                "org": HEALTH,
                "publish_date": datetime.date(2024, 6, 18),
                "summary": "群众关心的参保、缴费和报销问题。",
                "body": [
                    {
                        "type": "qa",
                        "value": {
                            "question": "哪些人可以参加城乡居民医保？",
                            "answer": _p(
                                "本县行政区域内不属于职工基本医疗保险覆盖范围的城乡居民均可参加。"
                            ),
                        },
                    },
                    {
                        "type": "qa",
                        "value": {
                            "question": "新办法什么时候开始执行？",
                            "answer": _p("自2024年7月1日起施行。"),
                        },
                    },
                ],
            },
        ),
        (
            "yibao-2024-zhuanjia",
            ["yibao-2024"],
            {
                "title": "专家解读：新办法让门诊保障更有力度",
                "format": F.EXPERT,
                "org": HEALTH,
                "expert_name": "李文华",
                "expert_title": "示范县医疗保障研究会会长",
                "publish_date": datetime.date(2024, 6, 19),
                "summary": "专家谈门诊统筹待遇提高的意义。",
                "body": _text(
                    "提高普通门诊报销比例，是把医保资金用在群众最常见、最需要的地方。"
                    "新办法实施后，参保群众在家门口看小病的负担将明显减轻。"
                ),
            },
        ),
        (
            "zhaijidi-2019-wenzi",
            ["zhaijidi-2019"],
            {
                "title": "《示范县农村宅基地管理暂行办法》政策解读",
                "format": F.TEXT,
                "org": NATURAL_RESOURCES,
                "publish_date": datetime.date(2019, 5, 21),
                "summary": "一户一宅、申请条件和审批程序。",
                "body": _text(
                    "办法明确农村村民一户只能拥有一处宅基地，面积不得超过规定标准。"
                ),
            },
        ),
        (
            "zizhu-2023-wenzi",
            ["zizhu-2023"],
            {
                "title": "《义务教育阶段家庭经济困难学生资助实施办法》政策解读",
                "format": F.TEXT,
                "org": EDUCATION,
                "publish_date": datetime.date(2023, 2, 10),
                "summary": "资助对象、标准和申请程序。",
                "body": _text(
                    "办法将义务教育阶段家庭经济困难学生纳入生活补助范围，由学校每学期组织认定。"
                ),
            },
        ),
    ]


def _demo_image():
    """The 图解 of the demo: a drawn chart (no text: the alt text carries it)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    Image = get_image_model()
    title = "城乡居民医保新办法图解"
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    picture = PILImage.new("RGB", (960, 540), "#f4f7fb")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, 960, 80), fill="#b4261c")
    for index, (height, colour) in enumerate(
        ((200, "#9aa9bd"), (240, "#1f5fa8"), (320, "#2e7d32"))
    ):
        left = 120 + index * 260
        draw.rectangle((left, 480 - height, left + 160, 480), fill=colour)
    draw.line((80, 480, 880, 480), fill="#333333", width=4)
    output = BytesIO()
    picture.save(output, format="PNG")
    image = Image(title=title)
    image.file = ImageFile(output, name="yibao-tujie.png")
    image.save()
    return image


def _list_page(builder, model, slug, **fields):
    return builder.child(builder.govopen_index, model, slug, **fields)


def build_demo_content(builder):
    """The ``govopen_demo_content`` hook: list pages, policies, interpretations."""
    from govopen.directory.models import DisclosureDirectoryPage

    today = calendar.today()
    policy_list = _list_page(
        builder,
        PolicyListPage,
        "zcwj",
        title="政策文件",
        search_description="示范县人民政府及其部门制发的规章、行政规范性文件和其他政策文件",
        intro=_p(
            "本栏目发布示范县人民政府及其部门制发的政策文件，标注文件的有效性，"
            "并链接对应的政策解读。已修订、废止或失效的文件保留原文并作标注。"
        ),
    )
    interpretation_list = _list_page(
        builder,
        InterpretationListPage,
        "zcjd",
        title="政策解读",
        search_description="示范县政策文件的文字解读、图解、专家解读和问答",
        intro=_p(
            "按照“谁起草、谁解读”的原则，起草部门在政策文件公布时同步发布解读材料。"
        ),
    )
    # Policies belong in the directory when the site has one: they are then
    # listed there too, with all their metadata.
    directory = (
        DisclosureDirectoryPage.objects.child_of(builder.govopen_index)
        .filter(locale=builder.locale)
        .order_by("path")
        .first()
    )
    parent = directory.specific if directory is not None else policy_list

    policies = {}
    for slug, fields in _policies(today):
        fields = dict(fields)
        organization = builder.organizations[org_code(fields.pop("org"))]
        drafting = builder.organizations[org_code(fields.pop("drafting"))]
        existing = PolicyDocumentPage.objects.filter(
            slug=slug, locale=builder.locale
        ).first()
        if existing is not None:
            builder.existing += 1
            policies[slug] = existing
            continue
        policies[slug] = builder.child(
            parent,
            PolicyDocumentPage,
            slug,
            organization=organization,
            drafting_organization=drafting,
            **fields,
        )

    old, new = policies["yibao-2021"], policies["yibao-2024"]
    if old.validity == Validity.VALID:
        old.amend(new, on=new.effective_date)
    repealed, decision = policies["zhaijidi-2019"], policies["feizhi-2024"]
    if repealed.validity == Validity.VALID:
        repealed.repeal(on=decision.effective_date, repealing_document=decision)

    image = _demo_image()
    for slug, policy_slugs, fields in _interpretations(image):
        fields = dict(fields)
        organization = builder.organizations[org_code(fields.pop("org"))]
        body = json.dumps(fields.pop("body"), ensure_ascii=False)
        builder.child(
            interpretation_list,
            InterpretationPage,
            slug,
            organization=organization,
            body=body,
            policy_links=[
                InterpretedPolicy(policy=policies[name]) for name in policy_slugs
            ],
            **fields,
        )
