"""The hotline's code tables: categories, the dispatch catalogue (派单目录) and the
knowledge base — kept by the hotline office; the suggested body for an order."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from fazhi.core import ledger, rules, scoping
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User

from .. import actions
from ..models import Category, DispatchRule, Knowledge


def _admin_or_office(actor: Actor, office: Organisation | None) -> None:
    if not isinstance(actor, User) or scoping.is_admin(actor):
        return
    if office is not None and scoping.has_role(actor, Role.LEADER, org=office):
        return
    raise PermissionDenied(_("只有系统管理员或12345热线办负责人可以维护热线代码表。"))


def category_save(
    *,
    actor: Actor,
    code: str,
    major: str,
    name: str,
    rule_code: str = "RX-1",
    office: Organisation | None = None,
) -> Category:
    _admin_or_office(actor, office)
    code, major, name = (code or "").strip(), (major or "").strip(), (name or "").strip()
    if not code or not major or not name:
        raise ValidationError(_("请填写分类编码、大类和小类。"))
    try:
        rules.resolve(rule_code)
    except LookupError as exc:
        raise ValidationError({"rule_code": str(exc)}) from exc
    with transaction.atomic():
        cat, _created = Category.objects.update_or_create(
            code=code, defaults={"major": major, "name": name, "rule_code": rule_code}
        )
        ledger.record(
            actor=actor,
            action=actions.CATEGORY_SAVE,
            subject=cat,
            data={"code": code, "major": major, "name": name, "rule": rule_code},
        )
    return cat


def dispatch_save(
    *,
    actor: Actor,
    category: Category,
    body: Organisation,
    street: Organisation | None = None,
    office: Organisation | None = None,
) -> DispatchRule:
    _admin_or_office(actor, office)
    with transaction.atomic():
        rule, _created = DispatchRule.objects.update_or_create(
            category=category, street=street, defaults={"body": body}
        )
        ledger.record(
            actor=actor,
            action=actions.DISPATCH_SAVE,
            subject=rule,
            data={
                "category": category.code,
                "street": street.name if street else "",
                "body": body.name,
            },
        )
    return rule


def knowledge_save(
    *,
    actor: Actor,
    office: Organisation,
    category: Category,
    question: str,
    answer: str,
    source_order=None,
) -> Knowledge:
    require_role = scoping.require_role
    require_role(
        actor,
        Role.CLERK,
        Role.LEADER,
        org=office,
        message=_("只有12345热线办的工作人员可以维护知识库。"),
    )
    if not (question or "").strip() or not (answer or "").strip():
        raise ValidationError(_("请填写问题和答复口径。"))
    with transaction.atomic():
        k = Knowledge.objects.create(
            office=office,
            category=category,
            question=question.strip(),
            answer=answer.strip(),
            source_order=source_order,
        )
        ledger.record(
            actor=actor,
            action=actions.KNOWLEDGE_SAVE,
            subject=k,
            data={"question": k.question, "category": category.code},
        )
    return k


def knowledge_update(
    *, actor: Actor, article: Knowledge, category: Category, question: str, answer: str
) -> Knowledge:
    """Correct an article (the office maintains its answers as policies change)."""
    scoping.require_role(
        actor,
        Role.CLERK,
        Role.LEADER,
        org=article.office,
        message=_("只有12345热线办的工作人员可以维护知识库。"),
    )
    if not (question or "").strip() or not (answer or "").strip():
        raise ValidationError(_("请填写问题和答复口径。"))
    with transaction.atomic():
        article.category = category
        article.question, article.answer = question.strip(), answer.strip()
        article.save(update_fields=["category", "question", "answer"])
        ledger.record(
            actor=actor,
            action=actions.KNOWLEDGE_SAVE,
            subject=article,
            data={"question": article.question, "category": category.code, "update": True},
        )
    return article


def suggest_body(category: Category | None, street: Organisation | None) -> Organisation | None:
    """The catalogue's body for the category in the street, else for the category anywhere."""
    if category is None:
        return None
    rules_ = (
        DispatchRule.objects.filter(category=category)
        .filter(Q(street=street) | Q(street__isnull=True))
        .select_related("body")
    )
    best = sorted(rules_, key=lambda r: r.street_id is None)
    return best[0].body if best else None


def catalogue_row_save(
    *,
    actor: Actor,
    code: str,
    major: str,
    name: str,
    body: Organisation,
    rule_code: str = "RX-1",
    street: Organisation | None = None,
    office: Organisation | None = None,
) -> DispatchRule:
    """One row of the dispatch catalogue as the office keeps it in Excel: the category
    (created or corrected) and its body in the street (or anywhere), in one transaction."""
    with transaction.atomic():
        cat = category_save(
            actor=actor, code=code, major=major, name=name, rule_code=rule_code, office=office
        )
        return dispatch_save(actor=actor, category=cat, body=body, street=street, office=office)
