package com.chargeshare.support;

import java.util.OptionalDouble;

/** Reads one sample from a server's {@code /metrics}: tests check that counters move, not only that they exist. */
public final class Prometheus {

  private Prometheus() {
  }

  /**
   * The value of the first sample whose line starts with {@code series}: a bare name, or a name with the start of its
   * labels ({@code chargeshare_bookings_total{outcome="confirmed"}}); a missing sample fails the test.
   */
  public static double value(Http http, String series) {
    return find(http, series).orElseThrow(() -> new AssertionError("no metric " + series));
  }

  /** As {@link #value}, but 0 for a series not written yet (a counter registered on first use). */
  public static double valueOrZero(Http http, String series) {
    return find(http, series).orElse(0);
  }

  private static OptionalDouble find(Http http, String series) {
    return http.get("/metrics", null).body().lines()
      .filter(l -> l.startsWith(series + (series.contains("{") ? "" : " ")) || l.startsWith(series + "{"))
      .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
      .findFirst();
  }
}
