"""Footer identifiers on the homepage: ICP filing number, public-security filing number and
网站标识码 present, well-formed and as registered."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.monitor.engine.analyse import analyse_html
from fazhi.monitor.fixtures_site.harness import fixture_site_config

SITE = fixture_site_config()  # 网站标识码 4301020000, registered 湘ICP备05001234号, 43010202000123
HOME = "http://www.furong.gov.cn/"
GOOD = "网站标识码：4301020000 湘ICP备05001234号-1 湘公网安备 43010202000123号"


def footer_findings(footer: str, url: str = HOME):
    html = (
        "<html><head><meta charset='utf-8'><title>长沙市芙蓉区人民政府</title>"
        "<meta name='SiteName' content='长沙市芙蓉区人民政府'>"
        "<meta name='SiteIDCode' content='4301020000'></head><body><h1>首页</h1>"
        f"<p>欢迎访问。</p><div class='footer'>主办单位：长沙市芙蓉区人民政府办公室 {footer}</div>"
        "</body></html>"
    ).encode()
    out = analyse_html(html, url, SITE, as_of=dt.date(2025, 6, 30))
    return sorted((f.rule_id, f.evidence) for f in out.findings if f.rule_id.startswith("FOOT."))


def test_complete_footer_is_quiet():
    assert footer_findings(GOOD) == []
    # the check reads only the homepage: a page elsewhere with no footer says nothing
    assert footer_findings("", url=HOME + "xw/1.html") == []


def test_missing_identifiers():
    assert [r for r, _ in footer_findings("")] == [
        "FOOT.icp_missing",
        "FOOT.psb_missing",
        "FOOT.sitecode_missing",
    ]


@pytest.mark.parametrize(
    ("footer", "rule", "says"),
    [
        (GOOD.replace("湘ICP", "京ICP"), "FOOT.icp_malformed", "省份简称「京」"),
        (GOOD.replace("05001234号-1", "0500号"), "FOOT.icp_malformed", "格式不正确"),
        (GOOD.replace("05001234", "05009999"), "FOOT.icp_malformed", "与登记的"),
        (GOOD.replace("43010202000123", "4301020200012"), "FOOT.psb_malformed", "格式不正确"),
        (
            GOOD.replace("湘公网安备 43010202000123", "湘公网安备 11010202000123"),
            "FOOT.psb_malformed",
            "不属于",
        ),
        (GOOD.replace("43010202000123", "43010202000999"), "FOOT.psb_malformed", "与登记的"),
        (GOOD.replace("4301020000", "4301030000"), "FOOT.sitecode_mismatch", "与登记的"),
        (GOOD.replace("4301020000", "43010200"), "FOOT.sitecode_mismatch", "格式不正确"),
    ],
)
def test_wrong_identifiers(footer, rule, says):
    (found,) = footer_findings(footer)
    assert found[0] == rule and says in found[1]
