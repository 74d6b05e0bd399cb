package com.chargeshare.pages;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A charger's block form on the host dashboard as the host filled it in, with what was wrong with it. */
record BlockForm(long chargerId, String start, String end, String reason, Map<String, String> problems) {

  /** The form as a charger's card first shows it. */
  static BlockForm empty(long chargerId) {
    return new BlockForm(chargerId, "", "", "", Map.of());
  }

  static BlockForm posted(long chargerId, String start, String end, String reason) {
    return new BlockForm(chargerId, trim(start), trim(end), trim(reason), new LinkedHashMap<>());
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }

  /** A {@code datetime-local} value read in the charger's zone. */
  Instant localInstant(String field, String value, ZoneId zone) {
    if (value.isEmpty()) {
      problems.put(field, "is required");
      return null;
    }
    try {
      return LocalDateTime.parse(value).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      problems.put(field, "must be a date and time such as 2026-12-01T10:00");
      return null;
    }
  }
}
