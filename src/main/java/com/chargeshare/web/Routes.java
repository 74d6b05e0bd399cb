package com.chargeshare.web;

import com.chargeshare.Services;
import com.chargeshare.live.LiveHub;
import com.chargeshare.pages.AccountPages;
import com.chargeshare.pages.ChargerPages;
import com.chargeshare.pages.DriverBookingPages;
import com.chargeshare.pages.HostDashboardPages;
import com.chargeshare.pages.NotificationPages;
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
    new ChargerApi(s.chargers(), s.listings(), s.bookings(), s.accessInstructions(), s.engine(), s.guard(),
      s.reviews().repository()).mount(router);
    new ReviewApi(s.reviews(), s.listings(), s.guard()).mount(router);
    new BookingApi(s.cancels(), s.booking(), s.bookings(), s.guard(), s.checkIns(), s.payments()).mount(router);
    new PaymentApi(s.payments()).mount(router);
    new AccountPages(s.pages(), s.accounts(), s.guard()).mount(router);
    new ChargerPages(s.pages(), s.chargers(), s.listings(), s.accessInstructions(), s.engine(), s.guard(), s.config().map(),
      s.reviews(), com.chargeshare.pages.BookingTerms.of(s.lifecycle(), s.config().payments()), s.geocoder().enabled(), s.photos())
      .mount(router);
    new GeocodeApi(s.geocoder()).mount(router);
    new PhotoApi(s.photos(), s.listings(), s.guard()).mount(router);
    new HostPhotoPages(s.pages(), s.guard(), s.listings(), s.photos()).mount(router);
    new HostDashboardApi(s.chargers(), s.hostStats(), s.guard()).mount(router);
    new HostDashboardPages(s.pages(), s.guard(), s.chargers(), s.listings(), s.bookingViews(), s.hostStats(), s.engine(), s.cancels())
      .mount(router);
    new DriverBookingPages(s.pages(), s.guard(), s.bookingViews(), s.cancels(), s.checkIns(), s.lifecycle().policy(),
      s.reviews()).mount(router);
    new NotificationApi(s.notifications(), s.guard(), java.time.Clock.systemUTC()).mount(router);
    new NotificationPages(s.pages(), s.notifications(), s.guard(), java.time.Clock.systemUTC()).mount(router);
    new LiveHub(vertx, s.config().live(), s.guard(), s.live()).mount(router);
    new OpenApiDocument().mount(router);
  }
}
