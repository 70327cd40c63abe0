/* 热点诉求: bar charts of this period against the one before, drawn over the page's tables
   (the tables stay; without JavaScript they are the page). A bar opens the orders behind it
   (the link is in the data). Tooltips on the canvas: the CSP forbids inline styles. */
(function () {
  "use strict";
  function draw() {
    if (typeof echarts === "undefined") return;
    var node = document.getElementById("hot-spots-data");
    if (!node) return;
    var all = JSON.parse(node.textContent);
    Object.keys(all).forEach(function (key) {
      var d = all[key], el = document.getElementById("chart-" + key);
      if (!el || !d.names.length || el.getAttribute("data-ready")) return;
      el.style.height = 60 + 36 * d.names.length + "px";
      el.style.marginBottom = "1rem";
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption({
        animation: false,
        tooltip: { trigger: "axis", renderMode: "richText" },
        legend: { top: 0, data: [d.now_label, d.before_label] },
        grid: { left: 180, right: 20, top: 30, bottom: 20 },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: d.names, inverse: true },
        series: [
          { name: d.now_label, type: "bar", data: d.now, barMaxWidth: 16, itemStyle: { color: "#c0392b" } },
          { name: d.before_label, type: "bar", data: d.before, barMaxWidth: 16, itemStyle: { color: "#95a5a6" } }
        ]
      });
      chart.on("click", function (p) { if (p.data && p.data.url) window.location.href = p.data.url; });
      window.addEventListener("resize", function () { chart.resize(); });
      el.setAttribute("data-ready", "1");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
