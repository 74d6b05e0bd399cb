package com.chargeshare.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers that every answer carries: a strict CSP (scripts only from our origin), no sniffing, no framing; and
 * HSTS when the deployment runs behind HTTPS (secure cookies on).
 */
final class SecurityHeaders implements Handler<RoutingContext> {

  private static final String HSTS = "max-age=31536000; includeSubDomains";

  private static final String CSP = String.join("; ",
    "default-src 'self'",
    "script-src 'self'",
    // Leaflet positions tiles and markers with inline style attributes
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    // the optional Google Maps layer asks the Map Tiles API for a session before loading tiles
    "connect-src 'self' ws: wss: https://tile.googleapis.com",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'");

  private final boolean strictTransport;

  SecurityHeaders(boolean strictTransport) {
    this.strictTransport = strictTransport;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (strictTransport) {
      ctx.response().headers().set("Strict-Transport-Security", HSTS);
    }
    ctx.response().headers()
      .set("Content-Security-Policy", CSP)
      .set("X-Content-Type-Options", "nosniff")
      .set("X-Frame-Options", "DENY")
      .set("Referrer-Policy", "strict-origin-when-cross-origin")
      .set("Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
    ctx.next();
  }
}
