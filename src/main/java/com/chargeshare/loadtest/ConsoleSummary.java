package com.chargeshare.loadtest;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.Locale;

/** The end-of-run table on stdout, read from the same JSON the report file holds. */
final class ConsoleSummary {

  private ConsoleSummary() {
  }

  static void print(PrintWriter out, JsonObject json) {
    JsonObject v = json.getJsonObject("verification");
    out.println();
    out.println("=== loadtest " + json.getString("scenario") + " on " + json.getString("engine") + " ("
        + json.getString("mode") + (json.containsKey("targetRate") ? " @ " + json.getValue("targetRate") + "/s" : "")
        + ", " + json.getValue("durationSeconds") + " s) ===");
    line(out, "requests", json.getLong("requests"));
    line(out, "confirmed (201)", json.getLong("confirmed"));
    JsonObject refusals = json.getJsonObject("rejectedByKind", new JsonObject());
    line(out, "rejected (409/429)", json.getLong("rejected") + (refusals.isEmpty() ? "" : "  " + refusals.encode()));
    line(out, "other 2xx", json.getLong("ok"));
    line(out, "errors", json.getLong("errors") + (json.getJsonObject("errorsByKind").isEmpty() ? ""
        : "  " + json.getJsonObject("errorsByKind").encode()));
    line(out, "throughput", fmt("%,.1f req/s", json.getDouble("throughputPerSecond")));
    line(out, "confirmed/s", fmt("%,.1f", json.getDouble("confirmedPerSecond")));
    out.println();
    out.println(fmt("  %-16s %10s %9s %9s %9s %9s %9s", "latency (ms)", "count", "p50", "p90", "p99", "p99.9", "max"));
    latency(out, "all", json.getJsonObject("latencyMs"));
    JsonObject ops = json.getJsonObject("operations");
    for (String op : ops.fieldNames()) {
      latency(out, op, ops.getJsonObject(op).getJsonObject("latencyMs"));
    }
    if (json.containsKey("pushLatencyMs")) {
      JsonObject push = json.getJsonObject("pushLatencyMs");
      latency(out, "ws push", push);
      line(out, "pushes missing", push.getLong("missingPushes") + " (seq gaps " + push.getLong("seqGaps") + ")");
    }
    out.println();
    line(out, "verification", v.getBoolean("ok") ? "OK" : "FAILED");
    line(out, "double bookings", v.getLong("doubleBookings"));
    line(out, "missing confirmed", v.getLong("missingConfirmed"));
    line(out, "bookings checked", v.getLong("checkedBookings"));
    JsonObject gen = json.getJsonObject("generator");
    line(out, "generator CPU", fmt("%.2f of %d cores busy (%.1f CPU s)", gen.getDouble("coresBusy"),
        gen.getInteger("cores"), gen.getDouble("cpuSeconds")));
    out.flush();
  }

  private static void line(PrintWriter out, String name, Object value) {
    out.println(fmt("  %-18s %s", name, value));
  }

  private static void latency(PrintWriter out, String name, JsonObject l) {
    out.println(fmt("  %-16s %10s %9.2f %9.2f %9.2f %9.2f %9.2f", name, l.getValue("count", ""),
        l.getDouble("p50"), l.getDouble("p90", 0d), l.getDouble("p99"), l.getDouble("p999", 0d), l.getDouble("max")));
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
