package com.chargeshare.booking;

import io.vertx.core.eventbus.EventBus;

/** Publishes {@link LifecycleEvent}s on the local event bus, after the commit of the step they tell of. */
public final class LifecycleEvents {

  private final EventBus bus;

  public LifecycleEvents(EventBus bus) {
    this.bus = bus;
  }

  public void publish(LifecycleEvent.Kind kind, Booking b, long hostId) {
    publish(kind, b, hostId, false);
  }

  /** {@code told}: the booking's notifications were written in its own transaction. */
  void publish(LifecycleEvent.Kind kind, Booking b, long hostId, boolean told) {
    bus.publish(LifecycleEvent.ADDRESS, new LifecycleEvent(kind, b.id(), b.chargerId(), b.driverId(), hostId, b.start(), b.end(),
      told), LifecycleEvent.OPTIONS);
  }

  void publish(LifecycleEvent.Kind kind, long bookingId, long chargerId, long driverId, long hostId, java.time.Instant start,
               java.time.Instant end) {
    bus.publish(LifecycleEvent.ADDRESS, new LifecycleEvent(kind, bookingId, chargerId, driverId, hostId, start, end),
      LifecycleEvent.OPTIONS);
  }
}
