"""``{% load masking %}{% pii obj "field" %}``: an ID number or phone number as the signed-in
user may see it (``fazhi.core.masking``: full for the roles that need it over the record,
masked for everyone else, anonymous visitors included)."""

from django import template

from .. import masking

register = template.Library()


@register.simple_tag(takes_context=True)
def pii(context, obj, field: str) -> str:
    request = context.get("request")
    user = getattr(request, "user", None) if request is not None else context.get("user")
    return masking.shown(user, obj, field)
