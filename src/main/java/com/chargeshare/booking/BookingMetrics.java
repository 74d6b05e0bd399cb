package com.chargeshare.booking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** chargeshare_bookings_total{outcome}, decision and commit latency histograms, batch sizes, queue depth. */
public final class BookingMetrics {

  public static final String CONFIRMED = "confirmed";
  public static final String REJECTED = "rejected";
  public static final String INVALID = "invalid";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  private final MeterRegistry registry;
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final Timer decision;
  private final Timer commit;
  private final DistributionSummary batch;

  public BookingMetrics(MeterRegistry registry, String engine) {
    this.registry = registry;
    this.decision = Timer.builder("chargeshare.booking.decision").description("Time to decide a booking request")
      .tag("engine", engine).publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(1000))
      .maximumExpectedValue(Duration.ofSeconds(5)).register(registry);
    this.commit = Timer.builder("chargeshare.booking.commit").description("Time to commit a write set to MySQL")
      .tag("engine", engine).publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
      .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    this.batch = DistributionSummary.builder("chargeshare.booking.batch.size").description("Writes per group commit")
      .tag("engine", engine).publishPercentileHistogram().maximumExpectedValue(1000.0).register(registry);
    for (String o : new String[]{CONFIRMED, REJECTED, INVALID, FAILED, CANCELLED}) {
      outcome(o, 0);
    }
  }

  public void outcome(String outcome, int n) {
    outcomes.computeIfAbsent(outcome, o -> Counter.builder("chargeshare.bookings").tag("outcome", o)
      .description("Booking requests by outcome").register(registry)).increment(n);
  }

  public void decision(long nanos) {
    decision.record(Duration.ofNanos(nanos));
  }

  public void commit(long nanos, int size) {
    commit.record(Duration.ofNanos(nanos));
    batch.record(size);
  }

  public void queueDepth(int shard, Supplier<Number> depth) {
    Gauge.builder("chargeshare.booking.queue.depth", depth).tag("shard", String.valueOf(shard))
      .description("Writes waiting for a shard's next group commit").register(registry);
  }
}
