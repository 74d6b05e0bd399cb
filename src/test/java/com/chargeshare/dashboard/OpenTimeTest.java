package com.chargeshare.dashboard;

import com.chargeshare.charger.OpeningHours;
import com.chargeshare.pages.Formats;
import com.chargeshare.text.Money;
import com.chargeshare.text.Windows;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Open time of a charger, and how pages write money and windows")
class OpenTimeTest {

  static final ZoneId LONDON = ZoneId.of("Europe/London");

  static OpeningHours daily(int open, int close) {
    List<OpeningHours.Window> w = new ArrayList<>();
    for (int d = 1; d <= 7; d++) {
      w.add(new OpeningHours.Window(d, open, close));
    }
    return new OpeningHours(w);
  }

  @Test
  @DisplayName("always open counts every second of the window")
  void alwaysOpen() {
    Instant from = Instant.parse("2026-03-01T10:17:00Z");
    assertThat(OpenTime.openSeconds(OpeningHours.ALWAYS, LONDON, from, from.plusSeconds(7 * 86400))).isEqualTo(7 * 86400);
    assertThat(OpenTime.openSeconds(OpeningHours.ALWAYS, LONDON, from, from)).isZero();
  }

  @Test
  @DisplayName("daily hours are counted in local time, clipped at the window's edges, across midnight UTC")
  void dailyHours() {
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    Instant from = Instant.parse("2026-03-02T00:00:00Z");
    assertThat(OpenTime.openSeconds(daily(8 * 60, 20 * 60), kolkata, from, from.plusSeconds(7 * 86400))).isEqualTo(7 * 12 * 3600);
    // 08:00-20:00 IST is 02:30-14:30Z: a window from 12:30Z to 16:00Z catches the last two hours
    assertThat(OpenTime.openSeconds(daily(8 * 60, 20 * 60), kolkata, Instant.parse("2026-03-02T12:30:00Z"),
      Instant.parse("2026-03-02T16:00:00Z"))).isEqualTo(2 * 3600);
    // a window closing at midnight (1440) is open up to the next local day
    assertThat(OpenTime.openSeconds(daily(22 * 60, 1440), kolkata, from, from.plusSeconds(86400 * 2))).isEqualTo(2 * 2 * 3600);
  }

  @Test
  @DisplayName("a daylight-saving change makes the local day shorter or longer, and open time follows it")
  void daylightSaving() {
    // 29 March 2026: London skips 01:00-02:00
    Instant from = Instant.parse("2026-03-29T00:00:00Z");
    Instant to = Instant.parse("2026-03-29T23:00:00Z");
    assertThat(OpenTime.openSeconds(daily(0, 1440), LONDON, from, to)).isEqualTo(23 * 3600);
    assertThat(OpenTime.openSeconds(daily(9 * 60, 17 * 60), LONDON, from, to)).isEqualTo(8 * 3600);
  }

  @Test
  @DisplayName("overlapping windows on one day are not counted twice")
  void overlaps() {
    OpeningHours hours = new OpeningHours(List.of(new OpeningHours.Window(1, 8 * 60, 12 * 60),
      new OpeningHours.Window(1, 10 * 60, 14 * 60)));
    Instant monday = Instant.parse("2026-03-02T00:00:00Z");
    assertThat(OpenTime.openSeconds(hours, ZoneId.of("UTC"), monday, monday.plusSeconds(86400))).isEqualTo(6 * 3600);
  }

  @Test
  @DisplayName("money is minor units with the currency's decimals; windows are local with the zone's name")
  void formats() {
    assertThat(Money.format(15000, "INR")).isEqualTo("₹150.00");
    assertThat(Money.format(123456789, "INR")).isEqualTo("₹1,234,567.89");
    assertThat(Money.format(500, "JPY")).isEqualTo("¥500");
    assertThat(Money.format(1999, "CHF")).isEqualTo("19.99 CHF");
    assertThat(Windows.window(Instant.parse("2026-12-01T04:30:00Z"), Instant.parse("2026-12-01T06:00:00Z"), ZoneId.of("Asia/Kolkata")))
      .isEqualTo("Tue 1 Dec 2026, 10:00–11:30 IST");
    assertThat(Windows.window(Instant.parse("2026-07-01T22:00:00Z"), Instant.parse("2026-07-02T01:00:00Z"), LONDON))
      .isEqualTo("Wed 1 Jul 2026, 23:00 – Thu 2 Jul, 02:00 BST");
    assertThat(Formats.percent(0.011904)).isEqualTo("1.2%");
    assertThat(Formats.percent(null)).isEqualTo("–");
  }
}
