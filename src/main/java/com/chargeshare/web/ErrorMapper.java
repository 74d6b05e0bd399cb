package com.chargeshare.web;

import io.netty.handler.codec.DecoderException;
import io.vertx.core.Handler;
import io.vertx.core.VertxException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.mysqlclient.MySQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** The one place that turns failures into HTTP answers with API.md's error body. */
public final class ErrorMapper implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

  @Override
  public void handle(RoutingContext ctx) {
    ApiError error = toApiError(ctx.failure(), ctx.statusCode());
    if (error.status() >= 500 && !"UNAVAILABLE".equals(error.code())) {
      log.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (ctx.get(PageErrors.PAGE_REQUEST) != null) {
      PageErrors.render(ctx, error);
      return;
    }
    ctx.response()
      .setStatusCode(error.status())
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
      .end(error.toJson().encode());
  }

  public static ApiError toApiError(Throwable failure, int statusCode) {
    if (failure instanceof ApiError api) {
      return api;
    }
    if (failure instanceof DecodeException || failure instanceof DecoderException) {
      return ApiError.badRequest("The request body is not valid JSON");
    }
    if (failure instanceof HttpException http) {
      return fromStatus(http.getStatusCode());
    }
    if (isDatabaseUnavailable(failure)) {
      return ApiError.unavailable("The service is temporarily unavailable; try again shortly");
    }
    if (failure instanceof ReplyException reply && reply.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
      return ApiError.unavailable("The booking service is not ready; try again shortly");
    }
    if (failure == null && statusCode > 0) {
      return fromStatus(statusCode);
    }
    return new ApiError(500, "INTERNAL", "Something went wrong on our side", null);
  }

  private static ApiError fromStatus(int status) {
    return switch (status) {
      case 400 -> ApiError.badRequest("Bad request");
      case 401 -> ApiError.unauthenticated("Authentication required");
      case 403 -> ApiError.forbidden("Not allowed");
      case 404 -> ApiError.notFound("Resource");
      case 405 -> new ApiError(405, "METHOD_NOT_ALLOWED", "Method not allowed", null);
      case 413 -> new ApiError(413, "PAYLOAD_TOO_LARGE", "The request body is too large", null);
      case 415 -> new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Send application/json", null);
      case 429 -> ApiError.rateLimited("Too many requests");
      case 503 -> ApiError.unavailable("The service is temporarily unavailable");
      default -> status >= 400 && status < 500
        ? new ApiError(status, "BAD_REQUEST", "Bad request", null)
        : new ApiError(500, "INTERNAL", "Something went wrong on our side", null);
    };
  }

  /** Connection loss, timeouts and pool exhaustion: the database, not the client, is at fault. */
  public static boolean isDatabaseUnavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof TimeoutException
        || c instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
        return true;
      }
      if (c instanceof VertxException v && v.getMessage() != null
        && (v.getMessage().contains("closed") || v.getMessage().contains("Timeout"))) {
        return true;
      }
      if (c instanceof MySQLException m && (m.getErrorCode() == 1205 || m.getErrorCode() == 1213)) {
        return true;
      }
      if (c instanceof io.vertx.sqlclient.ClosedConnectionException) {
        return true;
      }
    }
    return false;
  }
}
