package com.chargeshare.input;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@link Instant#parse} with a fast path for the form every client sends, {@code 2026-12-01T10:00:00Z}: read digit by
 * digit, the date checked by {@link LocalDate#of}. Anything else (fractions, offsets, 24:00, a leap second, an
 * invalid text) goes to {@link Instant#parse}, which accepts and refuses exactly what it did before.
 */
public final class Instants {

  private Instants() {
  }

  /** As {@link Instant#parse}: throws {@link DateTimeParseException} for what it refuses. */
  public static Instant parse(String s) {
    if (s.length() == 20 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
      && s.charAt(16) == ':' && s.charAt(19) == 'Z') {
      int year = digits(s, 0, 4);
      int month = digits(s, 5, 2);
      int day = digits(s, 8, 2);
      int hour = digits(s, 11, 2);
      int minute = digits(s, 14, 2);
      int second = digits(s, 17, 2);
      if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59
        && second >= 0 && second <= 59) {
        try {
          long days = LocalDate.of(year, month, day).toEpochDay();
          return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second);
        } catch (DateTimeException e) {
          // not a date (February 30th): Instant.parse words the refusal
        }
      }
    }
    return Instant.parse(s);
  }

  /** The number written by {@code n} ASCII digits from {@code at}, or -1 when one of them is not a digit. */
  private static int digits(String s, int at, int n) {
    int v = 0;
    for (int i = at; i < at + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
