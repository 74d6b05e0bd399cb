package com.chargeshare.booking;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/** What a {@link DriverLedger} keeps of one driver: bookings, reservations in flight, and requests waiting on them. */
final class DriverLedgerEntries {

  private DriverLedgerEntries() {
  }

  static final class Driver {
    final List<Entry> entries = new ArrayList<>(4);
    final ArrayDeque<Waiting> waiting = new ArrayDeque<>(0);

    /** Bookings that have ended count for nothing any more. */
    void prune(Instant now) {
      entries.removeIf(e -> !e.pending && !e.end.isAfter(now));
    }

    /**
     * The lowest seat no booking or reservation in memory holds: one pass over them, as n entries hold at most n of the
     * seats 0..n (a driver allowed many upcoming bookings holds many, and this runs on every request).
     */
    int lowestFreeSeat() {
      int n = entries.size();
      BitSet held = new BitSet(n + 1);
      for (Entry e : entries) {
        if (e.seat >= 0 && e.seat <= n) {
          held.set(e.seat);
        }
      }
      return held.nextClearBit(0);
    }
  }

  /**
   * A confirmed booking, or a reservation in flight; a reservation covers the whole range its window may be moved
   * in (the asked window widened by the flex), since the charger's owner picks the window within it.
   */
  static final class Entry {
    final boolean pending;
    final long reservation;
    final long bookingId;
    final Instant start;
    final Instant end;
    final Instant leaseUntil;
    final String origin;
    final int seat;

    private Entry(boolean pending, long reservation, long bookingId, Instant start, Instant end, Instant leaseUntil,
                  String origin, int seat) {
      this.pending = pending;
      this.reservation = reservation;
      this.bookingId = bookingId;
      this.start = start;
      this.end = end;
      this.leaseUntil = leaseUntil;
      this.origin = origin;
      this.seat = seat;
    }

    static Entry confirmed(long bookingId, Instant start, Instant end, int seat) {
      return new Entry(false, 0, bookingId, start, end, null, "", seat);
    }

    static Entry confirmed(DriverLedger.Busy b, int seat) {
      return confirmed(b.bookingId(), b.start(), b.end(), seat);
    }

    static Entry pending(long reservation, Instant from, Instant to, Instant leaseUntil, String origin, int seat) {
      return new Entry(true, reservation, 0, from, to, leaseUntil, origin, seat);
    }

    boolean overlaps(Instant s, Instant e) {
      return start.isBefore(e) && s.isBefore(end);
    }
  }

  record Waiting(DriverLedger.Request request, Consumer<DriverLedger.Outcome> answer, Instant since) {
  }
}
