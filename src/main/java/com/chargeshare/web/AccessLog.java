package com.chargeshare.web;

import com.chargeshare.input.LogSafe;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.LoggerFormatter;

import java.util.regex.Pattern;

/**
 * One access-log line per request: client, method, path, the query with its values blanked (they carry emails
 * and search places), status and time. Escaped by {@link LogSafe}, so no request can write a line of its own.
 */
final class AccessLog implements LoggerFormatter {

  private static final Pattern VALUES = Pattern.compile("=[^&]*");

  @Override
  public String format(RoutingContext ctx, long ms) {
    HttpServerRequest req = ctx.request();
    String query = req.query();
    String target = req.path() + (query == null ? "" : "?" + VALUES.matcher(query).replaceAll("=*"));
    String client = req.remoteAddress() == null ? "-" : req.remoteAddress().hostAddress();
    return client + " " + LogSafe.of(req.method().name()) + " " + LogSafe.of(target) + " " + req.version() + " "
      + req.response().getStatusCode() + " " + ms + " ms";
  }
}
