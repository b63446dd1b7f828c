"""The demo county's negative list (``govopen_demo``), with a few years of history.

Dates are relative to today, so that the demo always has entries reviewed last
year, changes this year, entries overdue for review and one due soon.
"""

import datetime

from govopen.core import calendar
from govopen.core.demo import org_code
from govopen.core.enums import NegativeListStatus, ReplyReason

from .models import NegativeListEntry, NegativeListPage
from .review import add_months

SLUG = "fmqd"

INTRO = (
    "<p>根据《中华人民共和国政府信息公开条例》和上级政务公开工作要求，示范县人民政府"
    "及其部门编制本清单，列明依法不予公开的政府信息类别、具体事项和法律政策依据。"
    "清单每年评估调整一次，因情势变化可以公开的信息及时调整为依申请公开或者主动公开。</p>"
    "<p>对清单有意见建议的，请联系示范县人民政府办公室政务公开科，"
    "电话：0551-66000001。</p>"
)

# Organisation code stems of govopen.core.demo.ORGANIZATIONS.
OFFICE = "11339900MB0000002"
DEVELOPMENT = "11339900MB0000003"
EDUCATION = "11339900MB0000004"
FINANCE = "11339900MB0000005"
HUMAN_RESOURCES = "11339900MB0000006"
NATURAL_RESOURCES = "11339900MB0000007"
HOUSING = "11339900MB0000008"
HEALTH = "11339900MB0000009"
CHENGGUAN = "11339900MB000001A"

S = ReplyReason
ARTICLE_14 = "《中华人民共和国政府信息公开条例》第十四条"
ARTICLE_15 = "《中华人民共和国政府信息公开条例》第十五条"
ARTICLE_16_1 = "《中华人民共和国政府信息公开条例》第十六条第一款"
ARTICLE_16_2 = "《中华人民共和国政府信息公开条例》第十六条第二款"
ARTICLE_36_7 = "《中华人民共和国政府信息公开条例》第三十六条第（七）项"

# (number, category, content, ground, basis, organisation stem, history)
# history: "reviewed" (last year), "reviewed-twice" (last year and this year),
# "new" (listed this year), "due-soon", "overdue" (listed, never reviewed),
# or a status the entry was moved to ("last-year:<status>" / "<status>").
ENTRIES = [
    (
        1,
        "国家秘密",
        "依法确定为国家秘密的文件、资料、会议纪要及其他涉密载体。",
        S.STATE_SECRET,
        f"《中华人民共和国保守国家秘密法》第十三条；{ARTICLE_14}",
        OFFICE,
        "reviewed-twice",
    ),
    (
        2,
        "国家秘密",
        "涉密测绘成果及涉密基础地理信息数据。",
        S.STATE_SECRET,
        f"《中华人民共和国测绘法》第三十四条；《中华人民共和国保守国家秘密法》"
        f"第十三条；{ARTICLE_14}",
        NATURAL_RESOURCES,
        "reviewed",
    ),
    (
        3,
        "法律、行政法规禁止公开的信息",
        "统计调查中获得的能够识别或者推断单个统计调查对象身份的资料。",
        S.PROHIBITED_BY_LAW,
        f"《中华人民共和国统计法》第九条、第三十九条；{ARTICLE_14}",
        DEVELOPMENT,
        "reviewed-twice",
    ),
    (
        4,
        "法律、行政法规禁止公开的信息",
        "传染病患者、病原携带者、疑似传染病病人及密切接触者的个人信息和资料。",
        S.PROHIBITED_BY_LAW,
        f"《中华人民共和国传染病防治法》第十二条；{ARTICLE_14}",
        HEALTH,
        "reviewed",
    ),
    (
        5,
        "危及“三安全一稳定”的信息",
        "供水水源地、燃气门站、地下综合管廊等重要基础设施的详细布局图及安全防护措施。",
        S.SECURITY_STABILITY,
        ARTICLE_14,
        HOUSING,
        "overdue",
    ),
    (
        6,
        "危及“三安全一稳定”的信息",
        "应急物资储备库点位置、储备品种数量及重要目标防护方案。",
        S.SECURITY_STABILITY,
        f"《中华人民共和国突发事件应对法》；{ARTICLE_14}",
        OFFICE,
        "due-soon",
    ),
    (
        7,
        "涉及商业秘密、个人隐私的信息",
        "社会保险参保单位和参保人员的个人权益记录。",
        S.THIRD_PARTY_RIGHTS,
        f"《中华人民共和国社会保险法》第八十一条；{ARTICLE_15}",
        HUMAN_RESOURCES,
        "reviewed",
    ),
    (
        8,
        "涉及商业秘密、个人隐私的信息",
        "政府采购投标文件、响应文件中涉及供应商商业秘密的技术方案和报价构成。",
        S.THIRD_PARTY_RIGHTS,
        f"《中华人民共和国反不正当竞争法》第九条；{ARTICLE_15}",
        FINANCE,
        "reviewed-twice",
    ),
    (
        9,
        "涉及商业秘密、个人隐私的信息",
        "医疗卫生机构在诊疗活动中形成的患者病历资料和个人健康信息。",
        S.THIRD_PARTY_RIGHTS,
        f"《中华人民共和国基本医疗卫生与健康促进法》第九十二条；{ARTICLE_15}",
        HEALTH,
        "new",
    ),
    (
        10,
        "涉及商业秘密、个人隐私的信息",
        "政府采购项目评审专家名单。",
        S.THIRD_PARTY_RIGHTS,
        f"《政府采购评审专家管理办法》第二十九条；{ARTICLE_15}",
        FINANCE,
        NegativeListStatus.PROACTIVE,
    ),
    (
        11,
        "内部事务信息",
        "机关内部人事管理、后勤管理、内部工作流程等内部事务信息。",
        S.INTERNAL_AFFAIRS,
        ARTICLE_16_1,
        OFFICE,
        "reviewed-twice",
    ),
    (
        12,
        "内部事务信息",
        "城乡居民最低生活保障审核过程中形成的入户调查记录。",
        S.INTERNAL_AFFAIRS,
        ARTICLE_16_1,
        CHENGGUAN,
        "last-year:" + NegativeListStatus.ON_REQUEST,
    ),
    (
        13,
        "过程性信息",
        "县政府常务会议、专题会议的讨论记录及文件起草过程中的讨论稿、征求意见稿和"
        "内部请示报告。",
        S.PROCESS_INFORMATION,
        ARTICLE_16_2,
        OFFICE,
        "reviewed",
    ),
    (
        14,
        "过程性信息",
        "国土空间规划编制过程中的阶段性成果、专家论证意见和部门意见汇总。",
        S.PROCESS_INFORMATION,
        ARTICLE_16_2,
        NATURAL_RESOURCES,
        NegativeListStatus.ON_REQUEST,
    ),
    (
        15,
        "行政执法案卷",
        "行政处罚、行政强制案件调查过程中形成的询问笔录、检查记录和证据材料。",
        S.ENFORCEMENT_FILES,
        f"《中华人民共和国行政处罚法》第五十条；{ARTICLE_16_2}",
        HOUSING,
        "reviewed-twice",
    ),
    (
        16,
        "行政查询事项",
        "不动产登记簿及不动产登记原始资料。",
        S.ADMINISTRATIVE_ENQUIRY,
        f"《不动产登记暂行条例》第二十七条；{ARTICLE_36_7}",
        NATURAL_RESOURCES,
        "reviewed",
    ),
    (
        17,
        "行政查询事项",
        "中小学生学籍档案信息。",
        S.ADMINISTRATIVE_ENQUIRY,
        f"《中小学生学籍管理办法》；{ARTICLE_36_7}",
        EDUCATION,
        NegativeListStatus.REMOVED,
    ),
]

REVIEW_REASON = (
    "年度评估：法律政策依据未发生变化，该类信息仍属于不予公开范围，继续列入清单。"
)
CHANGE_REASONS = {
    10: "根据《中华人民共和国政府采购法实施条例》第四十三条，中标、成交结果公告应当"
    "包括评审专家名单，调整为随中标、成交结果主动公开。",
    12: "入户调查记录涉及申请人家庭隐私，但申请人本人申请获取的，可以依法提供，"
    "调整为依申请公开。",
    14: "国土空间规划已批准公布，编制过程中形成的阶段性成果不再属于过程性信息，"
    "调整为依申请公开。",
    17: "学籍信息查询已纳入全国中小学生学籍信息管理系统办理，不属于政府信息公开事项，"
    "移出清单。",
}


def _dates(today):
    """The demo's key dates, none after today."""
    listed = datetime.date(today.year - 2, 3, 20)
    last_year = datetime.date(today.year - 1, 3, 25)
    this_year = min(datetime.date(today.year, 3, 28), today)
    return listed, last_year, this_year


def build_demo_content(builder):
    """Add the negative list under the demo's 政府信息公开 page (once)."""
    index = builder.govopen_index
    if index.get_children().filter(slug=SLUG).exists():
        builder.existing += 1
        return
    today = calendar.today()
    listed, last_year, this_year = _dates(today)
    entries = []
    for number, category, content, ground, basis, stem, history in ENTRIES:
        if history == "new":
            listed_on = min(datetime.date(today.year, 2, 1), today)
        elif history == "due-soon":
            listed_on = add_months(today, -12) + datetime.timedelta(days=20)
        else:
            listed_on = listed
        entries.append(
            NegativeListEntry(
                number=number,
                category=category,
                content=content,
                ground=ground,
                legal_basis=basis,
                organization=builder.organizations[org_code(stem)],
                listed_on=listed_on,
            )
        )
    page = builder.child(
        index,
        NegativeListPage,
        SLUG,
        title="政务公开负面清单",
        intro=INTRO,
        search_description="示范县政务公开负面清单：不予公开的政府信息及其法律政策依据",
        column_keywords="负面清单,不予公开,政务公开",
        entries=entries,
    )
    for entry, (number, *_, history) in zip(
        page.entries.order_by("number"), ENTRIES, strict=True
    ):
        _play_history(entry, number, history, last_year, this_year)


def _play_history(entry, number, history, last_year, this_year):
    moved_this_year = history in NegativeListStatus.values
    if history in ("reviewed", "reviewed-twice") or moved_this_year:
        entry.mark_reviewed(None, REVIEW_REASON, last_year)
    if history == "reviewed-twice":
        entry.mark_reviewed(None, REVIEW_REASON, this_year)
    if history.startswith("last-year:"):
        entry.adjust(None, history.split(":", 1)[1], CHANGE_REASONS[number], last_year)
    elif moved_this_year:
        entry.adjust(None, history, CHANGE_REASONS[number], this_year)
