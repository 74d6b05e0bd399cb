package com.chargeshare.pages;

import com.chargeshare.charger.Charger;
import com.chargeshare.charger.ChargerStatus;
import com.chargeshare.charger.OpeningHours;
import com.chargeshare.failure.ValidationFailed;
import com.chargeshare.text.Money;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The host's add/edit form as plain HTML fields, and its translation to the JSON shape that
 * {@link com.chargeshare.charger.ChargerInput} validates, so the page and the API share one set of rules.
 * The form speaks in major units (₹150.00) and per-weekday rows; the API in minor units and windows.
 */
final class ChargerForm {

  static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
  private static final Map<String, String> DAY_LABELS = Map.of("MON", "Monday", "TUE", "Tuesday", "WED", "Wednesday",
    "THU", "Thursday", "FRI", "Friday", "SAT", "Saturday", "SUN", "Sunday");
  static final String MODE_HOURS = "hours";
  static final String MODE_24H = "24h";
  static final String MODE_CLOSED = "closed";

  /** Raw field values to show back in the form (strings, as typed). */
  final Map<String, String> values = new HashMap<>();
  /** One row per weekday. */
  final List<Day> days = new ArrayList<>();
  /** Problems found while reading the form itself (not numbers, etc.), keyed by form field. */
  final Map<String, String> problems = new LinkedHashMap<>();
  /** The opening hours {@link #toJson} sent, to name the day of an API problem such as {@code openingHours[2].close}. */
  private JsonArray sentHours;

  private ChargerForm() {
  }

  /** A weekday's row: open from–to, 24 hours, or closed. */
  record Day(String day, String label, String mode, String open, String close) {
  }

  /** An empty form for a new listing: sensible defaults, weekly hours 08:00-20:00 offered but always open. */
  static ChargerForm blank(MapSettings map) {
    ChargerForm f = new ChargerForm();
    f.values.put("lat", "");
    f.values.put("lng", "");
    f.values.put("mapLat", map.lat());
    f.values.put("mapLng", map.lng());
    f.values.put("connectorType", "TYPE2");
    f.values.put("currency", "INR");
    f.values.put("slotMinutes", "30");
    f.values.put("timeZone", "Asia/Kolkata");
    f.values.put("hoursMode", "always");
    f.values.put("status", ChargerStatus.ONLINE.name());
    for (String d : DAYS) {
      f.days.add(day(d, MODE_HOURS, "08:00", "20:00"));
    }
    return f;
  }

  /** The form filled from a stored listing. */
  static ChargerForm of(Charger c) {
    ChargerForm f = new ChargerForm();
    f.values.put("name", c.name());
    f.values.put("description", c.description() == null ? "" : c.description());
    f.values.put("address", c.address());
    f.values.put("lat", String.valueOf(c.lat()));
    f.values.put("lng", String.valueOf(c.lng()));
    f.values.put("mapLat", String.valueOf(c.lat()));
    f.values.put("mapLng", String.valueOf(c.lng()));
    f.values.put("connectorType", c.connectorType());
    f.values.put("powerKw", BigDecimal.valueOf(c.powerKw()).stripTrailingZeros().toPlainString());
    f.values.put("pricePerHour", majorUnits(c.pricePerHourMinor(), c.currency()));
    f.values.put("currency", c.currency());
    f.values.put("slotMinutes", String.valueOf(c.slotMinutes()));
    f.values.put("timeZone", c.timeZone().getId());
    f.values.put("accessInstructions", c.accessInstructions() == null ? "" : c.accessInstructions());
    f.values.put("status", c.status().name());
    f.values.put("hoursMode", c.openingHours().alwaysOpen() ? "always" : "weekly");
    for (int i = 0; i < DAYS.size(); i++) {
      int dayNo = i + 1;
      List<OpeningHours.Window> ws = c.openingHours().windows().stream().filter(w -> w.day() == dayNo).toList();
      if (c.openingHours().alwaysOpen()) {
        f.days.add(day(DAYS.get(i), MODE_HOURS, "08:00", "20:00"));
      } else if (ws.isEmpty()) {
        f.days.add(day(DAYS.get(i), MODE_CLOSED, "08:00", "20:00"));
      } else if (ws.get(0).openMinute() == 0 && ws.get(ws.size() - 1).closeMinute() == 1440 && ws.size() == 1) {
        f.days.add(day(DAYS.get(i), MODE_24H, "00:00", "00:00"));
      } else {
        // the form edits one window per day: the first opening to the last closing
        f.days.add(day(DAYS.get(i), MODE_HOURS, OpeningHours.hhmm(ws.get(0).openMinute()),
          ws.get(ws.size() - 1).closeMinute() == 1440 ? "00:00" : OpeningHours.hhmm(ws.get(ws.size() - 1).closeMinute())));
      }
    }
    return f;
  }

  /** Reads a posted form; {@link #toJson()} gives what ChargerInput checks. */
  /** Fields a listing cannot be without; the API refuses a new charger lacking them, the form an edit. */
  private static final List<String> REQUIRED = List.of("name", "address", "lat", "lng", "connectorType", "powerKw",
    "pricePerHour", "status");

  static ChargerForm read(MultiMap form) {
    ChargerForm f = new ChargerForm();
    for (String name : List.of("name", "description", "address", "lat", "lng", "connectorType", "powerKw", "pricePerHour",
      "currency", "slotMinutes", "timeZone", "accessInstructions", "status", "hoursMode")) {
      String v = form.get(name);
      f.values.put(name, v == null ? "" : v.trim());
    }
    f.values.put("mapLat", f.values.get("lat"));
    f.values.put("mapLng", f.values.get("lng"));
    for (String d : DAYS) {
      String mode = form.get("hours." + d + ".mode");
      f.days.add(day(d, mode == null ? MODE_CLOSED : mode, orEmpty(form.get("hours." + d + ".open")),
        orEmpty(form.get("hours." + d + ".close"))));
    }
    return f;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s.trim();
  }

  private static Day day(String d, String mode, String open, String close) {
    return new Day(d, DAY_LABELS.get(d), mode, open, close);
  }

  /** The API's JSON for these fields; empty optional fields become null so an edit can clear them. */
  JsonObject toJson(boolean editing) {
    JsonObject o = new JsonObject();
    text(o, "name");
    text(o, "description");
    o.put("address", values.get("address"));
    number(o, "lat");
    number(o, "lng");
    text(o, "connectorType");
    number(o, "powerKw");
    text(o, "currency");
    price(o, values.get("currency").isEmpty() ? "INR" : values.get("currency"));
    String slot = values.get("slotMinutes");
    if (!slot.isEmpty()) {
      try {
        o.put("slotMinutes", Integer.parseInt(slot));
      } catch (NumberFormatException e) {
        problems.put("slotMinutes", "must be 15, 30 or 60");
      }
    }
    text(o, "timeZone");
    text(o, "accessInstructions");
    if (editing) {
      text(o, "status");
      // the edit form always carries these filled in: a post without them would clear a listing, not edit it
      for (String name : REQUIRED) {
        if (values.get(name).isEmpty()) {
          problems.putIfAbsent(name, "is required");
        }
      }
    }
    sentHours = openingHours();
    o.put("openingHours", sentHours);
    return o;
  }

  /**
   * The charger the API's rules make of {@link #toJson}; failed with their refusal, or with the form's own
   * problems when only those are wrong (a price that is not a number reaches the rules as no price at all).
   */
  Future<Charger> check(Supplier<Charger> apiRules) {
    // the rules throw their refusal; map turns it into a failed future
    return Future.succeededFuture(apiRules).map(Supplier::get).map(c -> {
      if (!problems.isEmpty()) {
        throw ValidationFailed.fields(problems);
      }
      return c;
    });
  }

  private void text(JsonObject o, String name) {
    String v = values.get(name);
    o.put(name, v == null || v.isEmpty() ? null : v);
  }

  private void number(JsonObject o, String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      o.putNull(name);
      return;
    }
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException(v);
      }
      o.put(name, d);
    } catch (NumberFormatException e) {
      problems.put(name, "must be a number");
    }
  }

  private void price(JsonObject o, String currency) {
    String v = values.get("pricePerHour");
    if (v.isEmpty()) {
      o.putNull("pricePerHourMinor");
      return;
    }
    int digits = Money.fractionDigits(currency);
    try {
      BigDecimal major = new BigDecimal(v);
      if (major.scale() > digits) {
        problems.put("pricePerHour", "must have at most " + digits + " decimal places");
        return;
      }
      o.put("pricePerHourMinor", major.movePointRight(digits).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      problems.put("pricePerHour", "must be an amount such as 150.00");
    }
  }

  private JsonArray openingHours() {
    if (!"weekly".equals(values.get("hoursMode"))) {
      return null;
    }
    JsonArray windows = new JsonArray();
    for (Day d : days) {
      String mode = d.mode();
      if (MODE_24H.equals(mode)) {
        windows.add(new JsonObject().put("day", d.day()).put("open", "00:00").put("close", "24:00"));
      } else if (MODE_HOURS.equals(mode)) {
        String open = hhmm(d.open());
        String close = hhmm(d.close());
        // a time input cannot say 24:00; closing "at 00:00" after opening means midnight at the end of the day
        if ("00:00".equals(close) && open != null && !"00:00".equals(open)) {
          close = "24:00";
        }
        windows.add(new JsonObject().put("day", d.day()).put("open", open).put("close", close));
      } else if (!MODE_CLOSED.equals(mode)) {
        problems.put("hours." + d.day(), "choose open, 24 hours or closed");
      }
    }
    if (windows.isEmpty()) {
      // no windows would mean "always open" to the API, the opposite of what the host asked
      problems.put("hoursMode", "at least one day must be open; choose \"Always open\" or open a day");
    }
    return windows;
  }

  /** Time inputs send HH:MM or HH:MM:SS. */
  private static String hhmm(String v) {
    if (v == null || v.isEmpty()) {
      return null;
    }
    return v.length() >= 5 ? v.substring(0, 5) : v;
  }

  /**
   * Moves the API's field names onto the form's: {@code pricePerHourMinor} → {@code pricePerHour},
   * {@code openingHours[i].close} → {@code hours.DAY}.
   */
  void addApiProblems(Map<String, String> fields) {
    fields.forEach((key, message) -> {
      if ("pricePerHourMinor".equals(key)) {
        problems.putIfAbsent("pricePerHour", message);
      } else if (key.startsWith("openingHours[") && sentHours != null) {
        int end = key.indexOf(']');
        int index = Integer.parseInt(key.substring("openingHours[".length(), end));
        String day = sentHours.getJsonObject(index).getString("day");
        String what = key.substring(end + 1).replace(".", "");
        problems.putIfAbsent("hours." + day, (what.isEmpty() ? "" : what + " ") + message);
      } else if ("openingHours".equals(key)) {
        problems.putIfAbsent("hoursMode", message);
      } else {
        problems.putIfAbsent(key, message);
      }
    });
  }

  private static String majorUnits(long minor, String currency) {
    return Money.amount(minor, currency).toPlainString();
  }
}
