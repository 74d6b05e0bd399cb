package com.chargeshare.pages;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.booking.AccessInstructions;
import com.chargeshare.booking.Availability;
import com.chargeshare.booking.BookingEngine;
import com.chargeshare.booking.NowStatus;
import com.chargeshare.charger.Charger;
import com.chargeshare.charger.ChargerInput;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.charger.Listings;
import com.chargeshare.charger.OpeningHours;
import com.chargeshare.input.PathIds;
import com.chargeshare.photo.Photos;
import com.chargeshare.text.Money;
import com.chargeshare.web.ApiError;
import com.chargeshare.web.PageErrors;
import io.vertx.core.Future;
import com.chargeshare.review.Rating;
import com.chargeshare.review.Review;
import com.chargeshare.review.Reviews;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
  private static final int LATEST_REVIEWS = 20;
  private static final Set<String> CONNECTORS = Collections.unmodifiableSortedSet(new TreeSet<>(ChargerInput.CONNECTORS));

  private final Pages pages;
  private final ChargerRepository chargers;
  private final Listings listings;
  private final AccessInstructions accessInstructions;
  private final BookingEngine engine;
  private final AuthGuard guard;
  private final MapSettings map;
  private final Reviews reviews;
  private final BookingTerms terms;
  private final Photos photos;

  public ChargerPages(Pages pages, ChargerRepository chargers, Listings listings, AccessInstructions accessInstructions,
                      BookingEngine engine, AuthGuard guard, JsonObject mapConfig, Reviews reviews, BookingTerms terms,
                      boolean addressSearch, Photos photos) {
    this.reviews = reviews;
    this.terms = terms;
    this.pages = pages;
    this.chargers = chargers;
    this.listings = listings;
    this.accessInstructions = accessInstructions;
    this.engine = engine;
    this.guard = guard;
    this.map = MapSettings.of(mapConfig, addressSearch);
    this.photos = photos;
  }

  public void mount(Router router) {
    router.get("/").handler(this::map);
    router.get("/chargers/:id").handler(this::charger);
    router.get("/host/chargers/new").handler(guard.require(Role.HOST)).handler(this::newForm);
    router.post("/host/chargers/new").handler(guard.require(Role.HOST)).handler(this::create);
    router.get("/host/chargers/:id/edit").handler(guard.require(Role.HOST)).handler(this::editForm);
    router.post("/host/chargers/:id/edit").handler(guard.require(Role.HOST)).handler(this::update);
    router.post("/chargers/:id/reviews/:bookingId/reply").handler(guard.require(Role.HOST)).handler(this::reply);
  }

  /** index.peb: the map and the connector types its filter offers. */
  record MapPage(MapSettings map, Set<String> connectors) {
  }

  /** Fixed notices after a save; the query string only picks one, so nothing user-written is echoed. */
  private static final Map<String, String> NOTICES = Map.of(
    "created", "Your charger is listed. Drivers can find and book it now.",
    "saved", "Your changes are saved.",
    "replied", "Your answer is published under the review.");

  /**
   * charger.peb: the listing, whether the visitor hosts it, the day picker's options, the mini-map, the host's
   * photos and a notice after a save.
   */
  record ChargerPage(Listing charger, boolean owner, List<PickerDay> days, MapSettings map,
                     List<HostPhotoPages.PhotoView> photos, String flash, ReviewSection reviews, BookingTerms terms) {
  }

  /** The charger's rating ({@code average} as "4.5", null without reviews) and its latest reviews. */
  record ReviewSection(String average, int count, List<ReviewItem> items) {

    static ReviewSection of(Rating rating, List<Review> latest, ZoneId zone) {
      return new ReviewSection(rating.average() == null ? null : String.format(Locale.ENGLISH, "%.1f", rating.average()),
        rating.count(), latest.stream().map(r -> ReviewItem.of(r, zone)).toList());
    }
  }

  /** One review as the charger page shows it: stars 1..5, texts as typed (escaped by the template). */
  record ReviewItem(long bookingId, String author, int stars, String comment, String date, String reply) {

    static ReviewItem of(Review r, ZoneId zone) {
      return new ReviewItem(r.bookingId(), r.author(), r.rating(), r.comment(), DAY_LABEL.format(r.createdAt().atZone(zone)),
        r.reply());
    }
  }

  /**
   * A listing as its page shows it; access instructions only when the visitor may read them. {@code nowStatus} is
   * the API's FREE, BUSY, CLOSED (outside opening hours now) or OFFLINE.
   */
  record Listing(long id, String name, String description, String address, String lat, String lng, String connectorType,
                 String powerKw, String price, long pricePerHourMinor, String currency, int slotMinutes, String timeZone,
                 boolean online, boolean availableNow, String nowStatus, String accessInstructions, List<String> hours) {

    static Listing of(Charger c, Availability a, boolean mayReadAccess, Instant now) {
      boolean free = a != null && a.availableNow();
      return new Listing(c.id(), c.name(), c.description() == null ? "" : c.description(), c.address(),
        String.valueOf(c.lat()), String.valueOf(c.lng()), c.connectorType(),
        BigDecimal.valueOf(c.powerKw()).stripTrailingZeros().toPlainString(), Money.format(c.pricePerHourMinor(), c.currency()),
        c.pricePerHourMinor(), c.currency(), c.slotMinutes(), c.timeZone().getId(), c.online(), free,
        nowStatus(c, free, now), mayReadAccess ? c.accessInstructions() : null, hoursLines(c.openingHours()));
    }

    /** As the API's {@code nowStatus}: a charger that is not free because it is closed now is CLOSED, not BUSY. */
    static String nowStatus(Charger c, boolean availableNow, Instant now) {
      // the 15-minute unit now lies in (units are aligned in every real zone)
      boolean open = c.openingHours().openAt(Instant.ofEpochSecond(now.getEpochSecond() / 900 * 900), c.timeZone());
      return NowStatus.of(c.online(), open, availableNow).name();
    }
  }

  /** One option of the day picker, with the UTC range the slots API is asked for. */
  record PickerDay(String date, String label, String from, String to, boolean selected) {
  }

  /** charger-form.peb: the form as typed or stored, its problems, and where it posts. */
  record FormPage(Map<String, String> values, List<ChargerForm.Day> days, Map<String, String> fieldErrors, String error,
                  boolean editing, Long chargerId, String action, Set<String> connectors, MapSettings map) {
  }

  private void map(RoutingContext ctx) {
    // a shared link's ?lat=&lng=&zoom= centres the map; values out of range fall back to the default view
    MapSettings view = map.view(param(ctx, "lat", -90, 90), param(ctx, "lng", -180, 180), param(ctx, "zoom", 1, 19));
    pages.render(ctx, "index", "Find a charger", new MapPage(view, CONNECTORS));
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

  /** The host's one answer to a review, from the charger page's form. */
  private void reply(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    long bookingId = PathIds.of(ctx, "bookingId");
    reviews.reply(AuthGuard.principal(ctx), bookingId, ctx.request().getFormAttribute("reply"))
      .onSuccess(r -> ctx.response().setStatusCode(303)
        .putHeader("Location", "/chargers/" + r.chargerId() + "?notice=replied#review-" + bookingId).end())
      .onFailure(ctx::fail);
  }

  private void charger(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    Principal p = AuthGuard.principal(ctx);
    found(id)
      .compose(c -> accessInstructions.visibleTo(p, c).compose(access -> engine.availability(List.of(id), null, null)
        .compose(av -> photos.of(id).compose(shots -> reviews.repository().byCharger(id, LATEST_REVIEWS, 0)
          .compose(latest -> reviews.repository().ratings(List.of(id))
            .map(r -> ReviewSection.of(r.getOrDefault(id, Rating.NONE), latest, c.timeZone())))
          .onSuccess(section -> pages.render(ctx, "charger", c.name(), new ChargerPage(Listing.of(c, av.get(id), access, Instant.now()),
            p != null && p.id() == c.hostId(), pickerDays(c.timeZone(), ctx.request().getParam("day")), map,
            HostPhotoPages.PhotoView.of(shots, c.name()), NOTICES.get(String.valueOf(ctx.request().getParam("notice"))),
            section, terms)))))))
      .onFailure(ctx::fail);
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
  private static List<PickerDay> pickerDays(ZoneId zone, String selected) {
    LocalDate today = LocalDate.now(zone);
    List<PickerDay> out = new ArrayList<>();
    for (int i = 0; i < PICKER_DAYS; i++) {
      LocalDate d = today.plusDays(i);
      ZonedDateTime start = d.atStartOfDay(zone);
      ZonedDateTime end = d.plusDays(1).atStartOfDay(zone);
      out.add(new PickerDay(d.toString(), (i == 0 ? "Today, " : i == 1 ? "Tomorrow, " : "") + DAY_LABEL.format(d),
        start.toInstant().toString(), end.toInstant().toString(), d.toString().equals(selected)));
    }
    return out;
  }

  private void newForm(RoutingContext ctx) {
    showForm(ctx, 200, ChargerForm.blank(map), null, null);
  }

  private void editForm(RoutingContext ctx) {
    owned(ctx, PathIds.of(ctx, "id"))
      .onSuccess(c -> showForm(ctx, 200, ChargerForm.of(c), c, null))
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
        .onSuccess(c -> redirect(ctx, c.id(), current == null ? "created" : "saved"))
        .onFailure(ctx::fail));
  }

  private static void redirect(RoutingContext ctx, long id, String notice) {
    ctx.response().setStatusCode(303).putHeader("Location", "/chargers/" + id + "?notice=" + notice).end();
  }

  /** Re-renders the form with every problem next to its field, with the status the API would answer. */
  private void refuse(RoutingContext ctx, ChargerForm form, ApiError error, Charger current) {
    form.addApiProblems(PageErrors.fields(error));
    int count = form.problems.size();
    showForm(ctx, error.status(), form, current, count == 0 ? error.message()
      : count == 1 ? "Please correct the highlighted field." : "Please correct the " + count + " highlighted fields.");
  }

  private void showForm(RoutingContext ctx, int status, ChargerForm form, Charger current, String error) {
    pages.render(ctx, status, "charger-form", current == null ? "Add a charger" : "Edit " + current.name(),
      new FormPage(form.values, form.days, form.problems, error, current != null, current == null ? null : current.id(),
        current == null ? "/host/chargers/new" : "/host/chargers/" + current.id() + "/edit", CONNECTORS, map));
  }

  private Future<Charger> found(long id) {
    return listings.existing(id);
  }

  private Future<Charger> owned(RoutingContext ctx, long id) {
    return listings.ownedBy(id, AuthGuard.principal(ctx));
  }
}
