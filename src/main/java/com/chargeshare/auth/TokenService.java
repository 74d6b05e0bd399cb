package com.chargeshare.auth;

import com.chargeshare.failure.Unauthenticated;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HS256 JWTs with an expiry, our issuer and audience, an id ({@code jti}) and the user's token generation. Only
 * HS256 is accepted: {@code alg: none} and other algorithms fail verification. A token also stops counting when
 * it is revoked ({@link TokenRevocations}) or its user no longer exists.
 */
public final class TokenService {

  private static final int CACHE_LIMIT = 50_000;
  /** How long a user once found is taken to exist, with the roles found, without asking the database again. */
  private static final long USER_CHECK_MILLIS = 30_000;

  private final JWTAuth jwt;
  private final int ttlSeconds;
  private final String issuer;
  private final String audience;
  private final TokenRevocations revocations;
  private final UserRepository users;
  private final Map<String, Principal> verified = new ConcurrentHashMap<>();
  private final Map<Long, Seen> usersSeen = new ConcurrentHashMap<>();

  public TokenService(Vertx vertx, String secret, int ttlMinutes, String issuer, String audience,
                      TokenRevocations revocations, UserRepository users) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
      .setJWTOptions(new JWTOptions().setAlgorithm("HS256").setLeeway(0).setIssuer(issuer).setAudience(List.of(audience))));
    this.ttlSeconds = ttlMinutes * 60;
    this.issuer = issuer;
    this.audience = audience;
    this.revocations = revocations;
    this.users = users;
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  public Issued issue(UserAccount user) {
    Instant expiresAt = Instant.now().plusSeconds(ttlSeconds);
    String token = jwt.generateToken(
      new JsonObject().put("sub", String.valueOf(user.id())).put("role", user.role().name()).put("name", user.name())
        .put("jti", UUID.randomUUID().toString()).put("gen", user.tokenGeneration()),
      new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(ttlSeconds).setIssuer(issuer).setAudience(List.of(audience)));
    return new Issued(token, expiresAt, ttlSeconds);
  }

  /** Fails for a forged, expired, unsigned, malformed or revoked token, and for one whose user is gone. */
  public Future<Principal> verify(String token) {
    Principal known = verified.get(token);
    if (known != null && known.expiresAtSeconds() <= Instant.now().getEpochSecond()) {
      verified.remove(token);
      known = null;
    }
    Future<Principal> checked = known != null ? Future.succeededFuture(known) : check(token).onSuccess(p -> remember(token, p));
    return checked.compose(p -> revocations.isRevoked(p)
      ? Future.failedFuture(new Unauthenticated("The token has been revoked"))
      : userRoles(p.id()).compose(roles -> roles.isPresent() ? Future.succeededFuture(p.withRoles(roles.get()))
        : Future.failedFuture(new Unauthenticated("The account no longer exists"))));
  }

  /** Logout: the token stops counting on every node. */
  public Future<Void> revoke(Principal p) {
    return revocations.revoke(p, p.expiresAtSeconds() - Instant.now().getEpochSecond());
  }

  /** After a password change: every other token of the user stops counting. */
  public Future<Void> revokeAllBut(Principal kept, int newGeneration) {
    return revocations.cutOff(kept, newGeneration, ttlSeconds);
  }

  /** The user's roles, cached for a while; empty when the account is gone. */
  private Future<java.util.Optional<java.util.Set<Role>>> userRoles(long id) {
    Seen seen = usersSeen.get(id);
    long now = System.currentTimeMillis();
    if (seen != null && seen.untilMillis() > now) {
      return Future.succeededFuture(java.util.Optional.of(seen.roles()));
    }
    return freshRoles(id).onSuccess(roles -> {
      if (roles.isPresent()) {
        if (usersSeen.size() >= CACHE_LIMIT) {
          usersSeen.clear();
        }
        usersSeen.put(id, new Seen(now + USER_CHECK_MILLIS, roles.get()));
      } else {
        usersSeen.remove(id);
      }
    });
  }

  /** The user's roles as the database holds them now (a role added on another node counts at once). */
  public Future<java.util.Optional<java.util.Set<Role>>> freshRoles(long id) {
    return users.roles(id);
  }

  /** The user's roles changed: this node reads them afresh at the next request. */
  public void forget(long userId) {
    usersSeen.remove(userId);
  }

  private record Seen(long untilMillis, java.util.Set<Role> roles) {
  }

  /**
   * A token that verified once verifies the same way until it expires: API clients send the same token with
   * every request, so the signature check and JSON parsing are skipped for repeats. Bounded; only exact
   * token strings that passed verification are kept. Revocation is checked on every use, cached or not.
   */
  private void remember(String token, Principal p) {
    if (verified.size() >= CACHE_LIMIT) {
      verified.clear();
    }
    verified.put(token, p);
  }

  private Future<Principal> check(String token) {
    return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
      // Vert.x keeps the verified claims in the user's attributes
      JsonObject p = user.attributes().getJsonObject("accessToken", new JsonObject());
      if (!p.containsKey("exp") || !issuer.equals(p.getValue("iss")) || !audienceMatches(p.getValue("aud"))) {
        return Future.failedFuture("token without expiry, issuer or audience");
      }
      try {
        return Future.succeededFuture(new Principal(Long.parseLong(p.getString("sub")), Role.valueOf(p.getString("role")),
          p.getString("name", ""), java.util.Objects.requireNonNull(p.getString("jti")), p.getInteger("gen"), p.getLong("exp")));
      } catch (RuntimeException e) {
        return Future.failedFuture("malformed claims");
      }
    });
  }

  private boolean audienceMatches(Object aud) {
    if (aud instanceof String s) {
      return audience.equals(s);
    }
    return aud instanceof io.vertx.core.json.JsonArray a && a.contains(audience);
  }

  public record Issued(String token, Instant expiresAt, int ttlSeconds) {
  }
}
