package com.chargeshare.booking;

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
    return new Charger(7, 1, "c", null, "", 0, 0, "CCS2", 22, 6000, "INR", slotMinutes, zone, hours, null, "ONLINE");
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
    assertThatThrownBy(() -> BookingRules.checkBooking(c.withStatus("OFFLINE"), s, s.plusSeconds(1800), NOW, 30))
      .extracting(e -> ((Conflict) e).reason()).isEqualTo(Conflict.Reason.CHARGER_OFFLINE);
    assertThat(c.priceFor(90)).isEqualTo(9000);
    assertThat(c.priceFor(15)).isEqualTo(1500);
  }
}
