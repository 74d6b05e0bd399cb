package com.chargeshare.pages;

import com.chargeshare.support.Http;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Log-in and sign-up pages without JavaScript: plain form posts")
class AccountPagesTest {

  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("accountpages");
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String form(String... pairs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (b.length() > 0) b.append('&');
      b.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  private static Http.Response post(String path, String body, String origin) {
    HttpRequest.Builder r = HttpRequest.newBuilder(java.net.URI.create(server.url() + path))
      .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      r.header("Origin", origin);
    }
    return http.send(r.build());
  }

  @Test
  @DisplayName("the pages render with their forms, and no ADMIN choice")
  void render() {
    var login = http.get("/login", null);
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.body()).contains("action=\"/login\"").contains("name=\"email\"").contains("name=\"password\"");
    var register = http.get("/register", null);
    assertThat(register.body()).contains("value=\"DRIVER\"").contains("value=\"HOST\"").doesNotContain("value=\"ADMIN\"");
  }

  @Test
  @DisplayName("signing up by form sets the session cookie and lands a host on the dashboard; the header shows the name and role")
  void registerByForm() {
    String email = "form-" + UUID.randomUUID() + "@example.com";
    var r = post("/register", form("name", "Meera <Host>", "email", email, "password", "correct-horse-1", "role", "HOST"), server.url());
    assertThat(r.status()).isEqualTo(303);
    assertThat(r.headers().firstValue("location")).contains("/host");
    String cookie = r.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    var page = http.send(http.request("GET", "/login", null, null).header("Cookie", cookie).build());
    assertThat(page.body()).contains("Meera &lt;Host&gt;").contains("HOST").doesNotContain("Meera <Host>");
  }

  @Test
  @DisplayName("a refused sign-up shows the errors in the page, keeps the typed values, and stores nothing")
  void refusedRegistration() {
    var r = post("/register", form("name", "X", "email", "not-an-email", "password", "short", "role", "ADMIN"), server.url());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
    assertThat(r.body()).contains("valid email").contains("at least 8").contains("not-an-email");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM users WHERE email = 'not-an-email'")).isZero();
  }

  @Test
  @DisplayName("logging in by form redirects to a same-site next page only; wrong passwords re-render with 401")
  void loginByForm() {
    String email = "login-" + UUID.randomUUID() + "@example.com";
    http.signUp("DRIVER", email);
    var ok = post("/login", form("email", email, "password", "correct-horse-1", "next", "/bookings"), server.url());
    assertThat(ok.status()).isEqualTo(303);
    assertThat(ok.headers().firstValue("location")).contains("/bookings");
    var offsite = post("/login", form("email", email, "password", "correct-horse-1", "next", "//evil.example/x"), server.url());
    assertThat(offsite.headers().firstValue("location")).contains("/");
    assertThat(offsite.headers().firstValue("location").orElseThrow()).doesNotContain("evil");
    var wrong = post("/login", form("email", email, "password", "wrong-password"), server.url());
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).contains("Wrong email or password");
  }

  @Test
  @DisplayName("a sign-up form posted from another site creates nothing")
  void crossSite() {
    String email = "csrf-" + UUID.randomUUID() + "@example.com";
    var r = post("/register", form("name", "Evil", "email", email, "password", "correct-horse-1", "role", "DRIVER"), "https://evil.example");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM users WHERE email = ?", email)).isZero();
    var missing = http.get("/no/such/page", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
  }
}
