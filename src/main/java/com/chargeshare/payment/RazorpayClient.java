package com.chargeshare.payment;

import com.chargeshare.config.AppConfig;
import com.chargeshare.failure.Unavailable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Razorpay's REST API (orders, an order's payments, refunds) over the Vert.x web client: non-blocking on the caller's
 * event loop, so a shard owner can ask before it lets a hold expire without a worker thread; Basic auth with the key
 * id and secret; the base URL is a setting (tests point it at a local fake). Any failure, timeout or non-2xx answer
 * fails with {@link Unavailable}: the caller decides what that means (503, or retry later).
 */
public final class RazorpayClient {

  private static final Logger log = LoggerFactory.getLogger(RazorpayClient.class);

  private final WebClient client;
  private final AppConfig.Razorpay settings;
  private final String base;

  public RazorpayClient(Vertx vertx, AppConfig.Razorpay settings) {
    this.settings = settings;
    this.base = settings.apiUrl().endsWith("/") ? settings.apiUrl().substring(0, settings.apiUrl().length() - 1) : settings.apiUrl();
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("ev-chargeshare")
      .setConnectTimeout(settings.timeoutMillis()).setKeepAlive(true));
  }

  /** A payment of an order as Razorpay reports it ({@code status} captured, authorized, failed, ...). */
  public record Payment(String id, String orderId, long amountMinor, String currency, String status) {
    public boolean captured() {
      return "captured".equals(status);
    }
  }

  public record RefundAnswer(String id, String status) {
  }

  /** {@code POST /v1/orders}: answers the order's id. */
  public Future<String> createOrder(long amountMinor, String currency, String receipt) {
    JsonObject body = new JsonObject().put("amount", amountMinor).put("currency", currency).put("receipt", receipt);
    return send("POST", "/v1/orders", body).map(json -> {
      String id = json.getString("id");
      if (id == null || id.isBlank() || json.getLong("amount", -1L) != amountMinor) {
        throw new Unavailable("The payment provider answered an order we did not ask for");
      }
      return id;
    });
  }

  /** {@code GET /v1/orders/{id}/payments}. */
  public Future<List<Payment>> paymentsOf(String orderId) {
    return send("GET", "/v1/orders/" + encode(orderId) + "/payments", null).map(json -> {
      List<Payment> out = new ArrayList<>();
      JsonArray items = json.getJsonArray("items", new JsonArray());
      for (int i = 0; i < items.size(); i++) {
        out.add(payment(items.getJsonObject(i)));
      }
      return out;
    });
  }

  /** {@code POST /v1/payments/{id}/refund} of {@code amountMinor}. */
  public Future<RefundAnswer> refund(String paymentId, long amountMinor, String receipt) {
    JsonObject body = new JsonObject().put("amount", amountMinor).put("receipt", receipt);
    return send("POST", "/v1/payments/" + encode(paymentId) + "/refund", body)
      .map(json -> new RefundAnswer(json.getString("id"), json.getString("status", "pending")));
  }

  static Payment payment(JsonObject p) {
    return new Payment(p.getString("id"), p.getString("order_id"), p.getLong("amount", 0L), p.getString("currency"), p.getString("status"));
  }

  private static String encode(String id) {
    return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
  }

  private Future<JsonObject> send(String method, String path, JsonObject body) {
    var request = client.requestAbs(io.vertx.core.http.HttpMethod.valueOf(method), base + path)
      .basicAuthentication(settings.keyId(), settings.keySecret())
      .timeout(settings.timeoutMillis());
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    return sent.<JsonObject>transform(ar -> {
      if (ar.failed()) {
        log.warn("Razorpay {} failed: {}", method, ar.cause().toString());
        return Future.failedFuture(new Unavailable("The payment provider cannot be reached; try again shortly"));
      }
      HttpResponse<Buffer> r = ar.result();
      if (r.statusCode() / 100 != 2) {
        log.warn("Razorpay {} answered {}", method, r.statusCode());
        return Future.failedFuture(new Unavailable("The payment provider refused the request; try again shortly"));
      }
      try {
        return Future.succeededFuture(r.bodyAsJsonObject());
      } catch (RuntimeException e) {
        return Future.failedFuture(new Unavailable("The payment provider answered something unreadable"));
      }
    });
  }
}
