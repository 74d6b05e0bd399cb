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
  private final Counter framesEncoded;
  private final Counter fellBehind;
  private final Counter coalesced;
  private final Counter caughtUp;
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
    framesEncoded = Counter.builder("chargeshare.live.frames.encoded")
      .description("Messages serialised for pushing: once per change and HTTP verticle, shared by all its sockets").register(registry);
    fellBehind = Counter.builder("chargeshare.live.behind")
      .description("Times a socket fell behind (its client reads slower than changes come) and its changes were held back")
      .register(registry);
    coalesced = Counter.builder("chargeshare.live.coalesced")
      .description("Changes a socket that fell behind never got because a later change of the same charger replaced them")
      .register(registry);
    caughtUp = Counter.builder("chargeshare.live.caught.up")
      .description("Changes sent to a socket once it caught up (the latest per charger)").register(registry);
    pushLatency = Timer.builder("chargeshare.live.push.latency")
      .description("From the engine's post-commit publish to a change's frames queued on the last of a verticle's sockets")
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

  /**
   * One change written to {@code sockets} sockets of a verticle: a slots and a charger message each. Timed once, when
   * the last of them is written, rather than per socket: 10,000 timer updates per change cost more than the writes.
   */
  void pushed(int sockets, long committedAtNanos) {
    slotsPushed.increment(sockets);
    chargerPushed.increment(sockets);
    pushLatency.record(System.nanoTime() - committedAtNanos, TimeUnit.NANOSECONDS);
  }

  void framesEncoded(int frames) {
    framesEncoded.increment(frames);
  }

  void fellBehind() {
    fellBehind.increment();
  }

  void coalesced() {
    coalesced.increment();
  }

  void caughtUp(int changes) {
    caughtUp.increment(changes);
    slotsPushed.increment(changes);
    chargerPushed.increment(changes);
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
