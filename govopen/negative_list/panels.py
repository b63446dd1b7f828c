from django.urls import reverse
from wagtail.admin.panels import Panel


def _saved_entries(request, page_id):
    """The page's entries as saved, with citation counts: one query per request."""
    from .models import NegativeListEntry

    cache = request.__dict__.setdefault("_govopen_negative_list_entries", {})
    if page_id not in cache:
        cache[page_id] = (
            NegativeListEntry.objects.filter(page_id=page_id)
            .with_citation_counts()
            .in_bulk()
        )
    return cache[page_id]


class ReviewStatePanel(Panel):
    """Shows an entry's status, review dates and citations inside the page editor.

    Read-only: the state changes through the review actions, which the panel
    links to for staff allowed to review.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "govopen/negative_list/admin/review_state_panel.html"

        def get_context_data(self, parent_context=None):
            from .models import citation_relation
            from .views import user_can_review

            context = super().get_context_data(parent_context)
            entry = None
            instance = self.instance
            if instance is not None and instance.pk is not None and self.request:
                # The editor may show a revision; the state lives in the database.
                entry = _saved_entries(self.request, instance.page_id).get(instance.pk)
            context["entry"] = entry
            context["counts_citations"] = citation_relation() is not None
            context["citations"] = entry.citation_count if entry else 0
            context["history_url"] = (
                reverse("govopen_negative_list:history", args=[entry.pk])
                if entry is not None and user_can_review(self.request.user)
                else ""
            )
            return context
