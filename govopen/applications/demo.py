"""Demo content of govopen.applications, added through ``govopen_demo_content``.

Idempotent like the rest of the demo: pages are looked up by slug, reply
templates by title, applications by their description. Applications are
placed relative to today so that the queue always shows every state: new,
running, due soon, overdue, stopped for a supplement, paused for a
consultation or a fee, extended, and replied with each reply type.
"""

import datetime

from django.utils import timezone

from govopen.core.calendar import get_calendar
from govopen.core.demo import org_code
from govopen.core.enums import (
    ApplicantKind,
    ApplicantType,
    ApplicationChannel,
    DeliveryMethod,
    IdentityDocumentType,
    ProvisionForm,
    ReplyReason,
    ReplyType,
)
from govopen.core.validators import resident_id_check_digit, uscc_check_character

from .models import ApplicationFormPage, DisclosureApplication, ReplyTemplate

INTRO = (
    "<p>公民、法人或者其他组织可以通过本页面向本机关申请获取政府信息。"
    "请如实填写申请人信息和所需政府信息的内容描述；提交后请保存申请编号和查询码，"
    "用于查询办理进度和答复结果。</p>"
)

COUNTY, EDUCATION, FINANCE = (
    "11339900MB0000001",
    "11339900MB0000004",
    "11339900MB0000005",
)

# (organisation code stem, slug, title, number prefix)
FORM_PAGES = [
    (COUNTY, "apply", "政府信息公开申请", "SFX"),
    (EDUCATION, "apply-education", "县教育局政府信息公开申请", "SFJY"),
    (FINANCE, "apply-finance", "县财政局政府信息公开申请", "SFCZ"),
]

TEMPLATES = [
    (
        "予以公开答复书",
        ReplyType.DISCLOSED,
        "",
        "{applicant}：\n\n"
        "本机关于{received_on}收到您提出的政府信息公开申请（申请编号：{number}），"
        "申请获取“{information}”。\n\n"
        "经审查，您申请获取的政府信息属于公开范围，根据《中华人民共和国政府信息公开条例》"
        "第三十六条第（二）项的规定，现予以公开。{summary}\n\n"
        "{remedies}\n\n{organization}\n{reply_date}",
    ),
    (
        "不予公开答复书",
        ReplyType.NOT_DISCLOSED,
        "",
        "{applicant}：\n\n"
        "本机关于{received_on}收到您提出的政府信息公开申请（申请编号：{number}），"
        "申请获取“{information}”。\n\n"
        "经审查，您申请获取的政府信息{reason}，依据{ground}，决定不予公开。{summary}\n\n"
        "{negative_list_entry}\n\n{remedies}\n\n{organization}\n{reply_date}",
    ),
]


def _resident_id(n):
    first17 = f"3399001985{(n % 12) + 1:02d}{(n % 28) + 1:02d}{n % 1000:03d}"
    return first17 + resident_id_check_digit(first17)


def _uscc(n):
    stem = f"91339900MA{n:07d}"
    return stem + uscc_check_character(stem)


def working_days_ago(n, today=None):
    """The day ``n`` working days before ``today`` (``today`` for 0)."""
    calendar = get_calendar()
    day = today or timezone.localdate()
    while n > 0:
        day -= datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def _citizen(n, name, description, **extra):
    return {
        "applicant_kind": ApplicantKind.CITIZEN,
        "name": name,
        "id_type": IdentityDocumentType.RESIDENT_ID,
        "id_number": _resident_id(n),
        "phone": f"1390000{n:04d}",
        "email": f"applicant{n}@example.com",
        "address": f"示范县城关镇幸福路{n}号",
        "postcode": "230000",
        "description": description,
        "provision_form": ProvisionForm.PAPER,
        "delivery_method": DeliveryMethod.POST,
        "privacy_accepted": True,
        **extra,
    }


def _company(n, name, description, **extra):
    return {
        "applicant_kind": ApplicantKind.ORGANIZATION,
        "organization_name": name,
        "uscc": _uscc(n),
        "applicant_type": ApplicantType.COMMERCIAL_ENTERPRISE,
        "legal_representative": "王建国",
        "contact_person": "李明",
        "phone": "0551-66881234",
        "email": f"company{n}@example.com",
        "address": "示范县经济开发区创业大道8号",
        "postcode": "230000",
        "description": description,
        "provision_form": ProvisionForm.EMAIL,
        "delivery_method": DeliveryMethod.EMAIL,
        "privacy_accepted": True,
        **extra,
    }


def _scenarios():
    """(org stem, channel, data, applied n working days ago, steps)."""
    return [
        (
            COUNTY,
            "online",
            _citizen(1, "张伟", "2025年本县城乡居民最低生活保障资金发放情况"),
            0,
            [],
        ),
        (
            COUNTY,
            "online",
            _citizen(2, "王芳", "示范县2025年度财政预算执行情况报告全文"),
            4,
            [("confirm_receipt", 3, {})],
        ),
        (
            COUNTY,
            "online",
            _citizen(3, "李娜", "城关镇老旧小区改造项目的立项批复文件"),
            18,
            [("confirm_receipt", 17, {})],
        ),
        (
            COUNTY,
            "online",
            _citizen(4, "刘洋", "县城区道路拓宽工程的征收补偿安置方案"),
            26,
            [("confirm_receipt", 24, {})],
        ),
        (
            EDUCATION,
            "online",
            _citizen(5, "陈静", "2025年县城学校学区划分的依据"),
            7,
            [
                ("confirm_receipt", 6, {}),
                (
                    "request_supplement",
                    4,
                    {"items": "请写明所需信息涉及的学校名称和学年。"},
                ),
            ],
        ),
        (
            EDUCATION,
            "online",
            _citizen(6, "杨磊", "县第一中学新校区建设项目招标文件"),
            21,
            [
                ("confirm_receipt", 20, {}),
                ("request_supplement", 18, {"items": "请明确所需招标文件的标段。"}),
                ("record_supplement", 5, {}),
            ],
        ),
        (
            FINANCE,
            "online",
            _company(7, "示范县宏达建筑有限公司", "2025年县政府采购项目中标结果及合同"),
            11,
            [
                ("confirm_receipt", 10, {}),
                (
                    "start_consultation",
                    3,
                    {"party_kind": "third_party", "party": "示范县建工集团"},
                ),
            ],
        ),
        (
            COUNTY,
            "post",
            _citizen(8, "黄敏", "县自然资源和规划局2024年土地出让收支情况"),
            20,
            [
                ("confirm_receipt", 19, {}),
                (
                    "extend",
                    1,
                    {
                        "days": 20,
                        "reason": "所需信息涉及多个部门，需要调取和汇总档案。",
                    },
                ),
            ],
        ),
        (
            FINANCE,
            "online",
            _company(9, "示范县信息技术有限公司", "2021年至2025年县级部门预算公开文本"),
            9,
            [
                ("confirm_receipt", 8, {}),
                ("issue_fee_notice", 2, {"method": "per_page", "pages": 150}),
            ],
        ),
        (
            COUNTY,
            "online",
            _citizen(10, "赵强", "2025年县政府常务会议纪要目录"),
            30,
            [
                ("confirm_receipt", 29, {}),
                (
                    "send_reply",
                    20,
                    {
                        "reply_type": ReplyType.DISCLOSED,
                        "summary": "现将有关信息随本答复书提供给您。",
                    },
                ),
                ("archive", 15, {}),
            ],
        ),
        (
            COUNTY,
            "online",
            _citizen(11, "周杰", "县人民武装部征兵工作内部文件"),
            28,
            [
                ("confirm_receipt", 27, {}),
                (
                    "send_reply",
                    18,
                    {
                        "reply_type": ReplyType.NOT_DISCLOSED,
                        "reason": ReplyReason.STATE_SECRET,
                        "legal_ground": "《中华人民共和国政府信息公开条例》第十四条",
                    },
                ),
            ],
        ),
        (
            EDUCATION,
            "online",
            _citizen(12, "吴婷", "2025年教师招聘考试成绩及录用名单"),
            25,
            [
                ("confirm_receipt", 24, {}),
                (
                    "send_reply",
                    12,
                    {
                        "reply_type": ReplyType.PARTIALLY_DISCLOSED,
                        "summary": "涉及个人隐私的身份证号码和联系方式已作区分处理。",
                    },
                ),
            ],
        ),
        (
            FINANCE,
            "online",
            _citizen(13, "郑浩", "1998年县粮食局改制的资产评估报告"),
            24,
            [
                ("confirm_receipt", 23, {}),
                (
                    "send_reply",
                    10,
                    {
                        "reply_type": ReplyType.UNABLE_TO_PROVIDE,
                        "reason": ReplyReason.NOT_HELD,
                    },
                ),
            ],
        ),
        (
            COUNTY,
            "online",
            _citizen(
                14, "孙丽", "2025年本县城乡居民最低生活保障资金发放情况（再次申请）"
            ),
            22,
            [
                ("confirm_receipt", 21, {}),
                (
                    "send_reply",
                    14,
                    {
                        "reply_type": ReplyType.NOT_PROCESSED,
                        "reason": ReplyReason.REPEATED,
                    },
                ),
            ],
        ),
        (
            EDUCATION,
            "online",
            _citizen(15, "马超", "县里的有关文件"),
            40,
            [
                ("confirm_receipt", 39, {}),
                (
                    "request_supplement",
                    37,
                    {"items": "请说明所需文件的名称、文号或者其他特征。", "due_in": 10},
                ),
                ("record_supplement_lapsed", 20, {}),
            ],
        ),
        (
            FINANCE,
            "online",
            _company(16, "示范县数据服务有限公司", "2015年至2025年县财政局全部发文"),
            45,
            [
                ("confirm_receipt", 44, {}),
                ("issue_fee_notice", 42, {"method": "per_page", "pages": 480}),
                ("record_fee_lapsed", 15, {}),
            ],
        ),
        (
            EDUCATION,
            "in_person",
            _citizen(17, "朱琳", "县教育局2025年度部门决算"),
            1,
            [("confirm_receipt", 1, {})],
        ),
    ]


def build_demo(builder):
    pages = {}
    for stem, slug, title, prefix in FORM_PAGES:
        organization = builder.organizations[org_code(stem)]
        pages[slug] = builder.child(
            builder.govopen_index,
            ApplicationFormPage,
            slug,
            title=title,
            organization=organization,
            intro=INTRO,
            number_prefix=prefix,
            search_description=f"向{organization.name}申请公开政府信息",
        )
    builder.application_form_pages = pages
    build_reply_templates(builder)
    build_applications(builder, pages)
    return pages


def build_reply_templates(builder):
    for title, reply_type, reason, body in TEMPLATES:
        _, created = ReplyTemplate.objects.get_or_create(
            title=title,
            locale=builder.locale,
            defaults={"reply_type": reply_type, "reason": reason, "body": body},
        )
        builder.count(created)


def build_applications(builder, pages):
    pages_by_org = {page.organization_id: page for page in pages.values()}
    for stem, channel, data, applied_ago, steps in _scenarios():
        organization = builder.organizations[org_code(stem)]
        if DisclosureApplication.objects.filter(
            organization=organization, description=data["description"]
        ).exists():
            builder.count(False)
            continue
        applied_on = working_days_ago(applied_ago)
        application, _code = DisclosureApplication.objects.create_application(
            organization=organization,
            form_page=pages_by_org.get(organization.pk)
            if channel == "online"
            else None,
            data=data,
            channel=ApplicationChannel(channel),
            language="zh-hans",
        )
        DisclosureApplication.objects.filter(pk=application.pk).update(
            applied_on=applied_on
        )
        application.applied_on = applied_on
        for action, days_ago, options in steps:
            _run_step(application, action, working_days_ago(days_ago), dict(options))
        builder.count(True)


def _run_step(application, action, on, options):
    user = None
    if action == "request_supplement":
        due_in = options.pop("due_in", None)
        due = get_calendar().add_working_days(on, due_in) if due_in else None
        application.request_supplement(user, options["items"], on=on, due=due)
    elif action == "send_reply":
        from govopen.negative_list.models import NegativeListEntry

        entry = None
        if options["reply_type"] == ReplyType.NOT_DISCLOSED:
            entry = NegativeListEntry.objects.filter(
                organization__translation_key=application.organization.translation_key
            ).first()
        application.send_reply(user, on=on, negative_list_entry=entry, **options)
    elif action == "start_consultation":
        application.start_consultation(user, on=on, **options)
    elif action == "extend":
        application.extend(user, on=on, **options)
    elif action == "issue_fee_notice":
        application.issue_fee_notice(user, on=on, **options)
    else:
        getattr(application, action)(user, on=on, **options)
