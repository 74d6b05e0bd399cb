package com.chargeshare.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live layer's meters for the whole node. One instance is shared by every HTTP verticle, each of which
 * updates it from its own event loop, so the gauges are atomics and the rest are Micrometer's thread-safe meters.
 */
public final class LiveMetrics {

  private final AtomicLong sockets = new AtomicLong();
  private final AtomicLong subscriptions = new AtomicLong();
  private final Counter slotsPushed;
  private final Counter chargerPushed;
  private final Counter droppedSlow;
  private final Counter idleClosed;
  private final Counter clientErrors;
  private final Timer pushLatency;

  public LiveMetrics(MeterRegistry registry) {
    Gauge.builder("chargeshare.live.sockets", sockets, AtomicLong::get)
      .description("Open live-availability WebSockets").register(registry);
    Gauge.builder("chargeshare.live.subscriptions", subscriptions, AtomicLong::get)
      .description("Charger ids, boxes and host channels subscribed over all sockets").register(registry);
    slotsPushed = pushed(registry, "slots");
    chargerPushed = pushed(registry, "charger");
    droppedSlow = dropped(registry, "slow");
    idleClosed = dropped(registry, "idle");
    clientErrors = Counter.builder("chargeshare.live.client.errors")
      .description("Client messages answered with an error (malformed, invalid, over a limit)").register(registry);
    pushLatency = Timer.builder("chargeshare.live.push.latency")
      .description("From the engine's post-commit publish to the write on a subscriber's socket")
      .publishPercentileHistogram()
      .minimumExpectedValue(Duration.ofNanos(10_000))
      .maximumExpectedValue(Duration.ofSeconds(10))
      .register(registry);
  }

  private static Counter pushed(MeterRegistry registry, String type) {
    return Counter.builder("chargeshare.live.messages.pushed").description("Change messages written to sockets")
      .tag("type", type).register(registry);
  }

  private static Counter dropped(MeterRegistry registry, String reason) {
    return Counter.builder("chargeshare.live.dropped")
      .description("Sockets the server closed: slow (write queue over its limit) or idle (no heartbeat answered)")
      .tag("reason", reason).register(registry);
  }

  void socketOpened() {
    sockets.incrementAndGet();
  }

  void socketClosed() {
    sockets.decrementAndGet();
  }

  void subscriptions(long delta) {
    subscriptions.addAndGet(delta);
  }

  /** One change written to one socket: a slots and a charger message. */
  void pushed(long committedAtNanos) {
    slotsPushed.increment();
    chargerPushed.increment();
    pushLatency.record(System.nanoTime() - committedAtNanos, TimeUnit.NANOSECONDS);
  }

  void droppedSlow() {
    droppedSlow.increment();
  }

  void closedIdle() {
    idleClosed.increment();
  }

  void clientError() {
    clientErrors.increment();
  }

  public long sockets() {
    return sockets.get();
  }

  public Timer pushLatency() {
    return pushLatency;
  }
}
