package com.chargeshare.loadtest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bookings spread over many chargers and days: a random charger and a random 30-minute slot
 * within the next {@code daysAhead} days. Slots are drawn without replacement (a full-cycle
 * permutation of every charger-slot pair), so a run measures how many bookings the server can
 * confirm rather than how often random draws collide; only after every slot has been asked
 * for once do requests start meeting 409s.
 */
final class SpreadScenario extends BookingScenario {

  private final long firstSlot;
  private final int slotsPerCharger;
  private final long space;
  private final long multiplier;
  private final long offset;
  private final AtomicLong drawn = new AtomicLong();

  SpreadScenario(Context context) {
    super(context);
    // first slot after the run could have ended, so no request ever asks for a past slot
    this.firstSlot = SlotMath.ceilToSlot(context.nowEpochSecond() + context.runSeconds() + 600);
    this.slotsPerCharger = slotsPerCharger(context.daysAhead());
    this.space = (long) slotsPerCharger * chargers.size();
    SplittableRandom random = new SplittableRandom(context.fixture().runId().hashCode());
    long m = space / 3 + random.nextLong(Math.max(1, space / 3));
    while (gcd(m, space) != 1) {
      m++;
    }
    this.multiplier = m % space;
    this.offset = random.nextLong(space);
  }

  static int slotsPerCharger(int daysAhead) {
    return (int) (daysAhead * SlotMath.DAY_SECONDS / SlotMath.SLOT_SECONDS);
  }

  @Override
  public String name() {
    return "spread";
  }

  @Override
  public Future<CallResult> fire(SplittableRandom random) {
    long k = drawn.getAndIncrement() % space;
    // both factors are below the slot space (millions), so the product fits in a long
    long cell = (multiplier * k + offset) % space;
    ChargerRef charger = chargers.get((int) (cell / slotsPerCharger));
    long start = firstSlot + (cell % slotsPerCharger) * SlotMath.SLOT_SECONDS;
    return book(charger, start, random);
  }

  @Override
  public JsonObject describe() {
    return baseDescription()
        .put("daysAhead", context.daysAhead())
        .put("firstSlot", SlotMath.iso(firstSlot))
        .put("bookableSlots", space);
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
