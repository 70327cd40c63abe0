"""Detection of each tampering kind of issue 19, and the hard negatives that must stay quiet.

Every example is written for this test (none is copied from the lexicon, the model's training
text or the benchmark corpus), so a pass means the kind is recognised, not remembered.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest

from fazhi.monitor.engine import context_model
from fazhi.monitor.engine.analyse import analyse_html
from fazhi.monitor.engine.normalise import normalise, obfuscations
from fazhi.monitor.engine.page import random_looking_id, specificity
from fazhi.monitor.fixtures_site.harness import fixture_site_config

AS_OF = dt.date(2025, 6, 30)
SITE = fixture_site_config()
BASE = "http://www.furong.gov.cn/t/page.html"
PROSE = (
    "<p>为做好汛期安全工作，区应急管理局组织开展防汛应急演练，各街道和相关部门参加。</p>"
    "<p>演练模拟城区内涝和山洪险情，检验了预警发布、人员转移和抢险救援等环节。</p>"
)


def page(
    body: str = PROSE, *, title: str = "区应急管理局开展防汛应急演练", head: str = ""
) -> bytes:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}_长沙市芙蓉区人民政府</title>"
        "<meta name='SiteName' content='长沙市芙蓉区人民政府'>"
        f"<meta name='SiteIDCode' content='4301020000'>{head}</head><body>"
        f"<h1>{title}</h1>{body}<div class='footer'>网站标识码：4301020000</div></body></html>"
    ).encode()


def findings(html: bytes):
    return analyse_html(html, BASE, SITE, as_of=AS_OF).findings


def flagged(html: bytes, rule: str | None = None):
    """Findings of medium or high severity (optionally of one rule)."""
    return [
        f
        for f in findings(html)
        if f.severity in ("medium", "high") and (rule is None or f.rule_id == rule)
    ]


def categories(fs) -> set[str]:
    return {c for f in fs for c in f.detail.get("categories", ())}


# --------------------------------------------------------------------------- content kinds
@pytest.mark.parametrize(
    ("spam", "category"),
    [
        ("<p>瑞丰国际娱乐平台注册就送88元，提款五分钟到账</p>", "gambling"),
        ("<p>金鼎娱乐官方网站入口，真人荷官在线发牌</p>", "gambling"),
        ("<p>好运来彩票app下载，北京赛车全天计划免费看</p>", "lottery"),
        ("<p>亚洲无码高清视频在线观看，午夜福利免费看</p>", "porn"),
        ("<p>代开各地增值税普通发票，联系微信fp8866</p>", "fraud"),
        ("<p>不看征信黑户也能贷，当天放款，加微信咨询</p>", "fraud"),
        ("<p>新开超变传奇私服，一刀九九九，装备全靠打</p>", "fraud"),
        ("<p>免费翻墙梯子下载，高速稳定节点</p>", "fraud"),
    ],
)
def test_spam_appended_to_an_article_is_found_with_its_category(spam, category):
    fs = flagged(page(PROSE + spam))
    assert fs, spam
    assert {f.rule_id for f in fs} <= {"K1.lexicon", "K1.context"}
    assert category in categories(fs)


def test_unknown_brand_caught_by_the_context_model_with_an_explanation():
    fs = flagged(page(PROSE + "<p>鑫盛国际手机版客户端下载，充值秒到账，提现无限制</p>"))
    (f,) = [f for f in fs if f.rule_id == "K1.context"]
    assert "gambling" in f.detail["categories"]
    assert "特征：" in f.evidence and "与页面主题（政务）无关" in f.evidence
    assert f.detail["tail"] is True


def test_spam_suffix_in_the_title_is_found():
    fs = flagged(page(title="区应急管理局开展防汛应急演练-鼎盛娱乐官方网站入口"))
    assert "gambling" in categories(fs)


@pytest.mark.parametrize(
    ("text", "trick"),
    [
        ("澳門新葡京線上娛樂場，註冊即送彩金", "traditional"),
        ("ｂｅｔ３６５体育投注官网", "fullwidth"),
        ("百★家✿乐ღ真◈人☆娱❀乐", "sprinkle"),
        ("凯.发.娱.乐.官.网", "split"),
        ("十尃采彡网站，贝者场开户", "split"),
        ("kaifa yichujifa guanwang", "pinyin"),
    ],
)
def test_obfuscated_spam_is_found_and_the_trick_named(text, trick):
    fs = flagged(page(PROSE + f"<p>{text}</p>"))
    assert fs, text
    tricks = {t for f in fs for t in f.detail.get("obfuscation", ())}
    assert trick in tricks, (text, [f.evidence for f in fs])


def test_obfuscations_names_only_the_tricks_used():
    assert obfuscations("凱發娛樂官網", normalise("凱發娛樂官網")) == ["traditional"]
    assert obfuscations("凯★发", "凯发") == ["sprinkle"]
    assert obfuscations("凯发官网", "凯发") == []
    # a title's site suffix is not a split word
    assert normalise("工作情况-凯发") == "工作情况-凯发"
    assert normalise("凯-发") == "凯发"


# --------------------------------------------------------------------------- formulations
@pytest.mark.parametrize(
    ("sentence", "instead"),
    [
        ("坚持以瑞丰娱乐新时代中国特色社会主义思想为指导。", "瑞丰娱乐"),
        ("在以某某平台为核心的党中央坚强领导下。", "某某平台"),
        ("坚持以大满贯体育为中心的发展思想。", "大满贯体育"),
    ],
)
def test_formulation_whose_key_word_was_replaced(sentence, instead):
    (f,) = flagged(page(f"<p>{sentence}</p>" + PROSE), "EXPR.formulation")
    assert f.severity == "high"
    assert instead in f.detail["instead"]
    assert "规范表述" in f.evidence


def test_canonical_formulations_stay_quiet():
    text = (
        "<p>坚持以习近平新时代中国特色社会主义思想为指导，更加紧密地团结在以习近平同志为核心的"
        "党中央周围，坚持以人民为中心的发展思想，深刻领悟“两个确立”的决定性意义，坚决做到"
        "“两个维护”，深入践行习近平生态文明思想，为实现中华民族伟大复兴而奋斗。</p>"
    )
    assert findings(page(text)) == []


# --------------------------------------------------------------------------- structure
def test_random_id_junk_cluster():
    junk = "".join(
        f'<{t} id="{i}"></{t}>'
        for t, i in zip(
            ["address", "dfn", "tt", "var", "abbr", "samp", "kbd", "address", "dfn"],
            ["k2x9f", "q7mz4", "w3kd8", "n8vb2", "z5pc1", "h4ty7", "r9qe3", "u6jw0", "b1xn5"],
            strict=True,
        )
    )
    (f,) = flagged(page(PROSE + junk), "K3.junk")
    assert f.detail["count"] == 9 and f.severity == "medium"
    # ids a CMS gives are not random
    assert not any(map(random_looking_id, ["news12", "c1024", "tab3", "main", "u1234"]))
    assert all(map(random_looking_id, ["k2x9f", "q8w2e", "xkqzt"]))


def test_noframes_link_farm_and_zero_size_iframe():
    body = (
        PROSE + '<noframes><a href="http://www.hz-bet.example/">鸿泰体育官网</a></noframes>'
        '<iframe src="http://www.hz-bet.example/i" width="0" height="0"></iframe>'
    )
    reasons = {f.detail["reason"] for f in flagged(page(body), "K3.hidden")}
    assert reasons == {"noframes", "zero-size iframe"}
    text = analyse_html(page(body), BASE, SITE, as_of=AS_OF).text_sample
    assert "鸿泰" not in text  # noframes content is not visible text


def test_off_screen_link_farm_in_a_screen_reader_box():
    body = PROSE + (
        '<div style="position:absolute;left:-3000px;width:1px;height:1px;overflow:hidden">'
        '<a href="http://www.hz-bet.example/">点击进入</a></div>'
    )
    (f,) = flagged(page(body), "K3.hidden")
    assert "www.hz-bet.example" in f.evidence


@pytest.mark.parametrize(
    ("script", "rule"),
    [
        ("document.write('<p>瑞丰国际娱乐平台注册送88元</p>');", "K4.script"),
        (
            "if(document.referrer.indexOf('baidu')>-1){location.href='http://www.hz-bet.example/';}",
            "K4.redirect",
        ),
        (
            "if(/spider|bot/i.test(navigator.userAgent)){top.location='http://www.hz-bet.example/';}",
            "K4.redirect",
        ),
    ],
)
def test_script_written_content_and_conditional_redirects(script, rule):
    assert flagged(page(head=f"<script>{script}</script>"), rule)


def test_revealed_tab_panel_is_visible_text():
    head = "<style>.tab-pane{display:none}.tab-pane.active{display:block}</style>"
    body = '<div class="tab-pane active"><p>本周要闻：区政府召开常务会议。</p></div>'
    out = analyse_html(page(body, head=head), BASE, SITE, as_of=AS_OF)
    assert "本周要闻" in out.text_sample
    assert specificity(".tab-pane.active") > specificity(".tab-pane")


# --------------------------------------------------------------------------- hard negatives
HARD_NEGATIVES = [
    "<p>2024年度本级福利彩票公益金使用情况公告：共使用彩票公益金二百万元，用于养老服务。</p>"
    "<p>体育彩票销售网点应张贴不得向未成年人销售彩票标识。</p>",
    "<p>警方提醒，所谓“注册送彩金”“稳赚不赔”的博彩平台都是骗局，切勿参与网络赌博。</p>"
    "<p>区公安分局破获一起利用境外赌博网站组织赌博案。</p>",
    "<p>扫黄打非办开展净网行动，依法清理淫秽色情信息，查处传播淫秽物品案件。</p>",
    "<p>个人出租房屋可向税务机关申请代开增值税发票，也可在电子税务局在线办理。</p>",
    "<p>金融知识普及：不法分子发布“无抵押、秒下款、不看征信”等虚假贷款广告，请通过正规"
    "银行办理创业担保贷款。</p>",
    "<p>网信部门提醒：不使用非法翻墙软件，不传播违规“加速器”。</p>",
    "<p>居家养老上门服务项目公示，服务内容包括助洁、助浴、助医。</p>",
    "<p>我区政务服务移动端上线，市民可在应用商店下载安装，注册登录后办理业务。</p>",
]


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negatives_raise_nothing_of_consequence(text):
    assert flagged(page(text)) == []


# --------------------------------------------------------------------------- the model is data
def test_shipped_context_model_is_what_training_gives():
    shipped = json.loads(
        resources.files("fazhi.monitor.engine.data")
        .joinpath(context_model.MODEL_FILE)
        .read_text(encoding="utf-8")
    )
    fresh = context_model.train(context_model.training_texts(), version=shipped["version"])
    assert fresh == shipped
    assert shipped["classes"] == ["gambling", "lottery", "porn", "fraud"]
