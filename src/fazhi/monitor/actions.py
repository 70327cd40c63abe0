"""Ledger action names of the portal monitor (registered with the kernel's registry)."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.actions import register

SITE_CREATE = register("monitor.site.create", _("登记监测网站"))
SITE_UPDATE = register("monitor.site.update", _("修改监测网站"))
CONFIG_SAVE = register("monitor.config.save", _("保存网站监测配置（新版本）"))
LEXICON_SAVE = register("monitor.lexicon.save", _("保存监测词库（新版本）"))
CRAWL_START = register("monitor.crawl.start", _("开始网站抓取"))
CRAWL_RESUME = register("monitor.crawl.resume", _("续抓网站"))
CRAWL_STOP = register("monitor.crawl.stop", _("请求停止网站抓取"))
CRAWL_FINISH = register("monitor.crawl.finish", _("网站抓取完成"))
CRAWL_FAIL = register("monitor.crawl.fail", _("网站抓取失败"))
FINDING_CONFIRM = register("monitor.finding.confirm", _("确认监测问题"))
FINDING_DISMISS = register("monitor.finding.dismiss", _("排除监测问题（误报）"))
FINDING_REOPEN = register("monitor.finding.reopen", _("撤销排除监测问题"))
PROBE = register("monitor.probe", _("首页可用性探测"))
PROBE_SCHEDULE = register("monitor.probe.schedule", _("安排首页可用性探测"))
BULLETIN_GENERATE = register("monitor.bulletin.generate", _("生成网站监测通报"))
RECTIFY = register("monitor.rectify", _("依通报下达网站整改任务"))
SCHEDULE_SET = register("monitor.schedule.set", _("设置每月定时抓取"))
SCHEDULE_RUN = register("monitor.schedule.run", _("执行每月定时抓取"))
CLONE_RECORD = register("monitor.clone.record", _("记录网站被克隆"))
DISTRICT_BULLETIN = register("monitor.district_bulletin.generate", _("生成全区网站监测通报"))
