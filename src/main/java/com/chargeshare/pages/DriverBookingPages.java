package com.chargeshare.pages;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.booking.Booking;
import com.chargeshare.booking.BookingStatus;
import com.chargeshare.booking.CancellationPolicy;
import com.chargeshare.booking.Canceller;
import com.chargeshare.booking.CheckIns;
import com.chargeshare.booking.LifecycleRules;
import com.chargeshare.booking.Refund;
import com.chargeshare.dashboard.BookingView;
import com.chargeshare.dashboard.BookingViewRepository;
import com.chargeshare.input.PathIds;
import com.chargeshare.review.Reviews;
import com.chargeshare.text.Money;
import com.chargeshare.text.Windows;
import com.chargeshare.web.PageErrors;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A driver's bookings {@code /bookings}: upcoming and past, with cancel for those not started. Cancel is a plain
 * form post answered with a redirect back; bookings.js turns it into a fetch of the JSON API.
 */
public final class DriverBookingPages {

  private static final int UPCOMING_LIMIT = 500;
  private static final int PAST_LIMIT = 100;

  private static final Map<String, String> NOTICES = Map.of(
    "cancelled", "The booking is cancelled; its slots are free for others again.",
    "reviewed", "Thank you: your review is on the charger's page.",
    "checked-in", "You are checked in. Enjoy the charge!");

  private final Pages pages;
  private final AuthGuard guard;
  private final BookingViewRepository views;
  private final Canceller engine;
  private final CheckIns checkIns;
  private final String policy;

  private final Reviews reviews;

  public DriverBookingPages(Pages pages, AuthGuard guard, BookingViewRepository views, Canceller engine, CheckIns checkIns,
                            CancellationPolicy policy, Reviews reviews) {
    this.checkIns = checkIns;
    this.policy = policy.describe();
    this.reviews = reviews;
    this.pages = pages;
    this.guard = guard;
    this.views = views;
    this.engine = engine;
  }

  public void mount(Router router) {
    router.get("/bookings").handler(guard.require(Role.DRIVER))
      .handler(ctx -> render(ctx, 200, NOTICES.get(String.valueOf(ctx.request().getParam("notice"))), null));
    router.post("/bookings/:id/cancel").handler(guard.require(Role.DRIVER)).handler(this::cancel);
    router.post("/bookings/:id/check-in").handler(guard.require(Role.DRIVER)).handler(this::checkIn);
    router.post("/bookings/:id/review").handler(guard.require(Role.DRIVER)).handler(this::review);
  }

  /** The review form of an ended booking: a rating 1..5 (radio buttons) and an optional comment. */
  private void review(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    String raw = ctx.request().getFormAttribute("rating");
    Long rating = raw == null || raw.isBlank() ? null : raw.strip().matches("[1-5]") ? Long.valueOf(raw.strip()) : -1L;
    reviews.review(AuthGuard.principal(ctx), id, rating, ctx.request().getFormAttribute("comment"))
      .onSuccess(r -> ctx.response().setStatusCode(303).putHeader("Location", "/bookings?notice=reviewed#booking-" + id).end())
      .onFailure(err -> PageErrors.showOrFail(ctx, err, e -> render(ctx, e.status(), null, e.message())));
  }

  private void checkIn(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    checkIns.byDriver(id, AuthGuard.principal(ctx))
      .onSuccess(b -> ctx.response().setStatusCode(303).putHeader("Location", "/bookings?notice=checked-in#booking-" + id).end())
      .onFailure(err -> PageErrors.showOrFail(ctx, err, e -> render(ctx, e.status(), null, e.message())));
  }

  private void cancel(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    CancelForms.reason(ctx).compose(reason -> engine.cancel(id, AuthGuard.principal(ctx), reason))
      .onSuccess(b -> ctx.response().setStatusCode(303).putHeader("Location", "/bookings?notice=cancelled#booking-" + id).end())
      .onFailure(err -> PageErrors.showOrFail(ctx, err, e -> render(ctx, e.status(), null, e.message())));
  }

  private void render(RoutingContext ctx, int status, String notice, String error) {
    Principal p = AuthGuard.principal(ctx);
    Instant now = checkIns.now();
    LifecycleRules rules = checkIns.rules();
    Future<List<BookingView>> upcoming = views.driverUpcoming(p.id(), now, UPCOMING_LIMIT);
    Future<List<BookingView>> past = views.driverPast(p.id(), now, PAST_LIMIT);
    Future.all(upcoming, past)
      .compose(all -> reviews.repository().reviewed(past.result().stream().map(v -> v.booking().id()).toList()))
      .onSuccess(reviewed -> {
        List<Card> notEnded = upcoming.result().stream().map(v -> Card.of(v, now, rules)).toList();
        pages.render(ctx, status, "bookings", "My bookings", new BookingsPage(
          notEnded.stream().filter(Card::confirmed).toList(),
          notEnded.stream().filter(c -> !c.confirmed()).toList(),
          past.result().stream().map(v -> Card.of(v, now, rules)).toList(),
          PAST_LIMIT, notice, error, policy, rules.checkInMinutesBefore(), rules.noShowMinutes(), reviewed));
      }).onFailure(ctx::fail);
  }

  /**
   * bookings.peb: "Upcoming" holds confirmed bookings and holds awaiting payment; cancelled, expired and no-show ones
   * that have not ended are listed apart. {@code policy}: the cancellation policy in a sentence; {@code reviewed}: the
   * past bookings already rated.
   */
  record BookingsPage(List<Card> upcoming, List<Card> cancelled, List<Card> past, int pastLimit, String flash, String error,
                      String policy, int checkInMinutesBefore, int noShowMinutes, Set<Long> reviewed) {
  }

  /**
   * One booking as partials/booking-card.peb shows it, times in the charger's zone. {@code confirmed}: it holds its
   * slots; {@code label}: its state in words; {@code checkInOpen} offers the check-in button, {@code checkInOpens} says
   * from when; {@code refund} and {@code holdUntil} (a hold's end, ISO) when they apply.
   */
  record Card(long id, long chargerId, String chargerName, String address, String window, String startIso, String endIso,
              String price, String status, boolean confirmed, boolean cancellable, boolean inProgress, boolean over,
              String accessInstructions, String mapUrl, String directionsUrl, String label, boolean checkInOpen,
              String checkInOpens, String refund, String holdUntil) {

    static Card of(BookingView v, Instant now, LifecycleRules rules) {
      Booking b = v.booking();
      boolean confirmed = b.status() == BookingStatus.CONFIRMED;
      boolean waiting = confirmed && b.life().checkedInAt() == null;
      Refund refund = b.life().refund();
      String lat = Formats.coordinate(v.lat());
      String lng = Formats.coordinate(v.lng());
      return new Card(b.id(), b.chargerId(), v.chargerName(), v.address(), Windows.window(b.start(), b.end(), v.zone()),
        b.start().toString(), b.end().toString(), Money.format(b.priceMinor(), b.currency()), b.status().name(), b.status().claims(),
        b.cancellableAt(now), confirmed && !b.start().isAfter(now) && b.end().isAfter(now), !b.end().isAfter(now),
        confirmed ? v.accessInstructions() : null, "/?lat=" + lat + "&lng=" + lng + "&zoom=16",
        // OpenStreetMap routes from wherever the driver sets out (left empty) to the charger
        "https://www.openstreetmap.org/directions?route=" + URLEncoder.encode(";" + lat + "," + lng, StandardCharsets.UTF_8),
        b.life().checkedInAt() != null ? "Checked in " + Windows.time(b.life().checkedInAt(), v.zone()) : Formats.status(b, now),
        waiting && rules.checkInOpen(b, now),
        waiting && now.isBefore(rules.checkInOpensAt(b.start())) ? Windows.time(rules.checkInOpensAt(b.start()), v.zone()) : null,
        refund == null ? null : Money.format(refund.amountMinor(), refund.currency()) + " " + switch (refund.status()) {
          case PROCESSED -> "refunded";
          case PENDING -> "being refunded";
          case FAILED -> "to be refunded (retrying)";
        },
        b.status() == BookingStatus.PENDING_PAYMENT && b.life().holdExpiresAt() != null ? b.life().holdExpiresAt().toString() : null);
    }
  }
}
