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
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

/**
 * The feature routes of one HTTP verticle, in two lists: the API's resources (everything under {@code /api/}) and
 * the site's pages and live socket. The handlers are light; what they use (repositories, the template engine, the
 * rules) comes built once from {@link Services}.
 */
final class Routes {

  static final String API = "/api/";

  private Routes() {
  }

  /** The routes under {@link #API}. */
  static void mountApi(Router api, Services s) {
    new AuthApi(s.accounts(), s.guard()).mount(api);
    new ChargerApi(s.chargers(), s.listings(), s.bookings(), s.accessInstructions(), s.engine(), s.guard(),
      s.reviews().repository()).mount(api);
    new ReviewApi(s.reviews(), s.listings(), s.guard()).mount(api);
    new BookingApi(s.cancels(), s.booking(), s.bookings(), s.guard(), s.checkIns(), s.payments()).mount(api);
    new PaymentApi(s.payments()).mount(api);
    new GeocodeApi(s.geocoder()).mount(api);
    new PhotoApi(s.photos(), s.listings(), s.guard()).mount(api);
    new HostDashboardApi(s.chargers(), s.hostStats(), s.guard()).mount(api);
    new NotificationApi(s.notifications(), s.guard(), java.time.Clock.systemUTC()).mount(api);
    new OpenApiDocument().mount(api);
    requireUnder(api, true);
  }

  /** The pages and the live socket: every route outside {@link #API}. */
  static void mountSite(Vertx vertx, Router site, Services s) {
    new AccountPages(s.pages(), s.accounts(), s.guard()).mount(site);
    new ChargerPages(s.pages(), s.chargers(), s.listings(), s.accessInstructions(), s.engine(), s.guard(), s.config().map(),
      s.reviews(), com.chargeshare.pages.BookingTerms.of(s.lifecycle(), s.config().payments()), s.geocoder().enabled(), s.photos())
      .mount(site);
    new HostPhotoPages(s.pages(), s.guard(), s.listings(), s.photos()).mount(site);
    new HostDashboardPages(s.pages(), s.guard(), s.chargers(), s.listings(), s.bookingViews(), s.hostStats(), s.engine(), s.cancels())
      .mount(site);
    new DriverBookingPages(s.pages(), s.guard(), s.bookingViews(), s.cancels(), s.checkIns(), s.lifecycle().policy(),
      s.reviews()).mount(site);
    new NotificationPages(s.pages(), s.notifications(), s.guard(), java.time.Clock.systemUTC()).mount(site);
    new LiveHub(vertx, s.config().live(), s.guard(), s.live(), s.userMessages()).mount(site);
    requireUnder(site, false);
  }

  /** Whether the router's request is the API's: the path as the router matches it (normalised) is under {@link #API}. */
  static boolean isApi(String normalizedPath) {
    return normalizedPath.startsWith(API);
  }

  /** A route on the wrong router would never be reached: refused at start. */
  private static void requireUnder(Router router, boolean api) {
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path != null && isApi(path) != api) {
        throw new IllegalStateException("Route " + path + (api ? " is outside " : " belongs under ") + API);
      }
    }
  }
}
