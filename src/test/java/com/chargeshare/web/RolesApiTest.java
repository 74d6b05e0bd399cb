package com.chargeshare.web;

import com.chargeshare.support.Http;
import com.chargeshare.support.Session;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("One account hosts and drives: roles over HTTP")
class RolesApiTest {

  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("roles");
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("users carry roles beside role, from sign-up on")
  void rolesBesideRole() {
    var r = http.post("/api/auth/register", new JsonObject().put("email", "r-" + System.nanoTime() + "@example.com")
      .put("password", "correct-horse-1").put("name", "Ravi").put("role", "DRIVER"), null);
    assertThat(r.json().getJsonObject("user").getString("role")).isEqualTo("DRIVER");
    assertThat(r.json().getJsonObject("user").getJsonArray("roles")).isEqualTo(new JsonArray().add("DRIVER"));
  }

  @Test
  @DisplayName("a driver who starts hosting lists a charger with the same token; role stays, roles grow; twice is no error")
  void driverStartsHosting() {
    Session d = Session.register(http, "DRIVER", "Meera");
    assertThat(http.post("/api/chargers", Http.chargerBody("Meera's", 12.9, 77.6), d.token()).status()).isEqualTo(403);
    var added = http.post("/api/me/roles", new JsonObject().put("add", "HOST"), d.token());
    assertThat(added.status()).isEqualTo(200);
    JsonObject user = added.json().getJsonObject("user");
    assertThat(user.getString("role")).isEqualTo("DRIVER");
    assertThat(user.getJsonArray("roles")).isEqualTo(new JsonArray().add("DRIVER").add("HOST"));
    assertThat(http.post("/api/chargers", Http.chargerBody("Meera's", 12.9, 77.6), d.token()).status()).isEqualTo(201);
    assertThat(http.get("/api/me", d.token()).json().getJsonObject("user").getJsonArray("roles")).contains("DRIVER", "HOST");
    assertThat(http.post("/api/me/roles", new JsonObject().put("add", "HOST"), d.token()).status()).isEqualTo(200);
    assertThat(Sql.rows(server.db(), "SELECT roles FROM users WHERE id = ?", d.userId()).get(0).get("roles")).isEqualTo("DRIVER,HOST");
  }

  @Test
  @DisplayName("a host who starts driving books at once")
  void hostStartsDriving() {
    Session h = Session.register(http, "HOST", "Kiran");
    String other = http.signUp("HOST");
    long charger = http.createCharger(other);
    var start = Http.hoursAhead(30);
    assertThat(http.post("/api/bookings", Http.booking(charger, start, start.plusSeconds(3600)), h.token()).status()).isEqualTo(403);
    assertThat(http.post("/api/me/roles", new JsonObject().put("add", "DRIVER"), h.token()).status()).isEqualTo(200);
    assertThat(http.post("/api/bookings", Http.booking(charger, start, start.plusSeconds(3600)), h.token()).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("ADMIN, unknown roles, a missing or mistyped field are 400 and change nothing; no token is 401; no JSON is 415")
  void badRequests() {
    Session d = Session.register(http, "DRIVER", "Bad");
    for (Object add : new Object[]{"ADMIN", "admin", "ROOT", "", 5, true}) {
      var r = http.post("/api/me/roles", new JsonObject().put("add", add), d.token());
      assertThat(r.status()).as(String.valueOf(add)).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(r.json().getJsonObject("error").getJsonObject("details").getJsonObject("fields").containsKey("add")).isTrue();
    }
    assertThat(http.post("/api/me/roles", new JsonObject(), d.token()).status()).isEqualTo(400);
    assertThat(http.post("/api/me/roles", new JsonObject().put("add", "HOST"), null).status()).isEqualTo(401);
    var form = http.send(http.request("POST", "/api/me/roles", "add=HOST", d.token())
      .setHeader("Content-Type", "application/x-www-form-urlencoded").build());
    assertThat(form.status()).isEqualTo(415);
    assertThat(Sql.rows(server.db(), "SELECT roles FROM users WHERE id = ?", d.userId()).get(0).get("roles")).isEqualTo("DRIVER");
  }

  @Test
  @DisplayName("the page form adds a role and goes where it is used; a cross-site post changes nothing")
  void pageForm() {
    Session d = Session.register(http, "DRIVER", "Form");
    var evil = d.form("/account/roles", Map.of("add", "HOST"), "https://evil.example");
    assertThat(evil.status()).isEqualTo(403);
    assertThat(Sql.rows(server.db(), "SELECT roles FROM users WHERE id = ?", d.userId()).get(0).get("roles")).isEqualTo("DRIVER");
    var ok = d.form("/account/roles", Map.of("add", "HOST"));
    assertThat(ok.status()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).hasValue("/host");
    assertThat(d.page("/host").status()).isEqualTo(200);
    assertThat(d.page("/").body()).contains("My bookings").contains("Dashboard").doesNotContain("Start hosting");
    assertThat(d.form("/account/roles", Map.of("add", "ADMIN")).status()).isEqualTo(400);
  }
}
