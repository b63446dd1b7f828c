"""The statutory enumerations of govopen, in one place.

Every list the law fixes lives here and nowhere else: models, forms, the
negative list, reply letters and the annual report all import from this module.
Articles ("Art.") are those of 《中华人民共和国政府信息公开条例》 as revised by
国务院令第711号 (2019); the report rows follow 国办公开办函〔2021〕30号.

Values are stable English codes stored in the database; labels are Chinese
through gettext (msgids in English, see locale/).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DisclosureAttribute(models.TextChoices):
    """公开属性, decided when a document is drafted (Art. 17, 19-20, 27)."""

    PROACTIVE = "proactive", _("Proactive disclosure")  # 主动公开
    ON_REQUEST = "on_request", _("Disclosure on request")  # 依申请公开
    NOT_DISCLOSED = "not_disclosed", _("Not disclosed")  # 不予公开


class Validity(models.TextChoices):
    """有效性 of a document (Art. 26: amended or repealed documents are marked)."""

    VALID = "valid", _("Valid")  # 有效
    AMENDED = "amended", _("Amended")  # 已修订
    REPEALED = "repealed", _("Repealed")  # 废止
    EXPIRED = "expired", _("Expired")  # 失效


class DisclosureMethod(models.TextChoices):
    """公开方式 (Art. 23-25)."""

    WEBSITE = "website", _("Government website")  # 政府网站
    GAZETTE = "gazette", _("Government gazette")  # 政府公报
    PRESS_CONFERENCE = "press_conference", _("Press conference")  # 新闻发布会
    NEW_MEDIA = "new_media", _("Government new media")  # 政务新媒体
    PRESS = "press", _("Newspapers, radio and television")  # 报刊、广播、电视
    READING_POINT = "reading_point", _("Public reading point")  # 公共查阅点
    OTHER = "other", pgettext_lazy("disclosure method", "Other")  # 其他


class ApplicantKind(models.TextChoices):
    """Who applies (Art. 27, 29): a citizen or a legal person / other organisation."""

    CITIZEN = "citizen", _("Citizen")  # 公民
    ORGANIZATION = (
        "organization",
        _("Legal person or other organisation"),
    )  # 法人或其他组织


class ApplicantType(models.TextChoices):
    """The applicant columns of annual report table 三, in template order."""

    NATURAL_PERSON = "natural_person", _("Natural person")  # 自然人
    COMMERCIAL_ENTERPRISE = (
        "commercial_enterprise",
        _("Commercial enterprise"),
    )  # 商业企业
    RESEARCH_INSTITUTION = "research_institution", _("Research institution")  # 科研机构
    SOCIAL_WELFARE = "social_welfare", _("Social welfare organisation")  # 社会公益组织
    LEGAL_SERVICE = "legal_service", _("Legal service institution")  # 法律服务机构
    OTHER = "other", pgettext_lazy("applicant type", "Other")  # 其他

    @classmethod
    def for_kind(cls, kind):
        """The applicant types allowed for an :class:`ApplicantKind`."""
        if kind == ApplicantKind.CITIZEN:
            return [cls.NATURAL_PERSON]
        return [member for member in cls if member != cls.NATURAL_PERSON]


class IdentityDocumentType(models.TextChoices):
    """身份证件 types a citizen applicant may give (Art. 29)."""

    RESIDENT_ID = "resident_id", _("Resident identity card")  # 居民身份证
    PASSPORT = "passport", _("Passport")  # 护照
    HK_MACAO_PERMIT = (
        "hk_macao_permit",
        _("Mainland travel permit for Hong Kong and Macao residents"),
    )  # 港澳居民来往内地通行证
    TAIWAN_PERMIT = (
        "taiwan_permit",
        _("Mainland travel permit for Taiwan residents"),
    )  # 台湾居民来往大陆通行证
    FOREIGN_PERMANENT = (
        "foreign_permanent",
        _("Foreign permanent resident ID card"),
    )  # 外国人永久居留身份证
    OTHER = "other", pgettext_lazy("identity document", "Other")  # 其他


class ApplicationChannel(models.TextChoices):
    """How an application arrives (Art. 29, 31)."""

    ONLINE = "online", _("Online")  # 网上申请
    IN_PERSON = "in_person", _("In person")  # 当面提交
    POST = "post", _("Post")  # 邮寄
    FAX = "fax", _("Fax")  # 传真
    EMAIL = "email", _("Email")  # 电子邮件


class ProvisionForm(models.TextChoices):
    """The form in which the applicant wants the information (Art. 29, 40)."""

    PAPER = "paper", _("Paper")  # 纸质
    EMAIL = "email", _("Email")  # 电子邮件
    DISC = "disc", _("Optical disc")  # 光盘
    USB = "usb", _("USB drive")  # 移动存储介质
    OTHER = "other", pgettext_lazy("provision form", "Other")  # 其他


class DeliveryMethod(models.TextChoices):
    """How the applicant receives it (Art. 29)."""

    POST = "post", _("By post")  # 邮寄
    EMAIL = "email", _("By email")  # 电子邮件
    PICK_UP = "pick_up", _("Collect in person")  # 自行领取


class ReplyType(models.TextChoices):
    """Article 36-39 reply types: rows 三(一)-(六) of the annual report, in order."""

    DISCLOSED = "disclosed", _("Disclosed")  # (一)予以公开
    PARTIALLY_DISCLOSED = (
        "partially_disclosed",
        _("Partially disclosed"),
    )  # (二)部分公开 (Art. 37)
    NOT_DISCLOSED = "not_disclosed", _("Not disclosed")  # (三)不予公开
    UNABLE_TO_PROVIDE = "unable_to_provide", _("Unable to provide")  # (四)无法提供
    NOT_PROCESSED = "not_processed", _("Not processed")  # (五)不予处理
    OTHER = "other", _("Other handling")  # (六)其他处理


class ReplyReason(models.TextChoices):
    """The sub-reasons of the annual report's rows, in template order.

    ``REPLY_REASONS`` maps each :class:`ReplyType` to its reasons; a reply of a
    type that has reasons must give one of them.
    """

    # (三)不予公开 — Art. 14-16, 36(七)
    STATE_SECRET = "state_secret", _("State secret")  # 1.属于国家秘密
    PROHIBITED_BY_LAW = (
        "prohibited_by_law",
        _("Prohibited by other laws and administrative regulations"),
    )  # 2.其他法律行政法规禁止公开
    SECURITY_STABILITY = (
        "security_stability",
        _("Endangers the three securities and one stability"),
    )  # 3.危及"三安全一稳定"
    THIRD_PARTY_RIGHTS = (
        "third_party_rights",
        _("Protection of third parties' lawful rights"),
    )  # 4.保护第三方合法权益
    INTERNAL_AFFAIRS = (
        "internal_affairs",
        _("Internal affairs information of the three kinds"),
    )  # 5.属于三类内部事务信息
    PROCESS_INFORMATION = (
        "process_information",
        _("Process information of the four kinds"),
    )  # 6.属于四类过程性信息
    ENFORCEMENT_FILES = (
        "enforcement_files",
        _("Administrative law-enforcement case files"),
    )  # 7.属于行政执法案卷
    ADMINISTRATIVE_ENQUIRY = (
        "administrative_enquiry",
        _("Administrative enquiry matters"),
    )  # 8.属于行政查询事项
    # (四)无法提供 — Art. 36(四)(五), 38, 30
    NOT_HELD = (
        "not_held",
        _("This agency does not hold the information"),
    )  # 1.本机关不掌握相关政府信息
    NEEDS_CREATION = (
        "needs_creation",
        _("No existing information; it would have to be created"),
    )  # 2.没有现成信息需要另行制作
    STILL_UNCLEAR = (
        "still_unclear",
        _("Still unclear after supplement"),
    )  # 3.补正后申请内容仍不明确
    # (五)不予处理 — Art. 35, 36(六), 39
    PETITION = "petition", _("Petition, report or complaint")  # 1.信访举报投诉类申请
    REPEATED = "repeated", _("Repeated application")  # 2.重复申请
    PUBLICATION = (
        "publication",
        _("Request for public publications"),
    )  # 3.要求提供公开出版物
    EXCESSIVE = (
        "excessive",
        _("Large numbers of repeated applications without good reason"),
    )  # 4.无正当理由大量反复申请
    CONFIRMATION = (
        "confirmation",
        _("Request to confirm or reissue information already obtained"),
    )  # 5.要求行政机关确认或重新出具已获取信息
    # (六)其他处理 — Art. 30, 42
    SUPPLEMENT_LAPSED = (
        "supplement_lapsed",
        _("No supplement within the period without good reason"),
    )  # 1.申请人无正当理由逾期不补正
    FEE_UNPAID = (
        "fee_unpaid",
        _("Fee not paid within the period"),
    )  # 2.申请人逾期未按收费通知要求缴纳费用
    OTHER = "other", pgettext_lazy("reply reason", "Other")  # 3.其他


REPLY_REASONS = {
    ReplyType.DISCLOSED: (),
    ReplyType.PARTIALLY_DISCLOSED: (),
    ReplyType.NOT_DISCLOSED: (
        ReplyReason.STATE_SECRET,
        ReplyReason.PROHIBITED_BY_LAW,
        ReplyReason.SECURITY_STABILITY,
        ReplyReason.THIRD_PARTY_RIGHTS,
        ReplyReason.INTERNAL_AFFAIRS,
        ReplyReason.PROCESS_INFORMATION,
        ReplyReason.ENFORCEMENT_FILES,
        ReplyReason.ADMINISTRATIVE_ENQUIRY,
    ),
    ReplyType.UNABLE_TO_PROVIDE: (
        ReplyReason.NOT_HELD,
        ReplyReason.NEEDS_CREATION,
        ReplyReason.STILL_UNCLEAR,
    ),
    ReplyType.NOT_PROCESSED: (
        ReplyReason.PETITION,
        ReplyReason.REPEATED,
        ReplyReason.PUBLICATION,
        ReplyReason.EXCESSIVE,
        ReplyReason.CONFIRMATION,
    ),
    ReplyType.OTHER: (
        ReplyReason.SUPPLEMENT_LAPSED,
        ReplyReason.FEE_UNPAID,
        ReplyReason.OTHER,
    ),
}

# The 不予公开 reasons double as the non-disclosure grounds of the negative list.
NonDisclosureGround = ReplyReason
NON_DISCLOSURE_GROUNDS = REPLY_REASONS[ReplyType.NOT_DISCLOSED]

# The article each reason rests on, as cited in reply letters and the negative list.
REASON_ARTICLES = {
    ReplyReason.STATE_SECRET: _("Article 14"),
    ReplyReason.PROHIBITED_BY_LAW: _("Article 14"),
    ReplyReason.SECURITY_STABILITY: _("Article 14"),
    ReplyReason.THIRD_PARTY_RIGHTS: _("Article 15"),
    ReplyReason.INTERNAL_AFFAIRS: _("Article 16, paragraph 1"),
    ReplyReason.PROCESS_INFORMATION: _("Article 16, paragraph 2"),
    ReplyReason.ENFORCEMENT_FILES: _("Article 16, paragraph 2"),
    ReplyReason.ADMINISTRATIVE_ENQUIRY: _("Article 36, item 7"),
    ReplyReason.NOT_HELD: _("Article 36, items 4 and 5"),
    ReplyReason.NEEDS_CREATION: _("Article 38"),
    ReplyReason.STILL_UNCLEAR: _("Article 30"),
    ReplyReason.PETITION: _("Article 39, paragraph 1"),
    ReplyReason.REPEATED: _("Article 36, item 6"),
    ReplyReason.PUBLICATION: _("Article 39, paragraph 2"),
    ReplyReason.EXCESSIVE: _("Article 35"),
    ReplyReason.CONFIRMATION: _("Article 39, paragraph 2"),
    ReplyReason.SUPPLEMENT_LAPSED: _("Article 30"),
    ReplyReason.FEE_UNPAID: _("Article 42"),
    ReplyReason.OTHER: "",
}


def reasons_for(reply_type):
    """The sub-reasons a reply of ``reply_type`` must choose from (may be empty)."""
    return REPLY_REASONS[ReplyType(reply_type)]


def reply_type_of(reason):
    """The :class:`ReplyType` a sub-reason belongs to."""
    for reply_type, reasons in REPLY_REASONS.items():
        if reason in reasons:
            return reply_type
    raise ValueError(f"{reason!r} is not a reply reason")


class NegativeListStatus(models.TextChoices):
    """Where an entry of the negative list (政务公开负面清单) stands.

    Reviews (Art. 18; a yearly self-check in practice) move entries toward
    disclosure: 不予公开 → 依申请公开 → 主动公开, or off the list altogether.
    """

    LISTED = "listed", _("Listed")  # 在列
    ON_REQUEST = (
        "on_request",
        _("Moved to disclosure on request"),
    )  # 调整为依申请公开
    PROACTIVE = (
        "proactive",
        _("Moved to proactive disclosure"),
    )  # 调整为主动公开
    REMOVED = "removed", _("Removed from the list")  # 移出


class ReviewOutcome(models.TextChoices):
    """Columns of annual report table 四 (行政复议 / 行政诉讼 results)."""

    UPHELD = "upheld", _("Upheld")  # 结果维持
    CORRECTED = "corrected", _("Corrected")  # 结果纠正
    OTHER = "other", pgettext_lazy("review outcome", "Other result")  # 其他结果
    PENDING = "pending", _("Not yet concluded")  # 尚未审结


class ReviewProceeding(models.TextChoices):
    """Row groups of annual report table 四."""

    RECONSIDERATION = "reconsideration", _("Administrative reconsideration")  # 行政复议
    LITIGATION_DIRECT = (
        "litigation_direct",
        _("Administrative litigation without prior reconsideration"),
    )  # 行政诉讼(未经复议直接起诉)
    LITIGATION_AFTER = (
        "litigation_after",
        _("Administrative litigation after reconsideration"),
    )  # 行政诉讼(复议后起诉)


class ColumnType(models.TextChoices):
    """The ColumnType meta tag values of 国办发〔2017〕47号 for the 政务公开 columns."""

    GUIDE = "guide", "信息公开指南"
    DIRECTORY = "directory", "信息公开目录"
    ANNUAL_REPORT = "annual_report", "信息公开年报"
    APPLICATION = "application", "依法申请公开"
    INTERPRETATION = "interpretation", "政策解读"
    CONSULTATION = "consultation", "咨询投诉"
    SURVEY = "survey", "征集调查"
    INTERVIEW = "interview", "在线访谈"


class GovOpenSection(models.TextChoices):
    """The columns of the 政府信息公开 landing page (DOMAIN.md §1), in display order."""

    GUIDE = "guide", _("Disclosure guide")  # 政府信息公开指南
    RULES = "rules", _("Disclosure rules")  # 政府信息公开制度
    PROACTIVE = "proactive", _("Statutory proactive disclosure")  # 法定主动公开内容
    ANNUAL_REPORT = "annual_report", _("Annual reports")  # 政府信息公开年报
    APPLICATION = "application", _("Disclosure on request")  # 依申请公开
    INTERPRETATION = "interpretation", _("Policy interpretation")  # 政策解读
    INTERACTION = "interaction", _("Citizen interaction")  # 政民互动
    OTHER = "other", pgettext_lazy("section", "Other")  # 其他


class PolicyDocumentType(models.TextChoices):
    """Kinds of policy document that annual report table 二 counts (Art. 20(一)).

    规章 and 行政规范性文件 are the rows 本年制发 / 本年废止 / 现行有效; everything
    else a government publishes as policy is 其他政策文件.
    """

    RULES = "rules", _("Government rules")  # 规章
    NORMATIVE = "normative", _("Administrative normative document")  # 行政规范性文件
    OTHER = "other", _("Other policy document")  # 其他政策文件


class InterpretationFormat(models.TextChoices):
    """Forms of 政策解读 (谁起草、谁解读; 国办发〔2016〕80号 and local rules)."""

    TEXT = "text", _("Text interpretation")  # 文字解读
    GRAPHIC = "graphic", _("Graphic interpretation")  # 图解
    AUDIO_VIDEO = "audio_video", _("Audio and video")  # 音视频
    ANIMATION = "animation", _("Animation")  # 动漫
    EXPERT = "expert", _("Expert interpretation")  # 专家解读
    INTERVIEW = "interview", _("Online interview")  # 在线访谈
    PRESS_CONFERENCE = "press_conference", _("Press conference")  # 新闻发布会
    # Context: the search's "Questions and answers" means 政民互动.
    QA = "qa", pgettext_lazy("interpretation format", "Questions and answers")  # 问答


class SatisfactionRating(models.TextChoices):
    """How a citizen rates the reply to a question (政民互动 满意度评价).

    The reply statistics count 满意 and 基本满意 as satisfied.
    """

    SATISFIED = "satisfied", _("Satisfied")  # 满意
    FAIRLY_SATISFIED = "fairly_satisfied", _("Fairly satisfied")  # 基本满意
    DISSATISFIED = "dissatisfied", _("Dissatisfied")  # 不满意
