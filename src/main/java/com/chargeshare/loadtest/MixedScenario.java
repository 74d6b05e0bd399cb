package com.chargeshare.loadtest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A realistic day: searches around the city, slot views of single chargers, bookings within the
 * coming week (random, so some collide) and cancels of the tool's own earlier bookings, in the
 * proportions of {@link Mix}. Run with WebSocket listeners to measure push latency.
 */
final class MixedScenario extends BookingScenario {

  private static final int BOOKING_DAYS = 7;

  private record Cancellable(long bookingId, Account driver) {
  }

  private final Mix mix;
  private final long firstSlot;
  private final long firstDay;
  private final ConcurrentLinkedQueue<Cancellable> cancellable = new ConcurrentLinkedQueue<>();

  MixedScenario(Context context) {
    super(context);
    this.mix = context.mix();
    this.firstSlot = SlotMath.ceilToSlot(context.nowEpochSecond() + context.runSeconds() + 600);
    this.firstDay = SlotMath.nextUtcMidnight(context.nowEpochSecond());
  }

  @Override
  public String name() {
    return "mixed";
  }

  @Override
  public Future<CallResult> fire(SplittableRandom random) {
    OpKind kind = mix.pick(random);
    return switch (kind) {
      case SEARCH -> search(random);
      case SLOTS -> slots(random);
      case CANCEL -> cancel(random);
      case BOOK -> bookRandom(random);
    };
  }

  private Future<CallResult> search(SplittableRandom random) {
    double lat = Fixture.CENTER_LAT + (random.nextDouble() * 2 - 1) * Fixture.SPREAD_DEGREES;
    double lng = Fixture.CENTER_LNG + (random.nextDouble() * 2 - 1) * Fixture.SPREAD_DEGREES;
    double radiusKm = 2 + random.nextInt(9);
    return api.search(lat, lng, radiusKm)
        .map(resp -> CallResult.ofStatus(OpKind.SEARCH, resp.statusCode()))
        .otherwise(failure -> CallResult.ofFailure(OpKind.SEARCH, failure));
  }

  private Future<CallResult> slots(SplittableRandom random) {
    ChargerRef charger = chargers.get(random.nextInt(chargers.size()));
    long from = firstDay + random.nextInt(BOOKING_DAYS) * SlotMath.DAY_SECONDS;
    return api.slots(charger.id(), from, from + SlotMath.DAY_SECONDS)
        .map(resp -> CallResult.ofStatus(OpKind.SLOTS, resp.statusCode()))
        .otherwise(failure -> CallResult.ofFailure(OpKind.SLOTS, failure));
  }

  private Future<CallResult> bookRandom(SplittableRandom random) {
    ChargerRef charger = chargers.get(random.nextInt(chargers.size()));
    int slots = SpreadScenario.slotsPerCharger(BOOKING_DAYS);
    return book(charger, firstSlot + random.nextInt(slots) * SlotMath.SLOT_SECONDS, random);
  }

  /** Cancels the oldest own booking still standing; with none yet, books instead. */
  private Future<CallResult> cancel(SplittableRandom random) {
    Cancellable target = cancellable.poll();
    if (target == null) {
      return bookRandom(random);
    }
    return api.cancel(target.driver(), target.bookingId())
        .map(resp -> {
          if (resp.statusCode() == 200) {
            context.ledger().cancelled(target.bookingId());
            context.drivers().cancelled(target.driver(), target.bookingId());
          } else if (resp.statusCode() != 409) {
            // the cancel may or may not have happened; the verifier must not count it as lost
            context.ledger().cancelUncertain(target.bookingId());
          }
          return CallResult.refused(OpKind.CANCEL, resp.statusCode(), errorCode(resp));
        })
        .otherwise(failure -> {
          context.ledger().cancelUncertain(target.bookingId());
          return CallResult.ofFailure(OpKind.CANCEL, failure);
        });
  }

  @Override
  protected void confirmed(ServerBooking booking, Account driver) {
    cancellable.add(new Cancellable(booking.id(), driver));
  }

  @Override
  public JsonObject describe() {
    return baseDescription().put("mix", mix.toString()).put("bookingDays", BOOKING_DAYS);
  }
}
