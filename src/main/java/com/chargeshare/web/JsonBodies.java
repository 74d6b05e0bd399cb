package com.chargeshare.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * The API reads JSON only: a request body of another media type is refused with 415 before it is read (API.md
 * v2). A request without a body (a cancel, a logout) needs no content type. A photo upload is the one body that is
 * not JSON ({@link PhotoApi} checks its type itself).
 */
final class JsonBodies implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    if (hasBody(req) && !isJson(req.getHeader(HttpHeaders.CONTENT_TYPE)) && !PhotoApi.isUpload(req)) {
      ctx.fail(415);
      return;
    }
    ctx.next();
  }

  private static boolean hasBody(HttpServerRequest req) {
    String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    return req.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || (length != null && !"0".equals(length.trim()));
  }

  /** {@code application/json}, with at most a UTF-8 charset. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    if (!"application/json".equals(parts[0].trim())) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].trim().split("=", 2);
      if ("charset".equals(param[0].trim()) && (param.length < 2 || !"utf-8".equals(param[1].trim().replace("\"", "")))) {
        return false;
      }
    }
    return true;
  }
}
