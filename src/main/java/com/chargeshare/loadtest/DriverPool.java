package com.chargeshare.loadtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses the driver of each booking so that the run keeps to the server's fair-booking limits, which an operator
 * states with {@code --max-upcoming-per-driver}, {@code --attempts-per-minute} (0 when switched off) and
 * {@code --allow-driver-overlap}: no driver
 * asks for a window overlapping one it holds or has in flight, holds more than the limit, or sends more attempts a
 * minute than allowed. When every driver is at a limit the request goes out anyway with a random driver and the
 * server's refusal is counted by kind: the report then says to create more drivers.
 */
final class DriverPool {

  /** The most drivers the tool registers unless told: each costs the server a bcrypt hash at set-up. */
  static final int AUTO_MAX = 2000;
  private static final int AUTO_MIN = 40;
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final List<Account> drivers;
  private final boolean allowOverlap;
  private final int maxUpcoming;
  private final int attemptsPerMinute;
  private final List<Held>[] held;
  private final long[][] attempts;
  private final int[] attemptCursor;
  private final Map<Account, Integer> index = new HashMap<>();
  /**
   * The drivers below the upcoming limit, in the order they are offered (every driver when there is no limit): a
   * ring of driver numbers, each at most once ({@code offered}). A request tries these alone, so once most drivers
   * are at the limit it does not walk all of them (it did: a tenth of the tool's CPU in a long spread run).
   */
  private final int[] roomy;
  private final boolean[] offered;
  private int first;
  private int count;

  @SuppressWarnings("unchecked")
  DriverPool(List<Account> drivers, boolean allowOverlap, int maxUpcoming, int attemptsPerMinute) {
    this.drivers = drivers;
    this.allowOverlap = allowOverlap;
    this.maxUpcoming = maxUpcoming;
    this.attemptsPerMinute = attemptsPerMinute;
    this.held = new List[drivers.size()];
    this.attempts = new long[drivers.size()][Math.max(attemptsPerMinute, 0)];
    this.attemptCursor = new int[drivers.size()];
    this.roomy = new int[drivers.size()];
    this.offered = new boolean[drivers.size()];
    for (int i = 0; i < held.length; i++) {
      held[i] = new ArrayList<>(4);
      java.util.Arrays.fill(attempts[i], Long.MIN_VALUE);
      index.putIfAbsent(drivers.get(i), i);
      offer(i);
    }
  }

  /**
   * Drivers enough for a run to keep within the server's limits: each holds at most {@code maxUpcoming} of the
   * bookings and sends at most {@code attemptsPerMinute} of the requests a minute (0 = no such limit).
   */
  static int enough(double expectedRequests, double ratePerSecond, int maxUpcoming, int attemptsPerMinute) {
    double byLimit = maxUpcoming > 0 ? expectedRequests / maxUpcoming : 0;
    double byRate = attemptsPerMinute > 0 ? ratePerSecond * 60 / attemptsPerMinute : 0;
    return (int) Math.min(AUTO_MAX, Math.max(AUTO_MIN, Math.ceil(Math.max(byLimit, byRate) * 11 / 10)));
  }

  /** A window taken by a driver: in flight until answered, then confirmed (kept) or released. */
  record Held(int driver, long bookingId, long start, long end) {
  }

  /** Picks a driver free for [start, end) and notes the window as in flight. */
  Held take(long start, long end, SplittableRandom random) {
    if (!limited()) {
      return new Held(random.nextInt(drivers.size()), 0, start, end);
    }
    return takeWithinLimits(start, end, random);
  }

  /** With every limit off nothing needs tracking: a raw engine benchmark pays for no lock here. */
  private boolean limited() {
    return !allowOverlap || maxUpcoming > 0 || attemptsPerMinute > 0;
  }

  private synchronized Held takeWithinLimits(long start, long end, SplittableRandom random) {
    long now = System.nanoTime();
    for (int tried = count; tried > 0; tried--) {
      int d = roomy[first];
      first = (first + 1) % roomy.length;
      count--;
      offered[d] = false;
      if (!hasRoom(d)) {
        continue;
      }
      Held h = fits(d, start, end, now) ? hold(d, start, end, now) : null;
      // still below the limit: offered again, after the others
      if (hasRoom(d)) {
        offer(d);
      }
      if (h != null) {
        return h;
      }
    }
    return hold(random.nextInt(drivers.size()), start, end, now);
  }

  private boolean hasRoom(int d) {
    return maxUpcoming <= 0 || held[d].size() < maxUpcoming;
  }

  /** Offers the driver last, unless it is offered already. */
  private void offer(int d) {
    if (!offered[d]) {
      offered[d] = true;
      roomy[(first + count) % roomy.length] = d;
      count++;
    }
  }

  Account account(Held h) {
    return drivers.get(h.driver());
  }

  /** The server confirmed the window (possibly another one, with flex): the driver holds it. */
  void confirmed(Held h, long bookingId, long start, long end) {
    if (limited()) {
      confirmedWithinLimits(h, bookingId, start, end);
    }
  }

  private synchronized void confirmedWithinLimits(Held h, long bookingId, long start, long end) {
    held[h.driver()].remove(h);
    held[h.driver()].add(new Held(h.driver(), bookingId, start, end));
  }

  /** Refused or failed: the driver holds nothing more. */
  synchronized void released(Held h) {
    if (limited() && held[h.driver()].remove(h) && hasRoom(h.driver())) {
      offer(h.driver());
    }
  }

  /** A booking of this driver was cancelled. */
  synchronized void cancelled(Account driver, long bookingId) {
    Integer d = index.get(driver);
    if (d != null && held[d].removeIf(h -> h.bookingId() == bookingId) && hasRoom(d)) {
      offer(d);
    }
  }

  /** Whether a driver below the upcoming limit may be sent for [start, end) now. */
  private boolean fits(int d, long start, long end, long now) {
    List<Held> mine = held[d];
    if (!allowOverlap) {
      for (Held h : mine) {
        if (h.start() < end && start < h.end()) {
          return false;
        }
      }
    }
    return attemptsPerMinute <= 0 || attempts[d][attemptCursor[d]] == Long.MIN_VALUE
      || now - attempts[d][attemptCursor[d]] >= MINUTE_NANOS;
  }

  private Held hold(int d, long start, long end, long now) {
    if (attemptsPerMinute > 0) {
      attempts[d][attemptCursor[d]] = now;
      attemptCursor[d] = (attemptCursor[d] + 1) % attemptsPerMinute;
    }
    Held h = new Held(d, 0, start, end);
    held[d].add(h);
    return h;
  }
}
