package com.chargeshare.loadtest;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** Reads back every confirmed booking on the run's chargers, page by page, as each charger's host. */
final class BookingReader {

  private static final int PAGE = 1000;

  private BookingReader() {
  }

  static Future<List<ServerBooking>> confirmedOn(ApiClient api, List<ChargerRef> chargers, int parallelism) {
    return Bounded.run(chargers.size(), parallelism, i -> readAll(api, chargers.get(i), 0, new ArrayList<>()))
        .map(perCharger -> {
          List<ServerBooking> all = new ArrayList<>();
          perCharger.forEach(all::addAll);
          return all;
        });
  }

  private static Future<List<ServerBooking>> readAll(ApiClient api, ChargerRef charger, int offset,
                                                     List<ServerBooking> soFar) {
    return api.confirmedBookings(charger.host(), charger.id(), PAGE, offset).compose(page -> {
      soFar.addAll(page);
      return page.size() < PAGE ? Future.succeededFuture(soFar) : readAll(api, charger, offset + PAGE, soFar);
    });
  }
}
