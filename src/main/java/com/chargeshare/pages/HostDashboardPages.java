package com.chargeshare.pages;

import com.chargeshare.charger.ChargerInput;
import com.chargeshare.charger.ChargerStatus;
import com.chargeshare.failure.ValidationFailed;
import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.booking.Block;
import com.chargeshare.booking.BookingEngine;
import com.chargeshare.booking.Canceller;
import com.chargeshare.charger.Charger;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.charger.Listings;
import com.chargeshare.dashboard.BookingView;
import com.chargeshare.dashboard.BookingViewRepository;
import com.chargeshare.dashboard.HostStats;
import com.chargeshare.web.ApiError;
import com.chargeshare.web.PageErrors;
import com.chargeshare.input.PathIds;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The host dashboard {@code /host}: chargers with status toggles and blocks, the week's bookings, utilization,
 * earnings and demand. Every action is a plain form post answered with a redirect back (post/redirect/get), so
 * it works without JavaScript; host.js only adds live refresh and the charts.
 */
public final class HostDashboardPages {

  /** Weeks of past demand in the heatmap. */
  private static final int DEMAND_WEEKS = 8;
  /** Fixed notices after a redirect; the query string only picks one, so nothing user-written is echoed. */
  private static final Map<String, String> NOTICES = Map.of(
    "online", "The charger is online: drivers can book it again.",
    "offline", "The charger is offline: drivers cannot book it until you switch it back on.",
    "cancelled", "The booking is cancelled; the driver sees it as cancelled and the slots are free again.",
    "blocked", "The block is in place: drivers cannot book that window.",
    "unblocked", "The block is removed: the window is bookable again.");

  private final Pages pages;
  private final AuthGuard guard;
  private final ChargerRepository chargers;
  private final Listings listings;
  private final BookingViewRepository views;
  private final HostStats stats;
  private final BookingEngine engine;
  private final Canceller cancels;

  public HostDashboardPages(Pages pages, AuthGuard guard, ChargerRepository chargers, Listings listings,
                            BookingViewRepository views, HostStats stats, BookingEngine engine, Canceller cancels) {
    this.cancels = cancels;
    this.pages = pages;
    this.guard = guard;
    this.chargers = chargers;
    this.listings = listings;
    this.views = views;
    this.stats = stats;
    this.engine = engine;
  }

  public void mount(Router router) {
    router.get("/host").handler(guard.require(Role.HOST)).handler(this::show);
    router.post("/host/chargers/:id/status").handler(guard.require(Role.HOST)).handler(this::setStatus);
    router.post("/host/chargers/:id/blocks").handler(guard.require(Role.HOST)).handler(this::addBlock);
    router.post("/host/chargers/:id/blocks/:blockId/remove").handler(guard.require(Role.HOST))
      .handler(this::removeBlock);
    router.post("/host/bookings/:id/cancel").handler(guard.require(Role.HOST)).handler(this::cancel);
  }

  private void show(RoutingContext ctx) {
    String notice = NOTICES.get(String.valueOf(ctx.request().getParam("notice")));
    render(ctx, 200, notice, null, null);
  }

  private void render(RoutingContext ctx, int status, String notice, String error, BlockForm blockForm) {
    view(AuthGuard.principal(ctx), Instant.now().truncatedTo(ChronoUnit.MINUTES), DashboardQuery.of(ctx), blockForm, notice, error)
      .onSuccess(view -> pages.render(ctx, status, "host", "Host dashboard", view))
      .onFailure(ctx::fail);
  }

  private void setStatus(RoutingContext ctx) {
    ChargerStatus status = ChargerInput.status(ctx.request().getFormAttribute("status")).orElse(null);
    if (status == null) {
      fail(ctx, ValidationFailed.field("status", "must be ONLINE or OFFLINE"));
      return;
    }
    long id = PathIds.of(ctx, "id");
    owned(ctx, id)
      .compose(c -> chargers.setStatus(id, status))
      .compose(v -> engine.chargerChanged(id))
      .onSuccess(v -> redirect(ctx, status == ChargerStatus.ONLINE ? "online" : "offline", id))
      .onFailure(err -> fail(ctx, err));
  }

  private void cancel(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    CancelForms.reason(ctx).compose(reason -> cancels.cancel(id, AuthGuard.principal(ctx), reason))
      .onSuccess(b -> redirect(ctx, "cancelled", 0))
      .onFailure(err -> fail(ctx, err));
  }

  private void addBlock(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    var form = ctx.request().formAttributes();
    BlockForm input = BlockForm.posted(id, form.get("start"), form.get("end"), form.get("reason"));
    owned(ctx, id).compose(c -> {
      Instant start = input.localInstant("start", input.start(), c.timeZone());
      Instant end = input.localInstant("end", input.end(), c.timeZone());
      if (input.reason().codePointCount(0, input.reason().length()) > 200) {
        input.problems().put("reason", "must be at most 200 characters");
      }
      if (!input.problems().isEmpty()) {
        return Future.failedFuture(ValidationFailed.fields(input.problems()));
      }
      return engine.block(id, AuthGuard.principal(ctx), start, end, input.reason());
    })
      .onSuccess(b -> redirect(ctx, "blocked", id))
      .onFailure(err -> PageErrors.showOrFail(ctx, err, e -> {
        PageErrors.fields(e).forEach(input.problems()::putIfAbsent);
        render(ctx, e.status(), null, e.message(), input);
      }));
  }

  private void removeBlock(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    long blockId = PathIds.of(ctx, "blockId");
    owned(ctx, id)
      .compose(c -> engine.unblock(id, blockId, AuthGuard.principal(ctx)))
      .onSuccess(v -> redirect(ctx, "unblocked", id))
      .onFailure(err -> fail(ctx, err));
  }

  /** Back to the dashboard: to the acted-on charger's card (its page, opened), or to the agenda when 0. */
  private static void redirect(RoutingContext ctx, String notice, long chargerId) {
    ctx.response().setStatusCode(303).putHeader("Location", chargerId > 0
      ? "/host?notice=" + notice + "&charger=" + chargerId + "#charger-" + chargerId
      : "/host?notice=" + notice + "#agenda").end();
  }

  /** A client mistake is shown on the dashboard itself (the rule of {@link PageErrors#showOrFail}). */
  private void fail(RoutingContext ctx, Throwable err) {
    PageErrors.showOrFail(ctx, err, e -> render(ctx, e.status(), null, e.message(), null));
  }

  private Future<Charger> owned(RoutingContext ctx, long id) {
    return listings.ownedBy(id, AuthGuard.principal(ctx));
  }

  /** What host.peb shows; {@code blockForm} re-fills a block form that was refused. */
  private Future<HostDashboardView> view(Principal host, Instant now, DashboardQuery query, BlockForm blockForm, String notice,
                                         String error) {
    return chargers.byHost(host.id()).compose(list -> {
      Future<List<BookingView>> bookings = views.ofHost(host.id(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(31)), 2000);
      Future<List<Block>> blocks = views.hostBlocks(host.id(), now, 1000);
      Future<List<HostStats.PeriodFigures>> periods = stats.periods(host.id(), list, now);
      Future<HostStats.DemandWindow> demand = stats.demand(list, now, DEMAND_WEEKS);
      return Future.all(bookings, blocks, periods, demand).map(all -> HostDashboardView.of(list, bookings.result(),
        blocks.result(), periods.result(), demand.result(), DEMAND_WEEKS, now, query, blockForm, notice, error));
    });
  }
}
