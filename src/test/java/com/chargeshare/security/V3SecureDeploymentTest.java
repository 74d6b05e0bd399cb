package com.chargeshare.security;

import com.chargeshare.support.Http;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** ASVS 5.0 V3 (Web frontend security) with CHARGESHARE_SECURE_COOKIES=true, as production runs behind HTTPS. */
@DisplayName("ASVS V3 with secure cookies on: __Host- session cookie and HSTS")
class V3SecureDeploymentTest {

  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("sec_v3", new JsonObject().put("http", new JsonObject().put("secureCookies", true)));
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("3.3.1: the session cookie is __Host- prefixed, Secure, HttpOnly, Path=/ and has no Domain; it still authenticates")
  void V3_3_1_session_cookie_is_host_prefixed() {
    String email = "c-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    http.post("/api/auth/register", new JsonObject().put("email", email).put("password", "correct-horse-1")
      .put("name", "Secure").put("role", "DRIVER"), null);
    var login = http.post("/api/auth/login", new JsonObject().put("email", email).put("password", "correct-horse-1"), null);
    String cookie = login.headers().firstValue("set-cookie").orElseThrow();
    assertThat(cookie).startsWith("__Host-cs_session=").containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly")
      .contains("Path=/").doesNotContainIgnoringCase("Domain=");
    var me = http.send(http.request("GET", "/api/me", null, null).header("Cookie", cookie.split(";")[0]).build());
    assertThat(me.status()).isEqualTo(200);
    var logout = http.send(http.request("POST", "/api/auth/logout", null, null).header("Cookie", cookie.split(";")[0])
      .header("Origin", server.url()).build());
    assertThat(logout.headers().firstValue("set-cookie").orElseThrow()).startsWith("__Host-cs_session=").contains("Max-Age=0");
  }

  @Test
  @DisplayName("3.4.1: every answer carries Strict-Transport-Security")
  void V3_4_1_hsts_is_sent() {
    for (String path : new String[]{"/health", "/", "/api/me"}) {
      assertThat(http.get(path, null).headers().firstValue("strict-transport-security")).as(path)
        .hasValueSatisfying(v -> assertThat(v).contains("max-age="));
    }
  }
}
