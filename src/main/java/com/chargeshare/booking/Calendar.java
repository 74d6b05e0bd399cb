package com.chargeshare.booking;

import com.chargeshare.charger.Charger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

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
   * when two are equally close. {@code alsoFree} adds a condition of the caller's (the driver's own bookings).
   */
  Optional<Window> flexWindow(Instant start, Instant end, int flexMinutes, Instant now, int horizonDays,
                              Predicate<Window> alsoFree) {
    List<Window> found = nearest(start, end, flexMinutes * 60L, 1, now, horizonDays, alsoFree);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  Optional<Window> flexWindow(Instant start, Instant end, int flexMinutes, Instant now, int horizonDays) {
    return flexWindow(start, end, flexMinutes, now, horizonDays, w -> true);
  }

  /** Up to {@code max} free windows of the same length on this charger, nearest to the one asked first. */
  List<Window> nearestFree(Instant start, Instant end, int max, Instant now, int horizonDays) {
    return nearest(start, end, ALTERNATIVE_REACH.toSeconds(), max, now, horizonDays, w -> true);
  }

  /**
   * Windows of the same elapsed length that start and end on slot boundaries, walking outward from the one asked
   * (earlier first on a tie) up to {@code reachSeconds} either way. Boundaries are local, so the shift between two
   * candidates is not always one slot: on a daylight-saving day the slots restart at local midnight.
   */
  private List<Window> nearest(Instant start, Instant end, long reachSeconds, int max, Instant now, int horizonDays,
                               Predicate<Window> alsoFree) {
    List<Window> out = new ArrayList<>(max);
    Duration length = Duration.between(start, end);
    ZoneId zone = charger.timeZone();
    int slot = charger.slotMinutes();
    Instant back = Units.previousBoundary(start, zone, slot);
    Instant forward = Units.isBoundary(start, zone, slot) ? Units.nextBoundary(start, zone, slot) : start;
    while (out.size() < max) {
      long backBy = Duration.between(back, start).getSeconds();
      long forwardBy = Duration.between(start, forward).getSeconds();
      boolean backInReach = backBy <= reachSeconds;
      boolean forwardInReach = forwardBy <= reachSeconds;
      if (!backInReach && !forwardInReach) {
        break;
      }
      Instant candidate;
      if (backInReach && (!forwardInReach || backBy <= forwardBy)) {
        candidate = back;
        back = Units.previousBoundary(back, zone, slot);
      } else {
        candidate = forward;
        forward = Units.nextBoundary(forward, zone, slot);
      }
      Instant candidateEnd = candidate.plus(length);
      Window w = new Window(charger.id(), candidate, candidateEnd);
      if (Units.isBoundary(candidateEnd, zone, slot) && bookable(candidate, candidateEnd, now, horizonDays) && alsoFree.test(w)) {
        out.add(w);
      }
    }
    return out;
  }

  /** The grid of API.md: FREE, BOOKED, BLOCKED, CLOSED, OFFLINE or PAST per slot of [from, to), in local slots. */
  List<SlotState> slots(Instant from, Instant to, Instant now) {
    List<SlotState> out = new ArrayList<>();
    for (Units.Walk w = new Units.Walk(from, charger.timeZone(), charger.slotMinutes()); w.start().isBefore(to); w.advance()) {
      out.add(new SlotState(w.start(), w.end(), statusOf(w.start(), w.end(), now)));
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
    if (!charger.openingHours().covers(start, end, charger.timeZone())) {
      return SlotState.CLOSED;
    }
    return charger.online() ? SlotState.FREE : SlotState.OFFLINE;
  }

  /** Free now (the current slot is open, unclaimed and the charger online), the next free slot start, now-status. */
  Availability availability(Instant now, Instant windowFrom, Instant windowTo, int horizonDays) {
    Units.Walk walk = new Units.Walk(now, charger.timeZone(), charger.slotMinutes());
    Instant current = walk.start();
    boolean online = charger.online();
    boolean open = charger.openingHours().covers(current, walk.end(), charger.timeZone());
    boolean unclaimed = free(current, walk.end());
    NowStatus status = NowStatus.of(online, open, unclaimed);
    Instant nextFree = null;
    if (online) {
      Instant limit = now.plus(Duration.ofDays(horizonDays));
      for (; walk.start().isBefore(limit); walk.advance()) {
        if (freeAndOpen(walk.start(), walk.end())) {
          nextFree = walk.start();
          break;
        }
      }
    }
    Boolean windowFree = windowFrom == null ? null
      : online && !windowFrom.isBefore(current) && freeAndOpen(windowFrom, windowTo);
    return new Availability(charger.id(), status == NowStatus.FREE, nextFree, windowFree, status);
  }

  private boolean freeAndOpen(Instant start, Instant end) {
    return free(start, end) && charger.openingHours().covers(start, end, charger.timeZone());
  }
}
