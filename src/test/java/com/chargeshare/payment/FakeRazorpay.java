package com.chargeshare.payment;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Razorpay started by the tests, speaking its JSON over real HTTP with Basic auth checked:
 * {@code POST /v1/orders}, {@code GET /v1/orders/{id}/payments}, {@code POST /v1/payments/{id}/refund}, and
 * {@code GET /checkout.js} (a checkout script for browser tests that "pays" at once and calls the page's handler
 * with the ids and the signature computed as Razorpay does). A test can make it fail (500) or hang, and plays the
 * payer's part ({@link #capture}) and the webhook's ({@link #webhookBody}, {@link #sign}).
 */
public final class FakeRazorpay implements AutoCloseable {

  public static final String KEY_ID = "rzp_test_fake";
  public static final String KEY_SECRET = "fake-key-secret-0123456789";
  public static final String WEBHOOK_SECRET = "fake-webhook-secret-9876543210";

  /** How it answers the API: normally, with 500, or not at all. */
  public enum Mode { OK, FAIL, HANG }

  public record Order(String id, long amount, String currency, String receipt) {
  }

  public record Payment(String id, String orderId, long amount, String currency) {
  }

  public record Refund(String id, String paymentId, long amount) {
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private final Map<String, List<Payment>> payments = new ConcurrentHashMap<>();
  public final List<Refund> refunds = new CopyOnWriteArrayList<>();
  private final AtomicInteger seq = new AtomicInteger();
  private volatile Mode ordersMode = Mode.OK;
  private volatile Mode refundsMode = Mode.OK;
  private volatile Mode paymentsMode = Mode.OK;

  private FakeRazorpay() throws Exception {
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
      .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  public static FakeRazorpay start() {
    try {
      return new FakeRazorpay();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The server's settings pointing at this fake. */
  public JsonObject settings(int holdSeconds) {
    return new JsonObject().put("payments", new JsonObject().put("provider", "razorpay").put("holdSeconds", holdSeconds)
      .put("refundRetrySeconds", 1)
      .put("razorpay", new JsonObject().put("keyId", KEY_ID).put("keySecret", KEY_SECRET).put("webhookSecret", WEBHOOK_SECRET)
        .put("apiUrl", url()).put("checkoutUrl", url() + "/checkout.js").put("timeoutMillis", 1500)));
  }

  public void ordersMode(Mode m) {
    ordersMode = m;
  }

  public void refundsMode(Mode m) {
    refundsMode = m;
  }

  public void paymentsMode(Mode m) {
    paymentsMode = m;
  }

  public Order order(String id) {
    return orders.get(id);
  }

  public int orderCount() {
    return orders.size();
  }

  /** The payer pays the order: a captured payment of its amount; answers the payment's id. */
  public String capture(String orderId) {
    Order o = orders.get(orderId);
    String id = "pay_" + seq.incrementAndGet();
    payments.computeIfAbsent(orderId, k -> new CopyOnWriteArrayList<>()).add(new Payment(id, orderId, o.amount(), o.currency()));
    return id;
  }

  public static String signature(String orderId, String paymentId) {
    return Signatures.checkout(KEY_SECRET, orderId, paymentId);
  }

  public static String sign(String rawBody) {
    return Signatures.hmacHex(WEBHOOK_SECRET, rawBody.getBytes(StandardCharsets.UTF_8));
  }

  /** A webhook delivery's body as Razorpay words it ({@code payment.captured} or {@code order.paid}). */
  public static String webhookBody(String event, String orderId, String paymentId, long amount, String currency) {
    JsonObject payment = new JsonObject().put("entity", new JsonObject().put("id", paymentId).put("entity", "payment")
      .put("amount", amount).put("currency", currency).put("status", "captured").put("order_id", orderId));
    JsonObject payload = new JsonObject().put("payment", payment);
    if ("order.paid".equals(event)) {
      payload.put("order", new JsonObject().put("entity", new JsonObject().put("id", orderId).put("entity", "order")
        .put("amount", amount).put("amount_paid", amount).put("status", "paid")));
    }
    return new JsonObject().put("entity", "event").put("account_id", "acc_fake").put("event", event)
      .put("contains", new JsonArray().add("payment")).put("payload", payload).put("created_at", System.currentTimeMillis() / 1000)
      .encode();
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if ("/checkout.js".equals(path)) {
      req.response().putHeader("Content-Type", "application/javascript").end(CheckoutScript.source());
      return;
    }
    String expected = "Basic " + Base64.getEncoder().encodeToString((KEY_ID + ":" + KEY_SECRET).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(req.getHeader("Authorization"))) {
      error(req, 401, "BAD_REQUEST_ERROR", "Authentication failed");
      return;
    }
    req.body().onSuccess(body -> route(req, path, body));
  }

  private void route(HttpServerRequest req, String path, Buffer body) {
    if ("POST".equals(req.method().name()) && "/v1/orders".equals(path)) {
      if (answerOrFail(req, ordersMode)) {
        JsonObject in = body.toJsonObject();
        Order o = new Order("order_" + seq.incrementAndGet(), in.getLong("amount"), in.getString("currency"), in.getString("receipt"));
        orders.put(o.id(), o);
        json(req, new JsonObject().put("id", o.id()).put("entity", "order").put("amount", o.amount()).put("amount_paid", 0)
          .put("currency", o.currency()).put("receipt", o.receipt()).put("status", "created"));
      }
    } else if ("GET".equals(req.method().name()) && path.startsWith("/v1/orders/") && path.endsWith("/payments")) {
      if (answerOrFail(req, paymentsMode)) {
        String orderId = path.substring("/v1/orders/".length(), path.length() - "/payments".length());
        JsonArray items = new JsonArray();
        for (Payment p : payments.getOrDefault(orderId, List.of())) {
          items.add(new JsonObject().put("id", p.id()).put("entity", "payment").put("amount", p.amount()).put("currency", p.currency())
            .put("status", "captured").put("order_id", p.orderId()).put("captured", true));
        }
        json(req, new JsonObject().put("entity", "collection").put("count", items.size()).put("items", items));
      }
    } else if ("POST".equals(req.method().name()) && path.startsWith("/v1/payments/") && path.endsWith("/refund")) {
      if (answerOrFail(req, refundsMode)) {
        String paymentId = path.substring("/v1/payments/".length(), path.length() - "/refund".length());
        long amount = body.toJsonObject().getLong("amount");
        long paid = payments.values().stream().flatMap(List::stream).filter(p -> p.id().equals(paymentId))
          .mapToLong(Payment::amount).findFirst().orElse(-1);
        long refunded = refunds.stream().filter(r -> r.paymentId().equals(paymentId)).mapToLong(Refund::amount).sum();
        if (paid < 0 || amount <= 0 || refunded + amount > paid) {
          error(req, 400, "BAD_REQUEST_ERROR", "The refund amount provided is greater than amount captured");
          return;
        }
        Refund r = new Refund("rfnd_" + seq.incrementAndGet(), paymentId, amount);
        refunds.add(r);
        json(req, new JsonObject().put("id", r.id()).put("entity", "refund").put("amount", amount).put("payment_id", paymentId)
          .put("status", "processed"));
      }
    } else {
      error(req, 404, "BAD_REQUEST_ERROR", "The requested URL was not found on the server.");
    }
  }

  private static boolean answerOrFail(HttpServerRequest req, Mode mode) {
    if (mode == Mode.HANG) {
      return false;
    }
    if (mode == Mode.FAIL) {
      error(req, 500, "SERVER_ERROR", "We are facing some trouble completing your request at the moment.");
      return false;
    }
    return true;
  }

  private static void json(HttpServerRequest req, JsonObject body) {
    req.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  private static void error(HttpServerRequest req, int status, String code, String description) {
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json")
      .end(new JsonObject().put("error", new JsonObject().put("code", code).put("description", description)).encode());
  }

  /** Refunds sent for a payment. */
  public List<Refund> refundsOf(String paymentId) {
    List<Refund> out = new ArrayList<>();
    refunds.stream().filter(r -> r.paymentId().equals(paymentId)).forEach(out::add);
    return out;
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
