package com.chargeshare.demo;

import com.chargeshare.db.DbSettings;
import com.chargeshare.support.Http;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestDatabase;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The demo city fills an empty database, once, with a believable Bengaluru")
class DemoCityTest {

  @Test
  @DisplayName("hosts, drivers, chargers around Bengaluru and engine-made bookings; known logins work; a restart adds nothing")
  void seeds() {
    DbSettings db = TestDatabase.fresh("democity");
    JsonObject demo = new JsonObject().put("demo", true);
    long bookings;
    try (TestServer server = TestServer.start(db, demo)) {
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM users WHERE role = 'HOST'")).isEqualTo(DemoCity.HOSTS);
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM users WHERE role = 'DRIVER'")).isEqualTo(DemoCity.DRIVERS);
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM chargers")).isEqualTo(DemoCity.CHARGERS);
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM chargers WHERE lat NOT BETWEEN 12.7 AND 13.3 OR lng NOT BETWEEN 77.3 AND 77.9"))
        .isZero();
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM chargers WHERE status = 'OFFLINE'")).isBetween(5L, 60L);
      assertThat(Sql.count(db, "SELECT COUNT(DISTINCT charger_id) FROM charger_opening_hours")).isBetween(30L, 150L);
      assertThat(Sql.count(db, "SELECT COUNT(DISTINCT connector_type) FROM chargers")).isGreaterThanOrEqualTo(5);
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM chargers WHERE currency <> 'INR'")).isZero();
      // "1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 18th Cross", never "2th" or "8st"
      List<String> crosses = Sql.rows(db, "SELECT address FROM chargers").stream().map(r -> String.valueOf(r.get("address")))
        .map(a -> a.replaceAll("^\\d+, (\\d+\\w\\w) Cross, .*$", "$1")).toList();
      assertThat(crosses).hasSize(DemoCity.CHARGERS).allSatisfy(c -> assertThat(c).matches(
        "(1[0-9]th|1st|2nd|3rd|[4-9]th)"));
      assertThat(crosses).contains("1st", "2nd", "3rd", "11th", "12th", "13th");
      bookings = Sql.count(db, "SELECT COUNT(*) FROM bookings WHERE status = 'CONFIRMED'");
      assertThat(bookings).isGreaterThan(200);

      Http http = new Http(server.url());
      String driver = http.login(DemoCity.DRIVER_EMAIL, DemoCity.PASSWORD);
      String host = http.login(DemoCity.HOST_EMAIL, DemoCity.PASSWORD);
      assertThat(http.login("driver36@demo.chargeshare", DemoCity.PASSWORD)).isNotBlank();
      assertThat(http.get("/api/bookings", host).json().getJsonArray("bookings")).isNotEmpty();
      assertThat(http.get("/api/me", driver).json().getJsonObject("user").getString("role")).isEqualTo("DRIVER");

      // the engine's memory agrees with MySQL: a stored booking shows as BOOKED in the slot grid
      JsonObject b = http.get("/api/bookings?status=CONFIRMED&limit=1", host).json().getJsonArray("bookings").getJsonObject(0);
      Instant start = Instant.parse(b.getString("start"));
      Instant end = Instant.parse(b.getString("end"));
      var slots = http.get("/api/chargers/" + b.getLong("chargerId") + "/slots?from=" + enc(start) + "&to=" + enc(end), null);
      assertThat(slots.json().getJsonArray("slots").stream().map(JsonObject.class::cast).map(s -> s.getString("status")))
        .isNotEmpty().allMatch(s -> s.equals("BOOKED") || s.equals("PAST"));
      List<JsonObject> map = http.get("/api/chargers?bbox=77.45,12.8,77.8,13.15&limit=500", null).json()
        .getJsonArray("chargers").stream().map(JsonObject.class::cast).toList();
      assertThat(map).hasSizeGreaterThan(250);

      // the last 30 days have finished bookings too, with their claims, so a host's past figures are not empty
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM bookings WHERE end_at <= UTC_TIMESTAMP() AND start_at >= UTC_TIMESTAMP() - "
        + "INTERVAL 31 DAY AND status = 'CONFIRMED'")).isGreaterThan(1000);
      // claims counted per booking in one pass (slot_claims has no booking_id index: a subquery per booking scans it)
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM bookings b LEFT JOIN (SELECT booking_id, COUNT(*) n FROM slot_claims "
        + "GROUP BY booking_id) c ON c.booking_id = b.id WHERE b.status = 'CONFIRMED' "
        + "AND COALESCE(c.n, 0) * 900 <> TIMESTAMPDIFF(SECOND, b.start_at, b.end_at)")).isZero();
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM bookings b LEFT JOIN (SELECT booking_id, COUNT(*) n FROM driver_claims "
        + "GROUP BY booking_id) d ON d.booking_id = b.id WHERE b.end_at <= UTC_TIMESTAMP() "
        + "AND COALESCE(d.n, 0) * 900 <> TIMESTAMPDIFF(SECOND, b.start_at, b.end_at)")).isZero();
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM chargers c JOIN users u ON u.id = c.host_id WHERE u.email = ?",
        DemoCity.HOST_EMAIL)).isEqualTo(25);
      JsonObject stats = http.get("/api/host/stats", host).json();
      for (String period : List.of("last7", "last30")) {
        JsonObject total = stats.getJsonArray("periods").stream().map(JsonObject.class::cast)
          .filter(p -> period.equals(p.getString("period"))).findFirst().orElseThrow().getJsonObject("total");
        assertThat(total.getDouble("bookedHours")).as(period).isGreaterThan(10);
        assertThat(total.getJsonArray("earnings")).as(period).isNotEmpty();
      }
    }
    try (TestServer again = TestServer.start(db, demo)) {
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM chargers")).isEqualTo(DemoCity.CHARGERS);
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM bookings WHERE status = 'CONFIRMED'")).isEqualTo(bookings);
    }
  }

  private static String enc(Instant i) {
    return URLEncoder.encode(i.toString(), StandardCharsets.UTF_8);
  }
}
