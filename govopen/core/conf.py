"""Developer settings of govopen, read at the moment of use.

Every setting is named ``GOVOPEN_*`` and has a default here, so that tests can
override it with ``override_settings`` and integrators never need to restart
anything but the process. docs/configuration.md lists them all.
"""

from django.conf import settings

DEFAULTS = {
    # Where the "font size" and "contrast" preferences are kept, and for how long.
    "GOVOPEN_PREFERENCE_COOKIE_AGE": 60 * 60 * 24 * 365,
    # Hosts that are not "leaving the site": links to them skip the notice page.
    # The current request's host is always treated as internal.
    "GOVOPEN_INTERNAL_HOSTS": [],
    # Show a QR code of the current page in the page chrome.
    "GOVOPEN_SHOW_QR_CODE": True,
    # Staff of an organisation also see and handle its sub-organisations' records.
    "GOVOPEN_STAFF_SEE_SUB_ORGANIZATIONS": False,
    # How long after its listing or last review a negative-list entry is due for
    # review: {"months": n} (calendar months), {"days": n} (calendar days) or
    # {"working_days": n} (counted through govopen.core.calendar).
    "GOVOPEN_NEGATIVE_LIST_REVIEW_INTERVAL": {"months": 12},
    # Abuse protection of public forms (govopen/core/abuse.py): attempts allowed
    # per client address, as {scope: (attempts, seconds)}; None lifts a limit.
    # A site's setting is merged over these, so it need only name what changes.
    "GOVOPEN_RATE_LIMITS": {
        "default": (30, 60 * 60),
        "applications.submit": (5, 60 * 60),
        "applications.status": (20, 60 * 60),
        "qa.ask": (5, 60 * 60),
        "qa.status": (20, 60 * 60),
    },
    # Reverse proxies of the site's own in front of Django that append to
    # X-Forwarded-For; 0 trusts REMOTE_ADDR only.
    "GOVOPEN_TRUSTED_PROXY_DEPTH": 0,
    # Ask a simple arithmetic question on public forms (no images, no service).
    "GOVOPEN_CAPTCHA": False,
    # Seconds a captcha question stays answerable.
    "GOVOPEN_CAPTCHA_MAX_AGE": 60 * 60,
    # Fernet keys (cryptography) for personal data at rest: the first encrypts,
    # all decrypt. Required; see docs/personal-data.md for rotation.
    "GOVOPEN_ENCRYPTION_KEYS": [],
    # Key of the keyed hashes used to find an applicant's applications; None
    # uses SECRET_KEY. Changing it needs `govopen_rotate_keys --rehash`.
    "GOVOPEN_LOOKUP_HASH_KEY": None,
    # Public application numbers: {prefix} (the organisation's), {year}, {serial}.
    "GOVOPEN_APPLICATION_NUMBER_FORMAT": "{prefix}-{year}-{serial:05d}",
    # Uploads with an application: at most this many files of this many bytes.
    "GOVOPEN_APPLICATION_MAX_UPLOADS": 5,
    "GOVOPEN_APPLICATION_MAX_UPLOAD_SIZE": 5 * 1024 * 1024,
    # Working days an applicant is given for a supplement (补正) by default.
    "GOVOPEN_SUPPLEMENT_PERIOD_DAYS": 15,
    # Working days to pay a fee notice (国办函〔2020〕109号 Art. 6).
    "GOVOPEN_FEE_PAYMENT_DAYS": 20,
    # Email applicants at each public milestone of their application.
    "GOVOPEN_APPLICATION_NOTIFICATIONS": True,
    # Handlers are reminded of applications due within this many working days.
    "GOVOPEN_REMINDER_DAYS": 5,
    # 索引号 of disclosure items: a str.format pattern with {org_code}, {year},
    # {month}, {day}, {category_code}, {topic_code}, {genre_code} and {serial}
    # (per organisation and year). See docs/directory.md.
    "GOVOPEN_INDEX_NUMBER_FORMAT": "{org_code}/{year}-{serial:05d}",
    # Dotted path of a callable(item) -> str that numbers items.
    "GOVOPEN_INDEX_NUMBER_GENERATOR": (
        "govopen.directory.index_numbers.default_generator"
    ),
    # Items per page of a directory listing.
    "GOVOPEN_DIRECTORY_PAGE_SIZE": 20,
    # At most this many rows in a CSV or XLSX export of a directory.
    "GOVOPEN_DIRECTORY_EXPORT_MAX_ROWS": 10000,
    # Entries in a directory's Atom feeds.
    "GOVOPEN_DIRECTORY_FEED_ITEMS": 50,
    # Policy document types (govopen.core.enums.PolicyDocumentType values) that
    # must be published with an interpretation (谁起草、谁解读).
    "GOVOPEN_INTERPRETATION_REQUIRED_TYPES": ["rules", "normative"],
    # Working days after a policy's publication by which its interpretation
    # must be live (the publication day is not counted).
    "GOVOPEN_INTERPRETATION_DEADLINE_DAYS": 3,
    # Policies published before this date (a datetime.date or "YYYY-MM-DD")
    # are left out of the interpretation compliance report; None checks all.
    "GOVOPEN_INTERPRETATION_REQUIRED_SINCE": None,
    # Policy documents and interpretations per page of their list pages.
    "GOVOPEN_POLICY_PAGE_SIZE": 20,
    # Citizen Q&A (govopen.qa): working days from 受理 to the reply.
    "GOVOPEN_QA_REPLY_DAYS": 5,
    # Working days after the reply in which the asker may rate it.
    "GOVOPEN_QA_RATING_DAYS": 10,
    # What a reply counts as in the statistics when no rating came in time:
    # None (not counted) or a govopen.core.enums.SatisfactionRating value.
    "GOVOPEN_QA_DEFAULT_RATING": None,
    # Replies are reviewed (审核) by the office before they go to the asker;
    # False sends a department's reply at once.
    "GOVOPEN_QA_REVIEW": True,
    # Published questions per page of the Q&A page.
    "GOVOPEN_QA_PAGE_SIZE": 20,
}


def get_setting(name):
    """Return the setting ``name``, or its govopen default."""
    if name not in DEFAULTS:
        raise KeyError(f"{name} is not a govopen setting")
    return getattr(settings, name, DEFAULTS[name])
