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

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Utilization, earnings and demand of a host, checked against the bookings behind them")
class HostStatsTest {

  static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  static final AtomicLong PAST_IDS = new AtomicLong(9_000_000);
  static TestServer server;
  static Http http;
  static Session host;
  static Session driver;
  static long alwaysOpen;
  static long dayTime;
  static LocalDate today;

  @BeforeAll
  static void start() {
    server = TestServer.start("hoststats");
    http = new Http(server.url());
    host = Session.register(http, "HOST", "Stella Stats");
    Session otherHost = Session.register(http, "HOST", "Other Host");
    driver = Session.register(http, "DRIVER", "Dana Driver");
    today = LocalDate.now(KOLKATA);

    // 24 h a day at ₹150/h, and 08:00–20:00 every day at ₹100/h
    alwaysOpen = http.createCharger(host.token(), Http.chargerBody("Always open", 12.97, 77.59));
    JsonArray hours = new JsonArray();
    for (String day : new String[]{"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"}) {
      hours.add(new JsonObject().put("day", day).put("open", "08:00").put("close", "20:00"));
    }
    dayTime = http.createCharger(host.token(), Http.chargerBody("Daytime", 12.96, 77.58)
      .put("pricePerHourMinor", 10000).put("openingHours", hours));
    long foreign = http.createCharger(otherHost.token(), Http.chargerBody("Not hers", 12.95, 77.57));

    // coming 7 days: 2 h + 1 h confirmed, 1 h cancelled (not counted)
    book(alwaysOpen, local(2, 10), local(2, 12));
    book(dayTime, local(3, 10), local(3, 11));
    long cancelled = book(alwaysOpen, local(4, 10), local(4, 11));
    assertThat(http.post("/api/bookings/" + cancelled + "/cancel", null, driver.token()).status()).isEqualTo(200);
    book(foreign, local(2, 10), local(2, 14));

    // the past cannot be booked through the API: written as the engine would have written it
    past(alwaysOpen, local(-3, 10), local(-3, 12), "CONFIRMED", 30000);
    past(alwaysOpen, local(-20, 14), local(-20, 15), "CONFIRMED", 15000);
    past(alwaysOpen, local(-5, 10), local(-5, 11), "CANCELLED", 15000);
    past(dayTime, local(-10, 10), local(-10, 12), "CONFIRMED", 20000);
    past(foreign, local(-3, 10), local(-3, 18), "CONFIRMED", 120000);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Local time in the chargers' zone, {@code days} from today. */
  static Instant local(int days, int hour) {
    return today.plusDays(days).atTime(hour, 0).atZone(KOLKATA).toInstant();
  }

  static long book(long chargerId, Instant start, Instant end) {
    var r = http.post("/api/bookings", Http.booking(chargerId, start, end), driver.token());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getJsonObject("booking").getLong("id");
  }

  static void past(long chargerId, Instant start, Instant end, String status, long price) {
    long id = PAST_IDS.incrementAndGet();
    Sql.update(server.db(), "INSERT INTO bookings (id, charger_id, driver_id, start_at, end_at, status, price_minor, currency, created_at) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, 'INR', ?)", id, chargerId, driver.userId(), utc(start), utc(end), status, price,
      utc(start.minusSeconds(86400)));
    if ("CONFIRMED".equals(status)) {
      for (Instant u = start; u.isBefore(end); u = u.plusSeconds(900)) {
        Sql.update(server.db(), "INSERT INTO slot_claims (charger_id, slot_start, booking_id) VALUES (?, ?, ?)", chargerId, utc(u), id);
      }
    }
  }

  static String utc(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString().replace('T', ' ');
  }

  static JsonObject period(JsonObject stats, String key) {
    return stats.getJsonArray("periods").stream().map(JsonObject.class::cast)
      .filter(p -> key.equals(p.getString("period"))).findFirst().orElseThrow();
  }

  static JsonObject charger(JsonObject period, long id) {
    return period.getJsonArray("chargers").stream().map(JsonObject.class::cast)
      .filter(c -> c.getLong("chargerId") == id).findFirst().orElseThrow();
  }

  static long earned(JsonObject figures) {
    JsonArray e = figures.getJsonArray("earnings");
    assertThat(e).hasSize(1);
    assertThat(e.getJsonObject(0).getString("currency")).isEqualTo("INR");
    return e.getJsonObject(0).getLong("minor");
  }

  @Test
  @DisplayName("booked and open hours, utilization and earnings per charger and in total, for each period")
  void figures() {
    var r = http.get("/api/host/stats", host.token());
    assertThat(r.status()).isEqualTo(200);
    JsonObject stats = r.json();

    JsonObject next = period(stats, "next7");
    assertThat(charger(next, alwaysOpen).getDouble("bookedHours")).isEqualTo(2.0);
    assertThat(charger(next, alwaysOpen).getDouble("openHours")).isEqualTo(168.0);
    assertThat(charger(next, alwaysOpen).getDouble("utilization")).isEqualTo(0.0119);
    assertThat(earned(charger(next, alwaysOpen))).isEqualTo(30000);
    assertThat(charger(next, dayTime).getDouble("bookedHours")).isEqualTo(1.0);
    assertThat(charger(next, dayTime).getDouble("openHours")).isEqualTo(84.0);
    assertThat(earned(charger(next, dayTime))).isEqualTo(10000);
    assertThat(next.getJsonObject("total").getDouble("bookedHours")).isEqualTo(3.0);
    assertThat(next.getJsonObject("total").getDouble("openHours")).isEqualTo(252.0);
    assertThat(earned(next.getJsonObject("total"))).isEqualTo(40000);

    JsonObject last7 = period(stats, "last7");
    assertThat(charger(last7, alwaysOpen).getDouble("bookedHours")).isEqualTo(2.0);
    assertThat(earned(charger(last7, alwaysOpen))).isEqualTo(30000);
    assertThat(charger(last7, dayTime).getDouble("bookedHours")).isEqualTo(0.0);
    assertThat(earned(last7.getJsonObject("total"))).isEqualTo(30000);

    JsonObject last30 = period(stats, "last30");
    assertThat(charger(last30, alwaysOpen).getDouble("bookedHours")).isEqualTo(3.0);
    assertThat(charger(last30, alwaysOpen).getDouble("openHours")).isEqualTo(720.0);
    assertThat(charger(last30, dayTime).getDouble("bookedHours")).isEqualTo(2.0);
    assertThat(charger(last30, dayTime).getDouble("openHours")).isEqualTo(360.0);
    assertThat(last30.getJsonObject("total").getDouble("utilization")).isEqualTo(Math.round(5.0 / 1080 * 10_000) / 10_000.0);
    assertThat(earned(last30.getJsonObject("total"))).isEqualTo(65000);
  }

  @Test
  @DisplayName("the dashboard shows the same figures as numbers and hands them to the charts")
  void page() {
    String html = host.page("/host").body();
    assertThat(html).contains("data-stat=\"utilization-next7\">1.2%<")
      .contains("data-stat=\"earnings-next7\">₹400.00<")
      .contains("data-stat=\"earnings-last7\">₹300.00<")
      .contains("data-stat=\"earnings-last30\">₹650.00<")
      .contains("data-stat=\"utilization-last30-" + dayTime + "\">0.6%<")
      .contains("data-chart=\"{&quot;labels&quot;:[&quot;Always open&quot;,&quot;Daytime&quot;]");
  }

  @Test
  @DisplayName("demand counts booked 15-minute units by local weekday and hour, past and ahead, cancelled ones not")
  void demand() {
    var r = http.get("/api/host/demand?weeks=4", host.token());
    assertThat(r.status()).isEqualTo(200);
    JsonObject always = r.json().getJsonArray("chargers").stream().map(JsonObject.class::cast)
      .filter(c -> c.getLong("chargerId") == alwaysOpen).findFirst().orElseThrow();
    JsonArray units = always.getJsonArray("units");
    int ahead = today.plusDays(2).getDayOfWeek().getValue() - 1;
    int back3 = today.minusDays(3).getDayOfWeek().getValue() - 1;
    int back20 = today.minusDays(20).getDayOfWeek().getValue() - 1;
    assertThat(units.getJsonArray(ahead).getLong(10)).isEqualTo(4);
    assertThat(units.getJsonArray(ahead).getLong(11)).isEqualTo(4);
    assertThat(units.getJsonArray(back3).getLong(10)).isEqualTo(4);
    assertThat(units.getJsonArray(back20).getLong(14)).isEqualTo(4);
    long total = units.stream().map(JsonArray.class::cast).flatMap(JsonArray::stream).mapToLong(v -> ((Number) v).longValue()).sum();
    assertThat(total).isEqualTo(20);
    assertThat(always.getLong("max")).isEqualTo(4);

    var shortWindow = http.get("/api/host/demand?weeks=1", host.token()).json();
    long within = shortWindow.getJsonArray("chargers").stream().map(JsonObject.class::cast)
      .filter(c -> c.getLong("chargerId") == alwaysOpen).findFirst().orElseThrow()
      .getJsonArray("units").stream().map(JsonArray.class::cast).flatMap(JsonArray::stream).mapToLong(v -> ((Number) v).longValue()).sum();
    assertThat(within).isEqualTo(16);
  }
}
