package com.chargeshare.loadtest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;

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

  protected Future<CallResult> book(Account driver, ChargerRef charger, long start) {
    return api.book(driver, charger.id(), start, start + SlotMath.SLOT_SECONDS)
        .map(resp -> bookingAnswered(driver, resp))
        .otherwise(failure -> CallResult.ofFailure(OpKind.BOOK, failure));
  }

  private CallResult bookingAnswered(Account driver, HttpResponse<Buffer> resp) {
    if (resp.statusCode() == 201) {
      long received = System.nanoTime();
      try {
        ServerBooking booking = ServerBooking.fromJson(resp.body().toJsonObject().getJsonObject("booking"));
        context.ledger().confirmed(booking, received);
        confirmed(booking, driver);
      } catch (RuntimeException badBody) {
        // a 201 the tool cannot read breaks the contract: count it, the verifier cannot use it
        return new CallResult(OpKind.BOOK, Outcome.ERROR, "unreadable-201");
      }
    }
    return CallResult.ofStatus(OpKind.BOOK, resp.statusCode());
  }

  /** Hook for scenarios that act on their own confirmed bookings later. */
  protected void confirmed(ServerBooking booking, Account driver) {
  }

  protected JsonObject baseDescription() {
    return new JsonObject().put("name", name()).put("chargers", chargers.size()).put("drivers", drivers.size());
  }
}
