package com.chargeshare.pages;

import com.chargeshare.support.Http;
import com.chargeshare.support.Session;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A driver's bookings page /bookings, over HTTP with real sessions")
class DriverBookingsPageTest {

  static TestServer server;
  static Http http;
  static Session host;
  static Session driver;
  static Session otherDriver;
  static long charger;

  @BeforeAll
  static void start() {
    server = TestServer.start("driverpages");
    http = new Http(server.url());
    host = Session.register(http, "HOST", "Harini Host");
    driver = Session.register(http, "DRIVER", "Dhruv Driver");
    otherDriver = Session.register(http, "DRIVER", "Olga Other");
    charger = http.createCharger(host.token(), Http.chargerBody("Corner <Charger>", 12.9716, 77.5946)
      .put("address", "12 MG Road & Co")
      .put("timeZone", "Europe/London")
      .put("accessInstructions", "Ring bell <twice>"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long book(Session who, Instant start, Instant end) {
    var r = http.post("/api/bookings", Http.booking(charger, start, end), who.token());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getJsonObject("booking").getLong("id");
  }

  static String status(long id) {
    return (String) Sql.rows(server.db(), "SELECT status FROM bookings WHERE id = ?", id).get(0).get("status");
  }

  @Test
  @DisplayName("upcoming bookings show charger, address, window in the charger's zone, price, status, access and directions")
  void upcoming() {
    Instant start = Http.hoursAhead(50);
    long id = book(driver, start, start.plusSeconds(3600));
    long others = book(otherDriver, start.plusSeconds(7200), start.plusSeconds(9000));

    var page = driver.page("/bookings");
    assertThat(page.status()).isEqualTo(200);
    String html = page.body();
    String local = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).format(start.atZone(ZoneId.of("Europe/London")));
    assertThat(html).contains("id=\"booking-" + id + "\"").doesNotContain("booking-" + others + "\"");
    assertThat(html).contains("Corner &lt;Charger&gt;").doesNotContain("<Charger>");
    assertThat(html).contains("12 MG Road &amp; Co");
    assertThat(html).containsPattern(local + "–[0-9:]{5} (GMT|BST)");
    assertThat(html).contains("₹150.00").contains("Confirmed");
    assertThat(html).contains("Ring bell &lt;twice&gt;");
    assertThat(html).contains("href=\"/?lat=12.9716&amp;lng=77.5946&amp;zoom=16\"");
    assertThat(html).contains("https://www.openstreetmap.org/directions?route=%3B12.9716%2C77.5946");
    assertThat(html).contains("action=\"/bookings/" + id + "/cancel\"").contains("/static/js/bookings.js");
  }

  @Test
  @DisplayName("without JavaScript the cancel form asks for a reason and a tick; the reason is kept, one over 500 characters "
    + "is refused and changes nothing")
  void cancelWithReasonWithoutJavaScript() {
    Instant start = Http.hoursAhead(97);
    long id = book(driver, start, start.plusSeconds(1800));
    String html = driver.page("/bookings").body();
    assertThat(html).contains("<noscript>").contains("name=\"reason\"").contains("name=\"confirm\" required");

    var tooLong = driver.form("/bookings/" + id + "/cancel", Map.of("reason", "x".repeat(501), "confirm", "on"));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE id = ? AND status = 'CONFIRMED'", id)).isEqualTo(1);

    var done = driver.form("/bookings/" + id + "/cancel", Map.of("reason", "  Plans changed  ", "confirm", "on"));
    assertThat(done.status()).isEqualTo(303);
    assertThat(Sql.rows(server.db(), "SELECT status, cancelled_by_role, cancel_reason FROM bookings WHERE id = ?", id).get(0))
      .containsEntry("status", "CANCELLED").containsEntry("cancelled_by_role", "DRIVER").containsEntry("cancel_reason", "Plans changed");
  }

  @Test
  @DisplayName("past and cancelled bookings are listed without a cancel button or access instructions")
  void pastAndCancelled() {
    Instant start = Http.hoursAhead(60);
    long id = book(driver, start, start.plusSeconds(1800));
    assertThat(http.post("/api/bookings/" + id + "/cancel", null, driver.token()).status()).isEqualTo(200);
    long pastId = 8_000_001;
    Sql.update(server.db(), "INSERT INTO bookings (id, charger_id, driver_id, start_at, end_at, status, price_minor, currency, created_at) "
      + "VALUES (?, ?, ?, UTC_TIMESTAMP() - INTERVAL 2 DAY, UTC_TIMESTAMP() - INTERVAL 2 DAY + INTERVAL 1 HOUR, 'CONFIRMED', 15000, 'INR', "
      + "UTC_TIMESTAMP() - INTERVAL 3 DAY)", pastId, charger, driver.userId());

    String html = driver.page("/bookings").body();
    int card = html.indexOf("id=\"booking-" + id + "\"");
    String cancelledCard = html.substring(card, html.indexOf("</li>", card));
    assertThat(cancelledCard).contains("data-status=\"CANCELLED\"").contains("Cancelled")
      .doesNotContain("/cancel\"").doesNotContain("Ring bell");
    // a cancelled booking leaves "Upcoming" for "Cancelled"; an ended one is under "Past"
    assertThat(html.indexOf("id=\"cancelled-heading\"")).isLessThan(card);
    assertThat(card).isLessThan(html.indexOf("id=\"past-heading\""));
    assertThat(html.substring(html.indexOf("data-list=\"upcoming\""), html.indexOf("id=\"cancelled-heading\"")))
      .doesNotContain("booking-" + id + "\"").doesNotContain("booking-" + pastId + "\"");
    assertThat(html).contains("id=\"cancel-dialog\"").contains("maxlength=\"500\"").contains("The host is told.");
    assertThat(html.indexOf("id=\"past-heading\"")).isLessThan(html.indexOf("id=\"booking-" + pastId + "\""));
    int past = html.indexOf("id=\"booking-" + pastId + "\"");
    assertThat(html.substring(past, html.indexOf("</li>", past))).doesNotContain("/cancel\"");
  }

  @Test
  @DisplayName("cancel by form post works without JavaScript; a cross-site post or another driver's changes nothing")
  void cancel() {
    Instant start = Http.hoursAhead(70);
    long id = book(driver, start, start.plusSeconds(3600));

    assertThat(driver.form("/bookings/" + id + "/cancel", Map.of(), "https://evil.example").status()).isEqualTo(403);
    assertThat(driver.form("/bookings/" + id + "/cancel", Map.of(), null).status()).isEqualTo(403);
    var other = otherDriver.form("/bookings/" + id + "/cancel", Map.of());
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
    assertThat(other.body()).contains("Booking not found").contains("My bookings");
    assertThat(host.form("/bookings/" + id + "/cancel", Map.of()).status()).isEqualTo(403);
    assertThat(status(id)).isEqualTo("CONFIRMED");

    var ok = driver.form("/bookings/" + id + "/cancel", Map.of());
    assertThat(ok.status()).isEqualTo(303);
    assertThat(ok.headers().firstValue("location").orElseThrow()).isEqualTo("/bookings?notice=cancelled#booking-" + id);
    assertThat(status(id)).isEqualTo("CANCELLED");
    assertThat(driver.page("/bookings?notice=cancelled").body()).contains("The booking is cancelled");
    var slot = http.post("/api/bookings", Http.booking(charger, start, start.plusSeconds(3600)), otherDriver.token());
    assertThat(slot.status()).isEqualTo(201);

    var twice = driver.form("/bookings/" + id + "/cancel", Map.of());
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.body()).contains("Only a confirmed booking that has not started can be cancelled").doesNotContain("\"code\"");
  }

  @Test
  @DisplayName("anonymous visitors are sent to log in; a driver with no bookings is pointed to the map")
  void anonymousAndEmpty() {
    var anonymous = http.get("/bookings", null);
    assertThat(anonymous.status()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("location").orElseThrow()).isEqualTo("/login?next=%2Fbookings");
    Session fresh = Session.register(http, "DRIVER", "Fresh Driver");
    assertThat(fresh.page("/bookings").body()).contains("No upcoming bookings").contains("No past bookings yet");
  }
}
