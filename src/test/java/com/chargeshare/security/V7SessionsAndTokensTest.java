package com.chargeshare.security;

import com.chargeshare.support.Http;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ASVS 5.0 V7 (Session management), V9 (Self-contained tokens) and V14 (Data protection) items for accounts:
 * logout and password change end sessions on every node, tokens are for us alone, nothing sensitive is cached.
 */
@DisplayName("ASVS V7 sessions, V9 tokens, V14 caching: over HTTP, on two nodes sharing one database")
class V7SessionsAndTokensTest {

  private static final String PASSWORD = "correct-horse-1";
  static TestServer server;
  static TestServer otherNode;
  static Http http;
  static Http other;

  @BeforeAll
  static void start() {
    server = TestServer.start("sec_v7");
    // a second node on the same database and secret: what one node revokes, the other refuses
    otherNode = TestServer.start(server.db(), new JsonObject().put("auth", new JsonObject()
      .put("jwtSecret", server.config().auth().jwtSecret()).put("bcryptCost", 4)));
    http = new Http(server.url());
    other = new Http(otherNode.url());
  }

  @AfterAll
  static void stop() {
    otherNode.close();
    server.close();
  }

  private static String newAccount(String name) {
    String email = "s-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    var r = http.post("/api/auth/register", new JsonObject().put("email", email).put("password", PASSWORD)
      .put("name", name).put("role", "DRIVER"), null);
    assertThat(r.status()).isEqualTo(201);
    return email;
  }

  /** What the other node answers for this token, waiting up to 3 s for its revocation poll. */
  private static int otherNodeSays(String token, int expected) throws InterruptedException {
    int status = 0;
    for (int i = 0; i < 30; i++) {
      status = other.get("/api/me", token).status();
      if (status == expected) break;
      Thread.sleep(100);
    }
    return status;
  }

  @Test
  @DisplayName("7.4.1: logout revokes the token: using it again is 401, on this node and on the other")
  void V7_4_1_logout_revokes_the_token_on_every_node() throws Exception {
    String email = newAccount("Logout");
    String token = http.login(email, PASSWORD);
    assertThat(other.get("/api/me", token).status()).isEqualTo(200);
    var out = http.post("/api/auth/logout", null, token);
    assertThat(out.status()).isEqualTo(204);
    assertThat(http.get("/api/me", token).status()).isEqualTo(401);
    assertThat(otherNodeSays(token, 401)).isEqualTo(401);
    assertThat(http.login(email, PASSWORD)).as("logging in again works").isNotBlank();
  }

  @Test
  @DisplayName("7.4.1: logging out of the pages (cookie) revokes the cookie's token too")
  void V7_4_1_page_logout_revokes_the_cookie_token() {
    String token = http.login(newAccount("Cookie"), PASSWORD);
    String cookie = "cs_session=" + token;
    var out = http.send(http.request("POST", "/logout", null, null).header("Cookie", cookie).header("Origin", server.url()).build());
    assertThat(out.status()).isEqualTo(303);
    assertThat(http.get("/api/me", token).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("6.2.2 / 6.2.3: a user changes the password with the current one; the old one stops working")
  void V6_2_2_users_change_their_password() {
    String email = newAccount("Changer");
    String token = http.login(email, PASSWORD);
    var common = http.post("/api/auth/password", new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "password1"), token);
    assertThat(common.status()).isEqualTo(400);
    assertThat(common.json().getJsonObject("error").getJsonObject("details").getJsonObject("fields").containsKey("newPassword")).isTrue();
    var changed = http.post("/api/auth/password", new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "new-horse-battery-2"), token);
    assertThat(changed.status()).isEqualTo(204);
    assertThat(http.post("/api/auth/login", new JsonObject().put("email", email).put("password", PASSWORD), null).status()).isEqualTo(401);
    assertThat(http.login(email, "new-horse-battery-2")).isNotBlank();
    assertThat(http.post("/api/auth/password", new JsonObject().put("currentPassword", "x").put("newPassword", "y-horse-battery-3"), null)
      .status()).as("anonymous").isEqualTo(401);
  }

  @Test
  @DisplayName("7.4.3: a password change ends every other session of the user, on every node, and keeps the one used")
  void V7_4_3_password_change_ends_every_other_session() throws Exception {
    String email = newAccount("Sessions");
    String phone = http.login(email, PASSWORD);
    String laptop = other.login(email, PASSWORD);
    var changed = http.post("/api/auth/password", new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "new-horse-battery-4"), phone);
    assertThat(changed.status()).isEqualTo(204);
    assertThat(http.get("/api/me", phone).status()).as("the token used for the change").isEqualTo(200);
    assertThat(http.get("/api/me", laptop).status()).isEqualTo(401);
    assertThat(otherNodeSays(laptop, 401)).isEqualTo(401);
    assertThat(otherNodeSays(phone, 200)).isEqualTo(200);
    String fresh = other.login(email, "new-horse-battery-4");
    assertThat(http.get("/api/me", fresh).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("7.4.2: a signed token for a user that no longer exists is refused by the pages and the API")
  void V7_4_2_tokens_of_users_that_no_longer_exist_are_refused() {
    String email = newAccount("Zebulon Gone");
    String token = http.login(email, PASSWORD);
    Sql.update(server.db(), "DELETE FROM users WHERE email = ?", email);
    assertThat(http.get("/api/me", token).status()).isEqualTo(401);
    var page = http.send(http.request("GET", "/", null, null).header("Cookie", "cs_session=" + token).build());
    assertThat(page.body()).doesNotContain("Zebulon Gone");
    var bookings = http.send(http.request("GET", "/bookings", null, null).header("Cookie", "cs_session=" + token).build());
    assertThat(bookings.status()).isNotEqualTo(200);
    String neverExisted = sign(claims(987_654_321L).put("name", "Zebulon Ghost"));
    assertThat(http.get("/api/me", neverExisted).status()).isEqualTo(401);
    var ghostPage = http.send(http.request("GET", "/", null, null).header("Cookie", "cs_session=" + neverExisted).build());
    assertThat(ghostPage.body()).doesNotContain("Zebulon Ghost");
  }

  @Test
  @DisplayName("9.2.3: tokens signed with our key but for another issuer or audience, or without them, are 401")
  void V9_2_3_tokens_must_name_our_issuer_and_audience() {
    String email = newAccount("Audience");
    long id = http.post("/api/auth/login", new JsonObject().put("email", email).put("password", PASSWORD), null)
      .json().getJsonObject("user").getLong("id");
    assertThat(http.get("/api/me", sign(claims(id))).status()).as("a well-formed token of ours").isEqualTo(200);
    assertThat(http.get("/api/me", sign(claims(id).put("iss", "someone-else"))).status()).isEqualTo(401);
    assertThat(http.get("/api/me", sign(claims(id).put("aud", "another-service"))).status()).isEqualTo(401);
    JsonObject noIssuer = claims(id);
    noIssuer.remove("iss");
    assertThat(http.get("/api/me", sign(noIssuer)).status()).isEqualTo(401);
    JsonObject noAudience = claims(id);
    noAudience.remove("aud");
    assertThat(http.get("/api/me", sign(noAudience)).status()).isEqualTo(401);
    JsonObject noId = claims(id);
    noId.remove("jti");
    assertThat(http.get("/api/me", sign(noId)).status()).isEqualTo(401);
    String issued = http.login(email, PASSWORD);
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(issued.split("\\.")[1]), StandardCharsets.UTF_8));
    assertThat(payload.getString("iss")).isEqualTo("chargeshare");
    assertThat(payload.getValue("aud").toString()).contains("chargeshare");
    assertThat(payload.getString("jti")).isNotBlank();
  }

  @Test
  @DisplayName("14.3.2: /api/auth/* answers and answers to authenticated requests carry Cache-Control: no-store")
  void V14_3_2_sensitive_answers_are_not_stored() {
    String email = newAccount("Cache");
    var login = http.post("/api/auth/login", new JsonObject().put("email", email).put("password", PASSWORD), null);
    String token = login.json().getString("token");
    var wrong = http.post("/api/auth/login", new JsonObject().put("email", email).put("password", "wrong-pass"), null);
    var register = http.post("/api/auth/register", new JsonObject().put("email", "x").put("password", "y"), null);
    for (var r : new Http.Response[]{login, wrong, register, http.get("/api/me", token), http.get("/api/bookings", token),
      http.get("/api/chargers?lat=12.97&lng=77.59", token), http.post("/api/auth/logout", null, token)}) {
      assertThat(r.headers().firstValue("cache-control")).as(r.status() + " " + r.body()).contains("no-store");
    }
  }

  private static JsonObject claims(long userId) {
    long now = Instant.now().getEpochSecond();
    return new JsonObject().put("sub", String.valueOf(userId)).put("role", "DRIVER").put("name", "Test")
      .put("jti", UUID.randomUUID().toString()).put("gen", 0).put("iat", now).put("exp", now + 600)
      .put("iss", "chargeshare").put("aud", "chargeshare");
  }

  /** HS256 with the server's own secret: only the claims can make the server refuse it. */
  private static String sign(JsonObject claims) {
    try {
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      String head = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
      String body = b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(server.config().auth().jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return head + "." + body + "." + b64.encodeToString(mac.doFinal((head + "." + body).getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
