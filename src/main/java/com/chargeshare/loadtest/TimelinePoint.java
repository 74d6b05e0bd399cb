package com.chargeshare.loadtest;

import io.vertx.core.json.JsonObject;

/**
 * One second of the run: counts of answers that arrived in it and the latency percentiles of
 * those answers. {@code targetRate} is NaN in closed-loop mode.
 */
public record TimelinePoint(double t, boolean warmup, long requests, long confirmed, long rejected,
                            long ok, long errors, double targetRate, long outstanding,
                            LatencySummary latency, double generatorCpu) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("t", Math.round(t * 1000) / 1000d)
        .put("warmup", warmup)
        .put("requests", requests)
        .put("confirmed", confirmed)
        .put("rejected", rejected)
        .put("ok", ok)
        .put("errors", errors)
        .put("outstanding", outstanding)
        .put("p50", latency.p50())
        .put("p90", latency.p90())
        .put("p99", latency.p99())
        .put("max", latency.max())
        .put("generatorCpu", Math.round(generatorCpu * 1000) / 1000d);
    if (!Double.isNaN(targetRate)) {
      json.put("targetRate", Math.round(targetRate * 10) / 10d);
    }
    return json;
  }
}
