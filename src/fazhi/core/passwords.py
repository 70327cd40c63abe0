"""Password policy beyond Django's validators: at least three of four character classes."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """等保三级 reviews expect complexity: upper, lower, digit, symbol — any three."""

    classes = (r"[A-Z]", r"[a-z]", r"[0-9]", r"[^A-Za-z0-9]")

    def validate(self, password: str, user=None) -> None:
        found = sum(1 for c in self.classes if re.search(c, password))
        if found < 3:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字、符号中的至少三类。"),
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、符号中的至少三类。")
