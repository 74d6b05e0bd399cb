package com.chargeshare.payment;

import com.chargeshare.db.DbSettings;
import com.chargeshare.support.DbProxy;
import com.chargeshare.support.Eventually;
import com.chargeshare.support.Http;
import com.chargeshare.support.MovableClock;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestDatabase;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A hold whose expiry (and a booking whose no-show) falls while the database is away is settled once it is back. */
@DisplayName("Holds and no-shows due during a database outage are settled when it ends")
class LifecycleOutageTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"event-bus", "db-lock"})
  @DisplayName("expiry and no-show wait out the outage, then happen, once")
  void outage(String engine) throws Exception {
    MovableClock clock = new MovableClock();
    DbSettings real = TestDatabase.fresh("lifeout-" + engine);
    try (FakeRazorpay razorpay = FakeRazorpay.start(); DbProxy proxy = new DbProxy(real.host(), real.port())) {
      DbSettings viaProxy = new DbSettings("127.0.0.1", proxy.port(), real.database(), real.user(), real.password());
      try (TestServer server = TestServer.start(viaProxy, razorpay.settings(600)
          .put("booking", new JsonObject().put("engine", engine).put("lifecycleTickMillis", 200)), clock)) {
        Http http = new Http(server.url());
        String host = http.signUp("HOST");
        String driver = http.signUp("DRIVER");
        long charger = http.createCharger(host);
        Instant start = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(3));
        Http.Response hold = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), driver);
        long holdId = hold.json().getJsonObject("booking").getLong("id");
        Http.Response other = http.post("/api/bookings", Http.booking(charger, start.plus(Duration.ofHours(1)),
          start.plus(Duration.ofHours(2))), driver);
        long paidId = other.json().getJsonObject("booking").getLong("id");
        String order = other.json().getJsonObject("payment").getString("orderId");
        String payment = razorpay.capture(order);
        assertThat(http.post("/api/bookings/" + paidId + "/payment", new JsonObject().put("razorpayOrderId", order)
          .put("razorpayPaymentId", payment).put("razorpaySignature", FakeRazorpay.signature(order, payment)), driver).status())
          .isEqualTo(200);

        proxy.cut();
        clock.setTo(start.plus(Duration.ofMinutes(60 + 16)));
        Thread.sleep(1500);
        proxy.restore();
        Eventually.within(Duration.ofSeconds(40)).until("the hold expired and the booking is a no-show after the outage", () ->
          "EXPIRED".equals(status(real, holdId)) && "NO_SHOW".equals(status(real, paidId)));
        assertThat(Sql.count(real, "SELECT COUNT(*) FROM booking_events WHERE booking_id = ? AND event = 'EXPIRED'", holdId)).isEqualTo(1);
        assertThat(Sql.count(real, "SELECT COUNT(*) FROM booking_events WHERE booking_id = ? AND event = 'NO_SHOW'", paidId)).isEqualTo(1);
        assertThat(Sql.count(real, "SELECT COUNT(*) FROM slot_claims WHERE charger_id = ?", charger)).isZero();
      }
    }
  }

  private static String status(DbSettings db, long id) {
    return (String) Sql.rows(db, "SELECT status FROM bookings WHERE id = ?", id).get(0).get("status");
  }
}
