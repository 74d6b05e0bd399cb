package com.chargeshare.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** HS256 JWTs with an expiry. Only HS256 is accepted: {@code alg: none} and other algorithms fail verification. */
public final class TokenService {

  private final JWTAuth jwt;
  private final int ttlSeconds;
  private static final int CACHE_LIMIT = 50_000;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  public TokenService(Vertx vertx, String secret, int ttlMinutes) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
      .setJWTOptions(new JWTOptions().setAlgorithm("HS256").setLeeway(0)));
    this.ttlSeconds = ttlMinutes * 60;
  }

  public Issued issue(UserAccount user) {
    Instant expiresAt = Instant.now().plusSeconds(ttlSeconds);
    String token = jwt.generateToken(
      new JsonObject().put("sub", String.valueOf(user.id())).put("role", user.role().name()).put("name", user.name()),
      new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(ttlSeconds));
    return new Issued(token, expiresAt, ttlSeconds);
  }

  /** Fails for a forged, expired, unsigned or malformed token. */
  public Future<Principal> verify(String token) {
    Verified known = verified.get(token);
    if (known != null) {
      if (known.expiresAtSeconds() > Instant.now().getEpochSecond()) {
        return Future.succeededFuture(known.principal());
      }
      verified.remove(token);
    }
    return check(token).map(v -> {
      remember(token, v);
      return v.principal();
    });
  }

  /**
   * A token that verified once verifies the same way until it expires: API clients send the same token with
   * every request, so the signature check and JSON parsing are skipped for repeats. Bounded; only exact
   * token strings that passed verification are kept.
   */
  private void remember(String token, Verified v) {
    if (verified.size() >= CACHE_LIMIT) {
      verified.clear();
    }
    verified.put(token, v);
  }

  private Future<Verified> check(String token) {
    return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
      // Vert.x keeps the verified claims in the user's attributes
      JsonObject p = user.attributes().getJsonObject("accessToken", new JsonObject());
      if (!p.containsKey("exp")) {
        return Future.failedFuture("token without expiry");
      }
      try {
        return Future.succeededFuture(new Verified(new Principal(Long.parseLong(p.getString("sub")),
          Role.valueOf(p.getString("role")), p.getString("name", "")), p.getLong("exp")));
      } catch (RuntimeException e) {
        return Future.failedFuture("malformed claims");
      }
    });
  }

  private record Verified(Principal principal, long expiresAtSeconds) {
  }

  public record Issued(String token, Instant expiresAt, int ttlSeconds) {
  }
}
