"""The demo county (示范县) that ``govopen_demo`` builds.

Each step looks its object up by a stable key (an organisation's code, a page's
slug under its parent) and creates it only when missing, so a second run
changes nothing. Feature apps add their own content through the
``govopen_demo_content`` hook: a function ``(builder) -> None``.
"""

from django.apps import apps
from django.utils.translation import override
from wagtail import hooks
from wagtail.models import Locale, Page, Site
from wagtail_localize.machine_translators import get_machine_translator

from .enums import GovOpenSection
from .machine_translation import DictionaryTranslator, OpenCCTranslator, pair_html
from .models import (
    GovOpenIndexPage,
    GovOpenSettings,
    GuidePage,
    Organization,
    SearchPage,
    StandardPage,
)
from .translation import ContentTranslator
from .validators import uscc_check_character

COUNTY = "示范县人民政府"

# (code stem, name, short name, parent stem or None); codes are completed with
# their GB 32100 check character so they pass the validators.
ORGANIZATIONS = [
    ("11339900MB0000001", "示范县人民政府", "县政府", None),
    ("11339900MB0000002", "示范县人民政府办公室", "县政府办", "11339900MB0000001"),
    ("11339900MB0000003", "示范县发展和改革局", "县发展改革局", "11339900MB0000001"),
    ("11339900MB0000004", "示范县教育局", "县教育局", "11339900MB0000001"),
    ("11339900MB0000005", "示范县财政局", "县财政局", "11339900MB0000001"),
    (
        "11339900MB0000006",
        "示范县人力资源和社会保障局",
        "县人社局",
        "11339900MB0000001",
    ),
    (
        "11339900MB0000007",
        "示范县自然资源和规划局",
        "县自然资源规划局",
        "11339900MB0000001",
    ),
    ("11339900MB0000008", "示范县住房和城乡建设局", "县住建局", "11339900MB0000001"),
    ("11339900MB0000009", "示范县卫生健康委员会", "县卫生健康委", "11339900MB0000001"),
    ("11339900MB000001A", "示范县城关镇人民政府", "城关镇", "11339900MB0000001"),
    ("11339900MB000001B", "示范县青山乡人民政府", "青山乡", "11339900MB0000001"),
]


def org_code(stem):
    return stem + uscc_check_character(stem)


INDEX_INTRO = "<p>根据《中华人民共和国政府信息公开条例》，示范县人民政府及其部门通过本专栏主动公开政府信息，并受理政府信息公开申请。</p>"

GUIDE_BODY = """
<h2>一、主动公开</h2>
<p>（一）公开范围。本机关依照《中华人民共和国政府信息公开条例》第十九条、第二十条的规定，主动公开本机关的机构职能、法规文件、规划计划、统计信息、财政预决算、行政许可、行政处罚、行政强制、收费、政府采购、重大建设项目、公共服务、突发事件和环境保护等政府信息。</p>
<p>（二）公开方式。主动公开的政府信息通过本网站“政府信息公开”专栏、政府公报、新闻发布会以及政务新媒体等途径公开，并在县档案馆、县图书馆和县政务服务中心设置政府信息公共查阅点。</p>
<p>（三）公开时限。属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内及时公开。</p>
<h2>二、依申请公开</h2>
<p>公民、法人或者其他组织可以向本机关申请获取相关政府信息。申请人可以通过本网站在线申请，也可以通过当面、邮寄、传真或者电子邮件提交书面申请。本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。</p>
<p>行政机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，可以按照《政府信息公开信息处理费管理办法》收取信息处理费。</p>
<h2>三、监督和救济</h2>
<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议（自知道之日起60日内）或者提起行政诉讼（自知道之日起6个月内）。</p>
"""

RULES_BODY = """
<p>本栏目发布本县政府信息公开工作的各项制度，包括政府信息公开保密审查制度、依申请公开办理制度、政府信息公开考核评议制度和责任追究制度。</p>
<ul>
<li>政府信息公开保密审查制度：拟公开的政府信息，由拟稿人提出公开属性意见，科室负责人审核，单位主要负责人审定。</li>
<li>依申请公开办理制度：登记、受理、办理、答复、归档全程留痕，严格执行法定答复期限。</li>
<li>政府信息管理动态调整制度：每年对不予公开的政府信息进行评估审查，因情势变化可以公开的及时公开。</li>
</ul>
"""


# The English site is written by people, not machines: the landing page, the
# guide and the organisation the guide speaks for. Each rich text has the
# blocks of its Chinese source in the same order (see pair_html).
GUIDE_BODY_EN = """
<h2>1. Proactive disclosure</h2>
<p>(1) Scope. Under Articles 19 and 20 of the Regulations of the People's Republic of China on Open Government Information, this authority proactively discloses government information on its functions, regulations and documents, plans, statistics, budgets and final accounts, administrative licensing, administrative penalties, administrative enforcement, fees, government procurement, major construction projects, public services, emergencies and environmental protection.</p>
<p>(2) Channels. Proactively disclosed information is published in the "Government Information Disclosure" section of this website, in the government gazette, at press conferences and through government new media; public reading points are provided at the county archives, the county library and the county government service centre.</p>
<p>(3) Time limit. Government information within the scope of proactive disclosure is published within 20 working days of being created or changed.</p>
<h2>2. Disclosure on application</h2>
<p>Citizens, legal persons and other organisations may apply to this authority for government information, online on this website or in writing in person, by post, by fax or by email. The authority replies on the spot where it can; otherwise it replies within 20 working days of receiving the application. Where the time limit must be extended, with the approval of the head of the government information disclosure office and notice to the applicant, the extension is at most 20 working days.</p>
<p>Government information provided on application is free of charge. However, where the number or frequency of an applicant's requests clearly exceeds a reasonable range, an information processing fee may be charged under the Measures for the Administration of Information Processing Fees for Open Government Information.</p>
<h2>3. Supervision and remedies</h2>
<p>Citizens, legal persons and other organisations who consider that this authority has infringed their lawful rights and interests in its government information disclosure work may complain to or report to the administrative authority at the next level up or to the competent department for government information disclosure, and may apply for administrative reconsideration (within 60 days of learning of the act) or bring an administrative lawsuit (within 6 months of learning of the act).</p>
"""

INDEX_INTRO_EN = "<p>Under the Regulations of the People's Republic of China on Open Government Information, Shifan County People's Government and its departments proactively publish government information in this section and accept applications for the disclosure of government information.</p>"

# Source text → English, for titles, descriptions and organisation fields.
ENGLISH = {
    COUNTY: "Shifan County People's Government",
    "县政府": "County Government",
    f"{COUNTY}政府信息公开工作机构": "Government Information Disclosure Office of Shifan County People's Government",
    "示范县人民路1号": "1 Renmin Road, Shifan County",
    "工作日 上午8:30-12:00，下午14:30-17:30": "Working days, 8:30-12:00 and 14:30-17:30",
    "政府信息公开": "Government Information Disclosure",
    "示范县人民政府政府信息公开专栏": "The government information disclosure section of Shifan County People's Government",
    "政府信息公开,政务公开,示范县": "government information disclosure,open government,Shifan County",
    "政府信息公开指南": "Guide to Government Information Disclosure",
    "示范县人民政府政府信息公开指南": "Guide to government information disclosure of Shifan County People's Government",
}


def english_strings():
    """The English of every string of the English demo pages, by source text."""
    return {
        **ENGLISH,
        **pair_html(INDEX_INTRO, INDEX_INTRO_EN),
        **pair_html(GUIDE_BODY.strip(), GUIDE_BODY_EN.strip()),
    }


class DemoBuilder:
    """Builds the demo county step by step; counts what it created."""

    def __init__(self, home_model="home.HomePage", stdout=None, translations=True):
        self.home_model = apps.get_model(home_model)
        self.stdout = stdout
        # The 繁體中文 and English versions take most of the build's time.
        self.translations = translations
        self.translation_failures = []
        self.created = 0
        self.existing = 0
        self.organizations = {}
        self.locale = None
        self.site = None
        self.home = None
        self.govopen_index = None

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def count(self, created):
        if created:
            self.created += 1
        else:
            self.existing += 1

    def build(self):
        with override("zh-hans"):
            self.build_locales()
            self.build_organizations()
            self.build_site()
            self.build_settings()
            self.build_pages()
            for fn in hooks.get_hooks("govopen_demo_content"):
                fn(self)
            # Last, so that it also covers what the hooks added.
            if self.translations:
                self.build_translations()

    # Locales -------------------------------------------------------------
    def build_locales(self):
        self.locale = Locale.get_default()
        for code in ("zh-hans", "zh-hant", "en"):
            _, created = Locale.objects.get_or_create(language_code=code)
            self.count(created)

    # Organisations -------------------------------------------------------
    def build_organizations(self):
        for index, (stem, name, short_name, parent_stem) in enumerate(ORGANIZATIONS):
            code = org_code(stem)
            parent = (
                self.organizations.get(org_code(parent_stem)) if parent_stem else None
            )
            org, created = Organization.objects.get_or_create(
                code=code,
                locale=self.locale,
                defaults={
                    "name": name,
                    "short_name": short_name,
                    "parent": parent,
                    "sort_order": index,
                    "office_name": f"{name}政府信息公开工作机构"
                    if parent is None
                    else f"{name}办公室",
                    "office_address": f"示范县人民路{index + 1}号",
                    "office_hours": "工作日 上午8:30-12:00，下午14:30-17:30",
                    "phone": f"0551-6600{index:04d}",
                    "fax": f"0551-6601{index:04d}",
                    "email": f"gk{index:02d}@shifan.gov.cn",
                    "postcode": "230000",
                },
            )
            self.count(created)
            self.organizations[code] = org
        self.county = self.organizations[org_code(ORGANIZATIONS[0][0])]

    # Site and pages ------------------------------------------------------
    def build_site(self):
        root = Page.get_first_root_node()
        site = Site.objects.filter(is_default_site=True).first()
        home = self.home_model.objects.filter(locale=self.locale, depth=2).first()
        created = home is None
        if created:
            home = self.home_model(
                title=COUNTY, slug="home", locale=self.locale, show_in_menus=False
            )
            # Wagtail's default welcome page holds the slug "home"; move it aside.
            for page in root.get_children().filter(slug="home"):
                page.slug = f"wagtail-welcome-{page.pk}"
                page.save(update_fields=["slug"])
            root.add_child(instance=home)
            home.save_revision().publish()
        self.count(created)
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=COUNTY,
            )
        elif site.root_page_id != home.pk:
            welcome = site.root_page
            site.root_page = home
            site.site_name = COUNTY
            site.save()
            if welcome.specific_class is Page and welcome.depth == 2:
                welcome.delete()
        self.site = site
        self.home = home

    def build_settings(self):
        site_settings = GovOpenSettings.for_site(self.site)
        if site_settings.sponsor:
            self.existing += 1
            return
        site_settings.site_name = COUNTY
        site_settings.sponsor = COUNTY
        site_settings.organizer = "示范县人民政府办公室"
        site_settings.site_id_code = "3399000001"
        site_settings.icp_number = "示ICP备12345678号"
        site_settings.police_record_number = "示公网安备 33990002000001号"
        site_settings.default_organization = self.county
        site_settings.contact_line = (
            "地址：示范县人民路1号　邮编：230000　电话：0551-66000000"
        )
        site_settings.save()
        self.created += 1

    def child(self, parent, model, slug, **fields):
        """The live child of ``parent`` with ``slug``, created and published if missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            self.existing += 1
            return existing.specific
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    def build_pages(self):
        self.govopen_index = self.child(
            self.home,
            GovOpenIndexPage,
            "zfxxgk",
            title="政府信息公开",
            show_in_menus=True,
            search_description="示范县人民政府政府信息公开专栏",
            column_keywords="政府信息公开,政务公开,示范县",
            intro=INDEX_INTRO,
        )
        self.guide = self.child(
            self.govopen_index,
            GuidePage,
            "guide",
            title="政府信息公开指南",
            organization=self.county,
            body=GUIDE_BODY.strip(),
            search_description="示范县人民政府政府信息公开指南",
        )
        self.rules = self.child(
            self.govopen_index,
            StandardPage,
            "rules",
            title="政府信息公开制度",
            section=GovOpenSection.RULES,
            body=RULES_BODY.strip(),
        )
        self.search = self.child(
            self.govopen_index,
            SearchPage,
            "search",
            title="站内搜索",
            search_description="检索示范县政府信息公开专栏的目录、文件和问答",
        )

    # Translations --------------------------------------------------------
    def build_translations(self):
        """繁體中文 of the whole section and the organisations, through OpenCC;
        English of the landing page and the guide, written by hand.

        Both go through wagtail-localize, so editors review and sync them as
        any other translation. Objects already translated are left as they are.
        """
        zh_hant = Locale.objects.get(language_code="zh-hant")
        traditional = ContentTranslator(
            zh_hant, translator=self.get_traditional_translator(), raise_errors=False
        )
        traditional.translate_objects(
            Organization.objects.filter(locale=self.locale).order_by("pk")
        )
        traditional.translate_tree(self.home)
        self.count_translations(traditional.result)

        english = ContentTranslator(
            Locale.objects.get(language_code="en"),
            translator=DictionaryTranslator({"STRINGS": english_strings()}),
            raise_errors=False,
        )
        # The guide brings its organisation along.
        for page in (self.home, self.govopen_index, self.guide):
            english.translate(page)
        self.count_translations(english.result)

    def get_traditional_translator(self):
        """The site's machine translator when it does 简体 → 繁體, else OpenCC's default."""
        configured = get_machine_translator()
        source = self.locale
        target = Locale.objects.get(language_code="zh-hant")
        if configured is not None and configured.can_translate(source, target):
            return configured
        return OpenCCTranslator({})

    def count_translations(self, result):
        self.created += len(result.created) + len(result.updated)
        self.existing += len(result.unchanged) + len(result.skipped)
        for instance, error in result.failed:
            self.translation_failures.append((instance, error))
            self.log(f"Could not translate {instance!r}: {error}")
