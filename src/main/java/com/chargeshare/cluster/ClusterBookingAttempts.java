package com.chargeshare.cluster;

import com.chargeshare.booking.AttemptRing;
import com.chargeshare.booking.BookingAttempts;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Booking attempts per user per minute, counted by the whole cluster: each user's {@link AttemptRing} lives in a
 * Hazelcast map and is changed only by an entry processor on the member that owns the user's key, so two nodes
 * counting the same user at once are serialised there, without a lock. An entry is forgotten a minute after its
 * last counted attempt. Hazelcast rather than MySQL: the count is asked on every booking request, costs one
 * network round trip to one member, and losing it with a member only resets that user's minute.
 */
public final class ClusterBookingAttempts implements BookingAttempts {

  static final String MAP = "chargeshare-booking-attempts";

  private final IMap<Long, AttemptRing> rings;
  private final int limit;
  private final Clock clock;

  public ClusterBookingAttempts(IMap<Long, AttemptRing> rings, int limit, Clock clock) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be > 0; use BookingAttempts.UNLIMITED for none");
    }
    this.rings = rings;
    this.limit = limit;
    this.clock = clock;
  }

  @Override
  public Future<Void> attempt(long userId) {
    // the asking node's clock, so a member with a skewed clock does not shift everyone's window
    var stage = rings.submitToKey(userId, new Take(clock.millis(), limit));
    Context context = Vertx.currentContext();
    Future<Long> waitMillis = context != null ? Future.fromCompletionStage(stage, context) : Future.fromCompletionStage(stage);
    return waitMillis.compose(BookingAttempts::verdict);
  }

  /** Runs on the key's owner: counts the attempt when allowed and answers how long to wait otherwise. */
  record Take(long now, int limit) implements EntryProcessor<Long, AttemptRing, Long> {
    @Override
    public Long process(Map.Entry<Long, AttemptRing> entry) {
      AttemptRing ring = entry.getValue();
      if (ring == null || !ring.holds(limit)) {
        ring = new AttemptRing(limit);
      }
      long wait = ring.take(now);
      if (wait == 0) {
        ((ExtendedMapEntry<Long, AttemptRing>) entry).setValue(ring, AttemptRing.WINDOW_MILLIS, TimeUnit.MILLISECONDS);
      }
      return wait;
    }
  }
}
