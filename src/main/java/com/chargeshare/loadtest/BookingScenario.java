package com.chargeshare.loadtest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.SplittableRandom;

/** What every scenario shares: sending a booking and telling the ledger about a 201. */
abstract class BookingScenario implements Scenario {

  protected final Context context;
  protected final ApiClient api;
  protected final List<Account> drivers;
  protected final List<ChargerRef> chargers;

  BookingScenario(Context context) {
    this.context = context;
    this.api = context.api();
    this.drivers = context.fixture().drivers();
    this.chargers = context.fixture().chargers();
  }

  @Override
  public List<ChargerRef> watchedChargers() {
    return chargers;
  }

  /** Books one slot from {@code start}, for a driver the pool picks within the server's limits. */
  protected Future<CallResult> book(ChargerRef charger, long start, SplittableRandom random) {
    long end = start + SlotMath.SLOT_SECONDS;
    DriverPool.Held held = context.drivers().take(start, end, random);
    Account driver = context.drivers().account(held);
    return api.book(driver, charger.id(), start, end)
        .map(resp -> bookingAnswered(driver, held, resp))
        .otherwise(failure -> {
          // unknown whether it was booked: keep the window held, so the driver never overlaps it
          return CallResult.ofFailure(OpKind.BOOK, failure);
        });
  }

  private CallResult bookingAnswered(Account driver, DriverPool.Held held, HttpResponse<Buffer> resp) {
    if (resp.statusCode() == 201) {
      long received = System.nanoTime();
      try {
        ServerBooking booking = ServerBooking.fromJson(resp.body().toJsonObject().getJsonObject("booking"));
        context.ledger().confirmed(booking, received);
        context.drivers().confirmed(held, booking.id(), booking.start(), booking.end());
        confirmed(booking, driver);
      } catch (RuntimeException badBody) {
        // a 201 the tool cannot read breaks the contract: count it, the verifier cannot use it
        return new CallResult(OpKind.BOOK, Outcome.ERROR, "unreadable-201");
      }
      return CallResult.ofStatus(OpKind.BOOK, 201);
    }
    if (resp.statusCode() < 500) {
      context.drivers().released(held);
    }
    return CallResult.refused(OpKind.BOOK, resp.statusCode(), errorCode(resp));
  }

  /** The error code of a refusal's body, or null when there is none to read. */
  static String errorCode(HttpResponse<Buffer> resp) {
    try {
      JsonObject error = resp.body() == null ? null : resp.body().toJsonObject().getJsonObject("error");
      return error == null ? null : error.getString("code");
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  /** Hook for scenarios that act on their own confirmed bookings later. */
  protected void confirmed(ServerBooking booking, Account driver) {
  }

  protected JsonObject baseDescription() {
    return new JsonObject().put("name", name()).put("chargers", chargers.size()).put("drivers", drivers.size());
  }
}
