from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import DirectoryCategory, Genre, Topic


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "code", "parent", "sort_order", "active"]
    list_filter = ["active", "locale"]
    search_fields = ["name", "code"]
    ordering = ["sort_order", "code"]


class DirectoryCategoryViewSet(TaxonomyViewSet):
    model = DirectoryCategory
    icon = "folder-open-inverse"
    menu_label = _("Directory categories")


class TopicViewSet(TaxonomyViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")


class GenreViewSet(TaxonomyViewSet):
    model = Genre
    icon = "doc-full"
    menu_label = _("Genres")


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (DirectoryCategoryViewSet, TopicViewSet, GenreViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Directory")
    menu_name = "govopen-directory"
    menu_order = 240
