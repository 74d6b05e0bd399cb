package com.chargeshare.loadtest;

import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("load")
@DisplayName("The load-test tool against the real server: a short mixed run, its report and its verification")
class LoadTestAgainstServerTest {

  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start("loadtest-e2e", TestServer.FAIR_LIMITS);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("a 5-second mixed run with the server's fair-booking limits on books, cancels, hears pushes, verifies against "
    + "MySQL's truth, and no driver overlaps or holds more than the limit")
  void mixed(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.json");
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new LoadTestCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(out));
    int exit = cmd.execute("--url", server.url(), "--scenario", "mixed", "--duration", "5", "--connections", "16",
      "--chargers", "30", "--drivers", "8", "--hosts", "2", "--listeners", "2", "--quiet", "--report", report.toString());
    assertThat(exit).as(out.toString()).isZero();

    JsonObject r = new JsonObject(Files.readString(report));
    assertThat(r.getString("scenario")).isEqualTo("mixed");
    assertThat(r.getString("engine")).isEqualTo("event-bus");
    assertThat(r.getLong("requests")).isPositive();
    assertThat(r.getLong("confirmed")).isPositive();
    assertThat(r.getLong("errors")).as(r.getJsonObject("errorsByKind").encode()).isZero();
    assertThat(r.getJsonObject("rejectedByKind").fieldNames())
      .isSubsetOf("SLOT_TAKEN", "DRIVER_OVERLAP", "BOOKING_LIMIT", "RATE_LIMITED", "BOOKING_NOT_CANCELLABLE");
    assertThat(r.getDouble("throughputPerSecond")).isPositive();
    assertThat(r.getJsonObject("latencyMs").fieldNames()).contains("p50", "p90", "p99", "p999", "max");
    assertThat(r.getJsonObject("pushLatencyMs").fieldNames()).contains("p50", "p99", "max");
    JsonObject v = r.getJsonObject("verification");
    assertThat(v.getInteger("doubleBookings")).isZero();
    assertThat(v.getInteger("missingConfirmed")).isZero();
    assertThat(v.getBoolean("ok")).isTrue();
    assertThat(Files.exists(dir.resolve("report.html"))).isTrue();

    String overlaps = "SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.charger_id = b.charger_id AND a.id < b.id "
      + "AND a.start_at < b.end_at AND b.start_at < a.end_at WHERE a.status = 'CONFIRMED' AND b.status = 'CONFIRMED'";
    assertThat(Sql.count(server.db(), overlaps)).isZero();
    // the mixed run cancels too: every booking it made may be cancelled by the end, but each was stored
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings")).isGreaterThanOrEqualTo(r.getLong("confirmed"));
    String driverOverlaps = "SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.driver_id = b.driver_id AND a.id < b.id "
      + "AND a.start_at < b.end_at AND b.start_at < a.end_at WHERE a.status = 'CONFIRMED' AND b.status = 'CONFIRMED'";
    assertThat(Sql.count(server.db(), driverOverlaps)).isZero();
    assertThat(Sql.count(server.db(), "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM bookings "
      + "WHERE status = 'CONFIRMED' AND end_at > UTC_TIMESTAMP() GROUP BY driver_id) x")).isLessThanOrEqualTo(5);
  }
}
