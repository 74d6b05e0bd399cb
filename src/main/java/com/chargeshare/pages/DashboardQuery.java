package com.chargeshare.pages;

import io.vertx.ext.web.RoutingContext;

/**
 * What part of the host dashboard a request asks for: the page of charger cards, the page of the agenda, and
 * the charger whose demand heatmap is shown (0: all chargers together). Only whole numbers are read from the
 * query, so nothing a visitor writes is echoed into links; anything else falls back to the first page.
 *
 * <p>{@code focus} names a charger whose card must be on the page and open (after a redirect from one of its
 * forms, or a refused block form).
 */
record DashboardQuery(int chargerPage, int agendaPage, long demand, long focus) {

  static final DashboardQuery FIRST = new DashboardQuery(1, 1, 0, 0);
  private static final int MAX_PAGE = 10_000;

  static DashboardQuery of(RoutingContext ctx) {
    return new DashboardQuery(page(ctx.request().getParam("chargers")), page(ctx.request().getParam("bookings")),
      id(ctx.request().getParam("demand")), id(ctx.request().getParam("charger")));
  }

  DashboardQuery focusing(long chargerId) {
    return new DashboardQuery(chargerPage, agendaPage, demand, chargerId);
  }

  /** The dashboard's link for this state, each part only when it is not the default. */
  String href(int chargers, int bookings, long demandId) {
    StringBuilder b = new StringBuilder("/host");
    String sep = "?";
    if (chargers > 1) {
      b.append(sep).append("chargers=").append(chargers);
      sep = "&";
    }
    if (bookings > 1) {
      b.append(sep).append("bookings=").append(bookings);
      sep = "&";
    }
    if (demandId > 0) {
      b.append(sep).append("demand=").append(demandId);
    }
    return b.toString();
  }

  private static int page(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > 5 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return 1;
    }
    int n = Integer.parseInt(raw);
    return n < 1 || n > MAX_PAGE ? 1 : n;
  }

  private static long id(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > 15 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return 0;
    }
    return Long.parseLong(raw);
  }
}
