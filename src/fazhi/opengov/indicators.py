"""Open-government figures (seed 一(六)3: 共受理政府信息公开申请130件，全部按期答复), one
indicator per figure, each able to list its records (the requests behind it).

A request counts in the year of its receipt date (GK-2); it was **answered on time** when
it was answered (已答复) and its reply clock (GK-4, with pauses, restart and any approved
extension) had not run out on the reply date.
"""

from __future__ import annotations

from fazhi.core.indicators import Indicator, between, in_subtree, register

from .models import DisclosureRequest, ReplyType, RequestStatus

MODULE = "opengov"


def received(org, period):
    return in_subtree(DisclosureRequest.objects.all(), org).filter(between("received_on", period))


def answered_on_time(org, period):
    return received(org, period).filter(status=RequestStatus.ANSWERED, on_time=True)


register(
    Indicator(
        "GK-REQ-RECEIVED",
        "受理政府信息公开申请数",
        "件",
        "当年收到的政府信息公开申请（收到日期按政府信息公开条例第三十一条确定），"
        "含撤回和视为放弃的。",
        "收到申请日期",
        MODULE,
        received,
    )
)
register(
    Indicator(
        "GK-REQ-ON-TIME",
        "按期答复的政府信息公开申请数",
        "件",
        "当年收到、已经答复且答复日期不晚于答复期限（GK-4，扣除征求意见时间、补正后重新起算、"
        "含经批准的延长）的申请。",
        "收到申请日期",
        MODULE,
        answered_on_time,
    )
)


def _by_type(kind):
    def records(org, period):
        return received(org, period).filter(status=RequestStatus.ANSWERED, reply_type=kind)

    return records


CODES = {
    ReplyType.DISCLOSED: "GK-REQ-DISCLOSED",
    ReplyType.PARTLY: "GK-REQ-PARTLY",
    ReplyType.NOT_DISCLOSED: "GK-REQ-NOT-DISCLOSED",
    ReplyType.CANNOT_PROVIDE: "GK-REQ-CANNOT-PROVIDE",
    ReplyType.NOT_HANDLED: "GK-REQ-NOT-HANDLED",
    ReplyType.OTHER: "GK-REQ-OTHER",
}
for _kind, _code in CODES.items():
    register(
        Indicator(
            _code,
            f"答复类型为“{_kind.label}”的申请数",
            "件",
            f"当年收到、已经答复、答复类型为“{_kind.label}”（政府信息公开条例第三十六条）的申请。",
            "收到申请日期",
            MODULE,
            _by_type(_kind),
        )
    )


def _items(org, period):
    from .models import DisclosureItem

    return in_subtree(DisclosureItem.objects.all(), org).filter(between("published_on", period))


register(
    Indicator(
        "GK-PROACTIVE-PUBLISHED",
        "主动公开政府信息条数",
        "条",
        "当年主动公开的事项（主动公开目录中公开日期在当年的）。",
        "公开日期",
        MODULE,
        _items,
    )
)
register(
    Indicator(
        "GK-PROACTIVE-ON-TIME",
        "按期主动公开的政府信息条数",
        "条",
        "当年公开、且自信息形成之日起20个工作日内（GK-1）公开的事项。",
        "公开日期",
        MODULE,
        lambda org, period: _items(org, period).filter(on_time=True),
    )
)
