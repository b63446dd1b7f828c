"""The row and column labels of the annual report, as the template words them.

The template is 国办公开办函〔2021〕30号. Each label is an English msgid in the
context "annual report"; its 简体中文 translation is the template's exact text
(see ``locale/zh_Hans``), so the tables read as the template does. The order
of rows and columns comes from :mod:`govopen.core.enums` (ApplicantType,
ReplyType, REPLY_REASONS, ReviewProceeding, ReviewOutcome); this module only
names them.
"""

from django.utils.translation import pgettext_lazy

from govopen.core.enums import (
    ApplicantType,
    ReplyReason,
    ReplyType,
    ReviewOutcome,
    ReviewProceeding,
)

SECTION_TITLES = {
    1: pgettext_lazy("annual report", "1. General situation"),
    2: pgettext_lazy(
        "annual report", "2. Proactive disclosure of government information"
    ),
    3: pgettext_lazy(
        "annual report",
        "3. Applications for government information received and handled",
    ),
    4: pgettext_lazy(
        "annual report",
        "4. Administrative reconsideration and litigation concerning "
        "government information disclosure",
    ),
    5: pgettext_lazy("annual report", "5. Main problems and improvements"),
    6: pgettext_lazy("annual report", "6. Other matters to report"),
}

# Table 二 -------------------------------------------------------------------
ARTICLE_20_1 = pgettext_lazy("annual report", "Article 20, item (1)")
ARTICLE_20_5 = pgettext_lazy("annual report", "Article 20, item (5)")
ARTICLE_20_6 = pgettext_lazy("annual report", "Article 20, item (6)")
ARTICLE_20_8 = pgettext_lazy("annual report", "Article 20, item (8)")
INFORMATION = pgettext_lazy("annual report", "Information")
ISSUED = pgettext_lazy("annual report", "Issued this year")
REPEALED = pgettext_lazy("annual report", "Repealed this year")
IN_FORCE = pgettext_lazy("annual report", "Currently in force")
DECISIONS = pgettext_lazy("annual report", "Decisions this year")
FEE_AMOUNT = pgettext_lazy("annual report", "Amount charged this year (10,000 yuan)")
RULES = pgettext_lazy("annual report", "Rules")
NORMATIVE = pgettext_lazy("annual report", "Administrative normative documents")
LICENSING = pgettext_lazy("annual report", "Administrative licensing")
PENALTY = pgettext_lazy("annual report", "Administrative penalties")
ENFORCEMENT = pgettext_lazy("annual report", "Administrative enforcement")
FEES = pgettext_lazy("annual report", "Administrative and institutional fees")

# Table 三 -------------------------------------------------------------------
CHECK_RULE = pgettext_lazy(
    "annual report",
    "(In each column, item 1 plus item 2 equals item 3 plus item 4)",
)
APPLICANTS = pgettext_lazy("annual report", "Applicants")
LEGAL_PERSONS = pgettext_lazy("annual report", "Legal persons or other organisations")
TOTAL = pgettext_lazy("annual report", "Total")

APPLICANT_COLUMNS = {
    ApplicantType.NATURAL_PERSON: pgettext_lazy("annual report", "Natural persons"),
    ApplicantType.COMMERCIAL_ENTERPRISE: pgettext_lazy(
        "annual report", "Commercial enterprises"
    ),
    ApplicantType.RESEARCH_INSTITUTION: pgettext_lazy(
        "annual report", "Research institutions"
    ),
    ApplicantType.SOCIAL_WELFARE: pgettext_lazy(
        "annual report", "Social welfare organisations"
    ),
    ApplicantType.LEGAL_SERVICE: pgettext_lazy(
        "annual report", "Legal service institutions"
    ),
    ApplicantType.OTHER: pgettext_lazy("annual report", "Other"),
}

RECEIVED = pgettext_lazy("annual report", "1. New applications received this year")
CARRIED_OVER = pgettext_lazy(
    "annual report", "2. Applications carried over from the previous year"
)
RESULTS = pgettext_lazy("annual report", "3. Results this year")
RESULTS_TOTAL = pgettext_lazy("annual report", "(7) Total")
CARRIED_FORWARD = pgettext_lazy(
    "annual report", "4. Carried over to the next year for further handling"
)

REPLY_TYPE_ROWS = {
    ReplyType.DISCLOSED: pgettext_lazy("annual report", "(1) Disclosed"),
    ReplyType.PARTIALLY_DISCLOSED: pgettext_lazy(
        "annual report",
        "(2) Partially disclosed (where information was separated, count only "
        "this case and no other)",
    ),
    ReplyType.NOT_DISCLOSED: pgettext_lazy("annual report", "(3) Not disclosed"),
    ReplyType.UNABLE_TO_PROVIDE: pgettext_lazy(
        "annual report", "(4) Unable to provide"
    ),
    ReplyType.NOT_PROCESSED: pgettext_lazy("annual report", "(5) Not processed"),
    ReplyType.OTHER: pgettext_lazy("annual report", "(6) Other handling"),
}

REASON_ROWS = {
    ReplyReason.STATE_SECRET: pgettext_lazy("annual report", "1. State secret"),
    ReplyReason.PROHIBITED_BY_LAW: pgettext_lazy(
        "annual report", "2. Prohibited by other laws and administrative regulations"
    ),
    ReplyReason.SECURITY_STABILITY: pgettext_lazy(
        "annual report", "3. Endangers the “three securities and one stability”"
    ),
    ReplyReason.THIRD_PARTY_RIGHTS: pgettext_lazy(
        "annual report", "4. Protection of third parties' lawful rights and interests"
    ),
    ReplyReason.INTERNAL_AFFAIRS: pgettext_lazy(
        "annual report", "5. Internal affairs information of the three kinds"
    ),
    ReplyReason.PROCESS_INFORMATION: pgettext_lazy(
        "annual report", "6. Process information of the four kinds"
    ),
    ReplyReason.ENFORCEMENT_FILES: pgettext_lazy(
        "annual report", "7. Administrative law-enforcement case files"
    ),
    ReplyReason.ADMINISTRATIVE_ENQUIRY: pgettext_lazy(
        "annual report", "8. Administrative enquiry matters"
    ),
    ReplyReason.NOT_HELD: pgettext_lazy(
        "annual report", "1. This agency does not hold the government information"
    ),
    ReplyReason.NEEDS_CREATION: pgettext_lazy(
        "annual report", "2. No existing information; it would have to be created"
    ),
    ReplyReason.STILL_UNCLEAR: pgettext_lazy(
        "annual report", "3. The application is still unclear after supplement"
    ),
    ReplyReason.PETITION: pgettext_lazy(
        "annual report", "1. Petitions, reports and complaints"
    ),
    ReplyReason.REPEATED: pgettext_lazy("annual report", "2. Repeated applications"),
    ReplyReason.PUBLICATION: pgettext_lazy(
        "annual report", "3. Requests for public publications"
    ),
    ReplyReason.EXCESSIVE: pgettext_lazy(
        "annual report",
        "4. Large numbers of repeated applications without good reason",
    ),
    ReplyReason.CONFIRMATION: pgettext_lazy(
        "annual report",
        "5. Requests that the agency confirm or reissue information already obtained",
    ),
    ReplyReason.SUPPLEMENT_LAPSED: pgettext_lazy(
        "annual report",
        "1. The applicant did not supplement within the period without good "
        "reason, and the agency no longer processes the application",
    ),
    ReplyReason.FEE_UNPAID: pgettext_lazy(
        "annual report",
        "2. The applicant did not pay the fee within the period of the fee "
        "notice, and the agency no longer processes the application",
    ),
    ReplyReason.OTHER: pgettext_lazy("annual report", "3. Other"),
}

# Table 四 -------------------------------------------------------------------
RECONSIDERATION = pgettext_lazy("annual report", "Administrative reconsideration")
LITIGATION = pgettext_lazy("annual report", "Administrative litigation")

PROCEEDINGS = {
    ReviewProceeding.RECONSIDERATION: RECONSIDERATION,
    ReviewProceeding.LITIGATION_DIRECT: pgettext_lazy(
        "annual report", "Without prior reconsideration"
    ),
    ReviewProceeding.LITIGATION_AFTER: pgettext_lazy(
        "annual report", "After reconsideration"
    ),
}

OUTCOMES = {
    ReviewOutcome.UPHELD: pgettext_lazy("annual report", "Upheld"),
    ReviewOutcome.CORRECTED: pgettext_lazy("annual report", "Corrected"),
    ReviewOutcome.OTHER: pgettext_lazy("annual report", "Other result"),
    ReviewOutcome.PENDING: pgettext_lazy("annual report", "Not yet concluded"),
}
