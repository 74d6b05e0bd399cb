package com.chargeshare.booking;

import com.chargeshare.charger.ChargerStatus;
import com.chargeshare.charger.Charger;
import com.chargeshare.charger.OpeningHours;
import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.DomainFailure;
import com.chargeshare.failure.ValidationFailed;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The in-memory calendar and the window rules")
class CalendarTest {

  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

  private static Charger charger(ZoneId zone, OpeningHours hours, int slotMinutes) {
    return new Charger(7, 1, "c", null, "", 0, 0, "CCS2", 22, 6000, "INR", slotMinutes, zone, hours, null, ChargerStatus.ONLINE);
  }

  private static Claim booking(Instant start, Instant end) {
    return new Claim(Claim.Kind.BOOKING, 7, 1, start, end);
  }

  @Test
  @DisplayName("held units are taken, released units are free, and a release never frees another claim's units")
  void holdAndRelease() {
    Calendar cal = new Calendar(charger(ZoneId.of("UTC"), OpeningHours.ALWAYS, 30));
    Instant s = Instant.parse("2026-03-02T10:00:00Z");
    Claim a = booking(s, s.plus(Duration.ofHours(1)));
    cal.hold(a);
    assertThat(cal.free(s.plus(Duration.ofMinutes(30)), s.plus(Duration.ofMinutes(90)))).isFalse();
    assertThat(cal.free(s.plus(Duration.ofHours(1)), s.plus(Duration.ofHours(2)))).isTrue();
    Claim stranger = booking(s, s.plus(Duration.ofMinutes(30)));
    cal.release(stranger);
    assertThat(cal.free(s, s.plus(Duration.ofMinutes(30)))).isFalse();
    cal.release(a);
    assertThat(cal.free(s, s.plus(Duration.ofHours(1)))).isTrue();
  }

  @Test
  @DisplayName("a window crossing midnight UTC spans two day arrays correctly")
  void acrossDays() {
    Calendar cal = new Calendar(charger(ZoneId.of("UTC"), OpeningHours.ALWAYS, 30));
    Instant s = Instant.parse("2026-03-02T23:00:00Z");
    cal.hold(booking(s, s.plus(Duration.ofHours(2))));
    assertThat(cal.free(Instant.parse("2026-03-03T00:30:00Z"), Instant.parse("2026-03-03T01:00:00Z"))).isFalse();
    assertThat(cal.free(Instant.parse("2026-03-03T01:00:00Z"), Instant.parse("2026-03-03T01:30:00Z"))).isTrue();
  }

  @Test
  @DisplayName("flex picks the closest free window, the earlier one on a tie, within the flex only")
  void flex() {
    Calendar cal = new Calendar(charger(ZoneId.of("UTC"), OpeningHours.ALWAYS, 30));
    Instant s = Instant.parse("2026-03-02T10:00:00Z");
    cal.hold(booking(s.minus(Duration.ofMinutes(30)), s.plus(Duration.ofHours(1))));
    assertThat(cal.flexWindow(s, s.plus(Duration.ofHours(1)), 30, NOW, 30)).isEmpty();
    assertThat(cal.flexWindow(s, s.plus(Duration.ofHours(1)), 60, NOW, 30)).get()
      .extracting(Window::start).isEqualTo(s.plus(Duration.ofHours(1)));
    assertThat(cal.flexWindow(s, s.plus(Duration.ofHours(1)), 90, NOW, 30)).get()
      .extracting(Window::start).isEqualTo(s.plus(Duration.ofHours(1)));
  }

  @Test
  @DisplayName("alternatives are the nearest free windows of the same length, at most the number asked")
  void nearest() {
    Calendar cal = new Calendar(charger(ZoneId.of("UTC"), OpeningHours.ALWAYS, 30));
    Instant s = Instant.parse("2026-03-02T10:00:00Z");
    cal.hold(booking(s, s.plus(Duration.ofHours(1))));
    List<Window> near = cal.nearestFree(s, s.plus(Duration.ofHours(1)), 3, NOW, 30);
    assertThat(near).extracting(Window::start).containsExactly(s.minus(Duration.ofHours(1)), s.plus(Duration.ofHours(1)),
      s.minus(Duration.ofMinutes(90)));
  }

  @Test
  @DisplayName("opening hours are checked in the charger's zone, right across a daylight-saving change")
  void dst() {
    // New York springs forward on 2026-03-08 at 02:00 local; open 08:00-18:00 every day
    List<OpeningHours.Window> windows = java.util.stream.IntStream.rangeClosed(1, 7)
      .mapToObj(d -> new OpeningHours.Window(d, 8 * 60, 18 * 60)).toList();
    OpeningHours hours = new OpeningHours(windows);
    ZoneId ny = ZoneId.of("America/New_York");
    // before the change 08:00 EST = 13:00Z; after it 08:00 EDT = 12:00Z
    assertThat(hours.covers(Instant.parse("2026-03-07T13:00:00Z"), Instant.parse("2026-03-07T14:00:00Z"), ny)).isTrue();
    assertThat(hours.covers(Instant.parse("2026-03-07T12:00:00Z"), Instant.parse("2026-03-07T13:00:00Z"), ny)).isFalse();
    assertThat(hours.covers(Instant.parse("2026-03-09T12:00:00Z"), Instant.parse("2026-03-09T13:00:00Z"), ny)).isTrue();
    assertThat(hours.covers(Instant.parse("2026-03-09T21:30:00Z"), Instant.parse("2026-03-09T22:30:00Z"), ny)).isFalse();
    Calendar cal = new Calendar(charger(ny, hours, 60));
    assertThat(cal.statusOf(Instant.parse("2026-03-09T11:00:00Z"), Instant.parse("2026-03-09T12:00:00Z"), NOW)).isEqualTo(SlotState.CLOSED);
    assertThat(cal.statusOf(Instant.parse("2026-03-09T12:00:00Z"), Instant.parse("2026-03-09T13:00:00Z"), NOW)).isEqualTo(SlotState.FREE);
  }

  @Test
  @DisplayName("the window rules: boundaries, order, length, past, horizon, offline, hours")
  void rules() {
    Charger c = charger(ZoneId.of("UTC"), OpeningHours.ALWAYS, 30);
    Instant s = Instant.parse("2026-03-02T10:00:00Z");
    assertThatThrownBy(() -> BookingRules.checkBooking(c, s.plusSeconds(60), s.plusSeconds(3600), NOW, 30))
      .isInstanceOf(ValidationFailed.class);
    assertThatThrownBy(() -> BookingRules.checkBooking(c, s, s.plus(Duration.ofMinutes(510)), NOW, 30)).isInstanceOf(DomainFailure.class);
    BookingRules.checkBooking(c, s, s.plus(Duration.ofHours(8)), NOW, 30);
    assertThatThrownBy(() -> BookingRules.checkBooking(c, NOW.minusSeconds(1800), NOW, NOW, 30)).isInstanceOf(DomainFailure.class);
    assertThatThrownBy(() -> BookingRules.checkBooking(c, NOW.plus(Duration.ofDays(31)), NOW.plus(Duration.ofDays(31)).plusSeconds(1800), NOW, 30))
      .isInstanceOf(DomainFailure.class);
    assertThatThrownBy(() -> BookingRules.checkBooking(c.withStatus(ChargerStatus.OFFLINE), s, s.plusSeconds(1800), NOW, 30))
      .extracting(e -> ((Conflict) e).reason()).isEqualTo(Conflict.Reason.CHARGER_OFFLINE);
    assertThat(c.priceFor(90)).isEqualTo(9000);
    assertThat(c.priceFor(15)).isEqualTo(1500);
  }

  private static List<OpeningHours.Window> daily(int open, int close) {
    return java.util.stream.IntStream.rangeClosed(1, 7).mapToObj(d -> new OpeningHours.Window(d, open, close)).toList();
  }

  @Test
  @DisplayName("slots count from local midnight: 09:00 IST and 09:00 in Kathmandu (+05:45) are boundaries of a 60-minute charger")
  void localBoundaries() {
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    assertThat(Units.isBoundary(Instant.parse("2026-03-02T03:30:00Z"), kolkata, 60)).isTrue();
    assertThat(Units.isBoundary(Instant.parse("2026-03-02T04:00:00Z"), kolkata, 60)).isFalse();
    assertThat(Units.isBoundary(Instant.parse("2026-03-02T04:00:00Z"), kolkata, 30)).isTrue();
    ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
    assertThat(Units.isBoundary(Instant.parse("2026-03-02T03:15:00Z"), kathmandu, 60)).isTrue();
    assertThat(Units.isBoundary(Instant.parse("2026-03-02T03:30:00Z"), kathmandu, 30)).isFalse();
    assertThat(Units.isBoundary(Instant.parse("2026-03-02T03:45:00Z"), kathmandu, 30)).isTrue();
    assertThat(Units.isBoundary(Instant.parse("2026-03-02T03:30:00.5Z"), kolkata, 15)).isFalse();
    assertThat(Units.slotStart(Instant.parse("2026-03-02T04:10:00Z"), kolkata, 60)).isEqualTo(Instant.parse("2026-03-02T03:30:00Z"));

    Charger c = charger(kolkata, OpeningHours.ALWAYS, 60);
    BookingRules.checkBooking(c, Instant.parse("2026-03-02T03:30:00Z"), Instant.parse("2026-03-02T04:30:00Z"), NOW, 30);
    assertThatThrownBy(() -> BookingRules.checkBooking(c, Instant.parse("2026-03-02T04:00:00Z"), Instant.parse("2026-03-02T05:00:00Z"), NOW, 30))
      .isInstanceOf(ValidationFailed.class).extracting(e -> ((ValidationFailed) e).fields().keySet())
      .isEqualTo(java.util.Set.of("start", "end"));
  }

  @Test
  @DisplayName("a charger open 09:00-18:00 IST with 60-minute slots can be booked 09:00-18:00, and its day grid is 24 local hours")
  void kolkataDay() {
    Charger c = charger(ZoneId.of("Asia/Kolkata"), new OpeningHours(daily(9 * 60, 18 * 60)), 60);
    BookingRules.checkBooking(c, Instant.parse("2026-03-02T03:30:00Z"), Instant.parse("2026-03-02T04:30:00Z"), NOW, 30);
    BookingRules.checkBooking(c, Instant.parse("2026-03-02T11:30:00Z"), Instant.parse("2026-03-02T12:30:00Z"), NOW, 30);
    Calendar cal = new Calendar(c);
    // the local day 2026-03-02 runs from 2026-03-01T18:30Z
    List<SlotState> day = cal.slots(Instant.parse("2026-03-01T18:30:00Z"), Instant.parse("2026-03-02T18:30:00Z"), NOW);
    assertThat(day).hasSize(24);
    assertThat(day.get(0).start()).isEqualTo(Instant.parse("2026-03-01T18:30:00Z"));
    assertThat(day.stream().filter(s -> SlotState.FREE.equals(s.status()))).hasSize(9);
    assertThat(day.get(9).start()).isEqualTo(Instant.parse("2026-03-02T03:30:00Z"));
    assertThat(day.get(9).status()).isEqualTo(SlotState.FREE);
    // a grid asked from mid-slot starts at the slot holding that instant
    assertThat(cal.slots(Instant.parse("2026-03-02T04:00:00Z"), Instant.parse("2026-03-02T05:00:00Z"), NOW))
      .extracting(SlotState::start).containsExactly(Instant.parse("2026-03-02T03:30:00Z"), Instant.parse("2026-03-02T04:30:00Z"));
  }

  @Test
  @DisplayName("daylight-saving days: 23 and 25 slots of an hour, restarting at each local midnight")
  void dstDays() {
    ZoneId ny = ZoneId.of("America/New_York");
    Calendar cal = new Calendar(charger(ny, OpeningHours.ALWAYS, 60));
    Instant springDay = Instant.parse("2026-03-08T05:00:00Z");
    Instant springNext = Instant.parse("2026-03-09T04:00:00Z");
    List<SlotState> spring = cal.slots(springDay, springNext, NOW);
    assertThat(spring).hasSize(23);
    assertThat(spring.get(spring.size() - 1).end()).isEqualTo(springNext);
    Instant fallDay = Instant.parse("2026-11-01T04:00:00Z");
    assertThat(cal.slots(fallDay, Instant.parse("2026-11-02T05:00:00Z"), NOW)).hasSize(25);
    // Lord Howe moves its clocks by 30 minutes: a 60-minute charger's last slot of that day is 30 minutes
    ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
    Calendar lh = new Calendar(charger(lordHowe, OpeningHours.ALWAYS, 60));
    Instant dayStart = java.time.LocalDate.of(2026, 4, 5).atStartOfDay(lordHowe).toInstant();
    Instant nextDay = java.time.LocalDate.of(2026, 4, 6).atStartOfDay(lordHowe).toInstant();
    assertThat(Duration.between(dayStart, nextDay)).isEqualTo(Duration.ofMinutes(24 * 60 + 30));
    List<SlotState> long_ = lh.slots(dayStart, nextDay, NOW);
    assertThat(long_).hasSize(25);
    assertThat(Duration.between(long_.get(24).start(), long_.get(24).end())).isEqualTo(Duration.ofMinutes(30));
    assertThat(lh.slots(nextDay, nextDay.plusSeconds(3600), NOW)).extracting(SlotState::start).containsExactly(nextDay);
  }

  @Test
  @DisplayName("flex and alternatives stay on local boundaries, also across a daylight-saving midnight")
  void flexLocal() {
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    Calendar cal = new Calendar(charger(kolkata, OpeningHours.ALWAYS, 60));
    Instant s = Instant.parse("2026-03-02T03:30:00Z");
    cal.hold(booking(s, s.plus(Duration.ofHours(1))));
    assertThat(cal.flexWindow(s, s.plus(Duration.ofHours(1)), 60, NOW, 30)).get()
      .extracting(Window::start).isEqualTo(s.minus(Duration.ofHours(1)));
    assertThat(cal.nearestFree(s, s.plus(Duration.ofHours(1)), 4, NOW, 30)).extracting(Window::start)
      .allSatisfy(t -> assertThat(Units.isBoundary(t, kolkata, 60)).isTrue()).hasSize(4);
    // a flex that the driver's own bookings rule out moves further
    assertThat(cal.flexWindow(s, s.plus(Duration.ofHours(1)), 120, NOW, 30, w -> !w.start().equals(s.minus(Duration.ofHours(1)))))
      .get().extracting(Window::start).isEqualTo(s.plus(Duration.ofHours(1)));

    ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
    Calendar lh = new Calendar(charger(lordHowe, OpeningHours.ALWAYS, 60));
    Instant nextDay = java.time.LocalDate.of(2026, 4, 6).atStartOfDay(lordHowe).toInstant();
    lh.hold(booking(nextDay, nextDay.plus(Duration.ofHours(1))));
    // an hour earlier would start off-grid; the 30-minute last slot makes the closest earlier hour start 90 minutes back
    assertThat(lh.nearestFree(nextDay, nextDay.plus(Duration.ofHours(1)), 2, NOW, 60)).extracting(Window::start)
      .containsExactly(nextDay.plus(Duration.ofHours(1)), nextDay.minus(Duration.ofMinutes(90)));
  }

  @Test
  @DisplayName("now-status: FREE, BUSY, CLOSED, OFFLINE; an offline charger's free future slots read OFFLINE")
  void nowStatus() {
    ZoneId utc = ZoneId.of("UTC");
    Instant now = Instant.parse("2026-03-02T10:10:00Z");
    Calendar open = new Calendar(charger(utc, new OpeningHours(daily(8 * 60, 18 * 60)), 30));
    assertThat(open.availability(now, null, null, 30).nowStatus()).isEqualTo(NowStatus.FREE);
    open.hold(booking(Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:30:00Z")));
    Availability busy = open.availability(now, null, null, 30);
    assertThat(busy.nowStatus()).isEqualTo(NowStatus.BUSY);
    assertThat(busy.availableNow()).isFalse();
    assertThat(busy.nextFreeAt()).isEqualTo(Instant.parse("2026-03-02T10:30:00Z"));
    assertThat(open.availability(Instant.parse("2026-03-02T19:00:00Z"), null, null, 30).nowStatus()).isEqualTo(NowStatus.CLOSED);
    Calendar off = new Calendar(charger(utc, new OpeningHours(daily(8 * 60, 18 * 60)), 30).withStatus(ChargerStatus.OFFLINE));
    assertThat(off.availability(now, null, null, 30).nowStatus()).isEqualTo(NowStatus.OFFLINE);
    assertThat(off.slots(Instant.parse("2026-03-02T17:30:00Z"), Instant.parse("2026-03-02T18:30:00Z"), now))
      .extracting(SlotState::status).containsExactly(SlotState.OFFLINE, SlotState.CLOSED);
    assertThat(off.slots(Instant.parse("2026-03-02T09:30:00Z"), Instant.parse("2026-03-02T10:00:00Z"), now))
      .extracting(SlotState::status).containsExactly(SlotState.PAST);
  }
}
