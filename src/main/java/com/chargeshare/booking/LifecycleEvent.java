package com.chargeshare.booking;

import java.time.Instant;

/**
 * One step in a booking's life, published on {@link #ADDRESS} of the local event bus (by reference, through
 * {@link LocalCodec}) on the node that committed it, after the commit. Listeners (notifications, and later OCPP
 * and forecasts) react to it; each event is published once, on one node, so a listener that stores something
 * stores it once. {@code told}: its notifications were written in the step's own transaction ({@link BookingNotices}).
 */
public record LifecycleEvent(Kind kind, long bookingId, long chargerId, long driverId, long hostId, Instant start,
                             Instant end, boolean told) {

  /** A step whose people have not been told yet: listeners tell them. */
  public LifecycleEvent(Kind kind, long bookingId, long chargerId, long driverId, long hostId, Instant start, Instant end) {
    this(kind, bookingId, chargerId, driverId, hostId, start, end, false);
  }

  public static final String ADDRESS = "chargeshare.lifecycle";
  /** By reference, and never to another node even in a cluster: each node hears the steps it committed. */
  public static final io.vertx.core.eventbus.DeliveryOptions OPTIONS =
    new io.vertx.core.eventbus.DeliveryOptions().setCodecName(LocalCodec.NAME).setLocalOnly(true);

  /** What happened to the booking. */
  public enum Kind {
    HELD, CONFIRMED, PAYMENT_RECEIVED, EXPIRED, CANCELLED_BY_DRIVER, CANCELLED_BY_HOST, REFUNDED, CHECKED_IN, NO_SHOW
  }
}
