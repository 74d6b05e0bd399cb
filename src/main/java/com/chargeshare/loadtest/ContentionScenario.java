package com.chargeshare.loadtest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.SplittableRandom;

/**
 * The peak-hour rush: every driver races for a handful of slots (tomorrow from midnight UTC) on
 * a few hot chargers. Almost every request should be a 409 {@code SLOT_TAKEN}; what is measured is
 * how fast and how correctly the server says no.
 */
final class ContentionScenario extends BookingScenario {

  private final long firstSlot;
  private final int hotSlots;

  ContentionScenario(Context context) {
    super(context);
    this.firstSlot = SlotMath.nextUtcMidnight(context.nowEpochSecond());
    this.hotSlots = context.hotSlots();
  }

  @Override
  public String name() {
    return "contention";
  }

  @Override
  public Future<CallResult> fire(SplittableRandom random) {
    ChargerRef charger = chargers.get(random.nextInt(chargers.size()));
    long start = firstSlot + random.nextInt(hotSlots) * SlotMath.SLOT_SECONDS;
    return book(charger, start, random);
  }

  @Override
  public JsonObject describe() {
    return baseDescription()
        .put("hotSlots", hotSlots)
        .put("firstSlot", SlotMath.iso(firstSlot))
        .put("bookableSlots", (long) hotSlots * chargers.size());
  }
}
