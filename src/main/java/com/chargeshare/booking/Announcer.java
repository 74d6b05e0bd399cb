package com.chargeshare.booking;

import com.chargeshare.charger.Charger;
import io.vertx.core.eventbus.EventBus;

import java.time.Clock;
import java.util.List;

/**
 * Publishes a shard's committed changes as {@link ChangeEvent}s, in commit order per charger, and a booking's
 * confirmation or cancellation as a {@link LifecycleEvent}.
 */
final class Announcer {

  private final EventBus bus;
  private final Clock clock;
  private final int horizonDays;
  private final long seqBase;

  /** {@code seqBase}: where this owner's {@code seq} numbers start (see {@link ShardTenure}). */
  Announcer(EventBus bus, Clock clock, int horizonDays, long seqBase) {
    this.seqBase = seqBase;
    this.bus = bus;
    this.clock = clock;
    this.horizonDays = horizonDays;
  }

  void announce(Calendar cal, List<SlotState> changes, ChangeEvent.Kind kind) {
    Charger c = cal.charger();
    boolean availableNow = cal.availability(clock.instant(), null, null, horizonDays).availableNow();
    bus.publish(ChangeEvent.ADDRESS, new ChangeEvent(c.id(), seqBase + cal.nextSeq(), changes, c.status(), availableNow,
      c.lat(), c.lng(), System.nanoTime(), kind, c.hostId(), c.pricePerHourMinor(), c.currency()), LocalCodec.OPTIONS);
  }
}
