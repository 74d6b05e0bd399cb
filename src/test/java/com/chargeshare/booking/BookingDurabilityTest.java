package com.chargeshare.booking;

import com.chargeshare.db.DbSettings;
import com.chargeshare.support.DbProxy;
import com.chargeshare.support.Eventually;
import com.chargeshare.support.Http;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestDatabase;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("What survives failures: commits that fail, restarts, outages, and the database's own guard")
class BookingDurabilityTest {

  private static LocalDateTime utc(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  @Test
  @DisplayName("when the commit fails the client hears no confirmation, the hold is undone, and the slot is bookable after")
  void commitFailure() {
    try (TestServer server = TestServer.start("commitfail")) {
      Http http = new Http(server.url());
      String host = http.signUp("HOST");
      String driver = http.signUp("DRIVER");
      long charger = http.createCharger(host);
      Instant start = Http.hoursAhead(6);
      Sql.update(server.db(), "CREATE TRIGGER refuse_claims BEFORE INSERT ON slot_claims FOR EACH ROW "
        + "BEGIN IF NEW.charger_id = " + charger + " THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'disk on fire'; END IF; END");
      var failed = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), driver);
      assertThat(failed.status()).isEqualTo(503);
      assertThat(failed.errorCode()).isEqualTo("UNAVAILABLE");
      assertThat(failed.body()).doesNotContain("disk on fire").doesNotContain("SQL");
      assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ?", charger)).isZero();
      var grid = http.get("/api/chargers/" + charger + "/slots?from=" + start + "&to=" + start.plus(Duration.ofHours(1)), null).json();
      assertThat(grid.getJsonArray("slots").getJsonObject(0).getString("status")).isEqualTo("FREE");

      Sql.update(server.db(), "DROP TRIGGER refuse_claims");
      var after = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), driver);
      assertThat(after.status()).isEqualTo(201);
    }
  }

  @Test
  @DisplayName("after a restart the engine rebuilds from MySQL and refuses the same slot")
  void restart() {
    DbSettings db = TestDatabase.fresh("restart");
    Instant start = Http.hoursAhead(7);
    long charger;
    String secretOverride = "restart-secret-0123456789-0123456789";
    JsonObject config = new JsonObject().put("auth", new JsonObject().put("jwtSecret", secretOverride));
    String driver;
    try (TestServer first = TestServer.start(db, config)) {
      Http http = new Http(first.url());
      String host = http.signUp("HOST");
      driver = http.signUp("DRIVER");
      charger = http.createCharger(host);
      assertThat(http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), driver).status()).isEqualTo(201);
    }
    try (TestServer second = TestServer.start(db, config)) {
      Http http = new Http(second.url());
      var again = http.post("/api/bookings", Http.booking(charger, start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(90))), driver);
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.errorCode()).isEqualTo("SLOT_TAKEN");
      assertThat(Sql.count(second.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ?", charger)).isOne();
    }
  }

  @Test
  @DisplayName("the unique key alone refuses an overlapping claim that bypasses the engine")
  void uniqueKey() {
    try (TestServer server = TestServer.start("uniquekey")) {
      Http http = new Http(server.url());
      String host = http.signUp("HOST");
      String driver = http.signUp("DRIVER");
      long charger = http.createCharger(host);
      Instant start = Http.hoursAhead(9);
      assertThat(http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), driver).status()).isEqualTo(201);
      long driverId = http.get("/api/me", driver).json().getJsonObject("user").getLong("id");
      Sql.update(server.db(), "INSERT INTO bookings (id, charger_id, driver_id, start_at, end_at, status, price_minor, currency, created_at) "
        + "VALUES (999999, ?, ?, ?, ?, 'CONFIRMED', 0, 'INR', NOW())", charger, driverId, utc(start.plus(Duration.ofMinutes(30))), utc(start.plus(Duration.ofMinutes(60))));
      assertThatThrownBy(() -> Sql.update(server.db(), "INSERT INTO slot_claims (charger_id, slot_start, booking_id) VALUES (?, ?, 999999)",
        charger, utc(start.plus(Duration.ofMinutes(30))))).hasMessageContaining("Duplicate");
    }
  }

  @Test
  @DisplayName("when MySQL knows a claim the engine's memory missed, the answer is SLOT_TAKEN, never a 500, and memory learns it")
  void memoryBehindDatabase() {
    try (TestServer server = TestServer.start("memorybehind")) {
      Http http = new Http(server.url());
      String host = http.signUp("HOST");
      String driver = http.signUp("DRIVER");
      long charger = http.createCharger(host);
      Instant start = Http.hoursAhead(10);
      // another node (simulated by a direct write) took the slot behind this node's back
      Sql.update(server.db(), "INSERT INTO charger_blocks (id, charger_id, start_at, end_at, reason, status, created_at) VALUES (999999, ?, ?, ?, 'other node', 'ACTIVE', NOW())",
        charger, utc(start), utc(start.plus(Duration.ofMinutes(15))));
      Sql.update(server.db(), "INSERT INTO slot_claims (charger_id, slot_start, block_id) VALUES (?, ?, 999999)", charger, utc(start));
      var r = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), driver);
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.errorCode()).isEqualTo("SLOT_TAKEN");
      var grid = http.get("/api/chargers/" + charger + "/slots?from=" + start + "&to=" + start.plus(Duration.ofMinutes(30)), null).json();
      assertThat(grid.getJsonArray("slots").getJsonObject(0).getString("status")).isEqualTo("BLOCKED");
      assertThat(http.post("/api/bookings", Http.booking(charger, start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(2))), driver).status()).isEqualTo(201);
    }
  }

  @Test
  @DisplayName("during a database outage: health is 503 DOWN, bookings are 503 and nothing is confirmed; afterwards all recovers")
  void outage() {
    DbSettings real = TestDatabase.fresh("outage");
    try (DbProxy proxy = new DbProxy(real.host(), real.port())) {
      DbSettings viaProxy = new DbSettings("127.0.0.1", proxy.port(), real.database(), real.user(), real.password());
      try (TestServer server = TestServer.start(viaProxy, new JsonObject())) {
        Http http = new Http(server.url());
        String host = http.signUp("HOST");
        String driver = http.signUp("DRIVER");
        long charger = http.createCharger(host);
        Instant start = Http.hoursAhead(11);
        proxy.cut();
        var health = http.get("/health", null);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().getString("status")).isEqualTo("DOWN");
        var booking = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), driver);
        assertThat(booking.status()).isEqualTo(503);
        assertThat(booking.errorCode()).isEqualTo("UNAVAILABLE");
        proxy.restore();
        assertThat(Sql.count(real, "SELECT COUNT(*) FROM bookings")).isZero();
        Eventually.within(Duration.ofSeconds(30)).until("health is UP again once the database is back",
          () -> http.get("/health", null).status() == 200);
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        assertThat(http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), driver).status()).isEqualTo(201);
      }
    }
  }
}
