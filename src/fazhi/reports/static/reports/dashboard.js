/* 督导看板: charts drawn over the page's tables (the tables stay; without JavaScript they are
   the page). Every point opens the records behind it: the link is in the data. The trends
   arrive after the first paint (htmx swaps them in), so drawing runs again after each swap.
   Tooltips are drawn on the canvas (renderMode richText): the CSP forbids inline styles. */
(function () {
  "use strict";
  var open = function (p) { if (p.data && p.data.url) window.location.href = p.data.url; };
  var tooltip = { trigger: "item", renderMode: "richText" };
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function make(id, option) {
    var el = document.getElementById(id);
    if (!el || el.getAttribute("data-ready")) return;
    if (!el.style.height) el.style.height = "300px";
    el.style.marginBottom = "1rem";
    var chart = echarts.init(el, null, { renderer: "canvas" });
    option.animation = false; // points are clickable at once
    chart.setOption(option);
    chart.on("click", open);
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-ready", "1");
  }
  function draw() {
    if (typeof echarts === "undefined") return;
    var trends = data("dashboard-trends");
    if (trends) {
      make("chart-trends", {
        tooltip: tooltip,
        legend: { top: 0 },
        grid: { left: 50, right: 20, top: 40, bottom: 30 },
        xAxis: { type: "category", data: trends.months },
        yAxis: { type: "value", minInterval: 1 },
        series: trends.series.map(function (s) {
          return { name: s.name, type: "line", data: s.data, symbolSize: 8 };
        })
      });
    }
    var red = data("dashboard-red");
    if (red && red.data.length) {
      var el = document.getElementById("chart-red");
      if (el && !el.style.height) el.style.height = 40 + 32 * red.data.length + "px";
      make("chart-red", {
        tooltip: tooltip,
        grid: { left: 220, right: 20, top: 10, bottom: 20 },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: red.names, inverse: true },
        series: [{ type: "bar", data: red.data, barMaxWidth: 24, itemStyle: { color: "#c0392b" } }]
      });
    }
  }
  document.addEventListener("htmx:afterSettle", draw);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
