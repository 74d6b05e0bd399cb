package com.chargeshare.charger;

import java.util.stream.Collectors;
import java.util.Optional;
import java.util.Arrays;
import com.chargeshare.input.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API.md's rules for a listing's fields. {@link #create} needs the required ones; {@link #patch} applies
 * whichever fields are present onto the stored listing. Every bad field is named in one VALIDATION_FAILED.
 */
public final class ChargerInput {

  public static final Set<String> CONNECTORS = Set.of("TYPE1", "TYPE2", "CCS1", "CCS2", "CHADEMO", "GBT", "NACS", "THREE_PIN");
  private static final Set<String> STATUSES = Arrays.stream(ChargerStatus.values()).map(Enum::name).collect(Collectors.toSet());
  private static final Map<String, Integer> DAYS = Map.of("MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6, "SUN", 7);
  private static final Pattern HHMM = Pattern.compile("^([01]\\d|2[0-3]):([0-5]\\d)$|^24:00$");
  private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

  private ChargerInput() {
  }

  public static Charger create(JsonObject body, long hostId) {
    Charger blank = new Charger(0, hostId, null, null, "", Double.NaN, Double.NaN, null, 0, 0, "INR", 30,
      ZoneId.of("Asia/Kolkata"), OpeningHours.ALWAYS, null, ChargerStatus.ONLINE);
    return apply(blank, body, true);
  }

  public static Charger patch(Charger current, JsonObject body) {
    return apply(current, body, false);
  }

  private static Charger apply(Charger c, JsonObject body, boolean creating) {
    Fields f = new Fields(body);
    String name = f.string("name", creating, 1, 120);
    if (name != null && name.isBlank()) {
      f.problem("name", "must not be blank");
    }
    String description = f.string("description", false, 0, 2000);
    String address = f.string("address", false, 0, 300);
    Double lat = f.number("lat", creating, -90, 90, false, "must be between -90 and 90");
    Double lng = f.number("lng", creating, -180, 180, false, "must be between -180 and 180");
    String connector = f.oneOf("connectorType", creating, CONNECTORS, null);
    Double power = f.number("powerKw", creating, 0, 400, true, "must be > 0 and <= 400");
    Long price = f.integer("pricePerHourMinor", creating, 0, 100_000_000, "must be >= 0");
    String currency = f.string("currency", false, 3, 3);
    if (currency != null && !CURRENCY.matcher(currency).matches()) {
      f.problem("currency", "must be an ISO-4217 code such as INR");
    }
    Long slot = f.integer("slotMinutes", false, 15, 60, "must be 15, 30 or 60");
    if (slot != null && slot != 15 && slot != 30 && slot != 60) {
      f.problem("slotMinutes", "must be 15, 30 or 60");
    }
    String zone = f.string("timeZone", false, 1, 64);
    ZoneId timeZone = null;
    if (zone != null) {
      try {
        timeZone = ZoneId.of(zone);
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
          throw new DateTimeException("not a region id");
        }
      } catch (DateTimeException e) {
        f.problem("timeZone", "must be an IANA time zone such as Asia/Kolkata");
        timeZone = null;
      }
    }
    OpeningHours hours = body.containsKey("openingHours") ? hours(f, body.getValue("openingHours")) : null;
    String access = f.string("accessInstructions", false, 0, 2000);
    ChargerStatus status = creating ? null : status(f.oneOf("status", false, STATUSES, null)).orElse(null);
    f.validate();
    return new Charger(c.id(), c.hostId(),
      name != null ? name.strip() : c.name(),
      body.containsKey("description") ? description : c.description(),
      address != null ? address : c.address(),
      lat != null ? lat : c.lat(),
      lng != null ? lng : c.lng(),
      connector != null ? connector : c.connectorType(),
      power != null ? power : c.powerKw(),
      price != null ? price : c.pricePerHourMinor(),
      currency != null ? currency : c.currency(),
      slot != null ? slot.intValue() : c.slotMinutes(),
      timeZone != null ? timeZone : c.timeZone(),
      body.containsKey("openingHours") ? hours : c.openingHours(),
      body.containsKey("accessInstructions") ? access : c.accessInstructions(),
      status != null ? status : c.status());
  }

  /** A status as a client spelled it, when it names one. */
  public static Optional<ChargerStatus> status(String raw) {
    return raw != null && STATUSES.contains(raw) ? Optional.of(ChargerStatus.valueOf(raw)) : Optional.empty();
  }

  private static OpeningHours hours(Fields f, Object raw) {
    if (raw == null) {
      return OpeningHours.ALWAYS;
    }
    if (!(raw instanceof JsonArray list)) {
      f.problem("openingHours", "must be a list of {day, open, close}");
      return null;
    }
    if (list.size() > 70) {
      f.problem("openingHours", "must have at most 70 windows");
      return null;
    }
    List<OpeningHours.Window> windows = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String field = "openingHours[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject w)) {
        f.problem(field, "must be an object {day, open, close}");
        continue;
      }
      Integer day = w.getValue("day") instanceof String d ? DAYS.get(d) : null;
      Integer open = minutes(w.getValue("open"));
      Integer close = minutes(w.getValue("close"));
      if (day == null) {
        f.problem(field + ".day", "must be one of MON, TUE, WED, THU, FRI, SAT, SUN");
      } else if (open == null || open == 1440) {
        f.problem(field + ".open", "must be a time HH:MM");
      } else if (close == null) {
        f.problem(field + ".close", "must be a time HH:MM (24:00 for midnight)");
      } else if (close <= open) {
        f.problem(field + ".close", "must be after open");
      } else if (open % 15 != 0 || close % 15 != 0) {
        f.problem(field, "open and close must be on a quarter hour");
      } else {
        for (OpeningHours.Window other : windows) {
          if (other.day() == day && open < other.closeMinute() && other.openMinute() < close) {
            f.problem(field, "overlaps another window on the same day");
          }
        }
        windows.add(new OpeningHours.Window(day, open, close));
      }
    }
    return new OpeningHours(List.copyOf(windows));
  }

  private static Integer minutes(Object v) {
    if (!(v instanceof String s) || !HHMM.matcher(s).matches()) {
      return null;
    }
    return Integer.parseInt(s.substring(0, 2)) * 60 + Integer.parseInt(s.substring(3, 5));
  }
}
