package com.chargeshare.auth;

import com.chargeshare.failure.Unauthenticated;
import com.chargeshare.failure.Forbidden;
import com.chargeshare.db.DbFailures;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who is calling (Bearer token or session cookie), whether a cookie-borne write really comes from our own
 * pages (strict Origin check: the CSRF defence), and the role checks, all in one place.
 */
public final class AuthGuard {

  public static final String COOKIE = "cs_session";
  /** With secure cookies on: only a secure origin can set it, for the whole site, no Domain (RFC 6265bis). */
  public static final String HOST_COOKIE = "__Host-cs_session";
  private static final String PRINCIPAL = "principal";
  private static final String VIA_COOKIE = "authViaCookie";
  private static final String BAD_TOKEN = "authBadToken";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final TokenService tokens;
  private final List<String> allowedOrigins;
  private final boolean secureCookies;
  private final String cookieName;

  public AuthGuard(TokenService tokens, List<String> allowedOrigins, boolean secureCookies) {
    this.tokens = tokens;
    this.allowedOrigins = allowedOrigins;
    this.secureCookies = secureCookies;
    this.cookieName = secureCookies ? HOST_COOKIE : COOKIE;
  }

  /**
   * Sets the principal when a valid token comes with the request; never refuses by itself (but answers 503 when
   * the database cannot say whether the token's user exists). Answers to requests that carry a token, and every
   * {@code /api/auth/} answer, are marked {@code no-store}: they may hold a token or someone's own data.
   */
  public Handler<RoutingContext> identify() {
    return ctx -> {
      if (ctx.request().path().startsWith("/api/auth/")) {
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      }
      String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
      String token;
      boolean viaCookie = false;
      if (header != null) {
        token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
      } else {
        Cookie cookie = ctx.request().getCookie(cookieName);
        token = cookie == null ? null : cookie.getValue();
        viaCookie = token != null;
      }
      if (token == null) {
        ctx.next();
        return;
      }
      boolean cookie = viaCookie;
      ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      if ("websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
        // a handshake must still be unread when the socket takes it over: hold its end while the token is checked
        // (a first use, or an expired cache entry, asks the database)
        ctx.request().pause();
      }
      tokens.verify(token).onComplete(ar -> {
        if (ar.succeeded()) {
          ctx.put(PRINCIPAL, ar.result());
          ctx.put(VIA_COOKIE, cookie);
        } else if (DbFailures.isUnavailable(ar.cause())) {
          ctx.fail(ar.cause());
          return;
        } else {
          ctx.put(BAD_TOKEN, true);
        }
        ctx.next();
      });
    };
  }

  /**
   * Refuses state-changing requests whose Origin (or Referer) names another site. A write that rides on the
   * session cookie must name our origin; API clients with a Bearer token are not exposed to CSRF.
   */
  public Handler<RoutingContext> csrf() {
    return ctx -> {
      HttpServerRequest req = ctx.request();
      if (SAFE.contains(req.method())) {
        ctx.next();
        return;
      }
      String origin = originOf(req);
      boolean cookieAuth = Boolean.TRUE.equals(ctx.get(VIA_COOKIE))
        || (req.getHeader(HttpHeaders.AUTHORIZATION) == null && req.getCookie(cookieName) != null);
      if ((origin == null && cookieAuth) || (origin != null && !sameOrigin(req, origin))) {
        ctx.fail(new Forbidden("Cross-site request refused"));
        return;
      }
      ctx.next();
    };
  }

  private static String originOf(HttpServerRequest req) {
    String origin = req.getHeader(HttpHeaders.ORIGIN);
    if (origin != null && !origin.isBlank() && !"null".equals(origin)) {
      return origin;
    }
    if ("null".equals(origin)) {
      return "null";
    }
    String referer = req.getHeader(HttpHeaders.REFERER);
    if (referer == null) {
      return null;
    }
    try {
      URI u = URI.create(referer);
      return u.getScheme() + "://" + u.getRawAuthority();
    } catch (IllegalArgumentException e) {
      return "null";
    }
  }

  /**
   * Whether a WebSocket handshake may proceed: browsers always send Origin, and only our own pages (or a
   * configured origin) may open a socket that carries the session cookie. Clients that are not browsers send none.
   */
  public boolean originAllowed(HttpServerRequest req) {
    String origin = req.getHeader(HttpHeaders.ORIGIN);
    return origin == null || sameOrigin(req, origin);
  }

  private boolean sameOrigin(HttpServerRequest req, String origin) {
    // authority() covers both the HTTP/1.1 Host header and HTTP/2's :authority
    var authority = req.authority();
    String own = authority == null ? null
      : (req.isSSL() ? "https://" : "http://") + authority.host() + (authority.port() > 0 ? ":" + authority.port() : "");
    return (own != null && origin.equalsIgnoreCase(own)) || allowedOrigins.stream().anyMatch(origin::equalsIgnoreCase);
  }

  /** 401 without a valid token, 403 when the caller's role is not among those allowed. */
  public Handler<RoutingContext> require(Role... roles) {
    Set<Role> allowed = roles.length == 0 ? EnumSet.allOf(Role.class) : EnumSet.copyOf(Arrays.asList(roles));
    return ctx -> {
      Principal p = ctx.get(PRINCIPAL);
      if (p == null) {
        ctx.fail(new Unauthenticated(Boolean.TRUE.equals(ctx.get(BAD_TOKEN))
          ? "The token is invalid or has expired" : "Log in first"));
      } else if (p.roles().stream().anyMatch(allowed::contains)) {
        ctx.next();
      } else {
        // the roles cached on this node may predate a role added on another: ask the database before refusing
        tokens.freshRoles(p.id()).onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else if (ar.result().isPresent() && ar.result().get().stream().anyMatch(allowed::contains)) {
            ctx.put(PRINCIPAL, p.withRoles(ar.result().get()));
            ctx.next();
          } else {
            ctx.fail(new Forbidden(forWhom(allowed)));
          }
        });
      }
    };
  }

  /** Who may do it, in words a user knows: "This is for hosts. You are logged in with a driver account." */
  private static String forWhom(Set<Role> allowed) {
    String who = String.join(" and ", allowed.stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT) + "s").toList());
    return "This is only for " + who + ". Log in with a " + (allowed.size() == 1
      ? allowed.iterator().next().name().toLowerCase(java.util.Locale.ROOT) + " account to use it." : "suitable account.");
  }

  public static Principal principal(RoutingContext ctx) {
    return ctx.get(PRINCIPAL);
  }

  /** Whether the request was authenticated by the session cookie (a page) rather than a Bearer token. */
  public static boolean viaCookie(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(VIA_COOKIE));
  }

  public Cookie sessionCookie(String token, long maxAgeSeconds, boolean ssl) {
    return Cookie.cookie(cookieName, token).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
      .setSecure(ssl || secureCookies).setMaxAge(maxAgeSeconds);
  }

  public Cookie clearedCookie(boolean ssl) {
    return Cookie.cookie(cookieName, "").setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
      .setSecure(ssl || secureCookies).setMaxAge(0);
  }

  /** The session cookie's name: {@code __Host-} prefixed when secure cookies are on. */
  public String cookieName() {
    return cookieName;
  }

  /** Whether answers should carry HSTS: the deployment promised HTTPS by turning secure cookies on. */
  public boolean strictTransport() {
    return secureCookies;
  }
}
