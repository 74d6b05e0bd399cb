package com.chargeshare.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.chargeshare.config.AppConfig;
import com.chargeshare.support.Http;
import com.chargeshare.support.RawHttp;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP edge, item by item of OWASP ASVS 5.0 (issue #12): redirects, logs, metrics, malformed HTTP, slow
 * clients, numbers and media types. Each test is named after the requirement it proves.
 */
@DisplayName("ASVS 5.0 at the HTTP edge")
class HttpEdgeSecurityTest {

  private static final String METRICS_TOKEN = "metrics-" + UUID.randomUUID();
  private static final Logger ACCESS_LOG = (Logger) LoggerFactory.getLogger("io.vertx.ext.web.handler.LoggerHandler");
  private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  static TestServer server;
  static Http http;
  static RawHttp raw;
  static ListAppender<ILoggingEvent> logs = new ListAppender<>();
  static Level accessLevel;
  static String driverEmail;
  static String driver;
  static String host;
  static long chargerId;

  @BeforeAll
  static void start() {
    // the access log is mounted only when its logger speaks; the test configuration keeps it quiet
    accessLevel = ACCESS_LOG.getLevel();
    ACCESS_LOG.setLevel(Level.INFO);
    logs.start();
    ROOT.addAppender(logs);
    server = TestServer.start("sec_http_edge", new JsonObject()
      .put("http", new JsonObject().put("host", "0.0.0.0").put("headerTimeoutSeconds", 2).put("idleTimeoutSeconds", 3))
      .put("live", new JsonObject().put("maxSocketsPerAddress", 5))
      .put("metrics", new JsonObject().put("token", METRICS_TOKEN)));
    http = new Http(server.url());
    raw = new RawHttp(server.port());
    driverEmail = "driver-" + UUID.randomUUID() + "@example.com";
    driver = http.signUp("DRIVER", driverEmail);
    host = http.signUp("HOST");
    chargerId = http.createCharger(host);
  }

  @AfterAll
  static void stop() {
    server.close();
    ROOT.detachAppender(logs);
    ACCESS_LOG.setLevel(accessLevel);
  }

  /** The appender writes under its own lock, from every event loop. */
  private static void clearLogs() {
    synchronized (logs) {
      logs.list.clear();
    }
  }

  private static List<ILoggingEvent> logged() {
    synchronized (logs) {
      return List.copyOf(logs.list);
    }
  }

  // ---- V3.7.2: redirects only within the site ----

  private static Http.Response loginForm(String next) {
    String body = "email=" + URLEncoder.encode(driverEmail, StandardCharsets.UTF_8) + "&password=correct-horse-1&next="
      + URLEncoder.encode(next, StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/login"))
      .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", server.url())
      .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  @Test
  @DisplayName("V3.7.2: after login, next is followed only to a same-site path; tabs, newlines, // and \\ send the browser home")
  void V3_7_2_login_redirects_only_to_same_site_paths() {
    for (String evil : List.of("/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "//evil.example", "/\\evil.example",
      "/%09/evil.example", "/%2F/evil.example", "/%5Cevil.example", "https://evil.example", "/\u0000/evil.example",
      "\t//evil.example", "/\u2028/evil.example", "/\u200b/evil.example")) {
      var r = loginForm(evil);
      assertThat(r.status()).as(evil).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).as(evil).hasValue("/");
    }
    assertThat(loginForm("/bookings?notice=x").headers().firstValue("Location")).hasValue("/bookings?notice=x");
    // a header carries a char's low byte only: U+012F would go out as "/" if it were not percent-encoded
    assertThat(loginForm("/\u012Fevil.example").headers().firstValue("Location")).hasValue("/%C4%AFevil.example");
  }

  @Test
  @DisplayName("V3.7.2: the login page never carries an off-site next into its form (the script checks it again)")
  void V3_7_2_login_page_drops_off_site_next() {
    var page = http.get("/login?next=/%09/evil.example", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("evil.example");
    assertThat(http.get("/login?next=/host", null).body()).contains("value=\"/host\"");
  }

  // ---- V16.4.1 / V16.2.5: logs ----

  @Test
  @DisplayName("V16.4.1: a newline in next gets an answer and cannot forge a log line; no log line holds raw control characters")
  void V16_4_1_user_input_never_forges_log_lines() {
    clearLogs();
    var r = loginForm("/x\r\nInjected-Line: forged");
    assertThat(r.status()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/");
    assertThat(r.headers().firstValue("Injected-Line")).isEmpty();
    raw.send("GET /api/chargers?lat=%zz%0d%0aInjected-Line HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
    raw.send("GET /charg\u001b[2Jers/\u0007x?e=%0aInjected-Line HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
    raw.send("GET\u001b[31m /health HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
    assertThat(http.get("/health", null).status()).isEqualTo(200);
    for (ILoggingEvent e : logged()) {
      String line = e.getFormattedMessage();
      assertThat(line).as(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001b").doesNotContain("\u0007");
      if (e.getThrowableProxy() != null) {
        assertThat(e.getThrowableProxy().getMessage() == null ? "" : e.getThrowableProxy().getMessage()).doesNotContain("Injected-Line");
      }
    }
  }

  @Test
  @DisplayName("V16.2.5: the access log records paths and query names, never query values such as emails")
  void V16_2_5_access_log_has_no_query_values() {
    clearLogs();
    String email = "private-" + UUID.randomUUID() + "@example.com";
    assertThat(http.get("/login?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&next=/host", null).status()).isEqualTo(200);
    List<String> access = logged().stream().filter(e -> e.getLoggerName().equals(ACCESS_LOG.getName()))
      .map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(access).anySatisfy(line -> assertThat(line).contains("GET /login?email=*&next=*"));
    assertThat(access).noneMatch(line -> line.contains(email) || line.contains(email.replace("@", "%40")));
  }

  // ---- V13.4.5 and V2.4.1: metrics ----

  private static String nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          return a.getHostAddress();
        }
      }
    }
    return null;
  }

  @Test
  @DisplayName("V13.4.5: /metrics answers the machine itself, or a scraper with the metrics token; anyone else gets 404")
  void V13_4_5_metrics_only_for_loopback_or_token() throws IOException {
    assertThat(http.get("/metrics", null).status()).isEqualTo(200);
    String address = nonLoopbackAddress();
    Assumptions.assumeTrue(address != null, "this machine has no non-loopback address to come from");
    Http outside = new Http("http://" + address + ":" + server.port());
    var anonymous = outside.get("/metrics", null);
    assertThat(anonymous.status()).isEqualTo(404);
    assertThat(anonymous.body()).doesNotContain("vertx_").doesNotContain("chargeshare_");
    assertThat(outside.get("/metrics", "wrong-" + METRICS_TOKEN).status()).isEqualTo(404);
    assertThat(outside.get("/metrics", METRICS_TOKEN).status()).isEqualTo(200);
    assertThat(outside.get("/metrics", METRICS_TOKEN).body()).contains("vertx_http_server_requests_total");
  }

  private static Set<String> httpSeries() {
    Set<String> series = new TreeSet<>();
    for (String line : http.get("/metrics", null).body().split("\n")) {
      if (line.startsWith("vertx_http_server")) {
        series.add(line.substring(0, line.lastIndexOf(' ')));
      }
    }
    return series;
  }

  @Test
  @DisplayName("V2.4.1: unknown methods and paths never create new metric series")
  void V2_4_1_unknown_methods_and_paths_add_no_metric_series() {
    raw.send("WARMUP /nowhere-0 HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
    raw.send("WARMUP /api/nowhere-0 HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
    http.get("/nowhere-0", null);
    http.get("/api/nowhere-0", null);
    Set<String> before = httpSeries();
    for (int i = 1; i <= 120; i++) {
      raw.send("M" + i + "X /nowhere-" + i + " HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
      raw.send("GET /api/nowhere-" + i + "?q=" + i + " HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
      raw.send("GET /nowhere-" + i + " HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
    }
    Set<String> after = httpSeries();
    assertThat(after).isEqualTo(before);
    assertThat(String.join("\n", after)).doesNotContain("M7X").doesNotContain("nowhere-7");
  }

  // ---- V16.5.3: malformed HTTP fails safely, with 4xx ----

  @Test
  @DisplayName("V16.5.3: bad percent-escapes, a missing Host, folded or broken header lines are 4xx; versions 505; never 5xx")
  void V16_5_3_malformed_http_is_answered_4xx() {
    Map<String, Integer> cases = new java.util.LinkedHashMap<>();
    cases.put("GET /api/chargers?lat=%zz&lng=1 HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    cases.put("GET /api/chargers?lat=1&lng=%4 HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    cases.put("GET /login?next=%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    cases.put("GET /api/chargers/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    cases.put("GET /health HTTP/1.1\r\n\r\n", 400);
    cases.put("POST /api/auth/login HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", 400);
    cases.put("GET /health HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400);
    cases.put("GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\r\n folded\r\n\r\n", 200);
    cases.put("GET /health HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", 400);
    cases.put("GET /health HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n", 400);
    cases.put("GET /health HTTP/2.0\r\nHost: x\r\n\r\n", 505);
    cases.put("GET /health HTTP/1.2\r\nHost: x\r\n\r\n", 505);
    cases.put("GET /health HTTP/9.9\r\nHost: x\r\n\r\n", 505);
    for (var c : cases.entrySet()) {
      RawHttp.Answer a = raw.send(c.getKey(), 5000);
      assertThat(a.status()).as(c.getKey()).isEqualTo(c.getValue());
      assertThat(a.body()).as(c.getKey()).doesNotContain("Exception").doesNotContain("\tat ");
    }
    RawHttp.Answer unknown = raw.send("BREW /api/chargers HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
    assertThat(unknown.status()).isBetween(400, 501).isNotEqualTo(500);
    RawHttp.Answer badChunk = raw.send("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 5000);
    assertThat(badChunk.timedOut()).isFalse();
    assertThat(badChunk.status()).satisfiesAnyOf(s -> assertThat(s).isZero(), s -> assertThat(s).isBetween(400, 499));
    assertThat(http.get("/health", null).status()).isEqualTo(200);
  }

  // ---- V2.4.1: slow and idle clients, socket caps ----

  private static boolean closedWithin(Socket s, long millis, byte[] trickle) throws IOException {
    long deadline = System.currentTimeMillis() + millis;
    s.setSoTimeout(250);
    InputStream in = s.getInputStream();
    byte[] buf = new byte[4096];
    int i = 0;
    while (System.currentTimeMillis() < deadline) {
      try {
        if (in.read(buf) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // still open
      } catch (IOException e) {
        return true;
      }
      if (trickle != null) {
        try {
          s.getOutputStream().write(trickle[i++ % trickle.length]);
          s.getOutputStream().flush();
        } catch (IOException e) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  @DisplayName("V2.4.1: a client that trickles its request head, or its body, or sends nothing, is disconnected")
  void V2_4_1_slow_and_idle_connections_are_closed() throws Exception {
    try (Socket slowHead = raw.open(5000); Socket slowBody = raw.open(5000); Socket silent = raw.open(5000);
         Socket keptAlive = raw.open(5000)) {
      slowHead.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      slowBody.getOutputStream().write(("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 1000\r\n\r\n{\"email\":").getBytes(StandardCharsets.US_ASCII));
      keptAlive.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      long t0 = System.currentTimeMillis();
      assertThat(closedWithin(slowHead, 8000, "X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII))).as("slow head").isTrue();
      assertThat(closedWithin(slowBody, 8000, " ".getBytes(StandardCharsets.US_ASCII))).as("slow body").isTrue();
      assertThat(closedWithin(silent, 8000, null)).as("silent").isTrue();
      assertThat(closedWithin(keptAlive, 8000, null)).as("idle keep-alive").isTrue();
      assertThat(System.currentTimeMillis() - t0).isLessThan(10_000);
    }
    assertThat(http.get("/health", null).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("V2.4.1: the idle timeout is a setting with an environment override (default 60 s)")
  void V2_4_1_idle_timeout_setting() {
    assertThat(AppConfig.fromJson(new JsonObject()).http().idleTimeoutSeconds()).isEqualTo(60);
    assertThat(AppConfig.fromJson(new JsonObject()).withEnv(Map.of("CHARGESHARE_HTTP_IDLE_TIMEOUT_SECONDS", "7")).http()
      .idleTimeoutSeconds()).isEqualTo(7);
    assertThat(AppConfig.fromJson(new JsonObject()).live().maxSocketsPerAddress()).isEqualTo(50);
  }

  private static final String WS_HANDSHAKE = "GET /ws/availability HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

  private static int openSocket(List<Socket> held) throws IOException {
    Socket s = raw.open(5000);
    s.getOutputStream().write(WS_HANDSHAKE.getBytes(StandardCharsets.US_ASCII));
    String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
    held.add(s);
    return Integer.parseInt(status.substring(9, 12));
  }

  @Test
  @DisplayName("V2.4.1: one client address holds at most live.maxSocketsPerAddress WebSockets; a closed one frees its place")
  void V2_4_1_websockets_are_capped_per_address() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        assertThat(openSocket(held)).isEqualTo(101);
      }
      assertThat(openSocket(held)).isEqualTo(429);
      held.get(0).close();
      long deadline = System.currentTimeMillis() + 5000;
      int status;
      do {
        Thread.sleep(100);
        status = openSocket(held);
      } while (status != 101 && System.currentTimeMillis() < deadline);
      assertThat(status).isEqualTo(101);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  // ---- V2.2.1: numbers are exact ----

  @Test
  @DisplayName("V2.2.1: a chargerId of 2^64+1 or 303.0 books nothing (400), it never wraps to charger 1")
  void V2_2_1_json_ids_never_wrap() {
    long before = Sql.count(server.db(), "SELECT COUNT(*) FROM bookings");
    String window = "\"start\":\"" + Http.hoursAhead(30) + "\",\"end\":\"" + Http.hoursAhead(31) + "\"";
    for (String id : List.of("18446744073709551617", "18446744073709551616", "9223372036854775808", "9007199254740992",
      String.valueOf(chargerId) + ".0", chargerId + "e0", "1e300", "\"" + chargerId + "\"", "-1", "0", "true", "[1]")) {
      var r = http.send(http.request("POST", "/api/bookings", "{\"chargerId\":" + id + "," + window + "}", driver).build());
      assertThat(r.status()).as(id).isEqualTo(400);
      assertThat(r.json().getJsonObject("error").getJsonObject("details").getJsonObject("fields").containsKey("chargerId")).as(id).isTrue();
    }
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings")).isEqualTo(before);
  }

  @Test
  @DisplayName("V2.2.1: a price of 2^64+1 is refused (400), never stored as 1")
  void V2_2_1_json_integers_never_wrap() {
    Object price = Sql.rows(server.db(), "SELECT price_per_hour_minor FROM chargers WHERE id = ?", chargerId).get(0).get("price_per_hour_minor");
    for (String value : List.of("18446744073709551617", "-18446744073709551615", "1e30", "100.5")) {
      var r = http.send(http.request("PATCH", "/api/chargers/" + chargerId, "{\"pricePerHourMinor\":" + value + "}", host).build());
      assertThat(r.status()).as(value).isEqualTo(400);
      assertThat(r.json().getJsonObject("error").getJsonObject("details").getJsonObject("fields").containsKey("pricePerHourMinor")).isTrue();
    }
    assertThat(Sql.rows(server.db(), "SELECT price_per_hour_minor FROM chargers WHERE id = ?", chargerId).get(0).get("price_per_hour_minor"))
      .isEqualTo(price);
    var ok = http.send(http.request("PATCH", "/api/chargers/" + chargerId, "{\"pricePerHourMinor\":16000}", host).build());
    assertThat(ok.status()).isEqualTo(200);
  }

  @Test
  @DisplayName("V2.2.1: path and query ids are exact integers 1..2^53-1: '١', '+1', '01', '1.0' and the like are 400, not 404 or charger 1")
  void V2_2_1_path_ids_are_exact() {
    for (String id : List.of("%D9%A1", "%2B1", "+1", "01", "1.0", "1e0", "0x1", "abc", "0", "-1", "%201", "1%20",
      "9007199254740992", "18446744073709551617", "%EF%BC%91")) {
      var r = http.get("/api/chargers/" + id, null);
      assertThat(r.status()).as(id).isEqualTo(400);
      assertThat(r.errorCode()).as(id).isEqualTo("VALIDATION_FAILED");
    }
    assertThat(http.get("/api/chargers/987654321", null).status()).isEqualTo(404);
    assertThat(http.get("/api/chargers/" + chargerId, null).status()).isEqualTo(200);
    assertThat(http.get("/api/bookings?chargerId=%2B1", driver).status()).isEqualTo(400);
    assertThat(http.get("/api/bookings?chargerId=01", driver).status()).isEqualTo(400);
  }

  // ---- V2.2.1: JSON endpoints read JSON only ----

  @Test
  @DisplayName("V2.2.1: a JSON endpoint refuses a body of another content type with 415; a body-less POST needs none")
  void V2_2_1_json_endpoints_refuse_other_media_types() {
    long users = Sql.count(server.db(), "SELECT COUNT(*) FROM users");
    String account = new JsonObject().put("email", "mt-" + UUID.randomUUID() + "@example.com").put("password", "correct-horse-1")
      .put("name", "Media").put("role", "DRIVER").encode();
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
      "application/json; charset=iso-8859-1", "application/jsonx", "")) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/api/auth/register"))
        .POST(HttpRequest.BodyPublishers.ofString(account));
      if (!type.isEmpty()) {
        b.header("Content-Type", type);
      }
      var r = http.send(b.build());
      assertThat(r.status()).as(type).isEqualTo(415);
      assertThat(r.errorCode()).as(type).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM users")).isEqualTo(users);
    var json = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/auth/register"))
      .header("Content-Type", "Application/JSON; Charset=\"UTF-8\"").POST(HttpRequest.BodyPublishers.ofString(account)).build());
    assertThat(json.status()).isEqualTo(201);
    var cancel = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/bookings/987654321/cancel"))
      .header("Authorization", "Bearer " + driver).POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(cancel.status()).isEqualTo(404);
    assertThat(http.post("/api/auth/logout", null, null).status()).isEqualTo(204);
  }
}
