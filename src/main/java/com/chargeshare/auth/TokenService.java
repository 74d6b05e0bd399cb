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

/** HS256 JWTs with an expiry. Only HS256 is accepted: {@code alg: none} and other algorithms fail verification. */
public final class TokenService {

  private final JWTAuth jwt;
  private final int ttlSeconds;

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
    return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
      // Vert.x keeps the verified claims in the user's attributes
      JsonObject p = user.attributes().getJsonObject("accessToken", new JsonObject());
      if (!p.containsKey("exp")) {
        return Future.failedFuture("token without expiry");
      }
      try {
        return Future.succeededFuture(new Principal(Long.parseLong(p.getString("sub")), Role.valueOf(p.getString("role")),
          p.getString("name", "")));
      } catch (RuntimeException e) {
        return Future.failedFuture("malformed claims");
      }
    });
  }

  public record Issued(String token, Instant expiresAt, int ttlSeconds) {
  }
}
