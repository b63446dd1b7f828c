"""The demo county's annual report for last year (``govopen_demo``).

It is built from the demo data the other apps create (applications, policies)
plus figures entered for what govopen does not hold, and published, so its
tables are frozen as a real report's would be.
"""

import datetime

from django.utils import timezone

from govopen.core.calendar import get_calendar
from govopen.core.demo import org_code
from govopen.core.enums import ApplicantType, ApplicationChannel, ReplyReason
from govopen.core.enums import ReplyType as R

from .models import AnnualReportFigures, AnnualReportPage

COUNTY = "11339900MB0000001"
OFFICE = "11339900MB0000002"
EDUCATION = "11339900MB0000004"
NATURAL_RESOURCES = "11339900MB0000007"
HOUSING = "11339900MB0000008"

# Last year's applications: (organisation stem, applicant (n, name, type or None
# for a citizen), description, (month, day) received, working days to the reply
# (None: not replied), reply type, reason). The dates are moved to the next
# working day; the last ones are carried into this year.
HISTORY = [
    (
        COUNTY,
        (21, "赵敏", None),
        "2024年度县本级部门预算公开情况",
        (2, 10),
        8,
        R.DISCLOSED,
        "",
    ),
    (
        COUNTY,
        (22, "钱进", None),
        "县城区集中供热价格调整听证材料",
        (3, 3),
        12,
        R.DISCLOSED,
        "",
    ),
    (
        COUNTY,
        (23, "示范县宏达建材有限公司", ApplicantType.COMMERCIAL_ENTERPRISE),
        "县城东片区控制性详细规划批复",
        (3, 17),
        15,
        R.PARTIALLY_DISCLOSED,
        "",
    ),
    (
        OFFICE,
        (24, "孙丽", None),
        "县政府常务会议讨论征地事项的会议纪要",
        (4, 8),
        18,
        R.NOT_DISCLOSED,
        ReplyReason.PROCESS_INFORMATION,
    ),
    (
        HOUSING,
        (25, "周强", None),
        "某小区业主个人房屋登记信息",
        (5, 12),
        10,
        R.NOT_DISCLOSED,
        ReplyReason.THIRD_PARTY_RIGHTS,
    ),
    (
        NATURAL_RESOURCES,
        (26, "示范县律师事务所", ApplicantType.LEGAL_SERVICE),
        "1998年青山乡集体土地征收批文",
        (6, 2),
        20,
        R.UNABLE_TO_PROVIDE,
        ReplyReason.NOT_HELD,
    ),
    (
        EDUCATION,
        (27, "吴芳", None),
        "请求对县教育局工作人员作风问题进行调查处理",
        (7, 7),
        6,
        R.NOT_PROCESSED,
        ReplyReason.PETITION,
    ),
    (
        EDUCATION,
        (28, "示范县教育发展研究中心", ApplicantType.RESEARCH_INSTITUTION),
        "全县义务教育阶段学校布局调整统计分析",
        (8, 18),
        20,
        R.UNABLE_TO_PROVIDE,
        ReplyReason.NEEDS_CREATION,
    ),
    (
        COUNTY,
        (29, "示范县助老公益协会", ApplicantType.SOCIAL_WELFARE),
        "县级养老服务补贴资金使用情况",
        (9, 15),
        14,
        R.DISCLOSED,
        "",
    ),
    (
        HOUSING,
        (30, "郑浩", None),
        "保障性租赁住房配租结果公示",
        (10, 20),
        9,
        R.DISCLOSED,
        "",
    ),
    (
        COUNTY,
        (31, "王磊", None),
        "县政府2025年重点民生实事项目进展情况",
        (12, 22),
        16,
        R.DISCLOSED,
        "",
    ),
    (
        OFFICE,
        (32, "示范县宏达建材有限公司", ApplicantType.COMMERCIAL_ENTERPRISE),
        "县政府采购中心2025年第四季度采购意向",
        (12, 29),
        None,
        "",
        "",
    ),
]

OVERVIEW = (
    "<p>{year}年，示范县人民政府深入贯彻落实《中华人民共和国政府信息公开条例》，"
    "坚持以公开为常态、不公开为例外，围绕群众关切加大主动公开力度，规范依申请公开办理，"
    "政府信息公开工作质量和实效进一步提升。</p>"
    "<p>（一）主动公开。全年通过政府网站政府信息公开专栏主动公开各类政府信息，"
    "及时发布规范性文件并同步开展政策解读。</p>"
    "<p>（二）依申请公开。严格执行登记、受理、办理、答复、归档流程，在法定期限内答复申请。</p>"
    "<p>（三）政府信息管理。动态更新政务公开负面清单，开展规范性文件清理。</p>"
    "<p>（四）平台建设。优化政府网站政府信息公开专栏，完善适老化和无障碍功能。</p>"
    "<p>（五）监督保障。将政务公开纳入年度绩效考核，开展业务培训。</p>"
)
PROBLEMS = (
    "<p>一是部分单位主动公开内容更新不够及时；二是政策解读形式还不够丰富。"
    "下一步，将加强督促检查，推动政策解读多样化，进一步提升公开质量。</p>"
)
OTHER_MATTERS = (
    "<p>本年度未收取政府信息公开信息处理费。本机关落实上级年度政务公开工作要点情况，"
    "已在政府网站专栏公开。</p>"
)


def _working_day(day):
    calendar = get_calendar()
    while not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def build_history(builder, year):
    """Last year's applications, handled through their records as staff would."""
    from govopen.applications.demo import _citizen, _company
    from govopen.applications.models import DisclosureApplication

    today = timezone.localdate()
    for stem, applicant, description, (month, day), days, reply, reason in HISTORY:
        organization = builder.organizations[org_code(stem)]
        if DisclosureApplication.objects.filter(
            organization=organization, description=description
        ).exists():
            builder.count(False)
            continue
        n, name, applicant_type = applicant
        if applicant_type is None:
            data = _citizen(n, name, description)
        else:
            data = _company(n, name, description, applicant_type=applicant_type)
        received = _working_day(datetime.date(year, month, day))
        application, _code = DisclosureApplication.objects.create_application(
            organization=organization,
            data=data,
            channel=ApplicationChannel.POST,
            received_on=received,
            language="zh-hans",
        )
        if days is not None:
            replied = get_calendar().add_working_days(received, days)
            if replied <= today:
                application.send_reply(None, reply, reason=reason, on=replied)
        builder.count(True)


def build_demo_content(builder):
    year = timezone.localdate().year - 1
    county = builder.organizations[org_code(COUNTY)]
    build_history(builder, year)
    _figures, created = AnnualReportFigures.objects.get_or_create(
        organization=county,
        year=year,
        defaults={
            "licensing_decisions": 1286,
            "penalty_decisions": 214,
            "enforcement_decisions": 9,
            "fee_amount": "356.2800",
            "reconsideration_upheld": 2,
            "reconsideration_corrected": 1,
            "reconsideration_pending": 1,
            "litigation_direct_upheld": 1,
        },
    )
    builder.count(created)
    builder.annual_report = builder.child(
        builder.govopen_index,
        AnnualReportPage,
        f"ndbg-{year}",
        title=f"示范县人民政府{year}年政府信息公开工作年度报告",
        organization=county,
        year=year,
        include_suborganizations=True,
        overview=OVERVIEW.format(year=year),
        problems=PROBLEMS,
        other_matters=OTHER_MATTERS,
        search_description=f"示范县人民政府{year}年政府信息公开工作年度报告",
    )
