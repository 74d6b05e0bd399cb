package com.chargeshare.pages;

import com.chargeshare.booking.BookingStatus;
import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.booking.Booking;
import com.chargeshare.booking.BookingEngine;
import com.chargeshare.dashboard.BookingView;
import com.chargeshare.dashboard.BookingViewRepository;
import com.chargeshare.web.PageErrors;
import com.chargeshare.input.PathIds;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A driver's bookings {@code /bookings}: upcoming and past, with cancel for those not started. Cancel is a plain
 * form post answered with a redirect back; bookings.js turns it into a fetch of the JSON API.
 */
public final class DriverBookingPages {

  private static final int UPCOMING_LIMIT = 500;
  private static final int PAST_LIMIT = 100;

  private final Pages pages;
  private final AuthGuard guard;
  private final BookingViewRepository views;
  private final BookingEngine engine;

  public DriverBookingPages(Pages pages, AuthGuard guard, BookingViewRepository views, BookingEngine engine) {
    this.pages = pages;
    this.guard = guard;
    this.views = views;
    this.engine = engine;
  }

  public void mount(Router router) {
    router.get("/bookings").handler(guard.require(Role.DRIVER))
      .handler(ctx -> render(ctx, 200, "cancelled".equals(ctx.request().getParam("notice"))
        ? "The booking is cancelled; its slots are free for others again." : null, null));
    router.post("/bookings/:id/cancel").handler(guard.require(Role.DRIVER)).handler(this::cancel);
  }

  private void cancel(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    engine.cancel(id, AuthGuard.principal(ctx), null)
      .onSuccess(b -> ctx.response().setStatusCode(303).putHeader("Location", "/bookings?notice=cancelled#booking-" + id).end())
      .onFailure(err -> PageErrors.showOrFail(ctx, err, e -> render(ctx, e.status(), null, e.message())));
  }

  private void render(RoutingContext ctx, int status, String notice, String error) {
    Principal p = AuthGuard.principal(ctx);
    Instant now = Instant.now();
    Future<List<BookingView>> upcoming = views.driverUpcoming(p.id(), now, UPCOMING_LIMIT);
    Future<List<BookingView>> past = views.driverPast(p.id(), now, PAST_LIMIT);
    Future.all(upcoming, past).onSuccess(all -> {
      List<Card> notEnded = upcoming.result().stream().map(v -> Card.of(v, now)).toList();
      pages.render(ctx, status, "bookings", "My bookings", new BookingsPage(
        notEnded.stream().filter(Card::confirmed).toList(),
        notEnded.stream().filter(c -> !c.confirmed()).toList(),
        past.result().stream().map(v -> Card.of(v, now)).toList(),
        PAST_LIMIT, notice, error));
    }).onFailure(ctx::fail);
  }

  /** bookings.peb: "Upcoming" holds confirmed bookings only; cancelled ones that have not ended are listed apart. */
  record BookingsPage(List<Card> upcoming, List<Card> cancelled, List<Card> past, int pastLimit, String flash, String error) {
  }

  /** One booking as partials/booking-card.peb shows it, times in the charger's zone. */
  record Card(long id, long chargerId, String chargerName, String address, String window, String startIso, String endIso,
              String price, String status, boolean confirmed, boolean cancellable, boolean inProgress, boolean over,
              String accessInstructions, String mapUrl, String directionsUrl) {

    static Card of(BookingView v, Instant now) {
      Booking b = v.booking();
      boolean confirmed = b.status() == BookingStatus.CONFIRMED;
      String lat = Formats.coordinate(v.lat());
      String lng = Formats.coordinate(v.lng());
      return new Card(b.id(), b.chargerId(), v.chargerName(), v.address(), Formats.window(b.start(), b.end(), v.zone()),
        b.start().toString(), b.end().toString(), Formats.money(b.priceMinor(), b.currency()), b.status().name(), confirmed,
        b.cancellableAt(now), confirmed && !b.start().isAfter(now) && b.end().isAfter(now), !b.end().isAfter(now),
        confirmed ? v.accessInstructions() : null, "/?lat=" + lat + "&lng=" + lng + "&zoom=16",
        // OpenStreetMap routes from wherever the driver sets out (left empty) to the charger
        "https://www.openstreetmap.org/directions?route=" + URLEncoder.encode(";" + lat + "," + lng, StandardCharsets.UTF_8));
    }
  }
}
