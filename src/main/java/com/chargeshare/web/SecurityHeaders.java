package com.chargeshare.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers that every answer carries: a strict CSP (scripts only from our origin, and with payments on exactly
 * Razorpay Checkout's script URL, whose window may be framed from its own and the API's origin), no sniffing, no
 * framing; and HSTS when the deployment runs behind HTTPS (secure cookies on).
 */
final class SecurityHeaders implements Handler<RoutingContext> {

  private static final String HSTS = "max-age=31536000; includeSubDomains";

  private static final String SCRIPT_SRC = "script-src 'self'";
  private static final String CSP = String.join("; ",
    "default-src 'self'",
    SCRIPT_SRC,
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
  private final String csp;

  SecurityHeaders(boolean strictTransport) {
    this(strictTransport, null, null);
  }

  /** {@code checkoutUrl}: Razorpay Checkout's script (null with payments off); {@code apiUrl}: its API's base. */
  SecurityHeaders(boolean strictTransport, String checkoutUrl, String apiUrl) {
    this.strictTransport = strictTransport;
    this.csp = checkoutUrl == null ? CSP : CSP.replace(SCRIPT_SRC, SCRIPT_SRC + " " + checkoutUrl)
      + "; frame-src 'self' " + origin(checkoutUrl) + " " + origin(apiUrl);
  }

  private static String origin(String url) {
    java.net.URI u = java.net.URI.create(url);
    return u.getScheme() + "://" + u.getRawAuthority();
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (strictTransport) {
      ctx.response().headers().set("Strict-Transport-Security", HSTS);
    }
    ctx.response().headers()
      .set("Content-Security-Policy", csp)
      .set("X-Content-Type-Options", "nosniff")
      .set("X-Frame-Options", "DENY")
      .set("Referrer-Policy", "strict-origin-when-cross-origin")
      .set("Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
    ctx.next();
  }
}
