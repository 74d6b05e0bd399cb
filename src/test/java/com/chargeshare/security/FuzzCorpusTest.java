package com.chargeshare.security;

import com.chargeshare.support.FakeNominatim;
import com.chargeshare.support.Http;
import com.chargeshare.support.RawHttp;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the committed fuzz corpus ({@link FuzzCorpus}) over raw sockets against the real server on a real
 * database: no answer of 500 or more (but 501 for an unknown method and 505 for an unsupported version, as HTTP
 * allows), no hang, no stack trace, SQL or exception name in any body, no row changed, and the server healthy
 * afterwards.
 */
@DisplayName("Fuzzing: malformed HTTP and WebSocket input from the committed corpus")
class FuzzCorpusTest {

  private static final int THREADS = 6;
  private static final int TIMEOUT_MILLIS = 10_000;
  /** What must never reach a client: traces, class and exception names, SQL and database names. */
  private static final Pattern LEAK = Pattern.compile(
    "Exception|\\tat |\\bat (java|io|com|org)\\.|java\\.|io\\.vertx|io\\.netty|com\\.chargeshare|SQL|MariaDB|MySQL|syntax error|Caused by",
    Pattern.CASE_INSENSITIVE);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{PAD:(\\d+)}");
  /** Tables whose rows may change without a request doing it. */
  /** Tables that refused requests may write by design: failed logins and password changes are counted. */
  private static final Set<String> UNWATCHED = Set.of("flyway_schema_history", "auth_attempts");

  static TestServer server;
  /** Address searches reach a real (local) geocoder, so the fuzzed queries go all the way through the proxy. */
  static FakeNominatim nominatim;
  static Map<String, String> fills;
  /** Writes the server answered with success: the likely cause, should a row change. */
  static final List<String> accepted = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() {
    nominatim = FakeNominatim.start();
    server = TestServer.start("sec_fuzz", new JsonObject()
      .put("http", new JsonObject().put("headerTimeoutSeconds", 2).put("idleTimeoutSeconds", 3))
      .put("geocoder", new JsonObject().put("url", nominatim.url()).put("timeoutMillis", 1000)));
    Http http = new Http(server.url());
    String host = http.signUp("HOST");
    String driver = http.signUp("DRIVER");
    String other = http.signUp("DRIVER");
    long charger = http.createCharger(host);
    var booked = http.post("/api/bookings", Http.booking(charger, Http.hoursAhead(30), Http.hoursAhead(31)), driver);
    assertThat(booked.status()).isEqualTo(201);
    // the booking's notifications are stored after its commit, and read now: a request that marks one read again,
    // or all of them, changes no row
    com.chargeshare.support.Eventually.within(java.time.Duration.ofSeconds(15)).until("notified",
      () -> Sql.count(server.db(), "SELECT COUNT(*) FROM notifications") == 2);
    assertThat(http.post("/api/notifications/read-all", null, driver).status()).isEqualTo(200);
    assertThat(http.post("/api/notifications/read-all", null, host).status()).isEqualTo(200);
    fills = Map.of("{HOST}", "127.0.0.1:" + server.port(), "{DRIVER}", driver, "{OTHER}", other, "{HOSTTOKEN}", host,
      "{CHARGER}", String.valueOf(charger), "{BOOKING}", String.valueOf(booked.json().getJsonObject("booking").getLong("id")));
  }

  @AfterAll
  static void stop() {
    server.close();
    nominatim.close();
  }

  @Test
  @DisplayName("the committed corpus is what the generator makes from its seed, with at least 1,500 HTTP requests")
  void corpus_is_reproducible() throws IOException {
    List<String> committed = Files.readAllLines(FuzzCorpus.FILE, StandardCharsets.ISO_8859_1);
    assertThat(committed).isEqualTo(FuzzCorpus.generate());
    assertThat(committed.stream().filter(l -> l.startsWith("HTTP\t")).count()).isGreaterThanOrEqualTo(1500);
    assertThat(committed.stream().filter(l -> l.startsWith("WS\t")).count()).isGreaterThanOrEqualTo(50);
  }

  @Test
  @DisplayName("V16.5.1, V16.5.3, V2.2.1: every malformed request is refused with 4xx, quickly and without leaking; no row changes")
  void V16_5_3_corpus_is_refused_safely() throws Exception {
    List<String> corpus = Files.readAllLines(FuzzCorpus.FILE, StandardCharsets.ISO_8859_1);
    Map<String, String> before = snapshot();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    Map<Long, String> slowest = new java.util.concurrent.ConcurrentSkipListMap<>(Collections.reverseOrder());
    RawHttp raw = new RawHttp(server.port());
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < corpus.size(); i++) {
        int line = i + 1;
        String[] entry = corpus.get(i).split("\t", 3);
        byte[] bytes = fill(FuzzCorpus.unescape(entry[2]));
        done.add(pool.submit(() -> {
          long started = System.nanoTime();
          String problem = "WS".equals(entry[0]) ? webSocket(raw, bytes, statuses) : http(raw, entry[1], bytes, statuses);
          slowest.put(System.nanoTime() - started, "line " + line + " (" + entry[1] + ")");
          if (problem != null) {
            problems.add("line " + line + " (" + entry[1] + "): " + problem + " <= " + entry[2].substring(0, Math.min(160, entry[2].length())));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    System.out.println("Fuzz corpus: " + corpus.size() + " entries in " + seconds + " s on " + THREADS + " connections; statuses "
      + new TreeMap<>(statuses) + "; slowest " + slowest.entrySet().stream().limit(12)
      .map(e -> e.getValue() + " " + TimeUnit.NANOSECONDS.toMillis(e.getKey()) + " ms").toList());
    assertThat(problems).as("%d problems", problems.size()).isEmpty();
    assertThat(snapshot()).as("rows after the corpus; writes answered with success: %s", accepted).isEqualTo(before);
    Http http = new Http(server.url());
    assertThat(http.get("/health", null).status()).isEqualTo(200);
    assertThat(http.get("/api/chargers/" + fills.get("{CHARGER}"), null).status()).isEqualTo(200);
  }

  private static String http(RawHttp raw, String category, byte[] request, Map<Integer, AtomicInteger> statuses) {
    RawHttp.Answer a = raw.send(request, TIMEOUT_MILLIS);
    statuses.computeIfAbsent(a.status(), k -> new AtomicInteger()).incrementAndGet();
    String start = new String(request, 0, Math.min(100, request.length), StandardCharsets.ISO_8859_1).trim();
    if (a.status() >= 200 && a.status() < 400 && !start.startsWith("GET") && !start.contains("logout")
      && !String.valueOf(a.header("location")).startsWith("/login")) {
      accepted.add(a.status() + " <= " + start.replace("\r\n", " | "));
    }
    if (a.timedOut()) {
      return "no answer and no close within " + TIMEOUT_MILLIS + " ms";
    }
    boolean allowed = a.status() < 500 || (a.status() == 501 && "method".equals(category))
      || (a.status() == 505 && "version".equals(category));
    if (!allowed) {
      return "status " + a.status() + " " + a.body();
    }
    String type = a.header("content-type") == null ? "" : a.header("content-type");
    if ((type.contains("json") || type.contains("html") || type.startsWith("text/plain") || type.isEmpty()) && a.status() >= 300) {
      Matcher m = LEAK.matcher(a.body());
      if (m.find()) {
        return "body leaks '" + m.group() + "': " + a.body().substring(0, Math.min(300, a.body().length()));
      }
    }
    return null;
  }

  private static final String HANDSHAKE = "GET /ws/availability HTTP/1.1\r\nHost: {HOST}\r\nUpgrade: websocket\r\n"
    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

  /** Handshake, the frames, then whatever the server says until it closes or falls silent. */
  private static String webSocket(RawHttp raw, byte[] frames, Map<Integer, AtomicInteger> statuses) {
    try (Socket s = raw.open(TIMEOUT_MILLIS)) {
      s.getOutputStream().write(fill(HANDSHAKE.getBytes(StandardCharsets.ISO_8859_1)));
      InputStream in = s.getInputStream();
      String head = head(in);
      int status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : 0;
      statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
      if (status != 101) {
        return "handshake answered " + status;
      }
      try {
        s.getOutputStream().write(frames);
      } catch (IOException closedMidway) {
        return null;
      }
      String said = serverText(s, in);
      Matcher m = LEAK.matcher(said);
      return m.find() ? "socket leaks '" + m.group() + "': " + said.substring(0, Math.min(300, said.length())) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      b.write(c);
      byte[] sofar = b.toByteArray();
      int n = sofar.length;
      if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
        break;
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  /** The payloads of the server's frames (it never masks), read until close or 400 ms of silence. */
  private static String serverText(Socket s, InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    s.setSoTimeout(400);
    long deadline = System.currentTimeMillis() + 3000;
    byte[] buf = new byte[8192];
    try {
      int n;
      while (System.currentTimeMillis() < deadline && (n = in.read(buf)) > 0) {
        all.write(buf, 0, n);
      }
    } catch (SocketTimeoutException | java.net.SocketException quiet) {
      // silence or a reset: the server said what it had to say
    }
    byte[] b = all.toByteArray();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i + 2 <= b.length) {
      long len = b[i + 1] & 0x7f;
      int at = i + 2;
      if (len == 126 && at + 2 <= b.length) {
        len = ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
        at += 2;
      } else if (len == 127 && at + 8 <= b.length) {
        len = 0;
        for (int k = 0; k < 8; k++) {
          len = (len << 8) | (b[at + k] & 0xff);
        }
        at += 8;
      }
      int end = (int) Math.min(b.length, at + len);
      text.append(new String(b, at, Math.max(0, end - at), StandardCharsets.UTF_8)).append('\n');
      i = end;
    }
    return text.toString();
  }

  /** Placeholders filled; {LEN} last, as the length of the body once everything else is in. */
  private static byte[] fill(byte[] raw) {
    String s = new String(raw, StandardCharsets.ISO_8859_1);
    for (var f : fills.entrySet()) {
      s = s.replace(f.getKey(), f.getValue());
    }
    Matcher pad = PLACEHOLDER.matcher(s);
    StringBuilder padded = new StringBuilder();
    while (pad.find()) {
      pad.appendReplacement(padded, "a".repeat(Integer.parseInt(pad.group(1))));
    }
    pad.appendTail(padded);
    s = padded.toString();
    if (s.contains("{LEN}")) {
      // the placeholder sits in the head, so filling it leaves the body's length as it is
      int split = s.indexOf("\r\n\r\n", s.indexOf("{LEN}"));
      s = s.replace("{LEN}", String.valueOf(split < 0 ? 0 : s.length() - split - 4));
    }
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Row count and checksum of every table. */
  private static Map<String, String> snapshot() {
    Map<String, String> out = new TreeMap<>();
    for (var row : Sql.rows(server.db(), "SHOW TABLES")) {
      String table = String.valueOf(row.values().iterator().next());
      if (UNWATCHED.contains(table)) {
        continue;
      }
      long count = Sql.count(server.db(), "SELECT COUNT(*) FROM `" + table + "`");
      Object checksum = Sql.rows(server.db(), "CHECKSUM TABLE `" + table + "`").get(0).get("Checksum");
      out.put(table, count + " rows, checksum " + checksum);
    }
    return out;
  }
}
