"""What every public list page of govopen does with its GET parameters.

A list page (the directory, the policy and interpretation lists, ...) reads
plain GET parameters through a form. A bad parameter never raises: it is
dropped and explained in ``notices``, and a page number out of range shows the
nearest page with a notice, never an error page. Subclasses give the form, the
queryset and the labels of filter values.
"""

from functools import cached_property
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

__all__ = ["PublicListing"]


class PublicListing:
    """Filters, pagination and links of one list page request.

    Subclasses set ``parameters`` (the GET names kept in links), build
    ``self.form`` before calling :meth:`clean_filters`, and provide
    ``queryset``; override :meth:`value_label` to show a filter's value.
    """

    parameters = ()
    page_size = 20

    def __init__(self, page, params):
        self.list_page = page
        self.params = params
        self.notices = []

    @cached_property
    def active_locale_id(self):
        try:
            return Locale.get_active().pk
        except Locale.DoesNotExist:
            return self.list_page.locale_id

    # Parameters -----------------------------------------------------------
    def clean_filters(self):
        """The valid filters of ``self.form``; each invalid one becomes a notice."""
        form = self.form
        form.is_valid()
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else name
            self.notices.append(
                _("The filter “%(label)s” was ignored: %(error)s")
                % {"label": label, "error": " ".join(errors)}
            )
        return {
            name: value
            for name, value in form.cleaned_data.items()
            if value not in (None, "")
        }

    @property
    def is_filtered(self):
        return bool(self.filters)

    def value_label(self, name, value):
        """How the value of filter ``name`` reads in the list of active filters."""
        return value

    def active_filters(self):
        """(label, value label, link without it) for each filter in use."""
        return [
            (
                self.form.fields[name].label,
                self.value_label(name, self.filters[name]),
                self.querystring(**{name: None}),
            )
            for name in self.parameters
            if name in self.filters and name in self.form.fields
        ]

    # Pagination -----------------------------------------------------------
    @cached_property
    def page(self):
        paginator = Paginator(self.queryset, self.page_size)
        number = self.params.get("page", "1")
        try:
            return paginator.page(number)
        except PageNotAnInteger:
            self.notices.append(
                _("The page number was not understood; showing page 1.")
            )
            return paginator.page(1)
        except EmptyPage:
            last = paginator.num_pages
            if str(number).strip().lstrip("-").isdigit() and int(number) > last:
                self.notices.append(
                    _("There is no page %(number)s; showing the last page.")
                    % {"number": number}
                )
                return paginator.page(last)
            self.notices.append(
                _("The page number was not understood; showing page 1.")
            )
            return paginator.page(1)

    # Links ----------------------------------------------------------------
    def querystring(self, **changes):
        """The current filters as ``?a=b``, with ``changes`` applied (None drops)."""
        values = {
            name: value
            for name, value in self.form.data.items()
            if name in self.parameters and name in self.filters and value
        }
        for name, value in changes.items():
            if value is None:
                values.pop(name, None)
            else:
                values[name] = value
        return f"?{urlencode(values)}" if values else ""

    def page_link(self, number):
        return self.querystring(page=number)

    @property
    def previous_link(self):
        page = self.page
        return (
            self.page_link(page.previous_page_number()) if page.has_previous() else ""
        )

    @property
    def next_link(self):
        page = self.page
        return self.page_link(page.next_page_number()) if page.has_next() else ""

    def page_links(self, window=2):
        """Page numbers around the current one, with ``None`` for gaps."""
        page = self.page
        last = page.paginator.num_pages
        numbers = {1, last, *range(page.number - window, page.number + window + 1)}
        numbers = sorted(n for n in numbers if 1 <= n <= last)
        links = []
        previous = 0
        for number in numbers:
            if number - previous > 1:
                links.append(None)
            links.append((number, self.page_link(number)))
            previous = number
        return links
