"""Every write of the portal monitor: one function per use case, keyword-only, atomic, with
its ledger event. Views, the CLI and the tasks only parse input and call these.

One write deliberately carries no ledger event of its own: the progress counters of a running
crawl (``crawl_progress``, telemetry rewritten every second; the run's start, stop and finish
are in the ledger). Everything else is recorded.

Modules: ``sites`` (sites, configuration and lexicon versions), ``crawls`` (runs and uptime
probes), ``schedule`` (the monthly crawl), ``findings`` (confirm/dismiss/reopen), ``reports``
(bulletins and rectification), ``district`` (the combined bulletin of all sites), ``clones``
(copies of our pages found elsewhere).
"""

from .clones import clone_record
from .common import BULLETIN_KIND, CONFIG_ROLES, DEFAULT_PREFIX, MANAGE_ROLES, RECTIFY_RULE
from .crawls import (
    crawl_fail,
    crawl_finish,
    crawl_mark_running,
    crawl_progress,
    crawl_request,
    crawl_start,
    crawl_stop,
    previous_snapshot,
    probe_record,
    probe_schedule_mark,
    state_dir,
)
from .district import district_bulletin_generate
from .findings import finding_confirm, finding_dismiss, finding_reopen
from .reports import bulletin_generate, rectification_create
from .schedule import next_crawl_time, schedule_advance, schedule_set
from .sites import (
    config_save,
    current_config,
    current_lexicon,
    lexicon_save,
    site_create,
    site_edit,
    site_update,
)

__all__ = [
    "BULLETIN_KIND",
    "CONFIG_ROLES",
    "DEFAULT_PREFIX",
    "MANAGE_ROLES",
    "RECTIFY_RULE",
    "bulletin_generate",
    "clone_record",
    "config_save",
    "crawl_fail",
    "crawl_finish",
    "crawl_mark_running",
    "crawl_progress",
    "crawl_request",
    "crawl_start",
    "crawl_stop",
    "current_config",
    "current_lexicon",
    "district_bulletin_generate",
    "finding_confirm",
    "finding_dismiss",
    "finding_reopen",
    "lexicon_save",
    "next_crawl_time",
    "schedule_advance",
    "schedule_set",
    "previous_snapshot",
    "probe_record",
    "probe_schedule_mark",
    "rectification_create",
    "site_create",
    "site_edit",
    "site_update",
    "state_dir",
]
