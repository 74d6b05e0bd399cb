package com.chargeshare.web;

import io.vertx.ext.web.RoutingContext;

/** The caller's address for rate limiting: the socket peer (a proxy in front should be configured to pass it). */
public final class ClientAddress {

  private ClientAddress() {
  }

  public static String of(RoutingContext ctx) {
    var addr = ctx.request().remoteAddress();
    return addr == null ? "unknown" : addr.hostAddress();
  }
}
