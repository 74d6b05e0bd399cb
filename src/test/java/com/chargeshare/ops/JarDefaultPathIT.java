package com.chargeshare.ops;

import com.chargeshare.db.DbSettings;
import com.chargeshare.support.Eventually;
import com.chargeshare.support.Http;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The jar's default path: java -jar with nothing configured runs on an embedded MariaDB under ./data")
class JarDefaultPathIT {

  @TempDir
  Path workDir;

  private Process start(int port, Map<String, String> settings) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-jar", new File(System.getProperty("jar")).getAbsolutePath())
      .directory(workDir.toFile())
      .redirectErrorStream(true)
      .redirectOutput(workDir.resolve("server-" + port + ".log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("CHARGESHARE_"));
    pb.environment().put("CHARGESHARE_HTTP_PORT", String.valueOf(port));
    pb.environment().putAll(settings);
    return pb.start();
  }

  private void awaitUp(Http http, Process p, int port) {
    Eventually.within(Duration.ofSeconds(120)).until("the server answers /health", () -> {
      if (!p.isAlive()) {
        throw Eventually.stop(new AssertionError("[server process is running] it exited with " + p.exitValue()
          + "; the end of its log:\n" + logTail(port)));
      }
      return http.get("/health", null).status() == 200;
    });
  }

  /** The last lines the server wrote, so a failed start says why in the test report. */
  private String logTail(int port) {
    try {
      List<String> lines = Files.readAllLines(workDir.resolve("server-" + port + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (java.io.IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Test
  @DisplayName("first start creates ./data, accounts persist across a graceful restart with another buffer pool, and the embedded database stops with it")
  void defaultPath() throws Exception {
    int port = TestServer.freePort();
    Http http = new Http("http://127.0.0.1:" + port);
    Path socket = workDir.resolve("data").resolve("mariadb").resolve("mysqld.sock").toAbsolutePath().normalize();
    boolean socketFits = DbSettings.socketPathFits(socket.toString());
    Process first = start(port, Map.of());
    try {
      awaitUp(http, first, port);
      assertThat(workDir.resolve("data").resolve("jwt-secret")).exists();
      assertThat(workDir.resolve("data").resolve("mariadb")).isDirectory();
      if (socketFits) {
        assertThat(socket).as("the embedded MariaDB's socket, beside its data").exists();
      }
      assertThat(http.post("/api/auth/register", new JsonObject().put("email", "first@example.com").put("password", "correct-horse-1")
        .put("name", "First").put("role", "HOST"), null).status()).isEqualTo(201);
      assertThat(http.get("/api/openapi.json", null).json().getString("openapi")).as("the OpenAPI document, from the jar").startsWith("3.1.");
    } finally {
      first.destroy();
    }
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("graceful stop").isTrue();
    String log = Files.readString(workDir.resolve("server-" + port + ".log"));
    assertThat(log).contains("Stopping embedded MariaDB");
    if (socketFits) {
      assertThat(log).as("the node's pools reach the embedded MariaDB through its socket")
        .contains("/chargeshare (socket " + socket + ")");
    }
    assertThat(log).as("the buffered access log reached standard output").contains("POST /api/auth/register HTTP_1_1 201");
    assertThat(log).as("the buffer pool sized from the machine's memory").containsPattern("and a \\d+ MB buffer pool");
    assertThat(log.lines().filter(l -> l.contains(" ERROR ")).toList()).as("errors logged by a clean first start").isEmpty();

    // a smaller buffer pool (and so redo log) than the first start's: MariaDB resizes its log over the same data
    Process second = start(port, Map.of("CHARGESHARE_DB_EMBEDDED_BUFFER_POOL_MB", "160"));
    try {
      awaitUp(http, second, port);
      assertThat(http.login("first@example.com", "correct-horse-1")).isNotBlank();
      assertThat(http.get("/login", null).status()).isEqualTo(200);
    } finally {
      second.destroy();
      second.waitFor(60, TimeUnit.SECONDS);
    }
    assertThat(Files.readString(workDir.resolve("server-" + port + ".log"))).contains("and a 160 MB buffer pool");
  }
}
