"""The government-services API (filled in below)."""

from ninja import Router

router = Router(tags=["政务服务"])
