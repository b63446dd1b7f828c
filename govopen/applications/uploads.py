"""What an uploaded file really is, judged from its first bytes.

The name and the browser's content type are the uploader's claims; the
signature at the start of the content is not. Only the formats people send
with applications are recognised.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from govopen.core.conf import get_setting

__all__ = [
    "APPLICANT_TYPES",
    "STAFF_TYPES",
    "MultipleFileField",
    "detect_type",
    "validate_upload",
]

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
ZIP = "application/zip"  # docx, xlsx, ofd and zip archives
OLE = "application/x-ole-storage"  # doc, xls

_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"PK\x03\x04", ZIP),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
)

APPLICANT_TYPES = {PDF: "PDF", JPEG: "JPG", PNG: "PNG"}
STAFF_TYPES = {**APPLICANT_TYPES, ZIP: "DOCX/XLSX/OFD/ZIP", OLE: "DOC/XLS"}


def detect_type(head):
    """The content type whose signature ``head`` starts with, or None."""
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def validate_upload(upload, allowed=None, max_size=None):
    """Check size and content; tag ``upload.govopen_content_type``."""
    allowed = APPLICANT_TYPES if allowed is None else allowed
    if max_size is None:
        max_size = get_setting("GOVOPEN_APPLICATION_MAX_UPLOAD_SIZE")
    name = getattr(upload, "name", "") or ""
    if upload.size > max_size:
        raise ValidationError(
            _("“%(name)s” is %(size)s; files may be at most %(max)s.")
            % {
                "name": name,
                "size": filesizeformat(upload.size),
                "max": filesizeformat(max_size),
            },
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(
            _("“%(name)s” is empty.") % {"name": name}, code="file_empty"
        )
    upload.seek(0)
    content_type = detect_type(upload.read(16))
    upload.seek(0)
    if content_type not in allowed:
        raise ValidationError(
            _("“%(name)s” is not a %(types)s file. Please send %(types)s only.")
            % {"name": name, "types": _(" or ").join(allowed.values())},
            code="file_type",
        )
    upload.govopen_content_type = content_type
    return upload


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name, each checked by :func:`validate_upload`."""

    widget = MultipleFileInput

    def __init__(self, *args, max_files=None, allowed_types=None, **kwargs):
        self.max_files = max_files
        self.allowed_types = allowed_types
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            files = [item for item in data if item]
        else:
            files = [data] if data else []
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        max_files = self.max_files or get_setting("GOVOPEN_APPLICATION_MAX_UPLOADS")
        if len(files) > max_files:
            raise ValidationError(
                _("Send at most %(max)s files.") % {"max": max_files},
                code="too_many_files",
            )
        errors = []
        cleaned = []
        for item in files:
            try:
                cleaned.append(
                    validate_upload(super().clean(item, initial), self.allowed_types)
                )
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return cleaned
