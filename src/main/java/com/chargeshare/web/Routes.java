package com.chargeshare.web;

import com.chargeshare.Services;
import com.chargeshare.live.LiveHub;
import com.chargeshare.pages.AccountPages;
import com.chargeshare.pages.ChargerPages;
import com.chargeshare.pages.DriverBookingPages;
import com.chargeshare.pages.HostDashboardPages;
import com.chargeshare.pages.HostPhotoPages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The feature routes of one HTTP verticle, in one list: API resources, pages, the live socket. The handlers are
 * light; what they use (repositories, the template engine, the rules) comes built once from {@link Services}.
 */
final class Routes {

  private Routes() {
  }

  static void mountAll(Vertx vertx, Router router, Services s) {
    new ChargerApi(s.chargers(), s.listings(), s.bookings(), s.accessInstructions(), s.engine(), s.guard()).mount(router);
    new BookingApi(s.engine(), s.booking(), s.bookings(), s.guard(), s.attempts()).mount(router);
    new AccountPages(s.pages(), s.accounts(), s.guard()).mount(router);
    new ChargerPages(s.pages(), s.chargers(), s.listings(), s.accessInstructions(), s.engine(), s.guard(), s.config().map(),
      s.geocoder().enabled(), s.photos()).mount(router);
    new GeocodeApi(s.geocoder()).mount(router);
    new PhotoApi(s.photos(), s.listings(), s.guard()).mount(router);
    new HostPhotoPages(s.pages(), s.guard(), s.listings(), s.photos()).mount(router);
    new HostDashboardApi(s.chargers(), s.hostStats(), s.guard()).mount(router);
    new HostDashboardPages(s.pages(), s.guard(), s.chargers(), s.listings(), s.bookingViews(), s.hostStats(), s.engine())
      .mount(router);
    new DriverBookingPages(s.pages(), s.guard(), s.bookingViews(), s.engine()).mount(router);
    new LiveHub(vertx, s.config().live(), s.guard(), s.live()).mount(router);
    new OpenApiDocument().mount(router);
  }
}
