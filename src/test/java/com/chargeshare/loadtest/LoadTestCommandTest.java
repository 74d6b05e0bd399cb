package com.chargeshare.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("load")
@DisplayName("The loadtest command against a fake server")
class LoadTestCommandTest {

  private static final List<String> REQUIRED = List.of("scenario", "engine", "durationSeconds", "requests",
      "confirmed", "rejected", "errors", "throughputPerSecond", "latencyMs", "verification");

  @TempDir
  Path dir;

  private Vertx serverVertx;
  private FakeChargeShareServer server;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int startServer(boolean loseBookings) {
    serverVertx = Vertx.vertx();
    server = new FakeChargeShareServer(serverVertx, loseBookings);
    return server.start().toCompletionStage().toCompletableFuture().join();
  }

  @AfterEach
  void stop() {
    if (serverVertx != null) {
      serverVertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  /** The fake server keeps no fair-booking limits, so the tool is told so. */
  private int run(String... args) {
    CommandLine cmd = new CommandLine(new LoadTestCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    String[] all = java.util.Arrays.copyOf(args, args.length + 5);
    System.arraycopy(new String[] {"--max-upcoming-per-driver", "0", "--attempts-per-minute", "0", "--allow-driver-overlap"}, 0,
        all, args.length, 5);
    return cmd.execute(all);
  }

  private JsonObject report(Path file) throws Exception {
    return new JsonObject(Files.readString(file));
  }

  @Test
  @DisplayName("sends every request of an open-model schedule and writes every report field API.md fixes")
  void spreadOpenModel() throws Exception {
    int port = startServer(false);
    Path file = dir.resolve("spread.json");
    // correctness only: how fast the tool can go is measured by the benchmarks (bench/), not by a test that a busy
    // machine would fail
    int rate = 600;
    int code = run("--url", "http://127.0.0.1:" + port, "--scenario", "spread", "--rate", String.valueOf(rate),
        "--warmup", "2", "--duration", "3", "--report", file.toString(), "--drivers", "10", "--hosts", "2",
        "--seed", "42");

    assertThat(code).as(err.toString()).isZero();
    JsonObject json = report(file);
    assertThat(json.fieldNames()).containsAll(REQUIRED);
    assertThat(json.getJsonObject("latencyMs").fieldNames()).contains("p50", "p90", "p99", "p999", "max");
    assertThat(json.getJsonObject("verification").fieldNames()).contains("doubleBookings", "missingConfirmed", "ok");
    assertThat(json.containsKey("pushLatencyMs")).isFalse();
    assertThat(json.getString("scenario")).isEqualTo("spread");
    assertThat(json.getString("engine")).isEqualTo("fake-engine");
    assertThat(json.getDouble("durationSeconds")).isEqualTo(3.0);
    assertThat(json.getLong("errors")).isZero();
    assertThat(json.getLong("confirmed")).isEqualTo(json.getLong("requests"));
    assertThat(json.getDouble("throughputPerSecond")).isPositive();
    assertThat(json.getJsonObject("verification").getBoolean("ok")).isTrue();
    // every request of the schedule (warm-up included) was sent, answered and found again
    assertThat(json.getJsonObject("verification").getLong("checkedBookings")).isEqualTo(rate * 5L);
    assertThat(json.getJsonArray("timeline")).isNotEmpty();
    assertThat(json.getJsonObject("generator").getDouble("cpuSeconds")).isPositive();

    String html = Files.readString(dir.resolve("spread.html"));
    assertThat(html).contains("<svg", "Throughput over time", "Latency percentiles over time", "Latency distribution")
        .doesNotContain("<script", "http://cdn", "https://");
    assertThat(out.toString()).contains("verification", "OK");
  }

  @Test
  @DisplayName("counts 409s as rejected, not errors, in a closed-loop contention run")
  void contentionClosedLoop() throws Exception {
    int port = startServer(false);
    Path file = dir.resolve("contention.json");
    int code = run("--url", "http://127.0.0.1:" + port, "--scenario", "contention", "--duration", "2",
        "--connections", "16", "--report", file.toString(), "--drivers", "8", "--hosts", "1", "--quiet");

    assertThat(code).as(err.toString()).isZero();
    JsonObject json = report(file);
    assertThat(json.getString("mode")).isEqualTo("closed");
    assertThat(json.getLong("confirmed")).isLessThanOrEqualTo(3 * 20);
    assertThat(json.getLong("rejected")).isGreaterThan(json.getLong("confirmed"));
    assertThat(json.getLong("errors")).isZero();
    assertThat(json.getJsonObject("verification").getBoolean("ok")).isTrue();
  }

  @Test
  @DisplayName("measures push latency with WebSocket listeners in the mixed scenario")
  void mixedWithListeners() throws Exception {
    int port = startServer(false);
    Path file = dir.resolve("mixed.json");
    int code = run("--url", "http://127.0.0.1:" + port, "--scenario", "mixed", "--rate", "300", "--duration", "3",
        "--warmup", "1", "--ramp-up", "1", "--listeners", "3", "--chargers", "20", "--drivers", "6", "--hosts", "2",
        "--report", file.toString(), "--quiet");

    assertThat(code).as(err.toString()).isZero();
    JsonObject json = report(file);
    JsonObject push = json.getJsonObject("pushLatencyMs");
    assertThat(push).isNotNull();
    assertThat(push.fieldNames()).contains("p50", "p99", "max");
    assertThat(push.getLong("count")).isPositive();
    assertThat(push.getLong("missingPushes")).isZero();
    assertThat(json.getJsonObject("operations").fieldNames()).contains("search", "slots", "book", "cancel");
    assertThat(json.getJsonArray("timeline").getJsonObject(0).getBoolean("warmup")).isTrue();
    assertThat(json.getJsonObject("verification").getBoolean("ok")).isTrue();
  }

  @Test
  @DisplayName("fails verification, with a non-zero exit code, when the server loses confirmed bookings")
  void lostBookings() throws Exception {
    int port = startServer(true);
    Path file = dir.resolve("lost.json");
    int code = run("--url", "http://127.0.0.1:" + port, "--scenario", "spread", "--rate", "500", "--duration", "1",
        "--drivers", "2", "--hosts", "1", "--report", file.toString(), "--quiet");

    assertThat(code).isEqualTo(LoadTestCommand.EXIT_VERIFICATION_FAILED);
    JsonObject verification = report(file).getJsonObject("verification");
    assertThat(verification.getBoolean("ok")).isFalse();
    assertThat(verification.getLong("missingConfirmed")).isPositive();
    assertThat(verification.getLong("doubleBookings")).isZero();
  }

  @Test
  @DisplayName("takes several comma-separated --url nodes and spreads the run over them")
  void severalNodes() throws Exception {
    int port = startServer(false);
    Path file = dir.resolve("nodes.json");
    String urls = "http://127.0.0.1:" + port + ",http://localhost:" + port;
    int code = run("--url", urls, "--scenario", "contention", "--duration", "1", "--connections", "4",
        "--report", file.toString(), "--quiet");

    assertThat(code).as(err.toString()).isZero();
    JsonObject json = report(file);
    assertThat(json.getString("url")).isEqualTo(urls);
    assertThat(json.getLong("requests")).isPositive();
    assertThat(json.getJsonObject("verification").getBoolean("ok")).isTrue();
  }

  @Test
  @DisplayName("exits with 2 when the server cannot be reached")
  void unreachable() {
    int code = run("--url", "http://127.0.0.1:1", "--duration", "1", "--report", dir.resolve("x.json").toString(),
        "--quiet", "--timeout", "2");
    assertThat(code).isEqualTo(LoadTestCommand.EXIT_RUN_FAILED);
    assertThat(err.toString()).contains("loadtest failed");
  }

  @Test
  @DisplayName("lists every option in --help")
  void help() {
    int code = run("--help");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("--url", "--scenario", "--duration", "--report", "--rate", "--connections",
        "--ramp-up", "--chargers", "--drivers", "--hosts", "--warmup", "--engine-label", "--seed", "--days-ahead",
        "--listeners", "--quiet");
  }
}
