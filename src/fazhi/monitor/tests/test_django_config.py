"""Configuration as data: TOML written and read back, validation in Chinese, versions, the
demo portal, and the CLI's one-line errors."""

from __future__ import annotations

import socket
import tomllib
from importlib import resources

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import demo
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.factories import District
from fazhi.monitor import configtext, services
from fazhi.monitor.engine.config import default_site
from fazhi.monitor.models import CrawlRun, LexiconVersion, Site

from .factories import SYSTEM, fazhi, fixture_config_text, fixture_site


def test_toml_writer_round_trips_the_site_file():
    data = configtext.mapping_from_config(default_site())
    data["limits"] = {"delay": 1.5, "polite": True, "max_pages": 100}
    text = configtext.dumps(data)
    assert tomllib.loads(text) == data
    assert tomllib.loads(fixture_config_text())["limits"]["timeout"] == 1.5
    odd = {"a b": 'quote " and \\ back\nslash', "x": [1, 2.5, True], "t": {"k": {"i": 1}}}
    assert tomllib.loads(configtext.dumps(odd)) == odd


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("start_urls = [", "格式错误"),
        ('name = "x"', "起始网址"),
        ('start_urls = ["ftp://x/"]\n[identity]\nsite_name = "x"', "起始网址"),
        ('start_urls = ["http://x/"]', "网站身份"),
        (
            'start_urls = ["http://x/"]\n[identity]\nsite_name = "x"\n'
            '[[columns]]\nname = "a"\nurl = "/a/"\ncategory = "weekly"',
            "类别",
        ),
        (
            'start_urls = ["http://x/"]\n[identity]\nsite_name = "x"\n[limits]\ntimeout = 900',
            "timeout",
        ),
        ('start_urls = ["http://x/"]\n[identity]\nsite_name = "x"\n[limits]\nspeed = 1', "未知"),
        (
            'start_urls = ["http://x/"]\n[identity]\nsite_name = "x"\n[limits]\ncheck_workers = 9',
            "check_workers 应在 0 至 8 之间",
        ),
    ],
)
def test_site_file_validation(text, message):
    with pytest.raises(ValidationError) as exc:
        configtext.validate_site(text)
    assert message in "".join(exc.value.messages)


def test_checks_in_worker_processes_are_a_limit_of_the_site():
    limits = configtext.limits_from({"limits": {"check_workers": 2}})
    assert limits.check_workers == 2
    assert configtext.limits_from({}).check_workers == 0  # threads unless the site says so


def test_thresholds_need_sources():
    shipped = configtext.shipped_text("thresholds.toml")
    assert configtext.validate_thresholds(shipped).value("V2.failure_ratio") == 0.05
    with pytest.raises(ValidationError, match="出处"):
        configtext.validate_thresholds(shipped.replace('source = "19号 单项否决 V3', 'x = "', 1))
    with pytest.raises(ValidationError, match="V2.window_days"):
        configtext.validate_thresholds(shipped.replace('id = "V2.window_days"', 'id = "V2.w"'))


@pytest.mark.django_db
def test_every_edit_is_a_new_version_with_a_ledger_event():
    district = District()
    site = fixture_site(district.gov)
    v1 = services.current_config(site)
    same = services.config_save(
        actor=SYSTEM, site=site, config_text=v1.text, thresholds_text=v1.thresholds_text
    )
    assert same.pk == v1.pk  # unchanged text adds no version
    v2 = services.config_save(
        actor=SYSTEM,
        site=site,
        config_text=v1.text.replace("fixture-furong", "fixture-furong-2"),
        thresholds_text=v1.thresholds_text,
        note="改代号",
    )
    assert v2.number == 2 and site.versions.count() == 2
    assert LedgerEvent.objects.filter(action="monitor.config.save").count() == 2
    with pytest.raises(ValidationError):
        services.config_save(actor=SYSTEM, site=site, config_text="x", thresholds_text="")
    assert site.versions.count() == 2
    with pytest.raises(ValidationError):
        services.site_create(
            actor=SYSTEM, org=district.gov, code=site.code, name="重复", config_text=v1.text
        )
    # the engine config of a stored version carries the site's code and both version numbers
    run_cfg = configtext.engine_site(
        code=site.code,
        version_no=v2.number,
        text=v2.text,
        thresholds_text=v2.thresholds_text,
        lexicon_text=LexiconVersion.objects.get().text,
        lexicon_no=1,
    )
    assert run_cfg.site_id == site.code and run_cfg.version.endswith("/v2")
    assert run_cfg.lexicon.version.endswith("#L1")


@pytest.mark.django_db
def test_only_supervisors_and_admins_configure():
    from django.core.exceptions import PermissionDenied

    district = District()
    site = fixture_site(district.gov)
    v = services.current_config(site)
    with pytest.raises(PermissionDenied):
        services.config_save(
            actor=district.leader, site=site, config_text=v.text, thresholds_text="x"
        )
    with pytest.raises(PermissionDenied):
        services.crawl_start(actor=district.clerk, site=site)


@pytest.mark.django_db
def test_demo_adds_the_portal_without_crawling():
    demo.load(steps=["网站监测"])  # the kernel's demo and this module's step (core/test_demo: all)
    site = Site.objects.get(code="furong-portal")
    assert site.org.name == "长沙市芙蓉区人民政府办公室"
    cfg = tomllib.loads(services.current_config(site).text)
    assert cfg["identity"]["site_name"] == "长沙市芙蓉区人民政府"
    assert cfg["identity"]["host_unit"] == "长沙市芙蓉区人民政府办公室"
    assert cfg["hosts"] == ["www.furong.gov.cn"]
    assert {c["category"] for c in cfg["columns"]} == {"news", "notice", "policy"}
    assert cfg["bulletin"]["prefix"] == "芙政网监"
    assert LexiconVersion.objects.count() == 1 and not CrawlRun.objects.exists()


@pytest.mark.django_db
def test_cli_errors_are_one_line(capsys):
    assert fazhi("monitor", "crawl", "no-such-site") == 2
    assert "找不到监测网站" in capsys.readouterr().err
    assert fazhi("monitor", "bulletin", "2025-13") == 2
    assert "YYYY-MM" in capsys.readouterr().err
    assert fazhi("monitor", "bulletin", "2025-06") == 2
    assert "没有已完成的抓取" in capsys.readouterr().err
    district = District()
    fixture_site(district.gov)
    assert fazhi("monitor", "crawl", "fixture-furong", "--map", "nonsense") == 2
    assert fazhi("monitor", "sites") == 0
    assert "fixture-furong" in capsys.readouterr().out


def test_check_file_needs_neither_database_nor_network(monkeypatch, tmp_path, capsys):
    def refuse(*a, **k):
        raise AssertionError("check FILE must not open any connection")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    seed = resources.files("fazhi.core.data.seed").joinpath("furong-2019-report.txt")
    path = tmp_path / "seed.txt"
    path.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    # no django_db mark: any database query here would fail the test
    assert fazhi("monitor", "check", str(path)) == 1
    assert "K2.issuer\thigh" in capsys.readouterr().out
