package com.chargeshare.pages;

import com.chargeshare.support.Eventually;
import com.chargeshare.support.Http;
import com.chargeshare.support.Session;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Notification and review pages without JavaScript: plain forms, escaped text, CSRF refused")
class NotificationAndReviewPagesTest {

  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("notifypages");
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Booked(Session driver, Session host, long charger, long booking) {
  }

  private static Booked booked(String chargerName) {
    Session d = Session.register(http, "DRIVER", "Page driver");
    Session h = Session.register(http, "HOST", "Page host");
    long c = http.createCharger(h.token(), Http.chargerBody(chargerName, 16.0, 81.0));
    Instant start = Http.hoursAhead(48);
    long b = http.post("/api/bookings", Http.booking(c, start, start.plus(Duration.ofHours(1))), d.token())
      .json().getJsonObject("booking").getLong("id");
    return new Booked(d, h, c, b);
  }

  @Test
  @DisplayName("the bell counts, /notifications lists escaped and marks read by form; another's id is 404; a cross-site post changes nothing")
  void notificationPage() {
    Booked b = booked("<img src=x onerror=alert(1)>");
    Eventually.within(Duration.ofSeconds(10)).until("notified", () -> Sql.count(server.db(),
      "SELECT COUNT(*) FROM notifications WHERE user_id = ?", b.driver().userId()) == 1);
    long id = (Long) Sql.rows(server.db(), "SELECT id FROM notifications WHERE user_id = ?", b.driver().userId()).get(0).get("id");
    String page = b.driver().page("/notifications").body();
    assertThat(page).contains("data-unread=\"1\"").contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
    assertThat(b.driver().page("/").body()).contains("data-unread=\"1\"");
    assertThat(b.driver().form("/notifications/" + id + "/read", Map.of(), "https://evil.example").status()).isEqualTo(403);
    assertThat(b.host().form("/notifications/" + id + "/read", Map.of()).status()).isEqualTo(404);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM notifications WHERE id = ? AND read_at IS NULL", id)).isEqualTo(1);
    var read = b.driver().form("/notifications/" + id + "/read", Map.of());
    assertThat(read.status()).isEqualTo(303);
    assertThat(read.headers().firstValue("Location")).hasValue("/notifications");
    assertThat(b.driver().page("/notifications").body()).contains("data-unread=\"0\"").doesNotContain("data-mark-read");
    assertThat(http.get("/notifications", null).status()).isIn(302, 303, 401);
  }

  @Test
  @DisplayName("a review by form lands on the charger page escaped; a bad rating is 400 in the page; a cross-site post changes nothing")
  void reviewForms() {
    Booked b = booked("Form plug");
    LocalDateTime end = LocalDateTime.ofInstant(Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS), ZoneOffset.UTC);
    Sql.update(server.db(), "UPDATE bookings SET start_at = ?, end_at = ? WHERE id = ?", end.minusHours(1), end, b.booking());
    assertThat(b.driver().page("/bookings").body()).contains("data-review-form=\"" + b.booking() + "\"");
    var evil = b.driver().form("/bookings/" + b.booking() + "/review", Map.of("rating", "5"), "https://evil.example");
    assertThat(evil.status()).isEqualTo(403);
    var bad = b.driver().form("/bookings/" + b.booking() + "/review", Map.of("rating", "9", "comment", "x"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("rating");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM reviews")).isZero();
    var ok = b.driver().form("/bookings/" + b.booking() + "/review", Map.of("rating", "2", "comment", "<script>x()</script>"));
    assertThat(ok.status()).isEqualTo(303);
    assertThat(b.driver().page("/bookings").body()).contains("data-reviewed").doesNotContain("data-review-form=\"" + b.booking() + "\"");
    String charger = http.get("/chargers/" + b.charger(), null).body();
    assertThat(charger).contains("&lt;script&gt;x()&lt;/script&gt;").doesNotContain("<script>x()")
      .contains("2.0").doesNotContain("data-reply-form");
    assertThat(b.host().page("/chargers/" + b.charger()).body()).contains("data-reply-form");
    var answered = b.host().form("/chargers/" + b.charger() + "/reviews/" + b.booking() + "/reply", Map.of("reply", "Sorry & thanks"));
    assertThat(answered.status()).isEqualTo(303);
    assertThat(http.get("/chargers/" + b.charger(), null).body()).contains("Sorry &amp; thanks");
    assertThat(b.host().form("/chargers/" + b.charger() + "/reviews/" + b.booking() + "/reply", Map.of("reply", "Again")).status())
      .isEqualTo(409);
    assertThat(http.get("/api/chargers/" + b.charger() + "/reviews", null).json().getJsonArray("reviews").getJsonObject(0)
      .getString("reply")).isEqualTo("Sorry & thanks");
    assertThat(http.post("/api/me/roles", new JsonObject().put("add", "HOST"), b.driver().token()).status()).isEqualTo(200);
  }
}
