package com.chargeshare.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Writes the JSON report (the fields API.md fixes, then extras) and, next to it, the HTML one.
 */
public final class ReportWriter {

  private ReportWriter() {
  }

  /** {@code report.json} → {@code report.html}; any other name gets {@code .html} appended. */
  public static Path htmlPathFor(Path json) {
    String name = json.getFileName().toString();
    String html = name.toLowerCase().endsWith(".json") ? name.substring(0, name.length() - 5) + ".html" : name + ".html";
    return json.resolveSibling(html);
  }

  /** Writes {@code json} (from {@link #toJson}) and the HTML report beside it. */
  public static void write(RunReport report, JsonObject json, Path jsonPath) throws IOException {
    Path parent = jsonPath.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(jsonPath, json.encodePrettily() + "\n", StandardCharsets.UTF_8);
    Files.writeString(htmlPathFor(jsonPath), HtmlReport.render(report, json), StandardCharsets.UTF_8);
  }

  public static JsonObject toJson(RunReport r) {
    Recorder rec = r.recorder();
    LatencySummary latency = LatencySummary.of(rec.latency());
    long confirmed = rec.total(Outcome.CONFIRMED);
    JsonObject json = new JsonObject()
        .put("scenario", r.scenario())
        .put("engine", r.engine())
        .put("durationSeconds", r.plan().durationSeconds())
        .put("requests", r.requests())
        .put("confirmed", confirmed)
        .put("rejected", rec.total(Outcome.REJECTED))
        .put("errors", rec.total(Outcome.ERROR))
        .put("throughputPerSecond", round(r.perSecond(r.requests())))
        .put("latencyMs", latency.toJson());
    if (r.push() != null) {
      LatencySummary push = LatencySummary.of(rec.pushLatency());
      json.put("pushLatencyMs", new JsonObject()
          .put("p50", push.p50()).put("p99", push.p99()).put("max", push.max())
          .put("p90", push.p90()).put("p999", push.p999()).put("count", push.count())
          .put("listeners", r.push().listeners())
          .put("matchedPushes", r.push().matched())
          .put("missingPushes", r.push().missing())
          .put("pushesBeforeResponse", r.push().beforeResponse())
          .put("messages", r.push().messages())
          .put("seqGaps", r.push().seqGaps())
          .put("unreadableMessages", r.push().unreadable()));
    }
    Verifier.Result v = r.verification();
    json.put("verification", new JsonObject()
        .put("doubleBookings", v.doubleBookings())
        .put("missingConfirmed", v.missingConfirmed())
        .put("ok", v.ok())
        .put("checkedBookings", v.checkedBookings())
        .put("expectedBookings", v.expectedBookings())
        .put("examples", new JsonArray(v.examples())));

    json.put("confirmedPerSecond", round(r.perSecond(confirmed)))
        .put("ok", rec.total(Outcome.OK))
        .put("measuredSeconds", round(r.measuredSeconds()))
        .put("url", r.url())
        .put("startedAt", r.startedAt().toString())
        .put("mode", r.plan().open() ? "open" : "closed")
        .put("connections", r.plan().connections())
        .put("warmupSeconds", r.plan().warmupSeconds())
        .put("rampUpSeconds", r.plan().rampUpSeconds())
        .put("seed", r.plan().seed());
    if (r.plan().open()) {
      json.put("targetRate", r.plan().rate()).put("maxOutstanding", r.plan().maxOutstanding());
    }
    JsonObject errors = new JsonObject();
    rec.errorKinds().forEach(errors::put);
    json.put("errorsByKind", errors);
    JsonObject refusals = new JsonObject();
    rec.refusals().forEach(refusals::put);
    json.put("rejectedByKind", refusals);
    json.put("operations", operations(rec));
    json.put("latencyDistribution", distribution(rec.latency()));
    json.put("latencyHistogram", histogram(rec.latency()));
    JsonArray timeline = new JsonArray();
    rec.timeline().forEach(p -> timeline.add(p.toJson()));
    json.put("timeline", timeline);
    json.put("generator", new JsonObject()
        .put("cores", r.cpu().cores())
        .put("shards", r.plan().shards())
        .put("cpuSeconds", round(r.cpu().cpuSeconds()))
        .put("averageCpuLoad", round(r.cpu().averageLoad()))
        .put("coresBusy", round(r.cpu().averageLoad() * r.cpu().cores())));
    json.put("setup", new JsonObject()
        .put("runId", r.fixture().runId())
        .put("hosts", r.fixture().hosts().size())
        .put("drivers", r.fixture().drivers().size())
        .put("chargers", r.fixture().chargers().size())
        .put("seconds", round(r.fixture().setupSeconds())));
    json.put("scenarioParameters", r.scenarioInfo());
    return json;
  }

  private static JsonObject operations(Recorder rec) {
    JsonObject ops = new JsonObject();
    for (OpKind kind : OpKind.values()) {
      long total = 0;
      for (Outcome outcome : Outcome.values()) {
        total += rec.total(kind, outcome);
      }
      if (total == 0) {
        continue;
      }
      ops.put(kind.label(), new JsonObject()
          .put("requests", total)
          .put("confirmed", rec.total(kind, Outcome.CONFIRMED))
          .put("rejected", rec.total(kind, Outcome.REJECTED))
          .put("ok", rec.total(kind, Outcome.OK))
          .put("errors", rec.total(kind, Outcome.ERROR))
          .put("latencyMs", LatencySummary.of(rec.latency(kind)).toJson()));
    }
    return ops;
  }

  /** The percentile spectrum, five steps per halving of the remaining tail. */
  static JsonArray distribution(Histogram h) {
    JsonArray out = new JsonArray();
    if (h.getTotalCount() == 0) {
      return out;
    }
    for (HistogramIterationValue v : h.percentiles(5)) {
      out.add(new JsonObject()
          .put("percentile", Math.round(v.getPercentileLevelIteratedTo() * 10000) / 10000d)
          .put("latencyMs", LatencySummary.ms(h.highestEquivalentValue(v.getValueIteratedTo())))
          .put("count", v.getTotalCountToThisValue()));
      if (v.getPercentileLevelIteratedTo() >= 100) {
        break;
      }
    }
    return out;
  }

  /** Counts in latency buckets that double in width, from 100 µs. */
  static JsonArray histogram(Histogram h) {
    JsonArray out = new JsonArray();
    if (h.getTotalCount() == 0) {
      return out;
    }
    List<JsonObject> buckets = new ArrayList<>();
    for (HistogramIterationValue v : h.logarithmicBucketValues(100, 2)) {
      buckets.add(new JsonObject()
          .put("upToMs", LatencySummary.ms(v.getValueIteratedTo()))
          .put("count", v.getCountAddedInThisIterationStep()));
    }
    buckets.forEach(out::add);
    return out;
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000d;
  }
}
