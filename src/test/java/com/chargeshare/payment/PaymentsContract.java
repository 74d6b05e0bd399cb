package com.chargeshare.payment;

import com.chargeshare.support.Eventually;
import com.chargeshare.support.Http;
import com.chargeshare.support.LiveClient;
import com.chargeshare.support.MovableClock;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestDatabase;
import com.chargeshare.support.TestServer;
import com.chargeshare.db.DbSettings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md's payments through Razorpay, against a fake Razorpay server speaking its JSON over real HTTP: holds, orders,
 * the checkout callback, webhooks, expiry, reconciliation, late payments, refunds by the cancellation policy,
 * failures and timeouts of the API, races and a restart with holds in flight. Subclasses pick the engine.
 */
abstract class PaymentsContract {

  static final MovableClock clock = new MovableClock();
  static final int HOLD_SECONDS = 600;
  static FakeRazorpay razorpay;
  static DbSettings db;
  static JsonObject settings;
  static TestServer server;
  static Http http;
  static String host;
  static long charger;

  static void startWith(String engine) {
    razorpay = FakeRazorpay.start();
    lifecycle.clear(); // shared by the engines' subclasses, which may run one after the other in one JVM
    db = TestDatabase.fresh("pay-" + engine);
    settings = razorpay.settings(HOLD_SECONDS)
      .put("booking", TestServer.FAIR_LIMITS.getJsonObject("booking").copy().put("engine", engine).put("lifecycleTickMillis", 200))
      .put("auth", new JsonObject().put("bcryptCost", 4).put("jwtSecret", "payments-test-secret-0123456789-abcdefghij"));
    server = TestServer.start(db, settings, clock);
    listen();
    http = new Http(server.url());
    host = http.signUp("HOST");
    charger = http.createCharger(host);
  }

  /** Every LifecycleEvent the server publishes on its local bus, as "KIND bookingId". */
  static final List<String> lifecycle = new java.util.concurrent.CopyOnWriteArrayList<>();

  static void listen() {
    server.app().vertx().eventBus().<com.chargeshare.booking.LifecycleEvent>localConsumer(
      com.chargeshare.booking.LifecycleEvent.ADDRESS, m -> lifecycle.add(m.body().kind() + " " + m.body().bookingId()));
  }

  private static void heard(String... events) {
    Eventually.within(Duration.ofSeconds(10)).untilAsserted("lifecycle events " + String.join(", ", events),
      () -> assertThat(lifecycle).contains(events));
  }

  @AfterAll
  static void stop() {
    server.close();
    razorpay.close();
  }

  @AfterEach
  void normalFake() {
    razorpay.ordersMode(FakeRazorpay.Mode.OK);
    razorpay.refundsMode(FakeRazorpay.Mode.OK);
    razorpay.paymentsMode(FakeRazorpay.Mode.OK);
  }

  private static Instant ahead(int hours) {
    return clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(hours + 1L));
  }

  /** A new charger each time: tests move the clock, and windows of one test never meet another's. */
  private static long freshCharger() {
    return http.createCharger(host, Http.chargerBody("Pay " + System.nanoTime(), 12.9, 77.6));
  }

  private static Http.Response hold(String driver, long chargerId, Instant start) {
    return http.post("/api/bookings", Http.booking(chargerId, start, start.plus(Duration.ofHours(1))), driver);
  }

  private static JsonObject held(String driver, long chargerId, Instant start) {
    Http.Response r = hold(driver, chargerId, start);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private static Http.Response callback(String driver, long id, String orderId, String paymentId, String signature) {
    return http.post("/api/bookings/" + id + "/payment", new JsonObject().put("razorpayOrderId", orderId)
      .put("razorpayPaymentId", paymentId).put("razorpaySignature", signature), driver);
  }

  private static Http.Response webhook(String body, String signature) {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/payments/razorpay/webhook"))
      .header("Content-Type", "application/json").header("X-Razorpay-Signature", signature)
      .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static JsonObject read(String token, long id) {
    return http.get("/api/bookings/" + id, token).json().getJsonObject("booking");
  }

  private static List<String> events(long bookingId) {
    List<String> out = new ArrayList<>();
    Sql.rows(server.db(), "SELECT event FROM booking_events WHERE booking_id = ? ORDER BY id", bookingId)
      .forEach(r -> out.add((String) r.get("event")));
    return out;
  }

  private static String slotStatus(long chargerId, Instant start) {
    return http.get("/api/chargers/" + chargerId + "/slots?from=" + start + "&to=" + start.plus(Duration.ofMinutes(30)), null)
      .json().getJsonArray("slots").getJsonObject(0).getString("status");
  }

  @Test
  @DisplayName("a booking is a hold with an order made server-side for the server's price; the checkout callback confirms it once")
  void holdAndCheckout() {
    String driver = http.signUp("DRIVER");
    long c = freshCharger();
    Instant start = ahead(30);
    Instant before = clock.instant();
    JsonObject answer = held(driver, c, start);
    JsonObject b = answer.getJsonObject("booking");
    JsonObject payment = answer.getJsonObject("payment");
    long id = b.getLong("id");
    assertThat(b.getString("status")).isEqualTo("PENDING_PAYMENT");
    Instant expires = Instant.parse(b.getString("holdExpiresAt"));
    assertThat(expires).isBetween(before.plusSeconds(HOLD_SECONDS - 1), clock.instant().plusSeconds(HOLD_SECONDS + 1));
    assertThat(payment.getString("provider")).isEqualTo("razorpay");
    assertThat(payment.getString("keyId")).isEqualTo(FakeRazorpay.KEY_ID);
    assertThat(payment.getLong("amountMinor")).isEqualTo(b.getLong("priceMinor")).isEqualTo(15000L);
    String orderId = payment.getString("orderId");
    assertThat(razorpay.order(orderId).amount()).isEqualTo(15000L);
    assertThat(razorpay.order(orderId).receipt()).isEqualTo("booking-" + id);
    assertThat(slotStatus(c, start)).isEqualTo("BOOKED");

    String paymentId = razorpay.capture(orderId);
    Http.Response forged = callback(driver, id, orderId, paymentId, "0".repeat(64));
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.errorCode()).isEqualTo("PAYMENT_INVALID");
    Http.Response wrongPayment = callback(driver, id, orderId, "pay_other", FakeRazorpay.signature(orderId, paymentId));
    assertThat(wrongPayment.errorCode()).isEqualTo("PAYMENT_INVALID");
    Http.Response otherOrder = callback(driver, id, "order_999", paymentId, FakeRazorpay.signature("order_999", paymentId));
    assertThat(otherOrder.errorCode()).isEqualTo("PAYMENT_INVALID");
    assertThat(http.post("/api/bookings/" + id + "/payment", new JsonObject().put("razorpayOrderId", orderId).put("amountMinor", 1),
      driver).errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(callback(http.signUp("DRIVER"), id, orderId, paymentId, FakeRazorpay.signature(orderId, paymentId)).status())
      .isEqualTo(404);
    assertThat(read(driver, id).getString("status")).isEqualTo("PENDING_PAYMENT");
    assertThat(events(id)).containsExactly("HELD");

    Http.Response ok = callback(driver, id, orderId, paymentId, FakeRazorpay.signature(orderId, paymentId));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().getJsonObject("booking").getString("status")).isEqualTo("CONFIRMED");
    assertThat(ok.json().getJsonObject("booking").containsKey("holdExpiresAt")).isFalse();
    Http.Response replay = callback(driver, id, orderId, paymentId, FakeRazorpay.signature(orderId, paymentId).toUpperCase());
    assertThat(replay.status()).isEqualTo(200);
    assertThat(events(id)).containsExactly("HELD", "CONFIRMED");
    assertThat(Sql.rows(server.db(), "SELECT status, payment_id FROM payments WHERE booking_id = ?", id).get(0))
      .containsEntry("status", "PAID").containsEntry("payment_id", paymentId);
    heard("HELD " + id, "PAYMENT_RECEIVED " + id);
    assertThat(lifecycle.stream().filter(e -> e.equals("PAYMENT_RECEIVED " + id))).hasSize(1);
  }

  @Test
  @DisplayName("webhooks: forged, unknown orders and wrong amounts are 400 and change nothing; duplicate deliveries confirm once")
  void webhooks() {
    String driver = http.signUp("DRIVER");
    JsonObject answer = held(driver, freshCharger(), ahead(30));
    long id = answer.getJsonObject("booking").getLong("id");
    String orderId = answer.getJsonObject("payment").getString("orderId");
    String paymentId = razorpay.capture(orderId);
    String body = FakeRazorpay.webhookBody("payment.captured", orderId, paymentId, 15000, "INR");

    assertThat(webhook(body, FakeRazorpay.sign(body + " ")).errorCode()).isEqualTo("PAYMENT_INVALID");
    assertThat(webhook(body, "").status()).isEqualTo(400);
    String unknown = FakeRazorpay.webhookBody("payment.captured", "order_unknown", paymentId, 15000, "INR");
    assertThat(webhook(unknown, FakeRazorpay.sign(unknown)).errorCode()).isEqualTo("PAYMENT_INVALID");
    String cheap = FakeRazorpay.webhookBody("payment.captured", orderId, paymentId, 100, "INR");
    assertThat(webhook(cheap, FakeRazorpay.sign(cheap)).errorCode()).isEqualTo("PAYMENT_INVALID");
    String other = "{\"event\":\"refund.processed\",\"payload\":{}}";
    assertThat(webhook(other, FakeRazorpay.sign(other)).status()).isEqualTo(200);
    assertThat(read(driver, id).getString("status")).isEqualTo("PENDING_PAYMENT");

    String paid = FakeRazorpay.webhookBody("order.paid", orderId, paymentId, 15000, "INR");
    List<CompletableFuture<Http.Response>> deliveries = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String b = i % 2 == 0 ? body : paid;
      deliveries.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + "/api/payments/razorpay/webhook"))
        .header("Content-Type", "application/json").header("X-Razorpay-Signature", FakeRazorpay.sign(b))
        .POST(HttpRequest.BodyPublishers.ofString(b)).build()));
    }
    deliveries.forEach(d -> assertThat(d.join().status()).as(d.join().body()).isEqualTo(200));
    assertThat(read(driver, id).getString("status")).isEqualTo("CONFIRMED");
    assertThat(events(id)).containsExactly("HELD", "CONFIRMED");
    assertThat(razorpay.refundsOf(paymentId)).isEmpty();
  }

  @Test
  @DisplayName("an unpaid hold expires at holdExpiresAt: its slots are free again and pushed live; a late payment is refunded in full, once")
  void expiryAndLatePayment() {
    String driver = http.signUp("DRIVER");
    long c = freshCharger();
    Instant start = ahead(30);
    JsonObject answer = held(driver, c, start);
    long id = answer.getJsonObject("booking").getLong("id");
    String orderId = answer.getJsonObject("payment").getString("orderId");
    Vertx vertx = Vertx.vertx();
    try (LiveClient live = LiveClient.connect(LiveClient.client(vertx), server.port())) {
      live.subscribeIds(c);
      clock.advance(Duration.ofSeconds(HOLD_SECONDS + 1));
      Eventually.within(Duration.ofSeconds(20)).until("the hold expired", () -> "EXPIRED".equals(read(driver, id).getString("status")));
      JsonObject pushed = live.nextMatching(m -> "slots".equals(m.getString("type")) && "EXPIRED".equals(m.getString("kind")));
      assertThat(pushed.getJsonArray("changes").getJsonObject(0).getString("status")).isEqualTo("FREE");
    } finally {
      vertx.close();
    }
    assertThat(slotStatus(c, start)).isEqualTo("FREE");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM slot_claims WHERE booking_id = ?", id)).isZero();
    assertThat(events(id)).containsExactly("HELD", "EXPIRED");

    String paymentId = razorpay.capture(orderId);
    String body = FakeRazorpay.webhookBody("payment.captured", orderId, paymentId, 15000, "INR");
    assertThat(webhook(body, FakeRazorpay.sign(body)).status()).isEqualTo(200);
    assertThat(webhook(body, FakeRazorpay.sign(body)).status()).isEqualTo(200);
    Http.Response viaCheckout = callback(driver, id, orderId, paymentId, FakeRazorpay.signature(orderId, paymentId));
    assertThat(viaCheckout.status()).isEqualTo(200);
    JsonObject b = viaCheckout.json().getJsonObject("booking");
    assertThat(b.getString("status")).isEqualTo("EXPIRED");
    assertThat(b.getJsonObject("refund")).isEqualTo(new JsonObject().put("amountMinor", 15000).put("currency", "INR")
      .put("status", "PROCESSED"));
    assertThat(razorpay.refundsOf(paymentId)).hasSize(1).first().extracting(FakeRazorpay.Refund::amount).isEqualTo(15000L);
    assertThat(events(id)).containsExactly("HELD", "EXPIRED", "LATE_PAYMENT", "REFUND_REQUESTED", "REFUNDED");
    heard("HELD " + id, "EXPIRED " + id, "REFUNDED " + id);
    assertThat(lifecycle).doesNotContain("PAYMENT_RECEIVED " + id);
    // never a double booking: the slot went to whoever came next
    assertThat(hold(http.signUp("DRIVER"), c, start).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("reconciliation: a hold paid whose webhook never came is confirmed at its expiry instead of expiring")
  void reconciliation() {
    String driver = http.signUp("DRIVER");
    JsonObject answer = held(driver, freshCharger(), ahead(30));
    long id = answer.getJsonObject("booking").getLong("id");
    razorpay.capture(answer.getJsonObject("payment").getString("orderId"));
    clock.advance(Duration.ofSeconds(HOLD_SECONDS + 1));
    Eventually.within(Duration.ofSeconds(20)).until("the hold was settled", () -> !"PENDING_PAYMENT".equals(read(driver, id).getString("status")));
    assertThat(read(driver, id).getString("status")).isEqualTo("CONFIRMED");
    assertThat(events(id)).containsExactly("HELD", "CONFIRMED");
  }

  @Test
  @DisplayName("Razorpay failing or not answering when the order is made: 503, and the hold is released at once")
  void orderFailures() {
    String driver = http.signUp("DRIVER");
    long c = freshCharger();
    Instant start = ahead(30);
    for (FakeRazorpay.Mode mode : List.of(FakeRazorpay.Mode.FAIL, FakeRazorpay.Mode.HANG)) {
      razorpay.ordersMode(mode);
      Http.Response r = hold(driver, c, start);
      assertThat(r.status()).as(mode + ": " + r.body()).isEqualTo(503);
      assertThat(r.errorCode()).isEqualTo("UNAVAILABLE");
      assertThat(slotStatus(c, start)).isEqualTo("FREE");
    }
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ? AND status <> 'EXPIRED'", c)).isZero();
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM slot_claims WHERE charger_id = ?", c)).isZero();
    razorpay.ordersMode(FakeRazorpay.Mode.OK);
    assertThat(hold(driver, c, start).status()).isEqualTo(201);
  }

  private static JsonObject paid(String driver, long c, Instant start) {
    JsonObject answer = held(driver, c, start);
    long id = answer.getJsonObject("booking").getLong("id");
    String orderId = answer.getJsonObject("payment").getString("orderId");
    String paymentId = razorpay.capture(orderId);
    assertThat(callback(driver, id, orderId, paymentId, FakeRazorpay.signature(orderId, paymentId)).status()).isEqualTo(200);
    return answer.getJsonObject("booking").put("paymentId", paymentId);
  }

  @Test
  @DisplayName("cancelling a paid booking refunds by the policy (full up to 24 h before, half up to 2 h, a host's cancel in full); an unpaid hold refunds nothing")
  void refundsByPolicy() {
    String driver = http.signUp("DRIVER");
    long c = freshCharger();
    JsonObject early = paid(driver, c, ahead(30));
    JsonObject late = paid(driver, c, ahead(5));
    JsonObject byHost = paid(driver, c, ahead(1));
    JsonObject unpaid = held(driver, c, ahead(40)).getJsonObject("booking");

    JsonObject full = http.post("/api/bookings/" + early.getLong("id") + "/cancel", null, driver).json().getJsonObject("booking");
    assertThat(full.getString("status")).isEqualTo("CANCELLED");
    assertThat(full.getJsonObject("refund").getLong("amountMinor")).isEqualTo(15000L);
    assertThat(full.getJsonObject("refund").getString("status")).isEqualTo("PROCESSED");
    JsonObject half = http.post("/api/bookings/" + late.getLong("id") + "/cancel", null, driver).json().getJsonObject("booking");
    assertThat(half.getJsonObject("refund").getLong("amountMinor")).isEqualTo(7500L);
    JsonObject host = http.post("/api/bookings/" + byHost.getLong("id") + "/cancel", null, PaymentsContract.host).json()
      .getJsonObject("booking");
    assertThat(host.getJsonObject("refund").getLong("amountMinor")).isEqualTo(15000L);
    JsonObject none = http.post("/api/bookings/" + unpaid.getLong("id") + "/cancel", null, driver).json().getJsonObject("booking");
    assertThat(none.getString("status")).isEqualTo("CANCELLED");
    assertThat(none.containsKey("refund")).isFalse();
    assertThat(razorpay.refundsOf(late.getString("paymentId"))).extracting(FakeRazorpay.Refund::amount).containsExactly(7500L);
    assertThat(events(early.getLong("id"))).containsExactly("HELD", "CONFIRMED", "CANCELLED_BY_DRIVER", "REFUND_REQUESTED", "REFUNDED");
    assertThat(read(driver, early.getLong("id")).getJsonObject("refund").getString("status")).isEqualTo("PROCESSED");
  }

  @Test
  @DisplayName("a refund Razorpay refuses is recorded FAILED and sent again until it goes through")
  void refundRetried() {
    String driver = http.signUp("DRIVER");
    JsonObject b = paid(driver, freshCharger(), ahead(30));
    razorpay.refundsMode(FakeRazorpay.Mode.FAIL);
    JsonObject cancelled = http.post("/api/bookings/" + b.getLong("id") + "/cancel", null, driver).json().getJsonObject("booking");
    assertThat(cancelled.getJsonObject("refund").getString("status")).isEqualTo("FAILED");
    razorpay.refundsMode(FakeRazorpay.Mode.OK);
    Eventually.within(Duration.ofSeconds(20)).until("the refund went through",
      () -> "PROCESSED".equals(read(driver, b.getLong("id")).getJsonObject("refund").getString("status")));
    assertThat(razorpay.refundsOf(b.getString("paymentId"))).hasSize(1);
  }

  @Test
  @DisplayName("payments racing their holds' expiry at the same instant: each hold is either confirmed or expired and refunded, never both")
  void paymentRacesExpiry() {
    razorpay.paymentsMode(FakeRazorpay.Mode.FAIL); // reconciliation cannot help: the race is the callback's alone
    List<String> drivers = new ArrayList<>();
    List<JsonObject> holds = new ArrayList<>();
    Instant start = ahead(30);
    for (int i = 0; i < 10; i++) {
      String d = http.signUp("DRIVER");
      drivers.add(d);
      holds.add(held(d, freshCharger(), start));
    }
    List<String> paymentIds = holds.stream().map(h -> razorpay.capture(h.getJsonObject("payment").getString("orderId"))).toList();
    clock.advance(Duration.ofSeconds(HOLD_SECONDS).minusMillis(150));
    List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
    for (int i = 0; i < holds.size(); i++) {
      String orderId = holds.get(i).getJsonObject("payment").getString("orderId");
      calls.add(http.sendAsync(http.request("POST", "/api/bookings/" + holds.get(i).getJsonObject("booking").getLong("id") + "/payment",
        new JsonObject().put("razorpayOrderId", orderId).put("razorpayPaymentId", paymentIds.get(i))
          .put("razorpaySignature", FakeRazorpay.signature(orderId, paymentIds.get(i))).encode(), drivers.get(i)).build()));
    }
    calls.forEach(c -> assertThat(c.join().status()).isEqualTo(200));
    for (int i = 0; i < holds.size(); i++) {
      long id = holds.get(i).getJsonObject("booking").getLong("id");
      String d = drivers.get(i);
      String paymentId = paymentIds.get(i);
      Eventually.within(Duration.ofSeconds(20)).until("settled", () -> !"PENDING_PAYMENT".equals(read(d, id).getString("status")));
      JsonObject b = read(d, id);
      long claims = Sql.count(server.db(), "SELECT COUNT(*) FROM slot_claims WHERE booking_id = ?", id);
      if ("CONFIRMED".equals(b.getString("status"))) {
        assertThat(claims).isEqualTo(4);
        assertThat(events(id)).containsExactly("HELD", "CONFIRMED");
        assertThat(razorpay.refundsOf(paymentId)).isEmpty();
      } else {
        assertThat(b.getString("status")).isEqualTo("EXPIRED");
        assertThat(claims).isZero();
        assertThat(events(id)).startsWith("HELD", "EXPIRED", "LATE_PAYMENT");
        Eventually.within(Duration.ofSeconds(20)).until("refunded once", () -> razorpay.refundsOf(paymentId).size() == 1
          && Sql.count(server.db(), "SELECT COUNT(*) FROM refunds WHERE booking_id = ? AND status = 'PROCESSED'", id) == 1);
      }
    }
  }

  @Test
  @DisplayName("holds survive a restart: rebuilt from MySQL, payable after it, and expiring on time")
  void restartWithHolds() {
    String driver = http.signUp("DRIVER");
    long c = freshCharger();
    Instant first = ahead(30);
    Instant second = first.plus(Duration.ofHours(2));
    JsonObject a = held(driver, c, first);
    JsonObject b = held(driver, c, second);
    server.close();
    server = TestServer.start(db, settings, clock);
    listen();
    http = new Http(server.url());
    assertThat(slotStatus(c, first)).isEqualTo("BOOKED");
    assertThat(slotStatus(c, second)).isEqualTo("BOOKED");
    assertThat(hold(http.signUp("DRIVER"), c, first).status()).isEqualTo(409);

    long aId = a.getJsonObject("booking").getLong("id");
    String orderId = a.getJsonObject("payment").getString("orderId");
    String paymentId = razorpay.capture(orderId);
    assertThat(callback(driver, aId, orderId, paymentId, FakeRazorpay.signature(orderId, paymentId)).json()
      .getJsonObject("booking").getString("status")).isEqualTo("CONFIRMED");
    long bId = b.getJsonObject("booking").getLong("id");
    sleep(600);
    assertThat(read(driver, bId).getString("status")).isEqualTo("PENDING_PAYMENT");
    clock.advance(Duration.ofSeconds(HOLD_SECONDS + 1));
    Eventually.within(Duration.ofSeconds(20)).until("the hold expired after the restart",
      () -> "EXPIRED".equals(read(driver, bId).getString("status")));
    assertThat(slotStatus(c, second)).isEqualTo("FREE");
    assertThat(read(driver, aId).getString("status")).isEqualTo("CONFIRMED");
  }

  @Test
  @DisplayName("a hold counts for its driver like a booking (no overlapping one elsewhere) until it expires")
  void holdsCountForTheDriver() {
    String driver = http.signUp("DRIVER");
    Instant start = ahead(30);
    long id = held(driver, freshCharger(), start).getJsonObject("booking").getLong("id");
    long elsewhere = freshCharger();
    Http.Response overlap = hold(driver, elsewhere, start);
    assertThat(overlap.status()).isEqualTo(409);
    assertThat(overlap.errorCode()).isEqualTo("DRIVER_OVERLAP");
    clock.advance(Duration.ofSeconds(HOLD_SECONDS + 1));
    Eventually.within(Duration.ofSeconds(20)).until("the hold expired", () -> "EXPIRED".equals(read(driver, id).getString("status")));
    Eventually.within(Duration.ofSeconds(10)).until("the driver may book that time again", () -> hold(driver, elsewhere, start).status() == 201);
  }

  @Test
  @DisplayName("an Idempotency-Key retry of a hold answers the same hold with its one order")
  void idempotentHold() {
    String driver = http.signUp("DRIVER");
    long c = freshCharger();
    Instant start = ahead(30);
    String body = Http.booking(c, start, start.plus(Duration.ofHours(1))).encode();
    int orders = razorpay.orderCount();
    Http.Response first = http.send(http.request("POST", "/api/bookings", body, driver).header("Idempotency-Key", "k-" + c).build());
    Http.Response again = http.send(http.request("POST", "/api/bookings", body, driver).header("Idempotency-Key", "k-" + c).build());
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().getJsonObject("booking").getLong("id")).isEqualTo(first.json().getJsonObject("booking").getLong("id"));
    assertThat(again.json().getJsonObject("payment")).isEqualTo(first.json().getJsonObject("payment"));
    assertThat(razorpay.orderCount()).isEqualTo(orders + 1);

    razorpay.ordersMode(FakeRazorpay.Mode.FAIL);
    Instant later = start.plus(Duration.ofHours(3));
    String failing = Http.booking(c, later, later.plus(Duration.ofHours(1))).encode();
    assertThat(http.send(http.request("POST", "/api/bookings", failing, driver).header("Idempotency-Key", "f-" + c).build()).status())
      .isEqualTo(503);
    assertThat(http.send(http.request("POST", "/api/bookings", failing, driver).header("Idempotency-Key", "f-" + c).build()).status())
      .isEqualTo(503);
  }

  @Test
  @DisplayName("the host's earnings count paid bookings only, not holds; a cancel on the driver's page refunds at once")
  void earningsAndPageCancel() {
    String ownHost = http.signUp("HOST");
    long c = http.createCharger(ownHost, Http.chargerBody("Earner", 12.95, 77.62));
    com.chargeshare.support.Session driver = com.chargeshare.support.Session.register(http, "DRIVER", "Page Canceller");
    held(driver.token(), c, ahead(30));
    paid(driver.token(), c, ahead(33));
    JsonObject refunded = paid(driver.token(), c, ahead(36));
    JsonObject next7 = http.get("/api/host/stats", ownHost).json().getJsonArray("periods").stream().map(JsonObject.class::cast)
      .filter(p -> "next7".equals(p.getString("period"))).findFirst().orElseThrow();
    assertThat(next7.getJsonObject("total").getJsonArray("earnings").getJsonObject(0).getLong("minor")).isEqualTo(30000L);

    Http.Response page = driver.form("/bookings/" + refunded.getLong("id") + "/cancel", java.util.Map.of(), server.url());
    assertThat(page.status()).isEqualTo(303);
    assertThat(read(driver.token(), refunded.getLong("id")).getJsonObject("refund").getString("status")).isEqualTo("PROCESSED");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
