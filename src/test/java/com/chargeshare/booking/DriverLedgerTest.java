package com.chargeshare.booking;

import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.Unavailable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The driver ledger: one owner decides a driver's bookings first come, first served")
class DriverLedgerTest {

  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);

  private static DriverLedger.Request req(Instant start, int hours, int flex) {
    return new DriverLedger.Request(1, start, start.plus(Duration.ofHours(hours)), flex);
  }

  private static List<DriverLedger.Outcome> answers(DriverLedger ledger, DriverLedger.Request... requests) {
    List<DriverLedger.Outcome> out = new ArrayList<>();
    for (DriverLedger.Request r : requests) {
      ledger.reserve(r, out::add);
    }
    return out;
  }

  private static DriverLedger.Held held(long driverId, long bookingId, Instant start, Instant end, int seat) {
    return new DriverLedger.Held(driverId, new DriverLedger.Busy(bookingId, start, end), seat);
  }

  private static int seat(DriverLedger.Outcome o) {
    return ((DriverLedger.Granted) o).seat();
  }

  private static Conflict.Reason reason(DriverLedger.Outcome o) {
    return ((Conflict) ((DriverLedger.Refused) o).failure()).reason();
  }

  @Test
  @DisplayName("requests for one hour wait for the first reservation; it is booked, so every other one is DRIVER_OVERLAP naming it")
  void oneCar() {
    DriverLedger ledger = new DriverLedger(new DriverRules(false, 5), clock);
    List<DriverLedger.Outcome> got = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ledger.reserve(req(T, 1, 0), got::add);
    }
    assertThat(got).hasSize(1).first().isInstanceOf(DriverLedger.Granted.class);
    long reservation = ((DriverLedger.Granted) got.get(0)).reservation();
    ledger.settle(1, reservation, 77, T, T.plus(Duration.ofHours(1)), DriverLedger.NO_SEAT);
    assertThat(got).hasSize(50);
    assertThat(got.subList(1, 50)).allSatisfy(o -> {
      assertThat(reason(o)).isEqualTo(Conflict.Reason.DRIVER_OVERLAP);
      assertThat(((Conflict) ((DriverLedger.Refused) o).failure()).details()).containsEntry("bookingId", 77L);
    });
  }

  @Test
  @DisplayName("undo: when the charger refuses the first reservation, the next request in line is granted")
  void undo() {
    DriverLedger ledger = new DriverLedger(new DriverRules(false, 5), clock);
    List<DriverLedger.Outcome> got = answers(ledger, req(T, 1, 0), req(T, 1, 0), req(T, 1, 0));
    assertThat(got).hasSize(1);
    ledger.settle(1, ((DriverLedger.Granted) got.get(0)).reservation(), 0, null, null, DriverLedger.NO_SEAT);
    assertThat(got).hasSize(2).last().isInstanceOf(DriverLedger.Granted.class);
    ledger.settle(1, ((DriverLedger.Granted) got.get(1)).reservation(), 9, T, T.plus(Duration.ofHours(1)), DriverLedger.NO_SEAT);
    assertThat(got).hasSize(3);
    assertThat(reason(got.get(2))).isEqualTo(Conflict.Reason.DRIVER_OVERLAP);
  }

  @Test
  @DisplayName("windows that do not overlap are decided at once, in parallel; touching windows do not overlap")
  void independent() {
    DriverLedger ledger = new DriverLedger(new DriverRules(false, 5), clock);
    List<DriverLedger.Outcome> got = answers(ledger, req(T, 1, 0), req(T.plus(Duration.ofHours(1)), 1, 0),
      req(T.minus(Duration.ofHours(2)), 2, 0));
    assertThat(got).hasSize(3).allSatisfy(o -> assertThat(o).isInstanceOf(DriverLedger.Granted.class));
  }

  @Test
  @DisplayName("at most N upcoming: the (N+1)th waits while one is in flight, and is refused BOOKING_LIMIT once all N are booked")
  void limit() {
    DriverLedger ledger = new DriverLedger(new DriverRules(false, 2), clock);
    List<DriverLedger.Outcome> got = answers(ledger, req(T, 1, 0), req(T.plusSeconds(7200), 1, 0), req(T.plusSeconds(14400), 1, 0));
    assertThat(got).hasSize(2);
    ledger.settle(1, ((DriverLedger.Granted) got.get(0)).reservation(), 1, T, T.plusSeconds(3600), DriverLedger.NO_SEAT);
    assertThat(got).hasSize(2);
    ledger.settle(1, ((DriverLedger.Granted) got.get(1)).reservation(), 2, T.plusSeconds(7200), T.plusSeconds(10800), DriverLedger.NO_SEAT);
    assertThat(got).hasSize(3);
    assertThat(reason(got.get(2))).isEqualTo(Conflict.Reason.BOOKING_LIMIT);
    // a cancel frees a place; an ended booking no longer counts
    ledger.released(1, 1);
    assertThat(answers(ledger, req(T.plusSeconds(20000), 1, 0))).first().isInstanceOf(DriverLedger.Granted.class);
  }

  @Test
  @DisplayName("ended bookings count for nothing")
  void ended() {
    DriverLedger ledger = new DriverLedger(new DriverRules(false, 1), clock);
    ledger.restore(held(1, 5, T, T.plusSeconds(3600), 0));
    assertThat(reason(answers(ledger, req(T.plusSeconds(7200), 1, 0)).get(0))).isEqualTo(Conflict.Reason.BOOKING_LIMIT);
    clock.now = T.plusSeconds(3600);
    assertThat(answers(ledger, req(T.plusSeconds(7200), 1, 0))).first().isInstanceOf(DriverLedger.Granted.class);
  }

  @Test
  @DisplayName("with flex, overlapping bookings of the driver are handed to the charger to avoid rather than refused")
  void flex() {
    DriverLedger ledger = new DriverLedger(new DriverRules(false, 5), clock);
    ledger.restore(held(1, 5, T, T.plusSeconds(3600), 0));
    var got = answers(ledger, req(T, 1, 60));
    assertThat(got.get(0)).isInstanceOf(DriverLedger.Granted.class);
    assertThat(((DriverLedger.Granted) got.get(0)).busy()).extracting(DriverLedger.Busy::bookingId).containsExactly(5L);
  }

  @Test
  @DisplayName("with the overlap rule lifted, overlapping windows are granted; with no limit, any number")
  void rulesOff() {
    DriverLedger ledger = new DriverLedger(new DriverRules(true, 0), clock);
    for (int i = 0; i < 20; i++) {
      ledger.restore(held(1, i + 1, T, T.plusSeconds(3600), DriverLedger.NO_SEAT));
    }
    assertThat(answers(ledger, req(T, 1, 0), req(T, 1, 0))).hasSize(2).allSatisfy(o -> assertThat(o).isInstanceOf(DriverLedger.Granted.class));
  }

  @Test
  @DisplayName("a reservation never settled lapses after its lease; the driver is named for a re-read; waiters give up after 10 s")
  void lease() {
    DriverLedger ledger = new DriverLedger(new DriverRules(false, 5), clock);
    List<DriverLedger.Outcome> got = answers(ledger, req(T, 1, 0), req(T, 1, 0));
    assertThat(got).hasSize(1);
    clock.now = NOW.plusSeconds(11);
    assertThat(ledger.expire()).isEmpty();
    assertThat(got).hasSize(2);
    assertThat(((DriverLedger.Refused) got.get(1)).failure()).isInstanceOf(Unavailable.class);
    clock.now = NOW.plus(DriverLedger.LEASE);
    assertThat(ledger.expire()).containsExactly(1L);
    ledger.learn(1, List.of());
    assertThat(answers(ledger, req(T, 1, 0))).first().isInstanceOf(DriverLedger.Granted.class);
    // a settle that arrives after its lease still records the booking
    ledger.settle(1, ((DriverLedger.Granted) got.get(0)).reservation(), 3, T, T.plusSeconds(3600), seat(got.get(0)));
    assertThat(reason(answers(ledger, req(T, 1, 0)).get(0))).isEqualTo(Conflict.Reason.DRIVER_OVERLAP);
  }

  @Test
  @DisplayName("the lease check looks only at drivers with something in flight; ended bookings and idle drivers are forgotten apart")
  void forgetEnded() {
    DriverLedger ledger = new DriverLedger(new DriverRules(false, 5), clock);
    ledger.restore(held(1, 1, T, T.plusSeconds(3600), 0));
    List<DriverLedger.Outcome> got = new ArrayList<>();
    ledger.reserve(new DriverLedger.Request(2, T.plusSeconds(7200), T.plusSeconds(10_800), 0), got::add);
    assertThat(got).first().isInstanceOf(DriverLedger.Granted.class);
    assertThat(ledger.size()).isEqualTo(2);
    clock.now = NOW.plus(DriverLedger.LEASE);
    assertThat(ledger.expire()).containsExactly(2L);
    assertThat(ledger.size()).isEqualTo(1);
    ledger.forgetEnded();
    assertThat(ledger.size()).isEqualTo(1);
    clock.now = T.plusSeconds(3600);
    ledger.forgetEnded();
    assertThat(ledger.size()).isZero();
  }

  @Test
  @DisplayName("when the node that sent a reservation leaves the cluster, its reservations lapse at once and the driver is re-read; "
    + "another node's stay")
  void senderGone() {
    DriverLedger ledger = new DriverLedger(new DriverRules(false, 5), clock);
    Instant later = T.plus(Duration.ofHours(5));
    List<DriverLedger.Outcome> got = answers(ledger,
      new DriverLedger.Request(1, T, T.plus(Duration.ofHours(1)), 0, "node-a"),
      new DriverLedger.Request(1, T, T.plus(Duration.ofHours(1)), 0, "node-b"),
      new DriverLedger.Request(1, later, later.plus(Duration.ofHours(1)), 0, "node-b"));
    assertThat(got).hasSize(2).allSatisfy(o -> assertThat(o).isInstanceOf(DriverLedger.Granted.class));
    assertThat(ledger.senderGone("node-c")).isEmpty();
    assertThat(ledger.senderGone("node-a")).containsExactly(1L);
    ledger.learn(1, List.of());
    // the request that waited on node-a's reservation is decided now, not after the 30-second lease
    assertThat(got).hasSize(3).last().isInstanceOf(DriverLedger.Granted.class);
    // node-b's own reservation still stands
    assertThat(answers(ledger, req(later, 1, 0))).isEmpty();
  }

  @Test
  @DisplayName("each reservation takes the lowest seat free in memory; a booking keeps its seat, a refusal, a cancel or its end frees it")
  void seats() {
    DriverLedger ledger = new DriverLedger(new DriverRules(false, 3), clock);
    ledger.restore(held(1, 7, T, T.plusSeconds(3600), 1));
    List<DriverLedger.Outcome> got = answers(ledger, req(T.plusSeconds(7200), 1, 0), req(T.plusSeconds(14400), 1, 0));
    assertThat(got).extracting(DriverLedgerTest::seat).containsExactly(0, 2);
    // the charger refused the first: its seat is free again; the second became booking 9 on seat 2
    ledger.settle(1, ((DriverLedger.Granted) got.get(0)).reservation(), 0, null, null, DriverLedger.NO_SEAT);
    ledger.settle(1, ((DriverLedger.Granted) got.get(1)).reservation(), 9, T.plusSeconds(14400), T.plusSeconds(18000), 2);
    assertThat(seat(answers(ledger, req(T.plusSeconds(30000), 1, 0)).get(0))).isZero();
    // booking 7 (seat 1) is cancelled; then booking 9 (seat 2) ends
    ledger.released(1, 7);
    assertThat(seat(answers(ledger, req(T.plusSeconds(40000), 1, 0)).get(0))).isEqualTo(1);
    clock.now = T.plusSeconds(18000);
    assertThat(seat(answers(ledger, req(T.plusSeconds(50000), 1, 0)).get(0))).isEqualTo(2);
    // with no limit, bookings take no seat
    DriverLedger unlimited = new DriverLedger(new DriverRules(false, 0), clock);
    assertThat(seat(answers(unlimited, req(T.plusSeconds(60000), 1, 0)).get(0))).isEqualTo(DriverLedger.NO_SEAT);
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
