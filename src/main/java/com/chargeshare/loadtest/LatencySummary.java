package com.chargeshare.loadtest;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency histogram recorded in microseconds, expressed in milliseconds.
 */
public record LatencySummary(long count, double mean, double p50, double p90, double p99,
                             double p999, double max) {

  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

  public static LatencySummary of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencySummary(
        micros.getTotalCount(),
        ms(micros.getMean()),
        ms(micros.getValueAtPercentile(50)),
        ms(micros.getValueAtPercentile(90)),
        ms(micros.getValueAtPercentile(99)),
        ms(micros.getValueAtPercentile(99.9)),
        ms(micros.getMaxValue()));
  }

  /** Microseconds to milliseconds, rounded to a microsecond for readable reports. */
  static double ms(double micros) {
    return Math.round(micros) / 1000d;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("p50", p50).put("p90", p90).put("p99", p99).put("p999", p999).put("max", max)
        .put("mean", mean).put("count", count);
  }
}
