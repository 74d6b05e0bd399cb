package com.chargeshare.web;

import com.chargeshare.Services;
import com.chargeshare.dashboard.BookingViewRepository;
import com.chargeshare.dashboard.HostStats;
import com.chargeshare.dashboard.HostStatsRepository;
import com.chargeshare.live.LiveHub;
import com.chargeshare.pages.AccountPages;
import com.chargeshare.pages.ChargerPages;
import com.chargeshare.pages.DriverBookingPages;
import com.chargeshare.pages.HostDashboardPages;
import com.chargeshare.pages.Pages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The feature routes of one HTTP verticle, in one list: API resources, pages, the live socket. */
final class Routes {

  private Routes() {
  }

  static void mountAll(Vertx vertx, Router router, Services s, Pages pages) {
    new ChargerApi(s.chargers(), s.bookings(), s.engine(), s.guard()).mount(router);
    new BookingApi(s.engine(), s.booking(), s.bookings(), s.guard()).mount(router);
    new AccountPages(pages, s.accounts(), s.guard()).mount(router);
    new ChargerPages(pages, s.chargers(), s.bookings(), s.engine(), s.guard(), s.config().map()).mount(router);
    HostStats hostStats = new HostStats(new HostStatsRepository(s.database().pool()));
    BookingViewRepository bookingViews = new BookingViewRepository(s.database().pool());
    new HostDashboardApi(s.chargers(), hostStats, s.guard()).mount(router);
    new HostDashboardPages(pages, s.guard(), s.chargers(), bookingViews, hostStats, s.engine()).mount(router);
    new DriverBookingPages(pages, s.guard(), bookingViews, s.engine()).mount(router);
    new LiveHub(vertx, s.config().live(), s.guard(), s.live()).mount(router);
    new OpenApiDocument().mount(router);
  }
}
