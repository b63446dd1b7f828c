from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from govopen.core.enums import ColumnType, GovOpenSection
from govopen.core.models import GovOpenPageMixin


class QAPage(RoutablePageMixin, GovOpenPageMixin, Page):
    """政民互动: published questions and answers, the ask form, the status lookup.

    Routes: ``ask/`` (the form), ``thanks/`` (number and 查询码 after asking),
    ``status/`` (follow a question with its number and 查询码, rate the reply),
    ``q/<number>/`` (one published question). Override :meth:`get_form_class`
    to change the ask form.
    """

    organization = models.ForeignKey(
        "govopen_core.Organization",
        verbose_name=_("office"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The office that runs this mailbox: it accepts questions, "
            "assigns them and reviews the replies."
        ),
    )
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    ask_intro = RichTextField(
        _("text above the form"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Rules of the mailbox, shown above the ask form."),
    )

    govopen_section = GovOpenSection.INTERACTION
    column_type = ColumnType.CONSULTATION

    content_panels = [
        *Page.content_panels,
        FieldPanel("organization"),
        FieldPanel("intro"),
        FieldPanel("ask_intro"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["govopen_core.GovOpenIndexPage"]
    subpage_types = []

    template = "govopen/qa/qa_page.html"

    class Meta:
        verbose_name = _("Q&A page")

    def get_form_class(self):
        """Override this to use another ask form."""
        from ..forms import AskForm

        return AskForm

    def route_url(self, name, *args, request=None):
        return self.get_url(request) + self.reverse_subpage(name, args=args)

    @path("")
    def index(self, request):
        from .. import views

        return views.question_list(request, self)

    @path("ask/")
    def ask(self, request):
        from .. import views

        return views.ask(request, self)

    @path("thanks/")
    def thanks(self, request):
        from .. import views

        return views.thanks(request, self)

    @path("status/")
    def status(self, request):
        from .. import views

        return views.status(request, self)

    @path("q/<str:number>/")
    def detail(self, request, number):
        from .. import views

        return views.detail(request, self, number)
