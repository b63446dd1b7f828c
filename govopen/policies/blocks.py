"""StreamField blocks of an interpretation's body.

Rich text, images that always carry a text alternative (a 图解 is read aloud
to blind readers from it), video or audio (a Wagtail document, or an embed
from the government's own video platform) with an optional transcript, and
question-and-answer pairs.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# Files a browser plays with <video> or <audio>, without plug-ins.
VIDEO_EXTENSIONS = ("mp4", "webm", "ogv", "m4v")
AUDIO_EXTENSIONS = ("mp3", "m4a", "oga", "ogg", "wav", "aac")

RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "hr",
    "link",
    "document-link",
]


class ImageWithAltBlock(blocks.StructBlock):
    """An image with required alternative text and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=1000,
        help_text=_(
            "Say what the image shows for readers who cannot see it; for a "
            "graphic interpretation, its main points."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "govopen/policies/blocks/image.html"

    def clean(self, value):
        result = super().clean(value)
        image = result.get("image")
        alt = (result.get("alt") or "").strip()
        if image is not None and alt and alt.lower() in _file_names(image):
            raise StructBlockValidationError(
                block_errors={
                    "alt": ValidationError(
                        _("Describe the image; its file name is not a description.")
                    )
                }
            )
        return result


def _file_names(image):
    name = (image.file.name or "").rsplit("/", 1)[-1].lower()
    stem = name.rsplit(".", 1)[0]
    return {name, stem, (image.title or "").strip().lower()} - {""}


class VideoBlock(blocks.StructBlock):
    """A video or audio file from the document library, or an embedded video."""

    title = blocks.CharBlock(label=_("Title"), max_length=255, required=False)
    file = DocumentChooserBlock(
        label=_("Video or audio file"),
        required=False,
        help_text=_("MP4 or WebM video, or MP3 or M4A audio."),
    )
    embed = EmbedBlock(
        label=_("Embedded video"),
        required=False,
        help_text=_(
            "Address of the video on a video platform. Prefer a file: many "
            "government networks cannot reach outside platforms."
        ),
    )
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("What is said, for readers who cannot hear or play the video."),
    )

    class Meta:
        icon = "media"
        label = _("Video or audio")
        template = "govopen/policies/blocks/video.html"

    def clean(self, value):
        result = super().clean(value)
        document = result.get("file")
        embed = result.get("embed")
        if document is None and not embed:
            raise StructBlockValidationError(
                non_block_errors=ErrorList(
                    [_("Choose a video or audio file, or give a video address.")]
                )
            )
        if document is not None and embed:
            raise StructBlockValidationError(
                non_block_errors=ErrorList(
                    [_("Choose either a file or a video address, not both.")]
                )
            )
        if document is not None and media_kind(document) is None:
            raise StructBlockValidationError(
                block_errors={
                    "file": ValidationError(
                        _("Choose a file browsers can play: %(extensions)s.")
                        % {
                            "extensions": ", ".join(
                                (*VIDEO_EXTENSIONS, *AUDIO_EXTENSIONS)
                            )
                        }
                    )
                }
            )
        return result

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        document = value.get("file")
        context["media_kind"] = media_kind(document) if document else None
        return context


def media_kind(document):
    """``"video"``, ``"audio"`` or ``None`` for a Wagtail document."""
    extension = (document.file_extension or "").lower()
    if extension in VIDEO_EXTENSIONS:
        return "video"
    if extension in AUDIO_EXTENSIONS:
        return "audio"
    return None


class QuestionAnswerBlock(blocks.StructBlock):
    """One question (问) and its answer (答)."""

    question = blocks.TextBlock(label=_("Question"), max_length=500)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "govopen/policies/blocks/qa.html"


class InterpretationBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        template="govopen/policies/blocks/paragraph.html",
    )
    image = ImageWithAltBlock()
    video = VideoBlock()
    qa = QuestionAnswerBlock()
