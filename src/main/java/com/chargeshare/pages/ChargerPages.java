package com.chargeshare.pages;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.booking.Availability;
import com.chargeshare.booking.AccessInstructions;
import com.chargeshare.booking.BookingEngine;
import com.chargeshare.booking.BookingRepository;
import com.chargeshare.charger.Charger;
import com.chargeshare.charger.ChargerInput;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.charger.Listings;
import com.chargeshare.charger.OpeningHours;
import com.chargeshare.web.ApiError;
import com.chargeshare.web.PageErrors;
import com.chargeshare.web.PathIds;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The discovery pages: the map ({@code /}), a charger's page with its slot grid, and the host's add/edit
 * form, which works as a plain form post and validates with the API's {@link ChargerInput} rules.
 */
public final class ChargerPages {

  /** Days offered by the charger page's day picker; bookings reach at most 30 days ahead. */
  private static final int PICKER_DAYS = 14;
  private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

  private final Pages pages;
  private final ChargerRepository chargers;
  private final Listings listings;
  private final AccessInstructions accessInstructions;
  private final BookingEngine engine;
  private final AuthGuard guard;
  private final JsonObject mapConfig;

  public ChargerPages(Pages pages, ChargerRepository chargers, BookingRepository bookings, BookingEngine engine,
                      AuthGuard guard, JsonObject mapConfig) {
    this.pages = pages;
    this.chargers = chargers;
    this.listings = new Listings(chargers);
    this.accessInstructions = new AccessInstructions(bookings);
    this.engine = engine;
    this.guard = guard;
    this.mapConfig = mapConfig;
  }

  public void mount(Router router) {
    router.get("/").handler(this::map);
    router.get("/chargers/:id").handler(this::charger);
    router.get("/host/chargers/new").handler(guard.require(Role.HOST)).handler(this::newForm);
    router.post("/host/chargers/new").handler(guard.require(Role.HOST)).handler(this::create);
    router.get("/host/chargers/:id/edit").handler(guard.require(Role.HOST)).handler(this::editForm);
    router.post("/host/chargers/:id/edit").handler(guard.require(Role.HOST)).handler(this::update);
  }

  /** Tile source, attribution and the default view, for data-* attributes. */
  private Map<String, Object> mapModel() {
    Map<String, Object> m = new HashMap<>();
    m.put("tileUrl", mapConfig.getString("tileUrl", "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"));
    m.put("attribution", mapConfig.getString("attribution", "© OpenStreetMap contributors"));
    String google = mapConfig.getString("googleMapsKey");
    m.put("googleMapsKey", google == null ? "" : google);
    m.put("lat", String.valueOf(mapConfig.getDouble("defaultLat", 12.9716)));
    m.put("lng", String.valueOf(mapConfig.getDouble("defaultLng", 77.5946)));
    m.put("zoom", String.valueOf(mapConfig.getInteger("defaultZoom", 12)));
    return m;
  }

  private void map(RoutingContext ctx) {
    Map<String, Object> map = mapModel();
    // a shared link's ?lat=&lng=&zoom= centres the map; values out of range fall back to the default view
    Double lat = param(ctx, "lat", -90, 90);
    Double lng = param(ctx, "lng", -180, 180);
    Double zoom = param(ctx, "zoom", 1, 19);
    if (lat != null && lng != null) {
      map.put("lat", String.valueOf(lat));
      map.put("lng", String.valueOf(lng));
    }
    if (zoom != null) {
      map.put("zoom", String.valueOf(Math.round(zoom)));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("map", map);
    model.put("connectors", new TreeSet<>(ChargerInput.CONNECTORS));
    pages.render(ctx, "index", "Find a charger", model);
  }

  private static Double param(RoutingContext ctx, String name, double min, double max) {
    String raw = ctx.request().getParam(name);
    if (raw == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(raw.trim());
      return Double.isNaN(d) || d < min || d > max ? null : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void charger(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    Principal p = AuthGuard.principal(ctx);
    found(id)
      .compose(c -> accessInstructions.visibleTo(p, c).compose(access -> engine.availability(List.of(id), null, null)
        .map(av -> chargerModel(ctx, c, access, av.get(id), p))
        .onSuccess(model -> pages.render(ctx, "charger", c.name(), model))))
      .onFailure(ctx::fail);
  }

  private Map<String, Object> chargerModel(RoutingContext ctx, Charger c, boolean access, Availability a, Principal p) {
    Map<String, Object> ch = new HashMap<>();
    ch.put("id", c.id());
    ch.put("name", c.name());
    ch.put("description", c.description() == null ? "" : c.description());
    ch.put("address", c.address());
    ch.put("lat", String.valueOf(c.lat()));
    ch.put("lng", String.valueOf(c.lng()));
    ch.put("connectorType", c.connectorType());
    ch.put("powerKw", java.math.BigDecimal.valueOf(c.powerKw()).stripTrailingZeros().toPlainString());
    ch.put("price", Formats.money(c.pricePerHourMinor(), c.currency()));
    ch.put("pricePerHourMinor", c.pricePerHourMinor());
    ch.put("currency", c.currency());
    ch.put("slotMinutes", c.slotMinutes());
    ch.put("timeZone", c.timeZone().getId());
    ch.put("status", c.status());
    ch.put("online", c.online());
    ch.put("availableNow", a != null && a.availableNow());
    ch.put("nextFreeAt", a == null || a.nextFreeAt() == null ? "" : a.nextFreeAt().toString());
    ch.put("accessInstructions", access ? c.accessInstructions() : null);
    ch.put("hours", hoursLines(c.openingHours()));
    Map<String, Object> model = new HashMap<>();
    model.put("charger", ch);
    model.put("owner", p != null && p.id() == c.hostId());
    model.put("days", pickerDays(c.timeZone(), ctx.request().getParam("day")));
    model.put("map", mapModel());
    return model;
  }

  /** "Monday 08:00–20:00" lines, or an empty list for always open. */
  private static List<String> hoursLines(OpeningHours hours) {
    List<String> lines = new ArrayList<>();
    for (int day = 1; day <= 7; day++) {
      int d = day;
      List<String> spans = hours.windows().stream().filter(w -> w.day() == d)
        .map(w -> OpeningHours.hhmm(w.openMinute()) + "–" + OpeningHours.hhmm(w.closeMinute())).toList();
      String name = java.time.DayOfWeek.of(day).getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
      if (!hours.alwaysOpen()) {
        lines.add(name + ": " + (spans.isEmpty() ? "closed" : String.join(", ", spans)));
      }
    }
    return lines;
  }

  /**
   * The day picker's options, computed here because the charger's zone decides where a day begins and ends
   * (DST days are 23 or 25 hours long); each carries the UTC range the slots API is asked for.
   */
  private static List<Map<String, Object>> pickerDays(ZoneId zone, String selected) {
    LocalDate today = LocalDate.now(zone);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < PICKER_DAYS; i++) {
      LocalDate d = today.plusDays(i);
      ZonedDateTime start = d.atStartOfDay(zone);
      ZonedDateTime end = d.plusDays(1).atStartOfDay(zone);
      Map<String, Object> m = new HashMap<>();
      m.put("date", d.toString());
      m.put("label", (i == 0 ? "Today, " : i == 1 ? "Tomorrow, " : "") + DAY_LABEL.format(d));
      m.put("from", start.toInstant().toString());
      m.put("to", end.toInstant().toString());
      m.put("selected", d.toString().equals(selected));
      out.add(m);
    }
    return out;
  }

  private void newForm(RoutingContext ctx) {
    showForm(ctx, ChargerForm.blank(mapConfig.getDouble("defaultLat", 12.9716), mapConfig.getDouble("defaultLng", 77.5946)),
      null, null);
  }

  private void editForm(RoutingContext ctx) {
    owned(ctx, PathIds.of(ctx, "id"))
      .onSuccess(c -> showForm(ctx, ChargerForm.of(c), c, null))
      .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    ChargerForm form = ChargerForm.read(ctx.request().formAttributes());
    JsonObject json = form.toJson(false);
    save(ctx, form, null, () -> ChargerInput.create(json, AuthGuard.principal(ctx).id()), chargers::insert);
  }

  private void update(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    ChargerForm form = ChargerForm.read(ctx.request().formAttributes());
    JsonObject json = form.toJson(true);
    owned(ctx, id)
      .onSuccess(current -> save(ctx, form, current, () -> ChargerInput.patch(current, json), chargers::update))
      .onFailure(ctx::fail);
  }

  /**
   * Stores the listing once the API's rules and the form's own reading both accept it; a refusal draws the form
   * again (the rule of {@link PageErrors#showOrFail}).
   */
  private void save(RoutingContext ctx, ChargerForm form, Charger current, Supplier<Charger> apiRules,
                    Function<Charger, Future<Charger>> store) {
    form.check(apiRules)
      .onFailure(err -> PageErrors.showOrFail(ctx, err, e -> refuse(ctx, form, e, current)))
      .onSuccess(input -> store.apply(input)
        .compose(c -> engine.chargerChanged(c.id()).map(c))
        .onSuccess(c -> redirect(ctx, c.id()))
        .onFailure(ctx::fail));
  }

  private static void redirect(RoutingContext ctx, long id) {
    ctx.response().setStatusCode(303).putHeader("Location", "/chargers/" + id).end();
  }

  /** Re-renders the form with every problem next to its field, with the status the API would answer. */
  private void refuse(RoutingContext ctx, ChargerForm form, ApiError error, Charger current) {
    form.addApiProblems(PageErrors.fields(error));
    int count = form.problems.size();
    ctx.response().setStatusCode(error.status());
    showForm(ctx, form, current, count == 0 ? error.getMessage()
      : count == 1 ? "Please correct the highlighted field." : "Please correct the " + count + " highlighted fields.");
  }

  private void showForm(RoutingContext ctx, ChargerForm form, Charger current, String error) {
    Map<String, Object> model = form.model();
    model.put("error", error);
    model.put("editing", current != null);
    model.put("chargerId", current == null ? null : current.id());
    model.put("action", current == null ? "/host/chargers/new" : "/host/chargers/" + current.id() + "/edit");
    model.put("connectors", new TreeSet<>(ChargerInput.CONNECTORS));
    model.put("map", mapModel());
    int status = ctx.response().getStatusCode();
    pages.renderToBuffer(ctx, "charger-form", current == null ? "Add a charger" : "Edit " + current.name(), model)
      .onSuccess(html -> ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(html))
      .onFailure(ctx::fail);
  }

  private Future<Charger> found(long id) {
    return listings.existing(id);
  }

  private Future<Charger> owned(RoutingContext ctx, long id) {
    return listings.ownedBy(id, AuthGuard.principal(ctx));
  }
}
