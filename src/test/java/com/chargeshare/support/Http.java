package com.chargeshare.support;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A plain HTTP client for tests, with the calls most tests need: sign up, log in, list a charger, book. */
public final class Http {

  private final String base;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
    .followRedirects(HttpClient.Redirect.NEVER).build();

  public Http(String base) {
    this.base = base;
  }

  public String base() {
    return base;
  }

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public String errorCode() {
      return json().getJsonObject("error").getString("code");
    }
  }

  public HttpRequest.Builder request(String method, String path, String body, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  public Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public CompletableFuture<Response> sendAsync(HttpRequest request) {
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
      .thenApply(r -> new Response(r.statusCode(), r.body(), r.headers()));
  }

  public Response get(String path, String token) {
    return send(request("GET", path, null, token).build());
  }

  public Response post(String path, Object body, String token) {
    return send(request("POST", path, body == null ? null : body.toString(), token).build());
  }

  public Response patch(String path, Object body, String token) {
    return send(request("PATCH", path, body.toString(), token).build());
  }

  public Response delete(String path, String token) {
    return send(request("DELETE", path, null, token).build());
  }

  /** A new account of that role; answers its bearer token. */
  public String signUp(String role) {
    return signUp(role, role.toLowerCase() + "-" + UUID.randomUUID() + "@example.com");
  }

  public String signUp(String role, String email) {
    Response r = post("/api/auth/register", new JsonObject().put("email", email).put("password", "correct-horse-1")
      .put("name", role + " " + email.substring(0, 6)).put("role", role), null);
    if (r.status() != 201) {
      throw new IllegalStateException("register failed: " + r.status() + " " + r.body());
    }
    return login(email, "correct-horse-1");
  }

  public String login(String email, String password) {
    Response r = post("/api/auth/login", new JsonObject().put("email", email).put("password", password), null);
    if (r.status() != 200) {
      throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
    }
    return r.json().getString("token");
  }

  public static JsonObject chargerBody(String name, double lat, double lng) {
    return new JsonObject().put("name", name).put("address", "1 Test Road").put("lat", lat).put("lng", lng)
      .put("connectorType", "CCS2").put("powerKw", 22).put("pricePerHourMinor", 15000);
  }

  /** A new always-open charger of this host; answers its id. */
  public long createCharger(String hostToken, JsonObject body) {
    Response r = post("/api/chargers", body, hostToken);
    if (r.status() != 201) {
      throw new IllegalStateException("create charger failed: " + r.status() + " " + r.body());
    }
    return r.json().getJsonObject("charger").getLong("id");
  }

  public long createCharger(String hostToken) {
    return createCharger(hostToken, chargerBody("Test charger", 12.97, 77.59));
  }

  public static JsonObject booking(long chargerId, Instant start, Instant end) {
    return new JsonObject().put("chargerId", chargerId).put("start", start.toString()).put("end", end.toString());
  }

  /** A slot boundary {@code hours} hours from now, on the hour. */
  public static Instant hoursAhead(int hours) {
    return Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(hours));
  }
}
