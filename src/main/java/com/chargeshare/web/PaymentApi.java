package com.chargeshare.web;

import com.chargeshare.failure.NotFound;
import com.chargeshare.payment.PaymentService;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/**
 * {@code POST /api/payments/razorpay/webhook}: Razorpay's deliveries, authenticated by {@code X-Razorpay-Signature}
 * over the raw body (no user, no cookie). 200 once handled (again for a replayed delivery, changing nothing); 400
 * PAYMENT_INVALID for a bad signature, an unknown order or a wrong amount; 404 while payments are off.
 */
public final class PaymentApi {

  private final Optional<PaymentService> payments;

  public PaymentApi(Optional<PaymentService> payments) {
    this.payments = payments;
  }

  public void mount(Router router) {
    router.post("/api/payments/razorpay/webhook").handler(this::webhook);
  }

  private void webhook(RoutingContext ctx) {
    PaymentService service = payments.orElseThrow(() -> new NotFound("Payments"));
    Buffer raw = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    service.webhook(raw, ctx.request().getHeader("X-Razorpay-Signature"))
      .onSuccess(v -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8")
        .end("{\"status\":\"ok\"}"))
      .onFailure(ctx::fail);
  }
}
