"""The report's outline: the seed's structure (法治政府建设年度报告, 一、主要工作成效), the
headings of its sub-sections and the lead sentence of each numbered point, with the module
expected to write it. Domains fill the points through ``fazhi.core.reportparts``; a point no
domain fills yet is listed to the editor as pending, never printed empty.

Keys name the seed's places: ``一(二)2`` is point 2 of sub-section (二) of section 一; a
sub-section without numbered points has one point keyed by the sub-section (``一(四)``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Point:
    key: str
    lead: str  # the numbered point's first sentence ("" for a sub-section's only paragraph)
    modules: tuple[str, ...]  # who is expected to write it (for the pending list)


@dataclass(frozen=True)
class SubSection:
    heading: str
    points: tuple[Point, ...]


SECTION_ONE = "主要工作成效"
SECTION_TWO = "存在的问题"
SECTION_THREE = "下一步工作思路"

#: Module keys as the navigation names them, for the pending list.
MODULE_LABELS = {
    "governance": _("依法治区"),
    "govservices": _("政务服务"),
    "enforcement": _("行政执法"),
    "legality": _("合法性审查"),
    "oversight": _("监督"),
    "hotline": _("12345热线"),
    "suggestions": _("建议提案"),
    "audit": _("审计"),
    "opengov": _("政务公开"),
    "monitor": _("网站监测"),
    "disputes": _("矛盾化解"),
}

OUTLINE: tuple[SubSection, ...] = (
    SubSection(
        "全面加强党对法治政府建设领导",
        (Point("一(一)", "", ("governance",)),),
    ),
    SubSection(
        "深入推进依法行政体制机制改革",
        (
            Point("一(二)1", "持续深化相对集中行政许可权改革。", ("govservices",)),
            Point("一(二)2", "探索推进相对集中行政处罚权改革。", ("enforcement",)),
            Point("一(二)3", "深入推进“放管服”改革。", ("govservices",)),
        ),
    ),
    SubSection(
        "进一步加强依法行政能力",
        (
            Point("一(三)1", "加强重大行政决策合法性审查。", ("legality",)),
            Point("一(三)2", "加强对政府行政行为法律审查。", ("legality",)),
            Point("一(三)3", "加强法律顾问队伍建设。", ("legality",)),
        ),
    ),
    SubSection(
        "加强规范性文件审查管理",
        (Point("一(四)", "", ("legality",)),),
    ),
    SubSection(
        "推进严格公正文明执法",
        (
            Point("一(五)1", "加强对各类违法行为的查处和制裁。", ("enforcement",)),
            Point("一(五)2", "加强对行政执法活动的监督。", ("enforcement",)),
        ),
    ),
    SubSection(
        "加强对行政权力的监督制约",
        (
            Point("一(六)1", "自觉接受监督。", ("suggestions", "hotline", "audit")),
            Point("一(六)2", "推进诚信政府建设。", ("audit",)),
            Point("一(六)3", "加强政务公开。", ("opengov", "monitor")),
        ),
    ),
    SubSection(
        "依法化解社会矛盾",
        (
            Point("一(七)1", "加强行政复议和应诉工作。", ("disputes",)),
            Point("一(七)2", "不断提升调解工作化解矛盾纠纷水平。", ("disputes",)),
            Point("一(七)3", "提高信访工作规范化水平。", ("disputes",)),
        ),
    ),
)

KEYS = frozenset(p.key for s in OUTLINE for p in s.points)
