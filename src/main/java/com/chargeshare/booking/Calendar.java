package com.chargeshare.booking;

import com.chargeshare.charger.Charger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One charger's calendar in the owning shard's memory: 15-minute units in day-sized arrays, allocated only for
 * days that hold something. Single-threaded: only its shard's event loop touches it.
 */
final class Calendar {

  private static final int UNITS_PER_DAY = 96;
  /** How far the engine looks either way for alternatives on the same charger. */
  private static final Duration ALTERNATIVE_REACH = Duration.ofDays(7);

  private final Map<Long, Claim[]> days = new HashMap<>();
  private Charger charger;
  private long seq;

  Calendar(Charger charger) {
    this.charger = charger;
  }

  Charger charger() {
    return charger;
  }

  void charger(Charger updated) {
    this.charger = updated;
  }

  long nextSeq() {
    return ++seq;
  }

  Claim at(long unit) {
    Claim[] day = days.get(Math.floorDiv(unit, UNITS_PER_DAY));
    return day == null ? null : day[(int) Math.floorMod(unit, UNITS_PER_DAY)];
  }

  boolean free(Instant start, Instant end) {
    for (long u = Units.of(start); u < Units.of(end); u++) {
      if (at(u) != null) {
        return false;
      }
    }
    return true;
  }

  boolean hasFutureBooking(Instant now) {
    long from = Units.of(now);
    for (Map.Entry<Long, Claim[]> e : days.entrySet()) {
      for (int i = 0; i < UNITS_PER_DAY; i++) {
        Claim c = e.getValue()[i];
        if (c != null && c.kind == Claim.Kind.BOOKING && e.getKey() * UNITS_PER_DAY + i >= from) {
          return true;
        }
      }
    }
    return false;
  }

  void hold(Claim c) {
    for (long u = c.firstUnit(); u < c.endUnit(); u++) {
      days.computeIfAbsent(Math.floorDiv(u, UNITS_PER_DAY), d -> new Claim[UNITS_PER_DAY])[(int) Math.floorMod(u, UNITS_PER_DAY)] = c;
    }
  }

  /** Frees the units this claim holds; units another claim took meanwhile are left alone. */
  void release(Claim c) {
    for (long u = c.firstUnit(); u < c.endUnit(); u++) {
      Claim[] day = days.get(Math.floorDiv(u, UNITS_PER_DAY));
      int i = (int) Math.floorMod(u, UNITS_PER_DAY);
      if (day != null && day[i] == c) {
        day[i] = null;
      }
    }
  }

  /** Finds a committed claim by database id among the units of a window. */
  Optional<Claim> committedClaim(Claim.Kind kind, long id, Instant start, Instant end) {
    for (long u = Units.of(start); u < Units.of(end); u++) {
      Claim c = at(u);
      if (c != null && c.kind == kind && c.id == id && c.committed) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Days wholly in the past are of no use to anyone: dropped to keep memory bounded. */
  void prune(Instant now) {
    long today = Math.floorDiv(Units.of(now), UNITS_PER_DAY);
    days.keySet().removeIf(d -> d < today - 1);
  }

  private boolean bookable(Instant start, Instant end, Instant now, int horizonDays) {
    return BookingRules.allows(charger, start, end, now, horizonDays) && free(start, end);
  }

  /**
   * With {@code flexMinutes}: the free window of the same length closest to the one asked, the earlier one
   * when two are equally close.
   */
  Optional<Window> flexWindow(Instant start, Instant end, int flexMinutes, Instant now, int horizonDays) {
    Duration step = Duration.ofMinutes(charger.slotMinutes());
    for (long shift = step.toMinutes(); shift <= flexMinutes; shift += step.toMinutes()) {
      Duration d = Duration.ofMinutes(shift);
      if (bookable(start.minus(d), end.minus(d), now, horizonDays)) {
        return Optional.of(new Window(charger.id(), start.minus(d), end.minus(d)));
      }
      if (bookable(start.plus(d), end.plus(d), now, horizonDays)) {
        return Optional.of(new Window(charger.id(), start.plus(d), end.plus(d)));
      }
    }
    return Optional.empty();
  }

  /** Up to {@code max} free windows of the same length on this charger, nearest to the one asked first. */
  List<Window> nearestFree(Instant start, Instant end, int max, Instant now, int horizonDays) {
    List<Window> out = new ArrayList<>(max);
    long step = charger.slotMinutes();
    long reach = ALTERNATIVE_REACH.toMinutes();
    for (long shift = step; shift <= reach && out.size() < max; shift += step) {
      Duration d = Duration.ofMinutes(shift);
      if (bookable(start.minus(d), end.minus(d), now, horizonDays)) {
        out.add(new Window(charger.id(), start.minus(d), end.minus(d)));
      }
      if (out.size() < max && bookable(start.plus(d), end.plus(d), now, horizonDays)) {
        out.add(new Window(charger.id(), start.plus(d), end.plus(d)));
      }
    }
    return out;
  }

  /** The grid of API.md: FREE, BOOKED, BLOCKED, CLOSED or PAST per slot of [from, to). */
  List<SlotState> slots(Instant from, Instant to, Instant now) {
    long slotSeconds = charger.slotMinutes() * 60L;
    Instant first = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), slotSeconds) * slotSeconds);
    List<SlotState> out = new ArrayList<>();
    for (Instant s = first; s.isBefore(to); s = s.plusSeconds(slotSeconds)) {
      out.add(new SlotState(s, s.plusSeconds(slotSeconds), statusOf(s, s.plusSeconds(slotSeconds), now)));
    }
    return out;
  }

  String statusOf(Instant start, Instant end, Instant now) {
    if (start.isBefore(now)) {
      return SlotState.PAST;
    }
    for (long u = Units.of(start); u < Units.of(end); u++) {
      Claim c = at(u);
      if (c != null) {
        return c.kind == Claim.Kind.BOOKING ? SlotState.BOOKED : SlotState.BLOCKED;
      }
    }
    return charger.openingHours().covers(start, end, charger.timeZone()) ? SlotState.FREE : SlotState.CLOSED;
  }

  /** Free now (the current slot is open, unclaimed and the charger online) and the next free slot start. */
  Availability availability(Instant now, Instant windowFrom, Instant windowTo, int horizonDays) {
    long slotSeconds = charger.slotMinutes() * 60L;
    Instant current = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), slotSeconds) * slotSeconds);
    boolean online = charger.online();
    boolean nowFree = online && freeAndOpen(current, current.plusSeconds(slotSeconds));
    Instant nextFree = null;
    if (online) {
      Instant limit = now.plus(Duration.ofDays(horizonDays));
      for (Instant s = current; s.isBefore(limit); s = s.plusSeconds(slotSeconds)) {
        if (freeAndOpen(s, s.plusSeconds(slotSeconds))) {
          nextFree = s;
          break;
        }
      }
    }
    Boolean windowFree = windowFrom == null ? null
      : online && !windowFrom.isBefore(current) && freeAndOpen(windowFrom, windowTo);
    return new Availability(charger.id(), nowFree, nextFree, windowFree);
  }

  private boolean freeAndOpen(Instant start, Instant end) {
    return free(start, end) && charger.openingHours().covers(start, end, charger.timeZone());
  }
}
