"""The demo county's mailbox (``govopen_demo``): questions in every state and a
dozen published ones. Dates are relative to today; numbers are fixed (SFZX-…)
so that their pages have stable addresses. Idempotent.
"""

import datetime

from django.utils import timezone

from govopen.core.calendar import get_calendar
from govopen.core.demo import org_code
from govopen.core.enums import SatisfactionRating

from .models import QAPage, Question, QuestionCategory

SLUG = "hdjl"
OFFICE = "11339900MB0000002"
EDUCATION = "11339900MB0000004"
FINANCE = "11339900MB0000005"
HUMAN_RESOURCES = "11339900MB0000006"
NATURAL_RESOURCES = "11339900MB0000007"
HOUSING = "11339900MB0000008"
HEALTH = "11339900MB0000009"

CATEGORIES = ["教育", "社会保障", "住房", "医疗卫生", "自然资源", "其他"]

INTRO = (
    "<p>示范县人民政府政民互动平台受理群众对政府工作的咨询。来信一般在受理后5个工作日内答复；"
    "经您同意，答复将隐去姓名和联系方式后公开。</p>"
)
ASK_INTRO = (
    "<p>请如实填写姓名和联系电话，以便工作人员联系您。涉及个人隐私的内容请勿写入问题正文；"
    "信访、投诉举报请通过相应渠道提出。</p>"
)

S = SatisfactionRating
# (number, category, asked of, subject, question, reply, rating, working days ago)
PUBLISHED = [
    (
        "SFZX-0001",
        "教育",
        EDUCATION,
        "义务教育阶段入学报名时间",
        "请问今年小学一年级新生入学报名什么时候开始？需要准备哪些材料？",
        "今年小学一年级新生入学报名定于7月上旬进行，需携带户口簿、房产证明或居住证等材料，"
        "具体安排请关注县教育局网站发布的招生公告。",
        S.SATISFIED,
        40,
    ),
    (
        "SFZX-0002",
        "社会保障",
        HUMAN_RESOURCES,
        "灵活就业人员参保缴费",
        "我是灵活就业人员，想咨询一下如何参加职工养老保险，每年缴费基数是多少？我的电话13812345678。",
        "灵活就业人员可持身份证到县政务服务中心人社窗口办理参保登记，缴费基数可在全省上年度"
        "全口径城镇单位就业人员平均工资的60%至300%之间自行选择。",
        S.FAIRLY_SATISFIED,
        38,
    ),
    (
        "SFZX-0003",
        "住房",
        HOUSING,
        "公租房申请条件",
        "请问本县公共租赁住房的申请条件是什么？外地户籍可以申请吗？",
        "在本县稳定就业的外来务工人员符合收入和住房条件的，可以申请公共租赁住房，"
        "具体条件详见《示范县公共租赁住房管理办法》。",
        S.SATISFIED,
        35,
    ),
    (
        "SFZX-0004",
        "医疗卫生",
        HEALTH,
        "异地就医备案办理",
        "父母长期在外地居住，医保异地就医备案在哪里办理？",
        "可通过国家医保服务平台APP或县医保服务大厅办理异地长期居住人员备案，备案后即可直接结算。",
        S.SATISFIED,
        33,
    ),
    (
        "SFZX-0005",
        "自然资源",
        NATURAL_RESOURCES,
        "农村宅基地审批流程",
        "农村村民建房申请宅基地需要经过哪些审批程序？",
        "村民向村集体经济组织提出申请，经村民小组讨论、村委会审查后报乡镇人民政府审批，"
        "涉及占用农用地的依法办理农用地转用审批手续。",
        S.FAIRLY_SATISFIED,
        30,
    ),
    (
        "SFZX-0006",
        "教育",
        EDUCATION,
        "课后服务收费标准",
        "学校课后延时服务是否收费？收费标准是多少？",
        "我县义务教育学校课后服务坚持自愿参加原则，收费标准按照县发展改革局、县教育局联合"
        "印发的文件执行，困难家庭学生免收费用。",
        S.DISSATISFIED,
        27,
    ),
    (
        "SFZX-0007",
        "社会保障",
        HUMAN_RESOURCES,
        "失业保险金申领",
        "单位解除劳动合同后，失业保险金怎么申请？身份证号11010119900307123X。",
        "符合条件的失业人员可通过省人社网上服务大厅或县公共就业服务机构申领失业保险金。",
        S.SATISFIED,
        24,
    ),
    (
        "SFZX-0008",
        "其他",
        FINANCE,
        "惠民补贴发放查询",
        "请问耕地地力保护补贴什么时候发放？在哪里可以查询？",
        "耕地地力保护补贴通过“一卡通”发放，发放后可凭社保卡到代理银行查询，"
        "也可登录县政府网站“惠民惠农财政补贴资金”专栏查询。",
        S.SATISFIED,
        20,
    ),
    (
        "SFZX-0009",
        "住房",
        HOUSING,
        "老旧小区改造计划",
        "我们小区建于上世纪九十年代，今年是否纳入老旧小区改造计划？",
        "今年老旧小区改造计划已在县政府网站公示，您所在小区已列入明年改造储备项目。",
        S.FAIRLY_SATISFIED,
        16,
    ),
    (
        "SFZX-0010",
        "医疗卫生",
        HEALTH,
        "儿童疫苗接种预约",
        "孩子打疫苗需要提前预约吗？联系邮箱parent@example.com",
        "可通过“预防接种服务”小程序或电话预约，各接种门诊的电话已在县卫生健康委网站公布。",
        None,
        10,
    ),
    (
        "SFZX-0011",
        "教育",
        EDUCATION,
        "高中学业水平考试报名",
        "高中学业水平考试报名在哪里报？",
        "由学校统一组织报名，社会考生请到县教育考试中心报名。",
        None,
        6,
    ),
    (
        "SFZX-0012",
        "社会保障",
        HUMAN_RESOURCES,
        "社保卡挂失补办",
        "社保卡丢了怎么挂失补办？可以拨打0551-66000006咨询吗？",
        "可拨打12333或到合作银行网点挂失，补办可在县人社局服务窗口或合作银行网点办理。",
        None,
        3,
    ),
]

# (number, state, subject, question, organisation, working days ago)
OTHER = [
    (
        "SFZX-0101",
        "submitted",
        "路灯不亮",
        "人民路东段路灯已经一周不亮了，请问归哪个部门管？",
        None,
        0,
    ),
    (
        "SFZX-0102",
        "accepted",
        "教师招聘公告",
        "今年教师招聘什么时候发布公告？",
        EDUCATION,
        1,
    ),
    ("SFZX-0103", "refused", "邻里纠纷", "邻居装修噪音很大，请政府处理。", None, 4),
    ("SFZX-0104", "assigned", "医保报销比例", "住院报销比例是多少？", HEALTH, 2),
    (
        "SFZX-0105",
        "reassigned",
        "不动产登记",
        "二手房过户需要多长时间？",
        NATURAL_RESOURCES,
        3,
    ),
    ("SFZX-0106", "overdue", "廉租房排队进度", "廉租房排队到第几号了？", HOUSING, 9),
    (
        "SFZX-0107",
        "replied",
        "学生资助政策",
        "家庭经济困难学生有哪些资助？",
        EDUCATION,
        3,
    ),
    (
        "SFZX-0108",
        "answered",
        "个人信息查询",
        "能否告诉我我的社保缴费记录？",
        HUMAN_RESOURCES,
        8,
    ),
]


def working_days_ago(n, today=None):
    calendar = get_calendar()
    day = today or timezone.localdate()
    while n > 0:
        day -= datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def build_demo(builder):
    page = builder.child(
        builder.govopen_index,
        QAPage,
        SLUG,
        title="政民互动",
        organization=builder.organizations[org_code(OFFICE)],
        intro=INTRO,
        ask_intro=ASK_INTRO,
        search_description="示范县人民政府政民互动：咨询、答复与公开",
        column_keywords="政民互动,咨询,留言",
    )
    categories = {}
    for index, name in enumerate(CATEGORIES):
        category, created = QuestionCategory.objects.get_or_create(
            name=name, locale=builder.locale, defaults={"sort_order": index}
        )
        builder.count(created)
        categories[name] = category

    def org(stem):
        return builder.organizations[org_code(stem)] if stem else None

    for number, category, stem, subject, text, reply, rating, ago in PUBLISHED:
        if Question.objects.filter(number=number).exists():
            builder.existing += 1
            continue
        asked = working_days_ago(ago + 6)
        question = _ask(
            page, number, subject, text, org(stem), asked, categories[category]
        )
        question.accept(None, on=working_days_ago(ago + 5))
        question.assign(None, org(stem), on=working_days_ago(ago + 5))
        question.reply_to(None, reply, on=working_days_ago(ago + 1))
        if question.status == "replied":
            question.approve(None, on=working_days_ago(ago))
        question.publish(None, on=working_days_ago(ago))
        if rating:
            question.rate(rating, "", today=working_days_ago(ago))
        builder.created += 1

    for number, state, subject, text, stem, ago in OTHER:
        if Question.objects.filter(number=number).exists():
            builder.existing += 1
            continue
        asked = working_days_ago(ago + 1) if ago else timezone.localdate()
        question = _ask(page, number, subject, text, org(stem), asked, None)
        on = working_days_ago(ago)
        if state == "refused":
            question.refuse(
                None,
                "您反映的问题属于民事纠纷，建议向所在社区人民调解委员会申请调解。",
                on=on,
            )
        elif state != "submitted":
            question.accept(None, on=on)
            if state in ("assigned", "reassigned", "overdue", "replied", "answered"):
                target = org(HOUSING) if state == "reassigned" else org(stem)
                question.assign(None, target, on=on)
                if state == "reassigned":
                    question.assign(None, org(stem), on=timezone.localdate())
            if state in ("replied", "answered"):
                question.reply_to(
                    None,
                    "您好，相关政策请见县教育局网站“学生资助”专栏。",
                    on=timezone.localdate(),
                )
                if state == "answered" and question.status == "replied":
                    question.approve(None, on=timezone.localdate())
        builder.created += 1


def _ask(page, number, subject, text, organization, on, category):
    question, _code = Question.objects.create_question(
        data={
            "name": "王小明",
            "phone": "13900001111",
            "email": "",
            "subject": subject,
            "question": text,
            "category": category,
            "organization": organization,
            "consent_to_publish": True,
        },
        page=page,
        number=number,
        on=on,
    )
    return question
