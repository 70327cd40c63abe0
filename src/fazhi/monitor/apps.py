from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "fazhi.monitor"
    label = "monitor"
    verbose_name = "网站监测"
