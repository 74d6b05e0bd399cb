package com.chargeshare.booking;

import com.chargeshare.booking.DriverLedgerEntries.Driver;
import com.chargeshare.booking.DriverLedgerEntries.Entry;
import com.chargeshare.booking.DriverLedgerEntries.Waiting;
import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.DomainFailure;
import com.chargeshare.failure.Unavailable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The drivers of one ledger shard, in the memory of their one owner: each driver's confirmed bookings that have not
 * ended and the reservations in flight. The owner decides a driver's requests first come, first served, with no
 * lock: a request is granted a reservation before its charger's owner is asked, and the reservation is settled once
 * the charger has answered (booked: it becomes the booking; refused: it is undone).
 *
 * <p>A request whose answer depends on a reservation still in flight (its window may overlap it, or it would be the
 * one over the limit if that reservation is booked) waits until that reservation is settled, so every answer is
 * decided against what really happened: 50 parallel requests of one driver for one hour on 50 chargers confirm
 * exactly one, and if the first charger refuses, the next request in line gets its chance. A reservation that is
 * never settled (its sender died) lapses after {@link #LEASE}; the owner then re-reads the driver from MySQL,
 * whose {@code driver_claims} key refuses an overlap whatever this memory believes.
 *
 * <p>With a limit of N upcoming bookings each booking holds one of the driver's seats 0..N-1: a reservation is given
 * the lowest seat free in this memory and its booking takes that seat in MySQL, whose {@code driver_seats} key refuses
 * a seat held by a booking not yet ended. Two deciders that both believe the driver under the limit pick the same
 * seat, so only one of them can commit.
 *
 * <p>Single-threaded: only its verticle's event loop touches it. Time comes from the clock.
 */
final class DriverLedger {

  /** Longer than a charger owner's answer and its group commit can take. */
  static final Duration LEASE = Duration.ofSeconds(30);
  /** Longer than this a request does not wait for another's reservation: its sender has given up by then. */
  static final Duration MAX_WAIT = Duration.ofSeconds(10);
  /** The seat of a booking made with no limit on: it takes none. */
  static final int NO_SEAT = -1;

  private final DriverRules rules;
  private final Clock clock;
  private final Map<Long, Driver> drivers = new HashMap<>();
  /**
   * The drivers that had a reservation in flight or a request waiting when last seen: the only ones a lapse or a wait
   * can concern, so {@link #expire} looks at them and not at every driver holding bookings. Trimmed by expire.
   */
  private final Set<Long> unsettled = new HashSet<>();
  /** Reservation ids from a random start: a late settle meant for another owner's reservation never matches. */
  private long nextReservation = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;

  DriverLedger(DriverRules rules, Clock clock) {
    this.rules = rules;
    this.clock = clock;
  }

  /**
   * What a driver asks for: a window, and how far the charger's owner may move it; {@code origin} names the node
   * that sent it (its cluster node id; empty on a single node), which settles it.
   */
  record Request(long driverId, Instant start, Instant end, int flexMinutes, String origin) {

    Request(long driverId, Instant start, Instant end, int flexMinutes) {
      this(driverId, start, end, flexMinutes, "");
    }

    Instant from() {
      return start.minus(Duration.ofMinutes(flexMinutes));
    }

    Instant to() {
      return end.plus(Duration.ofMinutes(flexMinutes));
    }
  }

  /** One of the driver's confirmed bookings that a moved (flex) window must also avoid. */
  record Busy(long bookingId, Instant start, Instant end) {

    boolean overlaps(Instant s, Instant e) {
      return start.isBefore(e) && s.isBefore(end);
    }
  }

  sealed interface Outcome permits Granted, Refused {
  }

  /**
   * Go ahead and ask the charger; settle {@code reservation} with its answer. The booking takes {@code seat} in MySQL
   * ({@link #NO_SEAT} with no limit on).
   */
  record Granted(long reservation, List<Busy> busy, int seat) implements Outcome {
  }

  /** One of a driver's upcoming bookings as MySQL has it, with the seat it holds (or {@link #NO_SEAT}). */
  record Held(long driverId, Busy booking, int seat) {
  }

  record Refused(DomainFailure failure) implements Outcome {
  }

  /** Answers now, or once the reservations this request depends on are settled. */
  void reserve(Request r, Consumer<Outcome> answer) {
    Driver d = drivers.computeIfAbsent(r.driverId(), id -> new Driver());
    Instant now = clock.instant();
    Outcome o = decide(d, r, now);
    if (!(o instanceof Refused)) {
      unsettled.add(r.driverId());
    }
    if (o != null) {
      answer.accept(o);
    } else {
      d.waiting.add(new Waiting(r, answer, now));
    }
  }

  /**
   * The charger's answer to a granted reservation: {@code bookingId} > 0 with the window actually booked, or 0
   * when nothing was booked, with the seat the booking took. A settle for a reservation that already lapsed still
   * records the booking, on its seat.
   */
  void settle(long driverId, long reservation, long bookingId, Instant start, Instant end, int seat) {
    Driver d = drivers.computeIfAbsent(driverId, id -> new Driver());
    d.entries.removeIf(e -> e.pending && e.reservation == reservation);
    if (bookingId > 0 && d.entries.stream().noneMatch(e -> e.bookingId == bookingId)) {
      d.entries.add(Entry.confirmed(bookingId, start, end, seat));
    }
    drain(d);
    forgetIfIdle(driverId, d);
  }

  /** A booking was cancelled (or otherwise ended early): its window is the driver's again. */
  void released(long driverId, long bookingId) {
    Driver d = drivers.get(driverId);
    if (d != null) {
      d.entries.removeIf(e -> !e.pending && e.bookingId == bookingId);
      drain(d);
      forgetIfIdle(driverId, d);
    }
  }

  /** A confirmed booking read from MySQL (rebuild after a start). */
  void restore(Held h) {
    Driver d = drivers.computeIfAbsent(h.driverId(), id -> new Driver());
    if (d.entries.stream().noneMatch(e -> e.bookingId == h.booking().bookingId())) {
      d.entries.add(Entry.confirmed(h.booking(), h.seat()));
    }
  }

  /** MySQL's word on a driver's confirmed bookings replaces this memory's; reservations in flight stay. */
  void learn(long driverId, List<Held> confirmed) {
    Driver d = drivers.computeIfAbsent(driverId, id -> new Driver());
    d.entries.removeIf(e -> !e.pending);
    confirmed.forEach(h -> d.entries.add(Entry.confirmed(h.booking(), h.seat())));
    drain(d);
    forgetIfIdle(driverId, d);
  }

  /**
   * A node left the cluster: its reservations will never be settled, so they lapse now rather than at the end of
   * their lease. Answers the drivers to re-read from MySQL, as {@link #expire} does.
   */
  Set<Long> senderGone(String origin) {
    Set<Long> lapsed = new HashSet<>();
    drivers.forEach((id, d) -> {
      if (d.entries.removeIf(x -> x.pending && x.origin.equals(origin))) {
        lapsed.add(id);
      }
    });
    return lapsed;
  }

  /**
   * Drops reservations past their lease and gives up on requests that waited too long; answers the drivers whose
   * reservations lapsed, whom the owner should re-read from MySQL. Looks only at drivers with something in flight.
   */
  Set<Long> expire() {
    Instant now = clock.instant();
    Set<Long> lapsed = new HashSet<>();
    for (Iterator<Long> it = unsettled.iterator(); it.hasNext(); ) {
      long id = it.next();
      Driver d = drivers.get(id);
      if (d == null) {
        it.remove();
        continue;
      }
      if (d.entries.removeIf(x -> x.pending && !x.leaseUntil.isAfter(now))) {
        lapsed.add(id);
      }
      for (Iterator<Waiting> w = d.waiting.iterator(); w.hasNext(); ) {
        Waiting waiting = w.next();
        if (Duration.between(waiting.since(), now).compareTo(MAX_WAIT) >= 0) {
          w.remove();
          waiting.answer().accept(new Refused(new Unavailable("Another booking of yours is still being decided; try again")));
        }
      }
      d.prune(now);
      if (!lapsed.contains(id)) {
        drain(d);
      }
      if (d.entries.isEmpty() && d.waiting.isEmpty()) {
        drivers.remove(id);
      }
      if (d.waiting.isEmpty() && d.entries.stream().noneMatch(x -> x.pending)) {
        it.remove();
      }
    }
    return lapsed;
  }

  /** Forgets bookings that have ended, and drivers with nothing left: memory only, decisions prune as they go. */
  void forgetEnded() {
    Instant now = clock.instant();
    for (Iterator<Driver> it = drivers.values().iterator(); it.hasNext(); ) {
      Driver d = it.next();
      d.prune(now);
      if (d.entries.isEmpty() && d.waiting.isEmpty()) {
        it.remove();
      }
    }
  }

  int size() {
    return drivers.size();
  }

  /** Re-decides the waiting requests in arrival order; those that still depend on a reservation keep waiting. */
  private void drain(Driver d) {
    Instant now = clock.instant();
    int n = d.waiting.size();
    for (int i = 0; i < n; i++) {
      Waiting w = d.waiting.poll();
      Outcome o = decide(d, w.request(), now);
      if (o != null) {
        w.answer().accept(o);
      } else {
        d.waiting.add(w);
      }
    }
  }

  private void forgetIfIdle(long driverId, Driver d) {
    if (d.entries.isEmpty() && d.waiting.isEmpty()) {
      drivers.remove(driverId);
    }
  }

  /** The answer, or null when it depends on a reservation in flight. */
  private Outcome decide(Driver d, Request r, Instant now) {
    d.prune(now);
    if (!rules.allowOverlap() && r.flexMinutes() == 0) {
      for (Entry e : d.entries) {
        if (!e.pending && e.overlaps(r.start(), r.end())) {
          return overlap(e.bookingId);
        }
      }
    }
    int confirmed = 0;
    int pending = 0;
    for (Entry e : d.entries) {
      if (e.pending) {
        pending++;
      } else {
        confirmed++;
      }
    }
    if (rules.maxUpcoming() > 0 && confirmed >= rules.maxUpcoming()) {
      return limit();
    }
    boolean dependsOnPending = rules.maxUpcoming() > 0 && confirmed + pending >= rules.maxUpcoming();
    List<Busy> busy = new ArrayList<>();
    if (!rules.allowOverlap()) {
      for (Entry e : d.entries) {
        if (e.overlaps(r.from(), r.to())) {
          if (e.pending) {
            dependsOnPending = true;
          } else {
            busy.add(new Busy(e.bookingId, e.start, e.end));
          }
        }
      }
    }
    if (dependsOnPending) {
      return null;
    }
    long reservation = nextReservation++;
    int seat = rules.maxUpcoming() > 0 ? d.lowestFreeSeat() : NO_SEAT;
    d.entries.add(Entry.pending(reservation, r.from(), r.to(), now.plus(LEASE), r.origin(), seat));
    return new Granted(reservation, List.copyOf(busy), seat);
  }

  static Refused overlap(long bookingId) {
    return new Refused(overlapFailure(bookingId));
  }

  /** DRIVER_OVERLAP naming the driver's booking at that time. */
  static Conflict overlapFailure(long bookingId) {
    return new Conflict(Conflict.Reason.DRIVER_OVERLAP, "You already hold a booking at that time; one driver, one car",
      Map.of("bookingId", bookingId));
  }

  private Refused limit() {
    return new Refused(limitFailure(rules.maxUpcoming()));
  }

  /** BOOKING_LIMIT with the limit. */
  static Conflict limitFailure(int maxUpcoming) {
    return new Conflict(Conflict.Reason.BOOKING_LIMIT,
      "You hold the most upcoming bookings allowed (" + maxUpcoming + "); cancel one or wait until one has ended",
      Map.of("limit", maxUpcoming));
  }

  /**
   * The same rules for a driver whose confirmed bookings were just read under a lock (the db-lock engine): with no
   * reservation in flight the answer is immediate.
   */
  static Outcome decideAlone(DriverRules rules, Clock clock, Request r, List<Held> confirmed) {
    DriverLedger one = new DriverLedger(rules, clock);
    confirmed.forEach(one::restore);
    Outcome[] out = new Outcome[1];
    one.reserve(r, o -> out[0] = o);
    return out[0];
  }
}
