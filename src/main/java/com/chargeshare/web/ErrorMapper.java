package com.chargeshare.web;

import com.chargeshare.db.DbFailures;
import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.DomainFailure;
import com.chargeshare.failure.Forbidden;
import com.chargeshare.failure.IdempotencyKeyReused;
import com.chargeshare.failure.NotFound;
import com.chargeshare.failure.PaymentInvalid;
import com.chargeshare.failure.RateLimited;
import com.chargeshare.failure.SlotTaken;
import com.chargeshare.failure.TooLarge;
import com.chargeshare.failure.Unauthenticated;
import com.chargeshare.failure.Unavailable;
import com.chargeshare.failure.UnsupportedMediaType;
import com.chargeshare.failure.ValidationFailed;
import com.chargeshare.input.LogSafe;
import io.netty.handler.codec.DecoderException;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one place that turns failures into HTTP answers with API.md's status, code and error body. */
public final class ErrorMapper implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
  private static final ApiError INTERNAL = new ApiError(500, "INTERNAL", "Something went wrong on our side", null);

  @Override
  public void handle(RoutingContext ctx) {
    ApiError error = toApiError(ctx);
    if (error.status() >= 500 && !"UNAVAILABLE".equals(error.code())) {
      log.error("Unhandled failure on {} {}", ctx.request().method(), LogSafe.of(ctx.request().path()), ctx.failure());
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (ctx.failure() instanceof RateLimited limited && limited.retryAfter() != null) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, limited.retryAfter().toSeconds())));
    }
    if (ctx.get(PageErrors.PAGE_REQUEST) != null) {
      PageErrors.render(ctx, error);
      return;
    }
    send(ctx.response(), error);
  }

  /** For the few refusals made before the router runs (see {@link HttpEdge}). */
  static void answer(HttpServerResponse response, Throwable failure) {
    send(response, toApiError(failure, 0));
  }

  private static void send(HttpServerResponse response, ApiError error) {
    response
      .setStatusCode(error.status())
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
      .end(error.toJson().encode());
  }

  /**
   * Beyond {@link #toApiError(Throwable, int)}: a status the router chose for a failure of its own (no Host header:
   * 400) is kept, and a failure while the request was still arriving (a broken chunk, a dropped connection) is
   * the request's fault, not ours.
   */
  private static ApiError toApiError(RoutingContext ctx) {
    ApiError error = toApiError(ctx.failure(), ctx.statusCode());
    if (error != INTERNAL) {
      return error;
    }
    if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      return fromStatus(ctx.statusCode());
    }
    if (!ctx.request().isEnded()) {
      return new ApiError(400, "VALIDATION_FAILED", "The request could not be read", null);
    }
    return error;
  }

  /** The answer for any failure; {@code statusCode} is used when there is no failure object (ctx.fail(404)). */
  public static ApiError toApiError(Throwable failure, int statusCode) {
    if (failure instanceof DomainFailure domain) {
      return fromDomain(domain);
    }
    if (failure instanceof DecodeException) {
      return new ApiError(400, "VALIDATION_FAILED", "The request body is not valid JSON", null);
    }
    if (failure instanceof DecoderException) {
      return new ApiError(400, "VALIDATION_FAILED", "The request body could not be decoded", null);
    }
    if (failure instanceof HttpException http) {
      return fromStatus(http.getStatusCode());
    }
    if (DbFailures.isUnavailable(failure)) {
      return unavailable("The service is temporarily unavailable; try again shortly");
    }
    if (failure instanceof ReplyException reply && reply.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
      return unavailable("The booking service is not ready; try again shortly");
    }
    if (failure == null && statusCode > 0) {
      return fromStatus(statusCode);
    }
    return INTERNAL;
  }

  private static ApiError fromDomain(DomainFailure f) {
    String message = f.getMessage();
    if (f instanceof ValidationFailed v) {
      return new ApiError(400, "VALIDATION_FAILED", message,
        v.fields().isEmpty() ? null : new JsonObject().put("fields", new JsonObject(new LinkedHashMap<String, Object>(v.fields()))));
    }
    if (f instanceof Unauthenticated) {
      return new ApiError(401, "UNAUTHENTICATED", message, null);
    }
    if (f instanceof Forbidden) {
      return new ApiError(403, "FORBIDDEN", message, null);
    }
    if (f instanceof NotFound) {
      return new ApiError(404, "NOT_FOUND", message, null);
    }
    if (f instanceof SlotTaken taken) {
      JsonArray alternatives = new JsonArray();
      taken.alternatives().forEach(a -> alternatives.add(new JsonObject().put("chargerId", a.chargerId())
        .put("start", a.start().toString()).put("end", a.end().toString()).put("name", a.name())
        .put("distanceKm", a.distanceKm()).put("priceMinor", a.priceMinor()).put("currency", a.currency())));
      return new ApiError(409, "SLOT_TAKEN", message, new JsonObject().put("alternatives", alternatives));
    }
    if (f instanceof Conflict c) {
      return new ApiError(409, c.reason().name(), message, c.details().isEmpty() ? null : json(c.details()));
    }
    if (f instanceof RateLimited) {
      return new ApiError(429, "RATE_LIMITED", message, null);
    }
    if (f instanceof PaymentInvalid) {
      return new ApiError(400, "PAYMENT_INVALID", message, null);
    }
    if (f instanceof IdempotencyKeyReused) {
      return new ApiError(422, "IDEMPOTENCY_KEY_REUSED", message, null);
    }
    if (f instanceof Unavailable) {
      return unavailable(message);
    }
    if (f instanceof UnsupportedMediaType) {
      return new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", message, null);
    }
    if (f instanceof TooLarge large) {
      return new ApiError(413, "PAYLOAD_TOO_LARGE", message, new JsonObject().put("limit", large.limit()));
    }
    return INTERNAL;
  }

  /** Domain details are plain values; instants travel as ISO-8601 strings. */
  private static JsonObject json(Map<String, Object> details) {
    JsonObject out = new JsonObject();
    details.forEach((k, v) -> out.put(k, plain(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object plain(Object v) {
    if (v instanceof Instant i) {
      return i.toString();
    }
    if (v instanceof Map<?, ?> m) {
      return json((Map<String, Object>) m);
    }
    if (v instanceof List<?> l) {
      JsonArray a = new JsonArray();
      l.forEach(x -> a.add(plain(x)));
      return a;
    }
    return v;
  }

  private static ApiError unavailable(String message) {
    return new ApiError(503, "UNAVAILABLE", message, null);
  }

  private static ApiError fromStatus(int status) {
    return switch (status) {
      case 400 -> new ApiError(400, "VALIDATION_FAILED", "Bad request", null);
      case 401 -> new ApiError(401, "UNAUTHENTICATED", "Authentication required", null);
      case 403 -> new ApiError(403, "FORBIDDEN", "Not allowed", null);
      case 404 -> new ApiError(404, "NOT_FOUND", "Resource not found", null);
      case 405 -> new ApiError(405, "METHOD_NOT_ALLOWED", "Method not allowed", null);
      case 413 -> new ApiError(413, "PAYLOAD_TOO_LARGE", "The request body is too large", null);
      case 415 -> new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Send application/json", null);
      case 429 -> new ApiError(429, "RATE_LIMITED", "Too many requests", null);
      case 503 -> unavailable("The service is temporarily unavailable");
      default -> status >= 400 && status < 500 ? new ApiError(status, "BAD_REQUEST", "Bad request", null) : INTERNAL;
    };
  }
}
