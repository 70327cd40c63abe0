"""Full-text search of the normative-document library over 10,000 generated documents
(SQLite): the public library's search (``legality.queries.public_documents(q=…)`` —
jieba words through the FTS5 index, then the phrase confirmed on the candidates' text)
against a plain ``LIKE '%…%'`` scan of the same rows in the same run, with recall.

1. A fresh FAZHI_HOME, migrate; 10,000 published documents of realistic length (titles and
   articles assembled from the phrasing of district normative documents, each with its own
   place, project and figures; ``--chars`` on average) bulk-inserted with their search
   entries. A sentence's jieba words are computed once per distinct sentence: jieba cuts
   Han runs independently (punctuation and digits end a run), so a document's words are
   exactly the union of its sentences' — checked against ``search.tokens`` on a sample.
2. Queries, each with a target document that must be found (recall): ``--queries``
   distinctive phrases (8–12 characters naming the target's own community and project, as
   someone looking for that document types them) and ``--queries`` boilerplate phrases
   (6–12 characters from anywhere in the target, mostly the shared phrasing every such
   document repeats, so they match much of the corpus); and a set of common words
   (罚款, 行政许可, …) that match thousands of documents. Each query runs ``--repeat``
   times on both paths; the result is every matching id (the whole list, both paths
   ordered as the library orders). Median / p95 per path, and whether both paths returned
   the same ids.

Usage: python benchmarks/legality_search/bench.py [--docs 10000] [--queries 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

FIELDS = [
    "民营经济", "营商环境", "行政许可", "政务服务", "城市管理", "物业管理", "安全生产",
    "生态环境保护", "食品安全", "住房保障", "就业创业", "社会救助", "养老服务", "教育收费",
    "医疗保障", "文化旅游", "招商引资", "知识产权", "证明材料", "外商投资", "农村集体资产",
    "老旧小区改造", "停车管理", "户外广告", "燃气安全", "校外培训", "消防安全", "历史建筑保护",
]  # fmt: skip
DEPTS = [
    "区发展和改革局", "区财政局", "区市场监督管理局", "区住房和城乡建设局", "区城市管理和综合执法局",
    "区人力资源和社会保障局", "区民政局", "区教育局", "区卫生健康局", "区应急管理局", "区商务局",
    "区司法局", "区自然资源局", "区文化旅游体育局", "区医疗保障局",
]  # fmt: skip
KINDS = ["若干措施", "管理办法", "实施细则", "暂行规定", "实施意见", "工作方案", "管理规定"]
ROADS = (
    "韶山 五一 八一 人民 解放 芙蓉 东二环 车站 识字岭 马王堆 定王台 朝阳 浏城桥 火星 东屯渡 "
    "隆平 远大 万家丽 合平 文艺"
).split()
SYLLABLES = "东西南北湘江岳麓桂花荷花樟树梅岭松桂清水塘杨家湾马坡岭鸿铭紫荆望月新华龙湖金鹏"
PREFIXES = ["智慧", "便民", "综合", "标准化", "数字化", "共享", "社区", "示范"]
NOUNS = [
    "服务中心", "停车场", "农贸市场", "养老驿站", "口袋公园", "充电站", "调解室", "图书室",
    "托育中心", "卫生服务站", "垃圾分类站", "健身步道", "创业孵化基地", "人才公寓",
]  # fmt: skip
SENTENCES = [
    "为进一步{f}工作，规范{f}管理，根据有关法律法规和上级文件规定，结合本区实际，制定本{k}。",
    "本{k}适用于本区行政区域内{f}相关活动的监督管理。",
    "{d}负责全区{f}工作的统筹协调和监督检查，各街道办事处负责辖区内的具体组织实施。",
    "各相关部门应当按照各自职责，做好{f}的相关工作，加强协作配合，形成工作合力。",
    "对符合条件的市场主体，给予不超过{n}万元的一次性补助，所需资金由区财政统筹安排。",
    "申请人应当提交申请书、营业执照复印件以及{f}相关证明材料，材料齐全的当场受理。",
    "{d}应当自受理申请之日起{m}个工作日内作出决定；不予批准的，应当书面说明理由。",
    "违反本{k}规定的，由{d}责令限期改正；逾期不改正的，依法予以处罚。",
    "对在{f}工作中成绩突出的单位和个人，按照有关规定给予表彰和奖励。",
    "实行{f}工作目标责任制，将{f}工作纳入年度绩效考核内容。",
    "建立{f}信息公开制度，通过区政府门户网站及时公开办理依据、流程和结果。",
    "设立{f}专项资金，每年安排{n}万元，用于支持{r}路片区等重点区域的项目建设。",
    "{r}路沿线的{f}项目，由{d}会同所在街道制定具体实施方案，报区人民政府批准后实施。",
    "鼓励社会资本参与{f}项目建设运营，依法平等保护各类市场主体的合法权益。",
    "行政机关不得要求申请人提供法律法规规定以外的证明材料，能够通过信息共享获取的不再要求提供。",
    "建立健全容错纠错机制，对符合规定情形的，不作负面评价，依法免除相关责任。",
    "各部门应当于每年{mm}月底前将上一年度{f}工作情况书面报送{d}。",
    "{d}应当加强对{f}工作的日常巡查，发现问题及时督促整改，整改情况向社会公布。",
    "公民、法人或者其他组织对行政行为不服的，可以依法申请行政复议或者提起行政诉讼。",
    "本{k}由{d}负责解释，自{y}年{mm}月{dd}日起施行，有效期{v}年。",
    "工作人员在{f}工作中玩忽职守、滥用职权、徇私舞弊的，依法给予处分；构成犯罪的，依法追究刑事责任。",
    "对{r}路片区内的老旧管网、消防设施和公共照明进行集中改造，改造费用按照{p}的比例分担。",
    "完善{f}投诉举报处理机制，畅通12345政务服务便民热线，投诉举报应当在{m}个工作日内办结。",
    "推行告知承诺制，申请人书面承诺符合审批条件的，行政机关可以当场作出许可决定。",
]  # fmt: skip
PROJECT = (
    "在{road}路{no}号{a}{b}社区建设{pre}{noun}，总投资{x}万元，由{d}负责组织实施，"
    "{y}年{mm}月底前建成投入使用。"
)
COMMON = ["罚款", "行政许可", "证明材料", "政务服务", "专项资金", "行政复议", "合法权益"]


def _fill(rng: random.Random, s: str, field: str, kind: str, dept: str) -> str:
    return s.format(
        f=field if rng.random() < 0.7 else rng.choice(FIELDS), k=kind,
        d=dept if rng.random() < 0.6 else rng.choice(DEPTS), r=rng.choice(ROADS),
        n=rng.choice([5, 10, 20, 30, 50, 80, 100, 200]), m=rng.choice([3, 5, 7, 10, 15, 20]),
        y=rng.choice([2017, 2018, 2019]), mm=rng.randint(1, 12), dd=rng.randint(1, 28),
        v=rng.choice([2, 3, 5]), p=rng.choice(["六比四", "七比三", "五比五"]),
    )  # fmt: skip


def document(rng: random.Random, i: int, chars: int) -> tuple[str, list[list[str]], str, str]:
    """A title and articles (each a list of sentences) of about ``chars`` characters."""
    field, kind, dept = rng.choice(FIELDS), rng.choice(KINDS), rng.choice(DEPTS)
    road = rng.choice(ROADS)
    title = f"长沙市芙蓉区关于{road}路片区{field}的{kind}"
    target = int(rng.gauss(chars, chars * 0.35))
    target = max(800, min(target, chars * 3))
    articles, n = [], len(title)
    while n < target:
        art = [
            _fill(rng, rng.choice(SENTENCES), field, kind, dept) for _ in range(rng.randint(1, 3))
        ]
        if rng.random() < 0.5:  # each document's own places and projects
            art.append(
                PROJECT.format(
                    road=rng.choice(ROADS), no=rng.randint(1, 999), a=rng.choice(SYLLABLES),
                    b=rng.choice(SYLLABLES), pre=rng.choice(PREFIXES), noun=rng.choice(NOUNS),
                    x=rng.randint(50, 5000), d=rng.choice(DEPTS), y=rng.choice([2019, 2020]),
                    mm=rng.randint(1, 12),
                )
            )  # fmt: skip
        articles.append(art)
        n += sum(map(len, art)) + 6
    return title, articles, field, dept


def _ms(xs):
    xs = sorted(xs)
    return statistics.median(xs) * 1000, xs[max(0, int(len(xs) * 0.95) - 1)] * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--chars", type=int, default=3000, help="average length in characters")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=2019)
    args = ap.parse_args()
    os.environ["FAZHI_HOME"] = tempfile.mkdtemp(prefix="legsearch-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from fazhi.core import services
    from fazhi.core.ledger import SystemActor
    from fazhi.core.models import OrgKind
    from fazhi.legality import queries, search
    from fazhi.legality.models import NormativeDocument, SearchEntry

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    system = SystemActor("检索基准")
    gov = services.org_create(actor=system, name="长沙市芙蓉区人民政府", kind=OrgKind.DISTRICT)
    justice = services.org_create(
        actor=system, name="长沙市芙蓉区司法局", kind=OrgKind.BUREAU, parent=gov
    )
    print(f"vendor: {connection.vendor}; migrate {time.perf_counter() - t0:.1f} s")

    rng = random.Random(args.seed)
    cache: dict[str, list[str]] = {}
    docs, texts, t_words = [], [], 0.0
    for i in range(args.docs):
        title, articles, field, dept = document(rng, i, args.chars)
        year = 2015 + i % 5
        body = "\n".join(f"第{n}条 " + "".join(a) for n, a in enumerate(articles, start=1))
        docs.append(
            NormativeDocument(
                number=f"规草〔{year}〕{i + 1}号", org=justice, title=title, status="issued",
                received_on=dt.date(year, 1, 2), issuer=gov, review_org=justice,
                registrar_org=gov, doc_number=f"芙政发〔{year}〕{i + 1}号",
                registration_number=f"FRPR-{year}-{i + 1:05d}", topics=[field],
                published_on=dt.date(year, 1, 1) + dt.timedelta(days=i % 360),
                body_text=body,
            )
        )  # fmt: skip
        t = time.perf_counter()
        seen: dict[str, None] = {}
        for s in [title, *(s for a in articles for s in a)]:
            ws = cache.get(s)
            if ws is None:
                ws = cache[s] = search.words(s)
            for w in ws:
                seen.setdefault(w, None)
        t_words += time.perf_counter() - t
        texts.append((body, list(seen)))
    lengths = [len(d.body_text) for d in docs]
    print(
        f"generated {len(docs)} documents: body {statistics.mean(lengths):.0f} chars on average "
        f"(median {statistics.median(lengths):.0f}, max {max(lengths)}); "
        f"{len(cache)} distinct sentences segmented in {t_words:.1f} s"
    )
    t = time.perf_counter()
    with transaction.atomic():
        NormativeDocument.objects.bulk_create(docs, batch_size=500)
        saved = list(NormativeDocument.objects.select_related("issuer").order_by("id"))
        entries = []
        for d, (_body, ws) in zip(saved, texts, strict=True):
            text = search.document_text(d)
            entries.append(SearchEntry(document=d, text=text, tokens=" ".join(ws)))
        SearchEntry.objects.bulk_create(entries, batch_size=500)
    print(
        f"inserted documents and search entries (FTS5 triggers) in {time.perf_counter() - t:.1f} s"
    )
    # the cached segmentation is jieba's own: compare with search.tokens on a sample
    for e in rng.sample(entries, 25):
        full = set(search.words(e.text))
        assert set(e.tokens.split()) <= full, "cached words are not jieba's"
        extra = full - set(e.tokens.split())
        # document_text adds the numbers and the issuer's name, not in the body's sentences
        assert extra <= set(search.words(f"{e.document.doc_number} {gov.name}")), extra

    def plain(q: str):
        qs = NormativeDocument.objects.filter(
            status__in=queries.PUBLIC_STATUSES, published_on__isnull=False
        )
        for p in search.parts(q):
            qs = qs.filter(search_entry__text__icontains=p)
        return qs.order_by("-published_on", "-id")

    def indexed(q: str):
        return queries.public_documents(q=q)

    def runs_of(d):
        return [r for r in re.findall(r"[\u4e00-\u9fff]+", d.body_text) if len(r) >= 6]

    # boilerplate: a phrase from anywhere in the target (the shared phrasing of such texts)
    boiler = []
    for d in rng.sample(saved, args.queries):
        run = rng.choice(runs_of(d))
        n = min(len(run), rng.randint(6, 12))
        start = rng.randint(0, len(run) - n)
        boiler.append((d.pk, run[start : start + n]))
    # distinctive: a phrase naming the target's own place and project (号东西社区建设智慧…)
    specific = []
    for d in rng.sample(saved, len(saved)):
        own = [r[1:] for r in runs_of(d) if "社区建设" in r]
        if own:
            run = rng.choice(own)
            specific.append((d.pk, run[: rng.randint(8, min(12, len(run)))]))
        if len(specific) == args.queries:
            break

    def measure(qlist):
        t_idx, t_plain, found_idx, found_plain, same, sizes = [], [], 0, 0, 0, []
        for target, q in qlist:
            for _ in range(args.repeat):
                t = time.perf_counter()
                a = list(indexed(q).values_list("id", flat=True))
                t_idx.append(time.perf_counter() - t)
                t = time.perf_counter()
                b = list(plain(q).values_list("id", flat=True))
                t_plain.append(time.perf_counter() - t)
            sizes.append(len(a))
            same += a == b
            if target is not None:
                found_idx += target in a
                found_plain += target in b
        return t_idx, t_plain, found_idx, found_plain, same, sizes

    # warm both paths (jieba's dictionary, the page cache)
    measure(boiler[:5])
    for label, qlist in (
        (
            f"{len(specific)} distinctive phrases (8–12 characters: a target's place and project)",
            specific,
        ),
        (f"{len(boiler)} boilerplate phrases (6–12 characters anywhere in a target)", boiler),
        (f"{len(COMMON)} common words ({'、'.join(COMMON)})", [(None, w) for w in COMMON]),
    ):
        t_idx, t_plain, fi, fp, same, sizes = measure(qlist)
        mi, pi = _ms(t_idx)
        mp, pp = _ms(t_plain)
        print(f"\n{label}, {args.repeat} runs each:")
        print(f"  index (jieba + FTS5, phrase confirmed): median {mi:.2f} ms, p95 {pi:.2f} ms")
        print(f"  plain LIKE '%…%' scan:                  median {mp:.2f} ms, p95 {pp:.2f} ms")
        print(
            f"  results per query: median {statistics.median(sizes):.0f}, max {max(sizes)}; "
            f"same ids on both paths: {same}/{len(qlist)}"
        )
        if qlist[0][0] is not None:
            print(f"  recall (target found): index {fi}/{len(qlist)}, LIKE {fp}/{len(qlist)}")
    if connection.vendor == "sqlite" and specific:
        sql, params = indexed(specific[0][1]).values_list("id", flat=True).query.sql_with_params()
        with connection.cursor() as cur:
            cur.execute("EXPLAIN QUERY PLAN " + sql, params)
            print("\nplan of the indexed path (second step, after the FTS5 match):")
            for row in cur.fetchall():
                print("  ", row[-1])
    print(f"\ntotal {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
