package com.chargeshare.web;

import com.chargeshare.failure.NotFound;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may read {@code /metrics}: the machine itself, or a scraper that sends {@code Authorization: Bearer} with
 * the metrics token. Anyone else learns nothing, not even that the endpoint exists (404).
 */
final class MetricsAccess implements Handler<RoutingContext> {

  private final byte[] expected;

  MetricsAccess(String token) {
    this.expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (loopback(ctx) || bearerMatches(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
      ctx.next();
    } else {
      ctx.fail(new NotFound("Page"));
    }
  }

  private static boolean loopback(RoutingContext ctx) {
    var addr = ctx.request().remoteAddress();
    if (addr == null || addr.hostAddress() == null) {
      return false;
    }
    try {
      // an address literal: no lookup happens
      return InetAddress.getByName(addr.hostAddress()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private boolean bearerMatches(String authorization) {
    return expected != null && authorization != null
      && MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8));
  }
}
