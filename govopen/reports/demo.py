"""The demo county's annual report for last year (``govopen_demo``).

It is built from the demo data the other apps create (applications, policies)
plus figures entered for what govopen does not hold, and published, so its
tables are frozen as a real report's would be.
"""

from django.utils import timezone

from govopen.core.demo import org_code

from .models import AnnualReportFigures, AnnualReportPage

COUNTY = "11339900MB0000001"

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


def build_demo_content(builder):
    year = timezone.localdate().year - 1
    county = builder.organizations[org_code(COUNTY)]
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
