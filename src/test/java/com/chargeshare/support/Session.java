package com.chargeshare.support;

import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A logged-in browser as pages see it: the {@code cs_session} cookie, and form posts with an Origin header. */
public record Session(Http http, long userId, String name, String email, String token) {

  public static final String PASSWORD = "correct-horse-1";

  /** Registers an account with this name and logs it in. */
  public static Session register(Http http, String role, String name) {
    String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
    var r = http.post("/api/auth/register", new JsonObject().put("email", email).put("password", PASSWORD)
      .put("name", name).put("role", role), null);
    if (r.status() != 201) {
      throw new IllegalStateException("register failed: " + r.status() + " " + r.body());
    }
    long id = r.json().getJsonObject("user").getLong("id");
    return new Session(http, id, name, email, http.login(email, PASSWORD));
  }

  public Http.Response page(String path) {
    return http.send(http.request("GET", path, null, null).header("Cookie", "cs_session=" + token).build());
  }

  /** A form post as a browser sends it: urlencoded, with the cookie, from {@code origin} (null: no Origin header). */
  public Http.Response form(String path, Map<String, String> fields, String origin) {
    String body = fields.entrySet().stream()
      .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
      .collect(Collectors.joining("&"));
    HttpRequest.Builder b = http.request("POST", path, body, null)
      .setHeader("Content-Type", "application/x-www-form-urlencoded")
      .header("Cookie", "cs_session=" + token);
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build());
  }

  /** A same-origin form post. */
  public Http.Response form(String path, Map<String, String> fields) {
    return form(path, fields, http.base());
  }
}
