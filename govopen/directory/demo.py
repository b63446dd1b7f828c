"""The demo county's disclosure directory, added through ``govopen_demo_content``.

Idempotent: the directory and every item are found by slug, the review
workflow and its groups by name; a second run creates nothing.
"""

import datetime
import io

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from govopen.core.demo import org_code
from govopen.core.enums import (
    DisclosureAttribute,
    DisclosureMethod,
    ReplyReason,
    Validity,
)

from .models import (
    DirectoryCategory,
    DisclosureDirectoryPage,
    DisclosureItemAttachment,
    DisclosureItemPage,
    Genre,
    Topic,
)
from .workflows import ensure_review_workflow

DIRECTORY_SLUG = "fdzdgknr"

# Organisation code stems of core's demo (govopen/core/demo.py ORGANIZATIONS).
COUNTY = "11339900MB0000001"
OFFICE = "11339900MB0000002"
DRC = "11339900MB0000003"
EDUCATION = "11339900MB0000004"
FINANCE = "11339900MB0000005"
HRSS = "11339900MB0000006"
LAND = "11339900MB0000007"
HOUSING = "11339900MB0000008"
HEALTH = "11339900MB0000009"
CHENGGUAN = "11339900MB000001A"
QINGSHAN = "11339900MB000001B"

# slug, title, organisation, category, topic, genre, document number, date, summary
ITEMS = [
    (
        "szfbgs-2025-1",
        "示范县人民政府办公室关于印发示范县2025年政务公开工作要点的通知",
        OFFICE,
        "fgwj",
        "0201",
        "tz",
        "示政办发〔2025〕1号",
        "2025-03-10",
        "部署全县2025年政务公开重点任务，明确责任单位和完成时限。",
    ),
    (
        "szf-2025-gzbg",
        "2025年示范县人民政府工作报告",
        COUNTY,
        "ghjh",
        "0301",
        "bg",
        "",
        "2025-01-20",
        "回顾2024年工作，提出2025年经济社会发展主要目标和重点任务。",
    ),
    (
        "szf-ssw-gh",
        "示范县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
        COUNTY,
        "ghjh",
        "0301",
        "gh",
        "示政发〔2021〕8号",
        "2021-03-30",
        "全县“十四五”时期发展的总体要求、主要目标和重大举措。",
    ),
    (
        "fgj-2024-tjgb",
        "示范县2024年国民经济和社会发展统计公报",
        DRC,
        "tjxx",
        "0306",
        "gb",
        "",
        "2025-03-18",
        "发布2024年全县地区生产总值、固定资产投资、居民收入等主要统计数据。",
    ),
    (
        "fgj-2025-zdxm",
        "示范县2025年重点建设项目计划",
        DRC,
        "zdjsxm",
        "0301",
        "tz",
        "示发改投资〔2025〕6号",
        "2025-02-26",
        "安排重点建设项目62个，年度计划投资48.6亿元。",
    ),
    (
        "fgj-jgsf-2024",
        "关于调整示范县城区管道天然气销售价格的通知",
        DRC,
        "sfxx",
        "0305",
        "tz",
        "示发改价格〔2024〕15号",
        "2024-11-05",
        "调整城区居民和非居民管道天然气销售价格，自2024年12月1日起执行。",
    ),
    (
        "czj-2025-ys",
        "示范县2025年县级部门预算公开说明",
        FINANCE,
        "czyjs",
        "0401",
        "qt",
        "",
        "2025-02-12",
        "公开县级部门2025年收支预算总表、财政拨款支出表和“三公”经费预算。",
    ),
    (
        "czj-2024-js",
        "示范县2024年财政决算公开",
        FINANCE,
        "czyjs",
        "0401",
        "qt",
        "",
        "2025-08-20",
        "公开2024年一般公共预算、政府性基金预算和国有资本经营预算决算情况。",
    ),
    (
        "czj-zfcg-ml",
        "示范县2025年政府集中采购目录及限额标准",
        FINANCE,
        "zfcg",
        "0401",
        "tz",
        "示财采〔2025〕2号",
        "2025-01-08",
        "明确集中采购机构采购项目、分散采购限额标准和公开招标数额标准。",
    ),
    (
        "czj-hmzj-2024",
        "关于下达2024年惠民惠农财政补贴资金的通知",
        FINANCE,
        "czyjs",
        "0401",
        "tz",
        "示财农〔2024〕31号",
        "2024-09-12",
        "下达耕地地力保护补贴等惠民惠农补贴资金，明确发放对象和标准。",
    ),
    (
        "jyj-2025-zs",
        "示范县教育局关于做好2025年义务教育阶段招生入学工作的通知",
        EDUCATION,
        "ggfw",
        "1102",
        "tz",
        "示教发〔2025〕9号",
        "2025-05-06",
        "明确义务教育阶段学校招生范围、报名时间和入学材料要求。",
    ),
    (
        "jyj-xqjy-2024",
        "示范县学前教育发展提升行动计划（2024—2026年）",
        EDUCATION,
        "ghjh",
        "1102",
        "fa",
        "示教发〔2024〕21号",
        "2024-07-15",
        "扩大普惠性学前教育资源，提升保教质量。",
    ),
    (
        "jyj-jszp-2025",
        "示范县2025年公开招聘中小学教师公告",
        EDUCATION,
        "rsxx",
        "1102",
        "gg",
        "",
        "2025-04-02",
        "公开招聘中小学教师85名，公布岗位、条件和报名办法。",
    ),
    (
        "rsj-2025-gwy",
        "示范县2025年考试录用公务员拟录用人员公示",
        HRSS,
        "rsxx",
        "1503",
        "gs",
        "",
        "2025-07-22",
        "公示2025年考试录用公务员拟录用人员名单，公示期5个工作日。",
    ),
    (
        "rsj-jyzc-2024",
        "示范县促进高校毕业生等青年就业创业若干措施",
        HRSS,
        "ggfw",
        "1501",
        "yj",
        "示人社发〔2024〕7号",
        "2024-05-20",
        "从岗位开发、创业扶持、就业服务等方面提出18条措施。",
    ),
    (
        "rsj-yb-2025",
        "关于调整2025年度城乡居民基本医疗保险个人缴费标准的通知",
        HRSS,
        "ggfw",
        "1502",
        "tz",
        "示人社发〔2024〕19号",
        "2024-10-10",
        "城乡居民医保个人缴费标准调整为每人每年400元。",
    ),
    (
        "zrzy-2024-kgcj",
        "示范县国土空间总体规划（2021—2035年）",
        LAND,
        "ghjh",
        "1001",
        "gh",
        "示政发〔2024〕3号",
        "2024-03-28",
        "统筹划定耕地和永久基本农田、生态保护红线、城镇开发边界。",
    ),
    (
        "zrzy-xzcf-2025-3",
        "示范县自然资源和规划局行政处罚决定书（示自然资罚〔2025〕3号）",
        LAND,
        "xzcf",
        "0501",
        "jd",
        "示自然资罚〔2025〕3号",
        "2025-06-11",
        "对某公司未经批准占用土地建设厂房的行为作出行政处罚。",
    ),
    (
        "zjj-bzf-2025",
        "示范县2025年保障性住房分配公示",
        HOUSING,
        "ggfw",
        "1002",
        "gs",
        "",
        "2025-06-30",
        "公示2025年第一批公共租赁住房配租对象名单。",
    ),
    (
        "zjj-xzxk-2025",
        "示范县住房和城乡建设局建筑工程施工许可信息（2025年第二季度）",
        HOUSING,
        "xzxk",
        "1002",
        "qt",
        "",
        "2025-07-03",
        "公开2025年第二季度核发的建筑工程施工许可证信息。",
    ),
    (
        "zjj-lgs-2023",
        "示范县老旧小区改造实施办法",
        HOUSING,
        "fgwj",
        "1002",
        "bf",
        "示政办发〔2023〕14号",
        "2023-06-19",
        "规范老旧小区改造的对象、内容、资金和组织实施。",
    ),
    (
        "wjw-crb-2024",
        "示范县突发公共卫生事件应急预案",
        HEALTH,
        "tfsj",
        "1301",
        "fa",
        "示政办发〔2024〕22号",
        "2024-08-08",
        "明确突发公共卫生事件分级、监测预警、应急响应和保障措施。",
    ),
    (
        "wjw-jcgw-2025",
        "示范县2025年基本公共卫生服务项目实施方案",
        HEALTH,
        "ggfw",
        "1301",
        "fa",
        "示卫健发〔2025〕4号",
        "2025-03-05",
        "明确居民健康档案、老年人健康管理等服务项目内容和考核要求。",
    ),
    (
        "wjw-jdjc-2025",
        "示范县2025年上半年医疗机构监督检查情况通报",
        HEALTH,
        "jdjc",
        "1301",
        "tb",
        "示卫健函〔2025〕18号",
        "2025-07-25",
        "通报上半年医疗机构依法执业监督检查结果及整改要求。",
    ),
    (
        "cgz-2025-ncjs",
        "城关镇2025年人居环境整治工作方案",
        CHENGGUAN,
        "ghjh",
        "1004",
        "fa",
        "城政发〔2025〕5号",
        "2025-03-14",
        "推进垃圾分类、污水治理和村容村貌提升。",
    ),
    (
        "cgz-jgzn",
        "城关镇人民政府机构职能",
        CHENGGUAN,
        "jgzn",
        "0101",
        "qt",
        "",
        "2024-02-01",
        "公开城关镇人民政府的主要职责、内设机构、办公地址和联系方式。",
    ),
    (
        "qsx-2024-fpzj",
        "青山乡2024年衔接推进乡村振兴补助资金使用情况公示",
        QINGSHAN,
        "czyjs",
        "1702",
        "gs",
        "",
        "2024-12-16",
        "公示2024年衔接资金项目名称、资金规模和实施进度。",
    ),
    (
        "szf-zfgzbf",
        "示范县人民政府工作规则",
        COUNTY,
        "jgzn",
        "0201",
        "gd",
        "示政发〔2023〕1号",
        "2023-02-20",
        "规定县政府组成人员职责、决策程序和政务公开要求。",
    ),
    (
        "szfbgs-xzgfxwj",
        "示范县行政规范性文件管理办法",
        OFFICE,
        "fgwj",
        "1603",
        "bf",
        "示政办发〔2024〕3号",
        "2024-01-26",
        "规范行政规范性文件的起草、审核、公布、备案和清理。",
    ),
    (
        "szfbgs-2024-gkndbg",
        "示范县人民政府办公室关于2024年度政务公开工作考核情况的通报",
        OFFICE,
        "qtxx",
        "0201",
        "tb",
        "示政办函〔2025〕6号",
        "2025-02-18",
        "通报各部门、各乡镇2024年度政务公开工作考核结果。",
    ),
]

BODY = """<p>各乡镇人民政府，县直各单位：</p>
<p>{summary}现将有关事项通知如下。</p>
<h2>一、总体要求</h2>
<p>坚持以人民为中心的发展思想，严格落实《中华人民共和国政府信息公开条例》，推进决策、执行、管理、服务、结果公开，切实保障人民群众的知情权、参与权、表达权和监督权。</p>
<h2>二、主要任务</h2>
<p>各单位要按照职责分工，明确责任人和完成时限，确保各项任务按期完成。涉及群众切身利益的事项，要通过政府网站、政务新媒体等渠道及时公开，并做好政策解读和舆情回应。</p>
<h2>三、工作要求</h2>
<p>各单位要加强组织领导，建立工作台账，定期报送工作进展情况。县政府办公室将对落实情况进行督促检查。</p>
<p>{org}</p>"""


def _date(value):
    return datetime.date.fromisoformat(value)


def _budget_workbook():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "收支预算总表"
    sheet.append(["项目", "预算数（万元）"])
    for row in [
        ("一般公共预算拨款收入", 182350.6),
        ("政府性基金预算拨款收入", 42110.0),
        ("事业收入", 8630.4),
        ("支出合计", 233091.0),
    ]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_demo_directory(builder):
    """The directory page, its review workflow and a few dozen items."""
    directory = builder.child(
        builder.govopen_index,
        DisclosureDirectoryPage,
        DIRECTORY_SLUG,
        title="法定主动公开内容",
        organization=builder.county,
        search_description="示范县人民政府及其部门主动公开的政府信息目录",
        column_keywords="政府信息公开目录,主动公开,法规文件,规划计划,财政预决算",
        intro="<p>本目录按照《中华人民共和国政府信息公开条例》第二十条列出示范县人民政府及其部门主动公开的政府信息，可按分类、发布机构、主题、体裁、年份和有效性筛选，也可下载或订阅。</p>",
    )
    builder.directory = directory
    ensure_review_workflow(directory)

    categories = {
        c.code: c for c in DirectoryCategory.objects.filter(locale=directory.locale)
    }
    topics = {t.code: t for t in Topic.objects.filter(locale=directory.locale)}
    genres = {g.code: g for g in Genre.objects.filter(locale=directory.locale)}

    pages = {}
    for slug, title, org_stem, category, topic, genre, number, date, summary in ITEMS:
        organization = builder.organizations[org_code(org_stem)]
        written = _date(date) - datetime.timedelta(days=3)
        pages[slug] = builder.child(
            directory,
            DisclosureItemPage,
            slug,
            title=title,
            organization=organization,
            category=categories.get(category),
            topic=topics.get(topic),
            genre=genres.get(genre),
            document_number=number,
            written_date=written,
            publish_date=_date(date),
            effective_date=_date(date) if number else None,
            disclosure_method=DisclosureMethod.WEBSITE,
            keywords=" ".join(
                obj.name
                for obj in (topics.get(topic), categories.get(category))
                if obj is not None
            ),
            summary=summary,
            body=BODY.format(summary=summary, org=organization.name),
        )

    # A repealed document, replaced by the one above it.
    builder.child(
        directory,
        DisclosureItemPage,
        "zjj-lgs-2019",
        title="示范县老旧小区改造暂行办法",
        organization=builder.organizations[org_code(HOUSING)],
        category=categories.get("fgwj"),
        topic=topics.get("1002"),
        genre=genres.get("bf"),
        document_number="示政办发〔2019〕27号",
        written_date=datetime.date(2019, 9, 2),
        publish_date=datetime.date(2019, 9, 6),
        effective_date=datetime.date(2019, 10, 1),
        expiry_date=datetime.date(2023, 6, 19),
        validity=Validity.REPEALED,
        replaced_by=pages["zjj-lgs-2023"],
        summary="规范老旧小区改造工作。已被《示范县老旧小区改造实施办法》废止。",
        body=BODY.format(summary="规范老旧小区改造工作。", org="示范县人民政府办公室"),
    )
    # Information disclosed on request: listed, its text not shown.
    builder.child(
        directory,
        DisclosureItemPage,
        "zrzy-zjdk-2024",
        title="示范县2024年度征地补偿安置费用分户明细",
        organization=builder.organizations[org_code(LAND)],
        category=categories.get("qtxx"),
        topic=topics.get("0501"),
        genre=genres.get("qt"),
        written_date=datetime.date(2024, 11, 20),
        publish_date=datetime.date(2024, 11, 28),
        disclosure_attribute=DisclosureAttribute.ON_REQUEST,
        summary="涉及被征地农户个人信息的补偿安置费用明细，依申请公开。",
        body="<p>分户明细表（含个人信息）。</p>",
    )
    # A draft proposed as not disclosed: kept for review, never published.
    if not directory.get_children().filter(slug="wjw-nbtl-2025").exists():
        draft = DisclosureItemPage(
            slug="wjw-nbtl-2025",
            title="县卫生健康委2025年第3次主任办公会议纪要",
            organization=builder.organizations[org_code(HEALTH)],
            genre=genres.get("jyao"),
            written_date=datetime.date(2025, 4, 9),
            disclosure_attribute=DisclosureAttribute.NOT_DISCLOSED,
            non_disclosure_reason=ReplyReason.PROCESS_INFORMATION,
            live=False,
            locale=directory.locale,
        )
        directory.add_child(instance=draft)
        draft.save_revision()
        builder.created += 1
    else:
        builder.existing += 1

    budget = pages["czj-2025-ys"]
    if not budget.attachments.exists():
        document = get_document_model()(title="示范县2025年县级部门收支预算总表")
        document.file.save(
            "2025-budget.xlsx", ContentFile(_budget_workbook()), save=False
        )
        document.save()
        DisclosureItemAttachment.objects.create(page=budget, document=document)
        budget.save_revision().publish()
        builder.created += 1
