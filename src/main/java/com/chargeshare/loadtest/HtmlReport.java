package com.chargeshare.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page: summary tables and inline SVG charts of throughput and latency
 * percentiles over time and of the latency distribution. No scripts, no external resources.
 */
final class HtmlReport {

  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:920px;color:#222}
      h1{font-size:1.4em}h2{font-size:1.1em;margin-top:28px}
      table{border-collapse:collapse;margin:8px 0}td,th{padding:4px 12px;border-bottom:1px solid #ddd;text-align:right}
      td:first-child,th:first-child{text-align:left}.ok{color:#1a7f37;font-weight:600}.bad{color:#c62828;font-weight:600}
      svg{display:block;margin:12px 0;background:#fff}.title{font-size:14px;font-weight:600}
      .tick{font-size:11px;fill:#555}.axis{font-size:12px;fill:#333}pre{background:#f6f6f6;padding:8px;overflow:auto}
      """;

  private HtmlReport() {
  }

  static String render(RunReport r, JsonObject json) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>")
        .append("<title>Load test: ").append(esc(r.scenario())).append("</title><style>").append(STYLE)
        .append("</style></head><body>");
    html.append("<h1>EV ChargeShare load test — ").append(esc(r.scenario())).append(" on ")
        .append(esc(r.engine())).append("</h1>");
    html.append("<p>").append(esc(r.url())).append(", started ").append(esc(r.startedAt().toString()))
        .append(", ").append(r.plan().open() ? fmt("open model at %.0f requests/s", r.plan().rate())
            : "closed loop over " + r.plan().connections() + " connections")
        .append(".</p>");

    JsonObject v = json.getJsonObject("verification");
    boolean ok = v.getBoolean("ok");
    html.append("<h2>Summary</h2><table>");
    row(html, "Requests", json.getLong("requests"));
    row(html, "Confirmed (201)", json.getLong("confirmed"));
    row(html, "Rejected (409)", json.getLong("rejected"));
    row(html, "Other 2xx", json.getLong("ok"));
    row(html, "Errors", json.getLong("errors"));
    row(html, "Throughput (requests/s)", json.getDouble("throughputPerSecond"));
    row(html, "Confirmed/s", json.getDouble("confirmedPerSecond"));
    row(html, "Measured seconds", json.getDouble("measuredSeconds"));
    html.append("<tr><td>Verification</td><td class='").append(ok ? "ok'>OK" : "bad'>FAILED")
        .append("</td></tr>");
    row(html, "Double bookings", v.getLong("doubleBookings"));
    row(html, "Missing confirmed bookings", v.getLong("missingConfirmed"));
    row(html, "Confirmed bookings checked", v.getLong("checkedBookings"));
    html.append("</table>");
    if (!v.getJsonArray("examples").isEmpty()) {
      html.append("<pre>");
      v.getJsonArray("examples").forEach(e -> html.append(esc(String.valueOf(e))).append('\n'));
      html.append("</pre>");
    }

    html.append("<h2>Latency (ms, from intended send time)</h2><table><tr><th>Request</th><th>count</th>")
        .append("<th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr>");
    latencyRow(html, "all", json.getJsonObject("latencyMs"));
    JsonObject ops = json.getJsonObject("operations");
    for (String op : ops.fieldNames()) {
      latencyRow(html, op, ops.getJsonObject(op).getJsonObject("latencyMs"));
    }
    if (json.containsKey("pushLatencyMs")) {
      latencyRow(html, "WebSocket push", json.getJsonObject("pushLatencyMs"));
    }
    html.append("</table>");

    List<TimelinePoint> timeline = r.recorder().timeline();
    html.append("<h2>Throughput over time</h2>").append(throughputChart(timeline));
    html.append("<h2>Latency percentiles over time</h2>").append(latencyChart(timeline));
    html.append("<h2>Latency distribution</h2>").append(spectrumChart(json.getJsonArray("latencyDistribution")))
        .append(histogramChart(json.getJsonArray("latencyHistogram")));

    html.append("<h2>Errors by kind</h2>");
    JsonObject errors = json.getJsonObject("errorsByKind");
    if (errors.isEmpty()) {
      html.append("<p>None.</p>");
    } else {
      html.append("<table>");
      for (Map.Entry<String, Object> e : errors) {
        row(html, e.getKey(), e.getValue());
      }
      html.append("</table>");
    }

    html.append("<h2>Run</h2><table>");
    JsonObject gen = json.getJsonObject("generator");
    row(html, "Generator CPU seconds", gen.getDouble("cpuSeconds"));
    row(html, "Generator cores busy (of " + gen.getInteger("cores") + ")", gen.getDouble("coresBusy"));
    JsonObject setup = json.getJsonObject("setup");
    for (String key : setup.fieldNames()) {
      row(html, "Setup " + key, setup.getValue(key));
    }
    JsonObject params = json.getJsonObject("scenarioParameters");
    for (String key : params.fieldNames()) {
      row(html, "Scenario " + key, params.getValue(key));
    }
    row(html, "Connections", json.getInteger("connections"));
    row(html, "Warm-up seconds", json.getValue("warmupSeconds"));
    row(html, "Ramp-up seconds", json.getValue("rampUpSeconds"));
    row(html, "Seed", json.getValue("seed"));
    html.append("</table></body></html>\n");
    return html.toString();
  }

  private static String throughputChart(List<TimelinePoint> timeline) {
    int n = timeline.size();
    double[] t = new double[n];
    double[] req = new double[n];
    double[] conf = new double[n];
    double[] rej = new double[n];
    double[] err = new double[n];
    double[] target = new double[n];
    boolean open = false;
    double previous = 0;
    for (int i = 0; i < n; i++) {
      TimelinePoint p = timeline.get(i);
      // the last interval is cut short by the end of the run; scale its counts to a per-second rate
      double seconds = Math.max(1e-3, p.t() - previous);
      previous = p.t();
      t[i] = p.t();
      req[i] = p.requests() / seconds;
      conf[i] = p.confirmed() / seconds;
      rej[i] = p.rejected() / seconds;
      err[i] = p.errors() / seconds;
      target[i] = Double.isNaN(p.targetRate()) ? 0 : p.targetRate();
      open |= !Double.isNaN(p.targetRate());
    }
    List<SvgChart.Series> series = new ArrayList<>();
    if (open) {
      series.add(new SvgChart.Series("target", "#bbbbbb", t, target));
    }
    series.add(new SvgChart.Series("requests/s", "#4e79a7", t, req));
    series.add(new SvgChart.Series("confirmed/s", "#59a14f", t, conf));
    series.add(new SvgChart.Series("rejected/s", "#f28e2b", t, rej));
    series.add(new SvgChart.Series("errors/s", "#e15759", t, err));
    return SvgChart.lines("Answers per second", "seconds since start", "per second", series, null);
  }

  private static String latencyChart(List<TimelinePoint> timeline) {
    int n = timeline.size();
    double[] t = new double[n];
    double[] p50 = new double[n];
    double[] p90 = new double[n];
    double[] p99 = new double[n];
    double[] max = new double[n];
    for (int i = 0; i < n; i++) {
      TimelinePoint p = timeline.get(i);
      t[i] = p.t();
      p50[i] = p.latency().p50();
      p90[i] = p.latency().p90();
      p99[i] = p.latency().p99();
      max[i] = p.latency().max();
    }
    return SvgChart.lines("Latency of answers in each second", "seconds since start", "ms", List.of(
        new SvgChart.Series("p50", "#4e79a7", t, p50),
        new SvgChart.Series("p90", "#59a14f", t, p90),
        new SvgChart.Series("p99", "#f28e2b", t, p99),
        new SvgChart.Series("max", "#e15759", t, max)), null);
  }

  /** Latency against percentile on a log scale of 1/(1-p), where the tail is visible. */
  private static String spectrumChart(JsonArray distribution) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < distribution.size(); i++) {
      JsonObject point = distribution.getJsonObject(i);
      double p = point.getDouble("percentile");
      if (p >= 100) {
        continue;
      }
      xs.add(Math.log10(100 / (100 - p)));
      ys.add(point.getDouble("latencyMs"));
    }
    List<SvgChart.Tick> ticks = List.of(new SvgChart.Tick(0, "0%"), new SvgChart.Tick(1, "90%"),
        new SvgChart.Tick(2, "99%"), new SvgChart.Tick(3, "99.9%"), new SvgChart.Tick(4, "99.99%"),
        new SvgChart.Tick(5, "99.999%"));
    return SvgChart.lines("Percentile spectrum (whole measured run)", "percentile", "ms",
        List.of(new SvgChart.Series("latency", "#4e79a7", toArray(xs), toArray(ys))), ticks);
  }

  private static String histogramChart(JsonArray buckets) {
    List<String> labels = new ArrayList<>();
    double[] counts = new double[buckets.size()];
    for (int i = 0; i < buckets.size(); i++) {
      JsonObject b = buckets.getJsonObject(i);
      labels.add("≤" + SvgChart.number(b.getDouble("upToMs")));
      counts[i] = b.getLong("count");
    }
    return SvgChart.bars("Requests per latency bucket", "latency (ms, doubling buckets)", "requests", labels, counts);
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void row(StringBuilder html, String name, Object value) {
    html.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(String.valueOf(value))).append("</td></tr>");
  }

  private static void latencyRow(StringBuilder html, String name, JsonObject l) {
    html.append("<tr><td>").append(esc(name)).append("</td><td>").append(l.getValue("count", ""))
        .append("</td><td>").append(l.getValue("p50")).append("</td><td>").append(l.getValue("p90", ""))
        .append("</td><td>").append(l.getValue("p99")).append("</td><td>").append(l.getValue("p999", ""))
        .append("</td><td>").append(l.getValue("max")).append("</td></tr>");
  }

  private static String esc(String text) {
    return SvgChart.escape(text);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
