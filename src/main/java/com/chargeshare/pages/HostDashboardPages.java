package com.chargeshare.pages;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.booking.Block;
import com.chargeshare.booking.Booking;
import com.chargeshare.booking.BookingEngine;
import com.chargeshare.charger.Charger;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.charger.Listings;
import com.chargeshare.dashboard.BookingView;
import com.chargeshare.dashboard.BookingViewRepository;
import com.chargeshare.dashboard.HostStats;
import com.chargeshare.web.ApiError;
import com.chargeshare.web.PageErrors;
import com.chargeshare.web.PathIds;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The host dashboard {@code /host}: chargers with status toggles and blocks, the week's bookings, utilization,
 * earnings and demand. Every action is a plain form post answered with a redirect back (post/redirect/get), so
 * it works without JavaScript; host.js only adds live refresh and the charts.
 */
public final class HostDashboardPages {

  /** Weeks of past demand in the heatmap. */
  static final int DEMAND_WEEKS = 8;
  private static final int NEXT_BOOKINGS_PER_CHARGER = 3;
  private static final String[] DAY_NAMES = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
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
  private final BookingViewRepository views;
  private final HostStats stats;
  private final BookingEngine engine;

  public HostDashboardPages(Pages pages, AuthGuard guard, ChargerRepository chargers, BookingViewRepository views,
                            HostStats stats, BookingEngine engine) {
    this.pages = pages;
    this.guard = guard;
    this.chargers = chargers;
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
    model(AuthGuard.principal(ctx), Instant.now().truncatedTo(ChronoUnit.MINUTES), blockForm)
      .onSuccess(model -> {
        model.put("flash", notice);
        model.put("error", error);
        pages.render(ctx, status, "host", "Host dashboard", model);
      })
      .onFailure(ctx::fail);
  }

  private void setStatus(RoutingContext ctx) {
    String status = ctx.request().getFormAttribute("status");
    if (!"ONLINE".equals(status) && !"OFFLINE".equals(status)) {
      fail(ctx, ApiError.validation("status", "must be ONLINE or OFFLINE"));
      return;
    }
    long id = PathIds.of(ctx, "id");
    owned(ctx, id)
      .compose(c -> chargers.setStatus(id, status))
      .compose(v -> engine.chargerChanged(id))
      .onSuccess(v -> redirect(ctx, "ONLINE".equals(status) ? "online" : "offline", "charger-" + id))
      .onFailure(err -> fail(ctx, err));
  }

  private void cancel(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    engine.cancel(id, AuthGuard.principal(ctx))
      .onSuccess(b -> redirect(ctx, "cancelled", "agenda"))
      .onFailure(err -> fail(ctx, err));
  }

  private void addBlock(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    var form = ctx.request().formAttributes();
    BlockForm input = new BlockForm(id, trim(form.get("start")), trim(form.get("end")), trim(form.get("reason")), new LinkedHashMap<>());
    owned(ctx, id).compose(c -> {
      Instant start = input.localInstant("start", input.start(), c.timeZone());
      Instant end = input.localInstant("end", input.end(), c.timeZone());
      if (input.reason().codePointCount(0, input.reason().length()) > 200) {
        input.problems().put("reason", "must be at most 200 characters");
      }
      if (!input.problems().isEmpty()) {
        return Future.failedFuture(ApiError.validation(input.problems()));
      }
      return engine.block(id, AuthGuard.principal(ctx), start, end, input.reason());
    })
      .onSuccess(b -> redirect(ctx, "blocked", "charger-" + id))
      .onFailure(err -> PageErrors.showOrFail(ctx, err, e -> {
        PageErrors.fields(e).forEach(input.problems()::putIfAbsent);
        render(ctx, e.status(), null, e.getMessage(), input);
      }));
  }

  private void removeBlock(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    long blockId = PathIds.of(ctx, "blockId");
    owned(ctx, id)
      .compose(c -> engine.unblock(id, blockId, AuthGuard.principal(ctx)))
      .onSuccess(v -> redirect(ctx, "unblocked", "charger-" + id))
      .onFailure(err -> fail(ctx, err));
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }

  private static void redirect(RoutingContext ctx, String notice, String anchor) {
    ctx.response().setStatusCode(303).putHeader("Location", "/host?notice=" + notice + "#" + anchor).end();
  }

  /** A client mistake is shown on the dashboard itself (the rule of {@link PageErrors#showOrFail}). */
  private void fail(RoutingContext ctx, Throwable err) {
    PageErrors.showOrFail(ctx, err, e -> render(ctx, e.status(), null, e.getMessage(), null));
  }

  private Future<Charger> owned(RoutingContext ctx, long id) {
    return new Listings(chargers).ownedBy(id, AuthGuard.principal(ctx));
  }

  /** What host.peb shows; {@code blockForm} re-fills a block form that was refused. */
  Future<Map<String, Object>> model(Principal host, Instant now, BlockForm blockForm) {
    return chargers.byHost(host.id()).compose(list -> {
      Future<List<BookingView>> bookings = views.ofHost(host.id(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(31)), 2000);
      Future<List<Block>> blocks = views.hostBlocks(host.id(), now, 1000);
      Future<List<HostStats.PeriodFigures>> periods = stats.periods(host.id(), list, now);
      Future<HostStats.DemandWindow> demand = stats.demand(list, now, DEMAND_WEEKS);
      return Future.all(bookings, blocks, periods, demand).map(all -> {
        Map<String, Object> model = new HashMap<>();
        model.put("chargers", chargerModels(list, bookings.result(), blocks.result(), now, blockForm));
        model.put("chargerIds", list.stream().map(c -> String.valueOf(c.id())).collect(Collectors.joining(",")));
        model.put("agenda", agenda(bookings.result(), now));
        model.put("periods", periodModels(periods.result()));
        model.put("chartData", chartData(periods.result()).encode());
        model.put("demand", demandModels(demand.result()));
        model.put("demandWeeks", DEMAND_WEEKS);
        return model;
      });
    });
  }

  private static List<Map<String, Object>> chargerModels(List<Charger> list, List<BookingView> bookings, List<Block> blocks,
                                                         Instant now, BlockForm blockForm) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Charger c : list) {
      Map<String, Object> m = new HashMap<>();
      m.put("id", c.id());
      m.put("name", c.name());
      m.put("address", c.address());
      m.put("status", c.status());
      m.put("online", c.online());
      m.put("price", Formats.money(c.pricePerHourMinor(), c.currency()));
      m.put("slotMinutes", c.slotMinutes());
      m.put("slotSeconds", c.slotMinutes() * 60);
      m.put("timeZone", c.timeZone().getId());
      m.put("alwaysOpen", c.openingHours().alwaysOpen());
      m.put("next", bookings.stream()
        .filter(b -> b.booking().chargerId() == c.id() && Booking.CONFIRMED.equals(b.booking().status()) && b.booking().end().isAfter(now))
        .limit(NEXT_BOOKINGS_PER_CHARGER)
        .map(b -> bookingModel(b, now, true)).toList());
      m.put("blocks", blocks.stream().filter(k -> k.chargerId() == c.id()).map(k -> {
        Map<String, Object> bm = new HashMap<>();
        bm.put("id", k.id());
        bm.put("window", Formats.window(k.start(), k.end(), c.timeZone()));
        bm.put("reason", k.reason());
        return bm;
      }).toList());
      boolean refused = blockForm != null && blockForm.chargerId() == c.id();
      m.put("blockFormOpen", refused);
      m.put("blockStart", refused ? blockForm.start() : "");
      m.put("blockEnd", refused ? blockForm.end() : "");
      m.put("blockReason", refused ? blockForm.reason() : "");
      m.put("blockErrors", refused ? blockForm.problems() : Map.of());
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> bookingModel(BookingView v, Instant now, boolean withDay) {
    Booking b = v.booking();
    Map<String, Object> m = new HashMap<>();
    m.put("id", b.id());
    m.put("chargerId", b.chargerId());
    m.put("chargerName", v.chargerName());
    m.put("driverName", v.driverName());
    m.put("window", withDay ? Formats.window(b.start(), b.end(), v.zone()) : Formats.times(b.start(), b.end(), v.zone()));
    m.put("startIso", b.start().toString());
    m.put("endIso", b.end().toString());
    m.put("status", b.status());
    m.put("confirmed", Booking.CONFIRMED.equals(b.status()));
    m.put("cancellable", Booking.CONFIRMED.equals(b.status()) && b.start().isAfter(now));
    m.put("inProgress", Booking.CONFIRMED.equals(b.status()) && !b.start().isAfter(now) && b.end().isAfter(now));
    m.put("over", !b.end().isAfter(now));
    m.put("price", Formats.money(b.priceMinor(), b.currency()));
    return m;
  }

  /** Today's and the next six days' bookings, grouped by their local day in each charger's zone. */
  private static List<Map<String, Object>> agenda(List<BookingView> bookings, Instant now) {
    Map<LocalDate, List<Map<String, Object>>> days = new TreeMap<>();
    Map<LocalDate, Long> daysAhead = new HashMap<>();
    for (BookingView v : bookings) {
      LocalDate today = now.atZone(v.zone()).toLocalDate();
      LocalDate day = v.booking().start().atZone(v.zone()).toLocalDate();
      long ahead = ChronoUnit.DAYS.between(today, day);
      if (ahead < 0 || ahead > 6) {
        continue;
      }
      days.computeIfAbsent(day, d -> new ArrayList<>()).add(bookingModel(v, now, false));
      daysAhead.putIfAbsent(day, ahead);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    days.forEach((day, items) -> {
      long ahead = daysAhead.get(day);
      Map<String, Object> m = new HashMap<>();
      m.put("label", Formats.day(day));
      m.put("relative", ahead == 0 ? "Today" : ahead == 1 ? "Tomorrow" : "");
      m.put("iso", day.toString());
      m.put("bookings", items);
      out.add(m);
    });
    return out;
  }

  private static List<Map<String, Object>> periodModels(List<HostStats.PeriodFigures> periods) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (HostStats.PeriodFigures p : periods) {
      Map<String, Object> m = new HashMap<>();
      m.put("key", p.period().key);
      m.put("label", p.period().label);
      m.put("rows", p.chargers().stream().map(HostDashboardPages::figuresModel).toList());
      m.put("total", figuresModel(p.total()));
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> figuresModel(HostStats.Figures f) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", f.chargerId());
    m.put("name", f.name());
    m.put("booked", Formats.hours(f.bookedSeconds()));
    m.put("open", Formats.hours(f.openSeconds()));
    m.put("utilization", Formats.percent(f.utilization()));
    m.put("earnings", f.earnedMinor().isEmpty() ? "–" : f.earnedMinor().entrySet().stream()
      .map(e -> Formats.money(e.getValue(), e.getKey())).collect(Collectors.joining(" + ")));
    return m;
  }

  /**
   * Series for host.js's charts: utilization in percent and earnings in major units per charger and period.
   * Earnings are charted only in the host's main currency (the first one); the table shows every currency.
   */
  private static JsonObject chartData(List<HostStats.PeriodFigures> periods) {
    JsonArray labels = new JsonArray();
    String currency = periods.isEmpty() || periods.get(0).total().earnedMinor().isEmpty() ? null
      : periods.get(0).total().earnedMinor().keySet().iterator().next();
    if (!periods.isEmpty()) {
      periods.get(0).chargers().forEach(f -> labels.add(f.name()));
    }
    JsonArray series = new JsonArray();
    for (HostStats.PeriodFigures p : periods) {
      JsonArray utilization = new JsonArray();
      JsonArray earnings = new JsonArray();
      for (HostStats.Figures f : p.chargers()) {
        utilization.add(f.utilization() == null ? 0 : Math.round(f.utilization() * 1000) / 10.0);
        earnings.add(currency == null ? 0 : Formats.major(f.earnedMinor().getOrDefault(currency, 0L), currency));
      }
      series.add(new JsonObject().put("key", p.period().key).put("label", p.period().label)
        .put("utilization", utilization).put("earnings", earnings));
    }
    return new JsonObject().put("labels", labels).put("currency", currency).put("series", series);
  }

  private static List<Map<String, Object>> demandModels(HostStats.DemandWindow window) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (HostStats.Demand d : window.chargers()) {
      long max = d.max();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int day = 0; day < 7; day++) {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
          long units = d.units()[day][hour];
          Map<String, Object> cell = new HashMap<>();
          cell.put("units", units);
          cell.put("level", units == 0 ? 0 : 1 + (int) Math.min(3, (units * 4 - 1) / max));
          cell.put("hour", String.format(java.util.Locale.ROOT, "%02d:00", hour));
          cells.add(cell);
        }
        rows.add(Map.of("day", DAY_NAMES[day], "cells", cells));
      }
      Map<String, Object> m = new HashMap<>();
      m.put("id", d.charger().id());
      m.put("name", d.charger().name());
      m.put("timeZone", d.charger().timeZone().getId());
      m.put("max", max);
      m.put("total", java.util.Arrays.stream(d.units()).flatMapToLong(java.util.Arrays::stream).sum());
      m.put("rows", rows);
      out.add(m);
    }
    return out;
  }

  /** A block form as the host filled it in, with what was wrong with it. */
  record BlockForm(long chargerId, String start, String end, String reason, Map<String, String> problems) {

    /** A {@code datetime-local} value read in the charger's zone. */
    Instant localInstant(String field, String value, ZoneId zone) {
      if (value.isEmpty()) {
        problems.put(field, "is required");
        return null;
      }
      try {
        return LocalDateTime.parse(value).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        problems.put(field, "must be a date and time such as 2026-12-01T10:00");
        return null;
      }
    }
  }
}
