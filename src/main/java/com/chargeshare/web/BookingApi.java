package com.chargeshare.web;

import com.chargeshare.input.Query;
import com.chargeshare.failure.Forbidden;
import com.chargeshare.failure.NotFound;
import com.chargeshare.input.Fields;
import com.chargeshare.input.PathIds;
import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.booking.BookingEngine;
import com.chargeshare.booking.BookingQuery;
import com.chargeshare.booking.BookingRepository;
import com.chargeshare.booking.BookingService;
import com.chargeshare.booking.BookingStatus;
import com.chargeshare.booking.Booking;
import com.chargeshare.booking.BookingOutcome;
import com.chargeshare.booking.CheckIns;
import com.chargeshare.booking.Canceller;
import com.chargeshare.booking.StoredAnswer;
import com.chargeshare.payment.PaymentService;
import java.util.Optional;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /api/bookings}: book, list, read, cancel. */
public final class BookingApi {

  private static final Set<String> STATUSES = Arrays.stream(BookingStatus.values()).map(Enum::name).collect(Collectors.toSet());

  private final Canceller cancels;
  private final BookingService service;
  private final BookingRepository bookings;
  private final AuthGuard guard;
  private final BookingAnswers answers = new BookingAnswers();
  private final CheckIns checkIns;
  private final Optional<PaymentService> payments;

  public BookingApi(Canceller cancels, BookingService service, BookingRepository bookings, AuthGuard guard,
                    CheckIns checkIns, Optional<PaymentService> payments) {
    this.checkIns = checkIns;
    this.payments = payments;
    this.cancels = cancels;
    this.service = service;
    this.bookings = bookings;
    this.guard = guard;
  }

  public void mount(Router router) {
    router.post("/api/bookings").handler(guard.require(Role.DRIVER)).handler(this::book);
    router.get("/api/bookings").handler(guard.require()).respond(this::list);
    router.get("/api/bookings/:id").handler(guard.require()).respond(this::get);
    router.post("/api/bookings/:id/cancel").handler(guard.require()).respond(this::cancel);
    router.post("/api/bookings/:id/check-in").handler(guard.require(Role.DRIVER)).respond(this::checkIn);
    router.post("/api/bookings/:id/payment").handler(guard.require(Role.DRIVER)).respond(this::payment);
  }

  /**
   * Every booking request counts against the user's attempts per minute: a readable one where it is decided
   * ({@link BookingService#book}), an unreadable one here, which past the limit hears RATE_LIMITED instead of 400.
   */
  private void book(RoutingContext ctx) {
    BookingEngine.BookRequest req;
    try {
      req = request(ctx);
    } catch (RuntimeException e) {
      service.refuse(AuthGuard.principal(ctx).id(), e).onFailure(ctx::fail);
      return;
    }
    service.book(req)
      .compose(reply -> reply.either(this::withOrder, this::replayed))
      .onSuccess(answer -> ctx.response().setStatusCode(answer.status())
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(answer.body()))
      .onFailure(ctx::fail);
  }

  private BookingEngine.BookRequest request(RoutingContext ctx) {
    Fields f = Fields.of(ctx);
    Long chargerId = f.id("chargerId", true);
    Instant start = f.instant("start", true);
    Instant end = f.instant("end", true);
    Long flex = f.integer("flexMinutes", false, 0, 240, "must be 0..240");
    Long expectedPrice = f.integer("expectedPriceMinor", false, 0, Long.MAX_VALUE, "must be a whole number >= 0");
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key != null && (key.isBlank() || key.length() > 128)) {
      f.problem("Idempotency-Key", "must be 1..128 characters");
    }
    f.validate();
    return new BookingEngine.BookRequest(AuthGuard.principal(ctx).id(), chargerId, start, end, flex == null ? 0 : flex.intValue(),
      key, expectedPrice);
  }

  /** With payments on, a hold's answer carries its order, created at Razorpay now (503 and no hold when that fails). */
  private Future<StoredAnswer> withOrder(BookingOutcome.Confirmed confirmed) {
    StoredAnswer answer = answers.confirmed(confirmed);
    Booking b = confirmed.booking();
    if (payments.isEmpty() || b.status() != BookingStatus.PENDING_PAYMENT) {
      return Future.succeededFuture(answer);
    }
    return payments.get().open(b).map(payment -> new StoredAnswer(answer.status(),
      new JsonObject(answer.body()).put("payment", payment).encode()));
  }

  /**
   * A replayed hold's answer carries its order as it stands; a hold that has none had its order fail, and was answered
   * 503 then: so is its retry.
   */
  private Future<StoredAnswer> replayed(StoredAnswer stored) {
    if (payments.isEmpty() || stored.status() != 201) {
      return Future.succeededFuture(stored);
    }
    JsonObject body = new JsonObject(stored.body());
    JsonObject booking = body.getJsonObject("booking");
    if (booking == null || !BookingStatus.PENDING_PAYMENT.name().equals(booking.getString("status"))) {
      return Future.succeededFuture(stored);
    }
    return payments.get().paymentOf(booking.getLong("id"))
      .compose(payment -> payment.isPresent() ? Future.succeededFuture(new StoredAnswer(201, body.put("payment", payment.get()).encode()))
        : Future.failedFuture(new com.chargeshare.failure.Unavailable(
          "The payment provider could not take the payment; nothing was booked. Try again with a new key")));
  }

  private Future<JsonObject> checkIn(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    return checkIns.byDriver(id, AuthGuard.principal(ctx)).map(b -> new JsonObject().put("booking", b.toJson()));
  }

  /** The checkout's callback: {@code {razorpayOrderId, razorpayPaymentId, razorpaySignature}}; never an amount. */
  private Future<JsonObject> payment(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    PaymentService service = payments.orElseThrow(() -> new NotFound("Payments"));
    Fields f = Fields.of(ctx);
    String orderId = f.string("razorpayOrderId", true, 1, 64);
    String paymentId = f.string("razorpayPaymentId", true, 1, 64);
    String signature = f.string("razorpaySignature", true, 1, 128);
    f.validate();
    return service.checkout(id, AuthGuard.principal(ctx), orderId, paymentId, signature)
      .map(b -> new JsonObject().put("booking", b.toJson()));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    Principal p = AuthGuard.principal(ctx);
    Query q = new Query(ctx);
    String status = q.oneOf("status", STATUSES);
    Long chargerId = q.id("chargerId");
    Instant from = q.instant("from");
    Instant to = q.instant("to");
    int limit = q.intInRange("limit", 200, 1, 1000);
    int offset = q.intInRange("offset", 0, 0, Integer.MAX_VALUE);
    String as = q.oneOf("as", Set.of(Role.DRIVER.name(), Role.HOST.name()));
    q.validate();
    // one account may host and drive: ?as= picks the side, by default the role it signed up with
    Role side = as != null ? Role.valueOf(as) : p.role() == Role.HOST || !p.is(Role.DRIVER) && p.is(Role.HOST) ? Role.HOST : Role.DRIVER;
    if (as != null && !p.is(side)) {
      return Future.failedFuture(new Forbidden("You do not " + (side == Role.HOST ? "host" : "drive") + " with this account"));
    }
    boolean host = side == Role.HOST;
    BookingQuery query = new BookingQuery(host ? null : p.id(), host ? p.id() : null,
      status == null ? null : BookingStatus.valueOf(status), chargerId, from, to, limit, offset);
    return bookings.list(query)
      .map(list -> {
        JsonArray a = new JsonArray();
        list.forEach(b -> a.add(b.toJson()));
        return new JsonObject().put("bookings", a);
      });
  }

  private Future<JsonObject> get(RoutingContext ctx) {
    Principal p = AuthGuard.principal(ctx);
    long id = PathIds.of(ctx, "id");
    return bookings.byId(id).map(found -> found
      .filter(o -> o.booking().driverId() == p.id() || o.hostId() == p.id())
      .map(o -> new JsonObject().put("booking", o.booking().toJson()))
      .orElseThrow(() -> new NotFound("Booking")));
  }

  /** The body is optional: {@code {"reason": "..."}} of at most 500 characters. */
  private Future<JsonObject> cancel(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    String reason = null;
    var body = ctx.body().buffer();
    if (body != null && body.length() > 0) {
      Fields f = Fields.of(ctx);
      reason = f.string("reason", false, 0, 500);
      f.validate();
    }
    return cancels.cancel(id, AuthGuard.principal(ctx), reason == null || reason.isBlank() ? null : reason.strip())
      .map(b -> new JsonObject().put("booking", b.toJson()));
  }
}
