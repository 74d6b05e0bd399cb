package com.chargeshare.pages;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/** How pages write money and times: minor units with their currency, windows in the charger's own zone. */
public final class Formats {

  private static final Map<String, String> SYMBOLS = Map.of("INR", "₹", "USD", "$", "EUR", "€", "GBP", "£", "JPY", "¥");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

  private Formats() {
  }

  /** Decimal places of a currency's minor unit (2 for INR, 0 for JPY); 2 for a code Java does not know. */
  public static int fractionDigits(String currency) {
    try {
      return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException | NullPointerException e) {
      return 2;
    }
  }

  /** Minor units as a plain number in major units, for charts: 15000 INR → 150.0. */
  public static double major(long minor, String currency) {
    return BigDecimal.valueOf(minor, fractionDigits(currency)).doubleValue();
  }

  /**
   * The one way pages write money (format.js's {@code money} writes it the same way in the browser):
   * {@code 15000, "INR"} → {@code ₹150.00}, {@code 500, "JPY"} → {@code ¥500}; a currency without a symbol here
   * is written out after the amount: {@code 1.500 KWD}, {@code 150.00 AED}.
   */
  /**
   * A booking's state in a word or two for the pages: "Awaiting payment", "Hold expired", "No-show", "Cancelled",
   * "Checked in", "Charging now", "Done" or "Confirmed".
   */
  public static String status(com.chargeshare.booking.Booking b, Instant now) {
    return switch (b.status()) {
      case PENDING_PAYMENT -> "Awaiting payment";
      case EXPIRED -> "Hold expired";
      case NO_SHOW -> "No-show";
      case CANCELLED -> "Cancelled";
      case CONFIRMED -> b.life().checkedInAt() != null ? "Checked in" : !b.end().isAfter(now) ? "Done"
        : !b.start().isAfter(now) ? "Charging now" : "Confirmed";
    };
  }

  public static String money(long minor, String currency) {
    int digits = fractionDigits(currency);
    DecimalFormat f = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
      DecimalFormatSymbols.getInstance(Locale.ENGLISH));
    String amount = f.format(BigDecimal.valueOf(minor, digits));
    String symbol = SYMBOLS.get(currency);
    return symbol != null ? symbol + amount : amount + " " + currency;
  }

  /** {@code Tue 10 Mar 2026, 14:00–15:30 IST}; a window over midnight names both days. */
  public static String window(Instant start, Instant end, ZoneId zone) {
    ZonedDateTime s = start.atZone(zone);
    ZonedDateTime e = end.atZone(zone);
    String zoneName = ZONE.format(s);
    String sameDayEnd = endOfSameDay(s, e);
    if (sameDayEnd != null) {
      return DAY.format(s) + ", " + TIME.format(s) + "–" + sameDayEnd + " " + zoneName;
    }
    return DAY.format(s) + ", " + TIME.format(s) + " – " + SHORT_DAY.format(e) + ", " + TIME.format(e) + " " + zoneName;
  }

  /** {@code 14:00–15:30}: the window's times alone, for lists already grouped by day. */
  public static String times(Instant start, Instant end, ZoneId zone) {
    ZonedDateTime s = start.atZone(zone);
    ZonedDateTime e = end.atZone(zone);
    String sameDayEnd = endOfSameDay(s, e);
    String endText = sameDayEnd != null ? sameDayEnd : SHORT_DAY.format(e) + " " + TIME.format(e);
    return TIME.format(s) + "–" + endText + " " + ZONE.format(s);
  }

  /** The end's time when the window ends on its start's day, "24:00" when at the midnight after it, else null. */
  private static String endOfSameDay(ZonedDateTime s, ZonedDateTime e) {
    if (e.toLocalDate().equals(s.toLocalDate())) {
      return TIME.format(e);
    }
    return e.toLocalDate().equals(s.toLocalDate().plusDays(1)) && e.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
      ? "24:00" : null;
  }

  /** A time of day in the zone, "10:05". */
  public static String time(Instant t, ZoneId zone) {
    return TIME.format(t.atZone(zone));
  }

  public static String day(java.time.LocalDate d) {
    return DAY.format(d);
  }

  /** Hours with at most one decimal: 1.5, 24, 0.25 → 0.3. */
  public static String hours(long seconds) {
    double h = Math.round(seconds / 360.0) / 10.0;
    return h == Math.rint(h) ? String.valueOf((long) h) : String.valueOf(h);
  }

  /** A share as a percentage with one decimal, or a dash when it is undefined. */
  public static String percent(Double share) {
    return share == null ? "–" : String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** Coordinates in links, always with a dot, never in exponent form. */
  public static String coordinate(double v) {
    return BigDecimal.valueOf(v).setScale(6, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
