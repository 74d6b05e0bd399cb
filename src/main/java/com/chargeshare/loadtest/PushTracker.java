package com.chargeshare.loadtest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pairs each confirmed booking with the {@code slots} push every listener receives for it
 * (same charger, a change starting at the booking's start with status BOOKED) and records the
 * time from the 201 to the push. A push may beat the 201 to the client; that counts as zero.
 */
final class PushTracker implements BookingLedger.ConfirmationListener {

  private record Key(long chargerId, long start) {
  }

  private static final class Entry {
    long confirmedAt;
    final long[] pushedAt;
    int matched;

    Entry(int listeners) {
      pushedAt = new long[listeners];
    }
  }

  private final int listeners;
  private final Recorder recorder;
  private final Map<Key, Entry> pending = new ConcurrentHashMap<>();
  private final LongAdder matched = new LongAdder();
  private final LongAdder beforeResponse = new LongAdder();

  PushTracker(int listeners, Recorder recorder) {
    this.listeners = listeners;
    this.recorder = recorder;
  }

  @Override
  public void confirmed(ServerBooking booking, long receivedNanos) {
    pending.compute(new Key(booking.chargerId(), booking.start()), (key, entry) -> {
      Entry e = entry != null ? entry : new Entry(listeners);
      e.confirmedAt = receivedNanos;
      for (long pushedAt : e.pushedAt) {
        if (pushedAt != 0) {
          match(e, pushedAt);
        }
      }
      return e.matched == listeners ? null : e;
    });
  }

  /** A listener saw slot {@code start} of {@code chargerId} become BOOKED. */
  void pushed(int listener, long chargerId, long start, long receivedNanos) {
    pending.compute(new Key(chargerId, start), (key, entry) -> {
      Entry e = entry != null ? entry : new Entry(listeners);
      if (e.pushedAt[listener] != 0) {
        return e;
      }
      e.pushedAt[listener] = receivedNanos;
      if (e.confirmedAt != 0) {
        match(e, receivedNanos);
      }
      return e.matched == listeners ? null : e;
    });
  }

  private void match(Entry e, long pushedAt) {
    long latency = pushedAt - e.confirmedAt;
    if (latency < 0) {
      beforeResponse.increment();
    }
    recorder.recordPush(Math.max(0, latency));
    matched.increment();
    e.matched++;
  }

  long matched() {
    return matched.sum();
  }

  long pushesBeforeResponse() {
    return beforeResponse.sum();
  }

  /**
   * Pushes still owed: for each confirmed booking, the listeners that never saw it. Read once the
   * load has stopped and the listeners had time to catch up.
   */
  long missing() {
    long missing = 0;
    for (Map.Entry<Key, Entry> pair : pending.entrySet()) {
      Entry e = pair.getValue();
      if (e.confirmedAt != 0) {
        missing += listeners - e.matched;
      }
    }
    return missing;
  }
}
