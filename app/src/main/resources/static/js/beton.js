// Shared page behaviour: CSRF header for htmx requests, and ECharts charts declared in markup
// (data-chart, data-x, data-y) so pages stay server-rendered.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

function betonRenderCharts(root) {
  if (typeof echarts === "undefined") {
    return;
  }
  root.querySelectorAll("[data-chart]").forEach((el) => {
    if (el.dataset.rendered) {
      return;
    }
    const kind = el.dataset.chart;
    const chart = echarts.init(el, null, { renderer: "svg" });
    let option;
    if (kind === "pie") {
      const names = (el.dataset.x || "").split(",").filter((s) => s.length);
      const values = (el.dataset.y || "").split(",").map(Number);
      option = {
        tooltip: { trigger: "item" },
        series: [{ type: "pie", radius: ["40%", "70%"], data: names.map((n, i) => ({ name: n, value: values[i] })) }],
      };
    } else if (kind === "lines") {
      // Several series over one axis: data-labels names them, data-y1, data-y2 … hold them ("" = no value).
      const x = (el.dataset.x || "").split(",").filter((s) => s.length);
      const labels = (el.dataset.labels || "").split(",");
      option = {
        grid: { left: 48, right: 16, top: 32, bottom: 32 },
        tooltip: { trigger: "axis" },
        legend: { data: labels },
        xAxis: { type: "category", data: x },
        yAxis: { type: "value" },
        series: labels.map((name, i) => ({
          type: el.dataset.seriesType || "line",
          name,
          showSymbol: x.length <= 40,
          data: (el.dataset["y" + (i + 1)] || "").split(",").map((v) => (v === "" ? null : Number(v))),
        })),
      };
    } else {
      const x = (el.dataset.x || "").split(",").filter((s) => s.length);
      const y = (el.dataset.y || "").split(",").map(Number);
      option = {
        grid: { left: 48, right: 16, top: 16, bottom: 32 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: x },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: kind === "bar" ? "bar" : "line", data: y, smooth: true, areaStyle: { opacity: 0.15 }, name: el.dataset.label || "" }],
      };
    }
    // No animation: charts are read, not watched, and screenshots must show the final state.
    option.animation = false;
    chart.setOption(option);
    // Drill-down: a chart naming accounts opens the account behind the clicked element.
    if (el.dataset.drill) {
      chart.on("click", (params) => {
        if (params.name) {
          window.location.href = el.dataset.drill.replace("{name}", encodeURIComponent(params.name));
        }
      });
    }
    el.dataset.rendered = "true";
    window.addEventListener("resize", () => chart.resize());
  });
}

document.addEventListener("DOMContentLoaded", () => betonRenderCharts(document));
document.addEventListener("htmx:afterSettle", (event) => betonRenderCharts(event.target));

// The workspace switcher submits on change (script here, not inline: the CSP allows no inline script).
document.addEventListener("change", (event) => {
  if (event.target.id === "workspace-switcher") {
    event.target.form.submit();
  }
});

// Navigation drop-downs are <details>: keyboard- and script-free by themselves; this only closes
// an open one when the user clicks elsewhere or presses Escape, as a menu is expected to.
document.addEventListener('click', (event) => {
  document.querySelectorAll('details.navmenu[open]').forEach((menu) => {
    if (!menu.contains(event.target)) menu.removeAttribute('open');
  });
});
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  document.querySelectorAll('details.navmenu[open]').forEach((menu) => {
    menu.removeAttribute('open');
    menu.querySelector('summary').focus();
  });
});
