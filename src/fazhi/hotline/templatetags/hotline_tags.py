"""Template tags of the hotline's pages."""

from django import template

from .. import queries

register = template.Library()


@register.simple_tag(takes_context=True)
def hotline_office_staff(context) -> bool:
    """Whether the signed-in user works in a 12345 office — the very rule the office's own
    pages (受理工单, 会商, 知识库) check before they open (``queries.offices``), so the
    navigation offers them only to those they will not refuse."""
    request = context.get("request")
    return bool(request and queries.offices(request.user))
