"""Machine translators govopen ships for wagtail-localize.

:class:`OpenCCTranslator` turns 简体中文 into 繁體中文 with OpenCC, so an editor
produces the Traditional Chinese version of a page (or, through
:func:`govopen.core.translation.translate_tree`, of a whole section) in one click
and only reviews it. Configure it in the project's settings::

    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "govopen.core.machine_translation.OpenCCTranslator",
        "OPTIONS": {"PROFILE": "s2t"},
    }

Options:

``PROFILE``
    The OpenCC conversion, one of :data:`PROFILES`; default ``"s2t"``.
``PROFILES``
    Per target language code, a profile that overrides ``PROFILE``, for a site
    that serves several Traditional locales: ``{"zh-hk": "s2hk", "zh-tw": "s2twp"}``.
``FALLBACK``
    Another translator's configuration (``{"CLASS": ..., "OPTIONS": ...}``), used
    for every language pair OpenCC cannot translate, e.g. DeepL for English.

:class:`DictionaryTranslator` applies translations a person wrote, given as a
mapping; the demo content uses it for its English pages.
"""

import functools
import re

import opencc
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue, extract_strings

#: The OpenCC conversions from Simplified to Traditional Chinese.
PROFILES = {
    # Characters only, with OpenCC's phrase tables choosing between characters
    # (发 → 發 / 髮); the words stay mainland ones (信息, 软件 → 軟件).
    "s2t": _("Traditional characters"),
    # Taiwan standard glyphs (為, 著, 裡), still without changing words.
    "s2tw": _("Traditional characters, Taiwan glyphs"),
    # Taiwan glyphs and Taiwan vocabulary (信息 → 資訊, 软件 → 軟體).
    "s2twp": _("Traditional characters, Taiwan phrases"),
    # Hong Kong standard glyphs (着, 裏, 説).
    "s2hk": _("Traditional characters, Hong Kong glyphs"),
}

#: Character-only conversion is the default because a county publishes official
#: text: s2twp rewrites words, and with them the titles of laws
#: (《中华人民共和国政府信息公开条例》 → 《…政府資訊公開條例》) and terms of art
#: (发布机构 → 釋出機構) that must stay as enacted. Readers in Hong Kong, Macao and
#: abroad read mainland vocabulary in Traditional characters without difficulty.
DEFAULT_PROFILE = "s2t"

SIMPLIFIED = "hans"
TRADITIONAL = "hant"

# Regions whose Chinese is written in one script when the code names no script.
_REGION_SCRIPTS = {
    "cn": SIMPLIFIED,
    "sg": SIMPLIFIED,
    "my": SIMPLIFIED,
    "tw": TRADITIONAL,
    "hk": TRADITIONAL,
    "mo": TRADITIONAL,
}

# Markup that must pass through untouched: comments, tags with their attributes
# (quoted values may hold ">") and character references.
_MARKUP_RE = re.compile(
    r"""(<!--.*?-->|<(?:[^>"']|"[^"]*"|'[^']*')*>|&(?:\#\d+|\#x[0-9a-f]+|[a-z][a-z0-9]*);)""",
    re.IGNORECASE | re.DOTALL,
)


def chinese_script(language_code):
    """``"hans"``, ``"hant"`` or None for a language code such as ``zh-Hant-HK``.

    A bare ``zh`` counts as Simplified, the script of the mainland sites that use it.
    """
    parts = language_code.lower().replace("_", "-").split("-")
    if parts[0] != "zh":
        return None
    for script in (SIMPLIFIED, TRADITIONAL):
        if script in parts[1:]:
            return script
    for part in parts[1:]:
        if part in _REGION_SCRIPTS:
            return _REGION_SCRIPTS[part]
    return SIMPLIFIED if len(parts) == 1 else None


@functools.cache
def get_converter(profile):
    """The OpenCC converter of ``profile``, loaded once per process."""
    if profile not in PROFILES:
        raise ValueError(f"Unknown OpenCC profile {profile!r}")
    return opencc.OpenCC(f"{profile}.json")


def convert_text(text, profile=DEFAULT_PROFILE):
    """``text`` (plain text) converted to Traditional Chinese."""
    return get_converter(profile).convert(text) if text else text


def convert_html(html, profile=DEFAULT_PROFILE):
    """``html`` converted to Traditional Chinese, tags and attributes untouched.

    Only the text between tags is converted, so element names, ``id`` and ``href``
    attributes and entities come back byte for byte.
    """
    if not html:
        return html
    converter = get_converter(profile)
    pieces = _MARKUP_RE.split(html)
    # re.split with one group: even indices are text, odd ones the markup.
    return "".join(
        converter.convert(piece) if index % 2 == 0 and piece else piece
        for index, piece in enumerate(pieces)
    )


def _translator_from_config(config, setting):
    try:
        cls = import_string(config["CLASS"])
    except (KeyError, TypeError, ImportError) as err:
        raise ImproperlyConfigured(
            f"{setting} must be a dict with a 'CLASS' naming a machine translator."
        ) from err
    return cls(config.get("OPTIONS", {}))


class OpenCCTranslator(BaseMachineTranslator):
    """Simplified → Traditional Chinese with OpenCC, offline and deterministic.

    Translates only from a Simplified Chinese locale (``zh-hans``, ``zh-cn``, ...)
    to a Traditional one (``zh-hant``, ``zh-tw``, ``zh-hk``, ``zh-mo``); any other
    pair goes to the ``FALLBACK`` translator when one is configured.
    """

    setting_name = "WAGTAILLOCALIZE_MACHINE_TRANSLATOR['OPTIONS']"

    def __init__(self, options):
        super().__init__(options)
        self.profile = options.get("PROFILE", DEFAULT_PROFILE)
        self.profiles = {
            code.lower(): profile
            for code, profile in (options.get("PROFILES") or {}).items()
        }
        for name, profile in [("PROFILE", self.profile), *self.profiles.items()]:
            if profile not in PROFILES:
                raise ImproperlyConfigured(
                    f"{self.setting_name}: {profile!r} ({name}) is not an OpenCC "
                    f"profile govopen supports; use one of {', '.join(PROFILES)}."
                )
        fallback = options.get("FALLBACK")
        self.fallback = (
            _translator_from_config(fallback, f"{self.setting_name}['FALLBACK']")
            if fallback
            else None
        )

    @property
    def display_name(self):
        # The editor's button reads "Translate with <display_name>", and the
        # translated strings record it as the tool that made them.
        name = f"OpenCC ({PROFILES[self.profile]})"
        if self.fallback is not None:
            return f"{name} / {self.fallback.display_name}"
        return name

    def get_profile(self, target_locale):
        """The profile for ``target_locale``; override this to choose it otherwise."""
        return self.profiles.get(target_locale.language_code.lower(), self.profile)

    def converts(self, source_locale, target_locale):
        """True when OpenCC itself handles the pair (Simplified → Traditional)."""
        return (
            chinese_script(source_locale.language_code) == SIMPLIFIED
            and chinese_script(target_locale.language_code) == TRADITIONAL
        )

    def can_translate(self, source_locale, target_locale):
        if self.converts(source_locale, target_locale):
            return True
        return self.fallback is not None and self.fallback.can_translate(
            source_locale, target_locale
        )

    def translate(self, source_locale, target_locale, strings):
        """A dict from each StringValue to its Traditional Chinese StringValue."""
        if not self.converts(source_locale, target_locale):
            if self.fallback is not None:
                return self.fallback.translate(source_locale, target_locale, strings)
            raise ValueError(
                f"OpenCC cannot translate {source_locale.language_code} "
                f"into {target_locale.language_code}"
            )
        profile = self.get_profile(target_locale)
        return {
            string: StringValue(convert_html(string.data, profile))
            for string in strings
        }


class DictionaryTranslator(BaseMachineTranslator):
    """Translations a person wrote, looked up by their source text.

    ``OPTIONS`` is ``{"STRINGS": {source: translation}}``. A key is either the
    plain text of a field (a title, a name) or a rich-text block as
    wagtail-localize segments it, with inline tags only (see :func:`pair_html`).
    Strings it does not know are left untranslated, so the translation shows
    the source text until an editor translates them.
    """

    display_name = _("Written translation")
    #: Recorded on the StringTranslations it creates: a person wrote them.
    translation_type = "manual"

    def __init__(self, options):
        super().__init__(options)
        self.strings = dict(options.get("STRINGS") or {})

    def can_translate(self, source_locale, target_locale):
        return source_locale.pk != target_locale.pk

    def translate(self, source_locale, target_locale, strings):
        translations = {}
        for string in strings:
            if string.data in self.strings:
                translations[string] = StringValue(self.strings[string.data])
            elif (text := string.render_text()) in self.strings:
                translations[string] = StringValue.from_plaintext(self.strings[text])
        return translations


def pair_html(source_html, translated_html):
    """Map each translatable string of ``source_html`` to that of its translation.

    Both rich texts must have the same block structure (the same paragraphs,
    headings and list items in the same order); wagtail-localize translates
    rich text block by block, so that is what a translation has to match.
    """
    _template, source = extract_strings(source_html)
    _template, translated = extract_strings(translated_html)
    if len(source) != len(translated):
        raise ValueError(
            f"The translation has {len(translated)} text blocks, "
            f"the source {len(source)}."
        )
    return {
        string.data: translation.data
        for (string, _attrs), (translation, _attrs2) in zip(
            source, translated, strict=True
        )
    }
