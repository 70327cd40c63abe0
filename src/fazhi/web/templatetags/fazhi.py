from django import template

from fazhi.core import actions

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    """The Chinese label of a ledger action name."""
    return str(actions.label(code))
