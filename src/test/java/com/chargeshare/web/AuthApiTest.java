package com.chargeshare.web;

import com.chargeshare.support.Http;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Accounts and authentication, probed over HTTP")
class AuthApiTest {

  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("auth", new JsonObject().put("auth", new JsonObject()
      .put("maxFailedLoginsPerAccount", 3).put("maxFailedLoginsPerAddress", 1000)));
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonObject account(String email, String role) {
    return new JsonObject().put("email", email).put("password", "correct-horse-1").put("name", "Asha").put("role", role);
  }

  private static String email() {
    return "u-" + UUID.randomUUID() + "@example.com";
  }

  @Test
  @DisplayName("a driver and a host can register; the password is stored only as a bcrypt hash")
  void register() {
    String email = email();
    var r = http.post("/api/auth/register", account(email, "HOST"), null);
    assertThat(r.status()).isEqualTo(201);
    JsonObject user = r.json().getJsonObject("user");
    assertThat(user.getString("email")).isEqualTo(email);
    assertThat(user.getString("role")).isEqualTo("HOST");
    assertThat(user.getLong("id")).isPositive();
    assertThat(user.containsKey("password")).isFalse();
    String hash = (String) Sql.rows(server.db(), "SELECT password_hash FROM users WHERE id = ?", user.getLong("id")).get(0).get("password_hash");
    assertThat(hash).startsWith("$2b$").doesNotContain("correct-horse-1");
  }

  @Test
  @DisplayName("nobody can sign up as ADMIN or any other role, and nothing is stored")
  void noAdmin() {
    for (String role : new String[]{"ADMIN", "admin", "ROOT", ""}) {
      String email = email();
      var r = http.post("/api/auth/register", account(email, role), null);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(r.json().getJsonObject("error").getJsonObject("details").getJsonObject("fields").containsKey("role")).isTrue();
      assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM users WHERE email = ?", email)).isZero();
    }
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM users WHERE role = 'ADMIN'")).isZero();
  }

  @Test
  @DisplayName("a duplicate email, in any case, is 409 EMAIL_TAKEN")
  void duplicateEmail() {
    String email = email();
    assertThat(http.post("/api/auth/register", account(email, "DRIVER"), null).status()).isEqualTo(201);
    var r = http.post("/api/auth/register", account(email.toUpperCase(), "HOST"), null);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.errorCode()).isEqualTo("EMAIL_TAKEN");
  }

  @Test
  @DisplayName("short passwords, bad emails, missing fields and wrong types are 400 naming each field")
  void badRegistrations() {
    var r = http.post("/api/auth/register", new JsonObject().put("email", "nope").put("password", "short").put("role", "DRIVER"), null);
    assertThat(r.status()).isEqualTo(400);
    JsonObject fields = r.json().getJsonObject("error").getJsonObject("details").getJsonObject("fields");
    assertThat(fields.fieldNames()).contains("email", "password", "name");
    var wrongType = http.post("/api/auth/register", new JsonObject().put("email", 5).put("password", true).put("name", "x").put("role", "DRIVER"), null);
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().getJsonObject("error").getJsonObject("details").getJsonObject("fields").fieldNames())
      .contains("email", "password");
  }

  @Test
  @DisplayName("malformed JSON, a non-object body and an empty body are 400; a huge body is 413; no stack traces")
  void badBodies() {
    for (String body : new String[]{"{not json", "[1,2]", "\"text\"", ""}) {
      var r = http.send(http.request("POST", "/api/auth/register", body, null).build());
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("at com.");
    }
    String huge = "{\"email\":\"" + "a".repeat(200_000) + "\"}";
    var r = http.send(http.request("POST", "/api/auth/register", huge, null).build());
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  @DisplayName("login gives a JWT and an HttpOnly SameSite cookie; /api/me answers with the user")
  void loginAndMe() {
    String email = email();
    http.post("/api/auth/register", account(email, "DRIVER"), null);
    var r = http.post("/api/auth/login", new JsonObject().put("email", email.toUpperCase()).put("password", "correct-horse-1"), null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("token")).isNotBlank();
    assertThat(r.json().getString("expiresAt")).endsWith("Z");
    assertThat(r.json().getJsonObject("user").getString("email")).isEqualTo(email);
    String cookie = r.headers().firstValue("set-cookie").orElseThrow();
    assertThat(cookie).contains("cs_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    var me = http.get("/api/me", r.json().getString("token"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().getJsonObject("user").getString("email")).isEqualTo(email);
    var byCookie = http.send(http.request("GET", "/api/me", null, null).header("Cookie", cookie.split(";")[0]).build());
    assertThat(byCookie.status()).isEqualTo(200);
  }

  @Test
  @DisplayName("wrong credentials are 401; repeated failures for one account are 429 even with the right password")
  void wrongPasswordAndRateLimit() {
    String email = email();
    http.post("/api/auth/register", account(email, "DRIVER"), null);
    JsonObject wrong = new JsonObject().put("email", email).put("password", "wrong-password");
    for (int i = 0; i < 3; i++) {
      var r = http.post("/api/auth/login", wrong, null);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.errorCode()).isEqualTo("UNAUTHENTICATED");
    }
    var limited = http.post("/api/auth/login", new JsonObject().put("email", email).put("password", "correct-horse-1"), null);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.errorCode()).isEqualTo("RATE_LIMITED");
    var unknown = http.post("/api/auth/login", new JsonObject().put("email", email()).put("password", "whatever-1"), null);
    assertThat(unknown.status()).isEqualTo(401);
  }

  @Test
  @DisplayName("missing, forged, alg:none and expired tokens are 401")
  void badTokens() {
    assertThat(http.get("/api/me", null).status()).isEqualTo(401);
    String token = http.signUp("DRIVER");
    String[] parts = token.split("\\.");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String forged = parts[0] + "." + parts[1] + "." + b64.encodeToString("not-the-signature".getBytes(StandardCharsets.UTF_8));
    String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    claims.put("role", "ADMIN");
    String elevated = parts[0] + "." + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    claims.put("role", "DRIVER").put("exp", 1_000_000_000L);
    String expired = parts[0] + "." + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    for (String bad : new String[]{forged, none, elevated, expired, "garbage", ""}) {
      var r = http.get("/api/me", bad);
      assertThat(r.status()).as(bad).isEqualTo(401);
      assertThat(r.errorCode()).isEqualTo("UNAUTHENTICATED");
    }
    assertThat(http.get("/api/me", token).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("logout is 204 and clears the cookie")
  void logout() {
    var r = http.post("/api/auth/logout", null, null);
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.headers().firstValue("set-cookie").orElseThrow()).contains("cs_session=").contains("Max-Age=0");
  }

  @Test
  @DisplayName("a cross-site write riding on the session cookie changes nothing")
  void csrf() {
    String host = http.signUp("HOST");
    String cookie = "cs_session=" + host;
    JsonObject charger = Http.chargerBody("CSRF target", 12.9, 77.6);
    long before = Sql.count(server.db(), "SELECT COUNT(*) FROM chargers");
    var evil = http.send(http.request("POST", "/api/chargers", charger.encode(), null)
      .header("Cookie", cookie).header("Origin", "https://evil.example").build());
    assertThat(evil.status()).isEqualTo(403);
    var noOrigin = http.send(http.request("POST", "/api/chargers", charger.encode(), null).header("Cookie", cookie).build());
    assertThat(noOrigin.status()).isEqualTo(403);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM chargers")).isEqualTo(before);
    var sameSite = http.send(http.request("POST", "/api/chargers", charger.encode(), null)
      .header("Cookie", cookie).header("Origin", server.url()).build());
    assertThat(sameSite.status()).isEqualTo(201);
  }

  @Test
  @DisplayName("role checks: a driver cannot list a charger (403); anonymous cannot book (401)")
  void roles() {
    String driver = http.signUp("DRIVER");
    var r = http.post("/api/chargers", Http.chargerBody("x", 1, 1), driver);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.errorCode()).isEqualTo("FORBIDDEN");
    assertThat(http.post("/api/bookings", Http.booking(1, Http.hoursAhead(2), Http.hoursAhead(3)), null).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("every answer carries the security headers")
  void headers() {
    var r = http.get("/health", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("status")).isEqualTo("UP");
    assertThat(r.headers().firstValue("content-security-policy").orElseThrow()).contains("frame-ancestors 'none'");
    assertThat(r.headers().firstValue("x-content-type-options")).contains("nosniff");
    assertThat(r.headers().firstValue("referrer-policy")).isPresent();
    var metrics = http.get("/metrics", null);
    assertThat(metrics.body()).contains("chargeshare_bookings_total").contains("vertx_http_server");
  }
}
