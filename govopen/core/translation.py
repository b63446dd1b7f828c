"""Translate pages, sections and snippets from code, through wagtail-localize.

What these functions make is exactly what an editor makes with the admin's
"Translate" action: a ``TranslationSource`` of the object, a ``Translation`` into
the target locale, the strings filled in by a machine translator (or left in the
source language when there is none), and the translated page or snippet saved
(and published when the source is live). Editors then review it in
wagtail-localize's translation editor, and "Sync translated pages" keeps it in
step with the source. Running them again updates what changed and nothing else::

    from govopen.core.translation import translate_tree

    result = translate_tree(home_page, "zh-hant")  # the configured translator
    print(result)  # "12 created, 0 updated, 0 unchanged, 0 skipped, 0 failed"

A translation an editor has taken over (its synchronisation disabled in the
translation editor, or a page created by hand in the target language) is never
overwritten.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

logger = logging.getLogger(__name__)

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
SKIPPED = "skipped"
FAILED = "failed"


@dataclass
class TranslationResult:
    """What a run did, as lists of the translated (target) objects."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    #: Source objects whose translation an editor manages by hand.
    skipped: list = field(default_factory=list)
    #: ``(source object, exception)`` pairs, when errors are collected.
    failed: list = field(default_factory=list)

    def __str__(self):
        return ", ".join(
            f"{len(getattr(self, name))} {name}"
            for name in ("created", "updated", "unchanged", "skipped", "failed")
        )


def _get_locale(locale):
    if isinstance(locale, Locale):
        return locale
    return Locale.objects.get_for_language(locale)


class ContentTranslator:
    """Translates objects into one locale; remembers what it has done.

    ``translator`` is a wagtail-localize machine translator instance; ``None``
    means the one in ``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``, and ``False`` none at
    all (the translation starts as a copy of the source, as the admin's
    "Translate" action makes it). ``raise_errors=False`` records an object that
    cannot be translated in ``result.failed`` and goes on with the others.
    """

    def __init__(self, target_locale, translator=None, user=None, raise_errors=True):
        self.target_locale = _get_locale(target_locale)
        if translator is None:
            translator = get_machine_translator()
        self.translator = translator or None
        self.user = user
        self.raise_errors = raise_errors
        self.result = TranslationResult()
        self._statuses = {}

    # Public API ----------------------------------------------------------
    def translate(self, instance, include_related=True):
        """Translate ``instance`` (a page or translatable snippet); return its status.

        The snippets it refers to through translatable relations (a guide's
        organisation, an organisation's parent, ...) are translated first, so
        the translation points to their translations.
        """
        if isinstance(instance, Page):
            instance = instance.specific
        key = (instance.translation_key, instance.locale_id)
        if key in self._statuses:
            return self._statuses[key]
        if instance.locale_id == self.target_locale.pk:
            self._statuses[key] = UNCHANGED
            return UNCHANGED
        # Marked before the work so that a cycle of relations ends here.
        self._statuses[key] = UNCHANGED
        if self.raise_errors:
            status, target = self._translate(instance, include_related)
        else:
            try:
                with transaction.atomic():
                    status, target = self._translate(instance, include_related)
            except Exception as err:
                logger.warning(
                    "Could not translate %r into %s",
                    instance,
                    self.target_locale,
                    exc_info=True,
                )
                self.result.failed.append((instance, err))
                self._statuses[key] = FAILED
                return FAILED
        self._statuses[key] = status
        getattr(self.result, status).append(instance if status == SKIPPED else target)
        return status

    def translate_tree(self, root_page, inclusive=True):
        """Translate ``root_page`` (unless not ``inclusive``) and every page below.

        Parents come before their children, so each translated page lands under
        its parent's translation.
        """
        pages = (
            root_page.get_descendants(inclusive=inclusive)
            .filter(locale_id=root_page.locale_id, alias_of__isnull=True)
            .order_by("path")
            .specific()
        )
        for page in pages:
            self.translate(page)
        return self.result

    def translate_objects(self, instances):
        """Translate each of ``instances`` (a queryset or any iterable)."""
        for instance in instances:
            self.translate(instance)
        return self.result

    # Steps ---------------------------------------------------------------
    def _translate(self, instance, include_related):
        # What is saved is what gets translated, not a caller's stale copy.
        instance = type(instance)._default_manager.get(pk=instance.pk)
        source, _ = TranslationSource.update_or_create_from_instance(instance)

        related_created = False
        if include_related:
            for segment in source.relatedobjectsegment_set.select_related("object"):
                related = segment.object.get_instance_or_none(source.locale)
                if related is not None:
                    related_created |= self.translate(related) == CREATED

        target = self._get_target(source)
        translation = Translation.objects.filter(
            source=source, target_locale=self.target_locale
        ).first()
        placeholder = target is None or getattr(target, "alias_of_id", None)
        if not placeholder and (translation is None or not translation.enabled):
            # Made or taken over by an editor: theirs, not ours.
            return SKIPPED, target
        if translation is None:
            translation = Translation.objects.create(
                source=source,
                target_locale=self.target_locale,
                enabled=self._synchronised(instance),
            )
        elif not translation.enabled:
            translation.enabled = self._synchronised(instance)
            translation.save(update_fields=["enabled"])

        filled = self.fill_strings(source)
        if (
            not placeholder
            and not filled
            and not related_created
            and self._up_to_date(source)
        ):
            return UNCHANGED, target

        self._save(translation, instance)
        return (CREATED if placeholder else UPDATED), self._get_target(source)

    def fill_strings(self, source):
        """Machine-translate the strings of ``source`` that have no translation yet.

        Strings an editor (or an earlier run) translated are kept. Returns how
        many translations it added.
        """
        translator = self.translator
        if translator is None or not translator.can_translate(
            source.locale, self.target_locale
        ):
            return 0
        places = defaultdict(list)
        missing = (
            StringSegment.objects.filter(source=source)
            .annotate_translation(self.target_locale, include_errors=True)
            .filter(translation__isnull=True)
            .select_related("string")
        )
        for segment in missing:
            places[segment.string.as_value()].append(
                (segment.string_id, segment.context_id)
            )
        if not places:
            return 0
        translations = translator.translate(
            source.locale, self.target_locale, list(places)
        )
        translation_type = getattr(
            translator,
            "translation_type",
            StringTranslation.TRANSLATION_TYPE_MACHINE,
        )
        added = 0
        for value, contexts in places.items():
            translated = translations.get(value)
            if translated is None or translated.data is None:
                continue
            for string_id, context_id in contexts:
                _, created = StringTranslation.objects.get_or_create(
                    translation_of_id=string_id,
                    locale=self.target_locale,
                    context_id=context_id,
                    defaults={
                        "data": translated.data,
                        "translation_type": translation_type,
                        "tool_name": str(translator.display_name)[:255],
                        "last_translated_by": self.user,
                    },
                )
                added += created
        return added

    def _get_target(self, source):
        try:
            return source.get_translated_instance(self.target_locale)
        except ObjectDoesNotExist:
            return None

    def _up_to_date(self, source):
        """True when the last save of the translation came after the source changed."""
        last = (
            TranslationLog.objects.filter(source=source, locale=self.target_locale)
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        return last is not None and last >= source.last_updated_at

    @staticmethod
    def _synchronised(instance):
        # wagtail-localize's own rule: the model's choice, else the setting.
        mode = getattr(
            instance,
            "localize_default_translation_mode",
            getattr(settings, "WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE", "synced"),
        )
        return mode == "synced"

    def _save(self, translation, instance):
        if not isinstance(instance, DraftStateMixin):
            # Only draftable objects have a draft; the others are saved as they are.
            translation.save_target(user=self.user, publish=True)
            return
        # Like wagtail-localize: a translation is live when its source is, unless
        # WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE says to leave it a draft.
        publish = instance.live and getattr(
            settings, "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE", True
        )
        # wagtail-localize publishes pages and draftable snippets after the
        # outermost transaction commits; publishing the new revision here makes
        # the translation live within the caller's transaction (and in tests).
        translation.save_target(user=self.user, publish=False)
        if publish:
            target = translation.get_target_instance()
            target.get_latest_revision().publish(user=self.user)


def translate_object(instance, target_locale, **kwargs):
    """Translate one page or snippet (and the snippets it refers to).

    ``kwargs`` are those of :class:`ContentTranslator`. Returns a
    :class:`TranslationResult`.
    """
    translator = ContentTranslator(target_locale, **kwargs)
    with transaction.atomic():
        translator.translate(instance)
    return translator.result


def translate_tree(root_page, target_locale, inclusive=True, **kwargs):
    """Translate ``root_page`` and its whole subtree, parents first.

    ``kwargs`` are those of :class:`ContentTranslator`. Returns a
    :class:`TranslationResult`.
    """
    translator = ContentTranslator(target_locale, **kwargs)
    with transaction.atomic():
        translator.translate_tree(root_page, inclusive=inclusive)
    return translator.result


def translate_objects(instances, target_locale, **kwargs):
    """Translate each page or snippet of ``instances``.

    ``kwargs`` are those of :class:`ContentTranslator`. Returns a
    :class:`TranslationResult`.
    """
    translator = ContentTranslator(target_locale, **kwargs)
    with transaction.atomic():
        translator.translate_objects(instances)
    return translator.result
