"""Reader display preferences: font size and contrast, kept in cookies.

They work without JavaScript: the switch links go to a view that sets the
cookie and sends the reader back, and the page chrome reads the cookie.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

FONT_COOKIE = "govopen_font"
CONTRAST_COOKIE = "govopen_contrast"

FONT_SIZES = {
    "default": _("Default"),
    "large": _("Large"),
    "xlarge": _("Extra large"),
}
CONTRASTS = {"normal": _("Normal contrast"), "high": _("High contrast")}


@dataclass(frozen=True)
class Preferences:
    font: str = "default"
    contrast: str = "normal"

    @classmethod
    def from_request(cls, request):
        if request is None:
            return cls()
        font = request.COOKIES.get(FONT_COOKIE, "default")
        contrast = request.COOKIES.get(CONTRAST_COOKIE, "normal")
        return cls(
            font=font if font in FONT_SIZES else "default",
            contrast=contrast if contrast in CONTRASTS else "normal",
        )

    @property
    def css_classes(self):
        classes = []
        if self.font != "default":
            classes.append(f"govopen-font-{self.font}")
        if self.contrast == "high":
            classes.append("govopen-contrast-high")
        return " ".join(classes)
