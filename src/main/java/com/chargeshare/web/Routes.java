package com.chargeshare.web;

import com.chargeshare.Services;
import com.chargeshare.pages.AccountPages;
import com.chargeshare.pages.ChargerPages;
import com.chargeshare.pages.Pages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The feature routes of one HTTP verticle, in one list: API resources, pages, the live socket. */
final class Routes {

  private Routes() {
  }

  static void mountAll(Vertx vertx, Router router, Services s) {
    new ChargerApi(s.chargers(), s.bookings(), s.engine(), s.guard()).mount(router);
    new BookingApi(s.engine(), s.idempotent(), s.bookings(), s.guard()).mount(router);
    Pages pages = new Pages(vertx);
    new AccountPages(pages, s.accounts(), s.guard()).mount(router);
    new ChargerPages(pages, s.chargers(), s.bookings(), s.engine(), s.guard(), s.config().map()).mount(router);
  }
}
