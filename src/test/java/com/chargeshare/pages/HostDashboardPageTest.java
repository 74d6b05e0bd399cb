package com.chargeshare.pages;

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

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The host dashboard /host, over HTTP with real sessions")
class HostDashboardPageTest {

  static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  static final String EVIL = "https://evil.example";
  static TestServer server;
  static Http http;
  static Session host;
  static Session otherHost;
  static Session driver;
  static long charger;
  static long otherCharger;

  @BeforeAll
  static void start() {
    server = TestServer.start("hostpages");
    http = new Http(server.url());
    host = Session.register(http, "HOST", "Hema Host");
    otherHost = Session.register(http, "HOST", "Omar Otherhost");
    driver = Session.register(http, "DRIVER", "Dev <b>Driver</b>");
    charger = http.createCharger(host.token(), Http.chargerBody("Hema's Garage <i>CCS</i>", 12.97, 77.59)
      .put("accessInstructions", "Gate code 4321"));
    otherCharger = http.createCharger(otherHost.token(), Http.chargerBody("Omar's Driveway", 12.98, 77.60));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long book(Session who, long chargerId, Instant start, Instant end) {
    var r = http.post("/api/bookings", Http.booking(chargerId, start, end), who.token());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getJsonObject("booking").getLong("id");
  }

  static String status(long bookingId) {
    return (String) Sql.rows(server.db(), "SELECT status FROM bookings WHERE id = ?", bookingId).get(0).get("status");
  }

  static String hhmm(Instant t) {
    return DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).format(t.atZone(KOLKATA));
  }

  @Test
  @DisplayName("a host sees their chargers and bookings with the driver's name, escaped, in the charger's time zone")
  void hostSeesOwnBookings() {
    Instant start = Http.hoursAhead(27);
    if (start.atZone(KOLKATA).getHour() >= 22) {
      // a window within one day in Kolkata: one past midnight names its end's day (FormatsTest covers that)
      start = start.minus(Duration.ofHours(3));
    }
    Instant end = start.plusSeconds(5400);
    long mine = book(driver, charger, start, end);
    long theirs = book(driver, otherCharger, start, end);

    var page = host.page("/host");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
    String html = page.body();
    assertThat(html).contains("Hema&#39;s Garage &lt;i&gt;CCS&lt;/i&gt;").doesNotContain("<i>CCS</i>");
    assertThat(html).contains("Dev &lt;b&gt;Driver&lt;/b&gt;").doesNotContain("<b>Driver</b>");
    assertThat(html).contains("id=\"agenda-booking-" + mine + "\"").contains(hhmm(start) + "–" + hhmm(end) + " IST");
    assertThat(html).contains("₹150.00 / hour").containsPattern("data-charger-ids=\"([0-9]+,)*" + charger + "(,[0-9]+)*\"");
    assertThat(html).contains("href=\"/host/chargers/" + charger + "/edit\"").contains("href=\"/host/chargers/new\"");
    assertThat(html).doesNotContain("Omar&#39;s Driveway").doesNotContain("agenda-booking-" + theirs);
    assertThat(html).contains("/webjars/chart.js/4.5.1/dist/chart.umd.js").contains("/static/js/host.js");

    String other = otherHost.page("/host").body();
    assertThat(other).contains("agenda-booking-" + theirs).doesNotContain("agenda-booking-" + mine)
      .doesNotContain("Hema&#39;s Garage");
  }

  @Test
  @DisplayName("a driver is refused /host with an error page, anonymous visitors are sent to log in, a host is refused /bookings")
  void wrongRoles() {
    var asDriver = driver.page("/host");
    assertThat(asDriver.status()).isEqualTo(403);
    assertThat(asDriver.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
    assertThat(asDriver.body()).contains("You are not allowed to see this").doesNotContain("\"error\"");
    var anonymous = http.get("/host", null);
    assertThat(anonymous.status()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("location").orElseThrow()).isEqualTo("/login?next=%2Fhost");
    assertThat(host.page("/bookings").status()).isEqualTo(403);
    var driverPost = driver.form("/host/chargers/" + charger + "/status", Map.of("status", "OFFLINE"));
    assertThat(driverPost.status()).isEqualTo(403);
    assertThat(Sql.rows(server.db(), "SELECT status FROM chargers WHERE id = ?", charger).get(0).get("status")).isEqualTo("ONLINE");
    assertThat(driver.page("/api/host/stats").status()).isEqualTo(403);
  }

  @Test
  @DisplayName("the host cancels a booking from the dashboard; a cross-site post of the same form changes nothing")
  void cancel() {
    long id = book(driver, charger, Http.hoursAhead(30), Http.hoursAhead(31));

    var evil = host.form("/host/bookings/" + id + "/cancel", Map.of(), EVIL);
    assertThat(evil.status()).isEqualTo(403);
    var noOrigin = host.form("/host/bookings/" + id + "/cancel", Map.of(), null);
    assertThat(noOrigin.status()).isEqualTo(403);
    var byOtherHost = otherHost.form("/host/bookings/" + id + "/cancel", Map.of());
    assertThat(byOtherHost.status()).isEqualTo(404);
    assertThat(byOtherHost.body()).contains("role=\"alert\"").contains("Booking not found");
    assertThat(status(id)).isEqualTo("CONFIRMED");

    var tooLong = host.form("/host/bookings/" + id + "/cancel", Map.of("reason", "x".repeat(501)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(status(id)).isEqualTo("CONFIRMED");

    // without JavaScript the form sends its reason itself; the driver is told who cancelled and why
    var ok = host.form("/host/bookings/" + id + "/cancel", Map.of("reason", "Charger under repair", "confirm", "on"));
    assertThat(ok.status()).isEqualTo(303);
    assertThat(http.get("/api/bookings/" + id, driver.token()).json().getJsonObject("booking").getString("cancelReason"))
      .isEqualTo("Charger under repair");
    assertThat(ok.headers().firstValue("location").orElseThrow()).startsWith("/host?notice=cancelled");
    assertThat(status(id)).isEqualTo("CANCELLED");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM slot_claims WHERE booking_id = ?", id)).isZero();

    var driverView = http.get("/api/bookings/" + id, driver.token());
    assertThat(driverView.json().getJsonObject("booking").getString("status")).isEqualTo("CANCELLED");
    String after = host.page("/host?notice=cancelled").body();
    assertThat(after).contains("The booking is cancelled");
    assertThat(after).containsPattern("data-agenda-booking=\"" + id + "\" data-status=\"CANCELLED\"");

    var again = host.form("/host/bookings/" + id + "/cancel", Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("Only a confirmed booking that has not started can be cancelled");
  }

  @Test
  @DisplayName("the online/offline toggle takes the charger out of booking and back")
  void statusToggle() {
    long spare = http.createCharger(host.token(), Http.chargerBody("Toggle me", 12.9, 77.5));
    Instant start = Http.hoursAhead(40);
    assertThat(host.form("/host/chargers/" + spare + "/status", Map.of("status", "OFFLINE"), EVIL).status()).isEqualTo(403);
    assertThat(Sql.rows(server.db(), "SELECT status FROM chargers WHERE id = ?", spare).get(0).get("status")).isEqualTo("ONLINE");

    var off = host.form("/host/chargers/" + spare + "/status", Map.of("status", "OFFLINE"));
    assertThat(off.status()).isEqualTo(303);
    assertThat(Sql.rows(server.db(), "SELECT status FROM chargers WHERE id = ?", spare).get(0).get("status")).isEqualTo("OFFLINE");
    var refused = http.post("/api/bookings", Http.booking(spare, start, start.plusSeconds(3600)), driver.token());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("CHARGER_OFFLINE");
    assertThat(host.page("/host").body()).contains("data-charger-status=\"OFFLINE\"").contains("Bring online");

    var bad = host.form("/host/chargers/" + spare + "/status", Map.of("status", "BROKEN"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("must be ONLINE or OFFLINE");
    var foreign = otherHost.form("/host/chargers/" + spare + "/status", Map.of("status", "ONLINE"));
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(Sql.rows(server.db(), "SELECT status FROM chargers WHERE id = ?", spare).get(0).get("status")).isEqualTo("OFFLINE");

    assertThat(host.form("/host/chargers/" + spare + "/status", Map.of("status", "ONLINE")).status()).isEqualTo(303);
    book(driver, spare, start, start.plusSeconds(3600));
  }

  @Test
  @DisplayName("a block entered in the charger's local time is stored in UTC, shown, and removable; bad input is shown in the page")
  void blocks() {
    long blocked = http.createCharger(host.token(), Http.chargerBody("Block me", 12.9, 77.5));
    LocalDateTime local = LocalDate.now(KOLKATA).plusDays(3).atTime(9, 0);
    Map<String, String> form = Map.of("start", local.toString(), "end", local.plusHours(2).toString(), "reason", "Service <visit>");

    assertThat(host.form("/host/chargers/" + blocked + "/blocks", form, EVIL).status()).isEqualTo(403);
    assertThat(otherHost.form("/host/chargers/" + blocked + "/blocks", form).status()).isEqualTo(403);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM charger_blocks WHERE charger_id = ?", blocked)).isZero();

    var ok = host.form("/host/chargers/" + blocked + "/blocks", form);
    assertThat(ok.status()).as(ok.body()).isEqualTo(303);
    var rows = Sql.rows(server.db(), "SELECT id, DATE_FORMAT(start_at, '%Y-%m-%dT%H:%i:%sZ') AS s, "
      + "DATE_FORMAT(end_at, '%Y-%m-%dT%H:%i:%sZ') AS e, reason FROM charger_blocks WHERE charger_id = ?", blocked);
    assertThat(rows).hasSize(1);
    Instant start = local.atZone(KOLKATA).toInstant();
    assertThat(rows.get(0).get("s")).isEqualTo(start.toString());
    assertThat(rows.get(0).get("e")).isEqualTo(start.plusSeconds(7200).toString());
    assertThat(rows.get(0).get("reason")).isEqualTo("Service <visit>");
    long blockId = ((Number) rows.get(0).get("id")).longValue();
    var taken = http.post("/api/bookings", Http.booking(blocked, start, start.plusSeconds(1800)), driver.token());
    assertThat(taken.status()).isEqualTo(409);
    assertThat(host.page("/host").body()).contains("Service &lt;visit&gt;").contains("data-block-id=\"" + blockId + "\"");

    var backwards = host.form("/host/chargers/" + blocked + "/blocks",
      Map.of("start", local.plusDays(1).toString(), "end", local.plusDays(1).minusHours(1).toString(), "reason", ""));
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.body()).contains("must be after start").contains("role=\"alert\"").contains(" open>");
    var garbage = host.form("/host/chargers/" + blocked + "/blocks", Map.of("start", "soon", "end", ""));
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.body()).contains("must be a date and time").contains("is required").contains("value=\"soon\"");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM charger_blocks WHERE charger_id = ?", blocked)).isEqualTo(1);

    assertThat(otherHost.form("/host/chargers/" + blocked + "/blocks/" + blockId + "/remove", Map.of()).status()).isEqualTo(403);
    assertThat(host.form("/host/chargers/" + blocked + "/blocks/" + blockId + "/remove", Map.of(), EVIL).status()).isEqualTo(403);
    var removed = host.form("/host/chargers/" + blocked + "/blocks/" + blockId + "/remove", Map.of());
    assertThat(removed.status()).isEqualTo(303);
    assertThat(Sql.rows(server.db(), "SELECT status FROM charger_blocks WHERE id = ?", blockId).get(0).get("status")).isEqualTo("REMOVED");
    book(driver, blocked, start, start.plusSeconds(1800));
    var twice = host.form("/host/chargers/" + blocked + "/blocks/" + blockId + "/remove", Map.of());
    assertThat(twice.status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a host with no chargers is invited to list one")
  void empty() {
    Session fresh = Session.register(http, "HOST", "New Host");
    String html = fresh.page("/host").body();
    assertThat(html).contains("You have no chargers yet").contains("href=\"/host/chargers/new\"");
    JsonObject stats = http.get("/api/host/stats", fresh.token()).json();
    JsonArray periods = stats.getJsonArray("periods");
    assertThat(periods).hasSize(3);
    assertThat(periods.getJsonObject(0).getJsonObject("total").getValue("utilization")).isNull();
  }

  @Test
  @DisplayName("bad identifiers in form paths are a 400 page (API.md v2), unknown ones 404, never a server error")
  void badIds() {
    assertThat(host.form("/host/bookings/abc/cancel", Map.of()).status()).isEqualTo(400);
    assertThat(host.form("/host/chargers/-1/status", Map.of("status", "ONLINE")).status()).isEqualTo(400);
    assertThat(host.form("/host/chargers/999999/blocks", Map.of("start", "2030-01-01T10:00", "end", "2030-01-01T11:00")).status())
      .isEqualTo(404);
    assertThat(http.get("/api/host/demand?weeks=0", host.token()).status()).isEqualTo(400);
  }
}
