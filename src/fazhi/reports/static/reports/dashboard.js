/* 督导看板: charts drawn over the page's tables (the tables stay; without JavaScript they are
   the page). Every point opens the records behind it: the link is in the data. Tooltips are
   drawn on the canvas (renderMode richText): the CSP forbids inline styles. */
(function () {
  "use strict";
  function draw() {
    var node = document.getElementById("dashboard-data");
    if (!node || typeof echarts === "undefined") return;
    var data = JSON.parse(node.textContent);
    var open = function (p) { if (p.data && p.data.url) window.location.href = p.data.url; };
    var tooltip = { trigger: "item", renderMode: "richText" };
    var make = function (id, option) {
      var el = document.getElementById(id);
      if (!el) return null;
      if (!el.style.height) el.style.height = "300px";
      el.style.marginBottom = "1rem";
      var chart = echarts.init(el, null, { renderer: "canvas" });
      option.animation = false; // points are clickable at once
      chart.setOption(option);
      chart.on("click", open);
      window.addEventListener("resize", function () { chart.resize(); });
      el.setAttribute("data-ready", "1");
      return chart;
    };
    make("chart-trends", {
      tooltip: tooltip,
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: data.months },
      yAxis: { type: "value", minInterval: 1 },
      series: data.trends.map(function (s) {
        return { name: s.name, type: "line", data: s.data, symbolSize: 8 };
      })
    });
    if (data.red.data.length) {
      document.getElementById("chart-red").style.height = 40 + 32 * data.red.data.length + "px";
      make("chart-red", {
        tooltip: tooltip,
        grid: { left: 220, right: 20, top: 10, bottom: 20 },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: data.red.names, inverse: true },
        series: [{ type: "bar", data: data.red.data, barMaxWidth: 24, itemStyle: { color: "#c0392b" } }]
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
