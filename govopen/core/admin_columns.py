"""Columns of admin listings shared by the feature apps."""

from wagtail.admin.ui.tables import Column

from .calendar import get_calendar

__all__ = ["DueDateColumn"]


class DueDateColumn(Column):
    """A due date with the working days left; overdue ones stand out.

    The record must have ``working_days_left(calendar=...)``; the cell template
    gets it as ``context_object_name`` with ``days_left`` and ``overdue_days``.
    A listing may put one calendar in its context as ``govopen_calendar`` so
    that its rows share the calendar's cache.
    """

    context_object_name = "record"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        calendar = parent_context.get("govopen_calendar") or get_calendar()
        days_left = instance.working_days_left(calendar=calendar)
        context[self.context_object_name] = instance
        context["days_left"] = days_left
        context["overdue_days"] = -days_left if (days_left or 0) < 0 else 0
        return context
