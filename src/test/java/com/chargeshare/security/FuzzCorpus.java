package com.chargeshare.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the fuzz corpus that {@link FuzzCorpusTest} replays: malformed HTTP requests across every endpoint and
 * page, and malformed WebSocket frames and messages. Deterministic from {@link #SEED}; the output is committed at
 * {@link #FILE} and a test checks that it still matches, so a new endpoint means: add it here, run {@code main}.
 *
 * <p>One entry per line: {@code KIND<TAB>CATEGORY<TAB>bytes}. KIND is {@code HTTP} (a whole request on a fresh
 * connection) or {@code WS} (frames sent after a valid handshake). Bytes are escaped ({@code \r \n \t \\ \xNN}).
 * Placeholders filled at replay: {@code {HOST}} (host:port), {@code {DRIVER}}, {@code {OTHER}} (a second driver),
 * {@code {HOSTTOKEN}} (bearer tokens), {@code {CHARGER}}, {@code {BOOKING}}, {@code {LEN}} (the length of the body
 * after the blank line, once filled) and {@code {PAD:n}} (n letters). Every request that could change data is
 * meant to be refused: each state-changing body carries at least one invalid field, ids are foreign or
 * malformed, and passwords are wrong.
 */
public final class FuzzCorpus {

  static final long SEED = 20260012L;
  static final Path FILE = Path.of("src/test/resources/fuzz/http-corpus.txt");

  private final Random random = new Random(SEED);
  private final List<String> out = new ArrayList<>();

  public static void main(String[] args) throws IOException {
    Files.createDirectories(FILE.getParent());
    Files.write(FILE, generate(), StandardCharsets.ISO_8859_1);
    System.out.println("wrote " + generate().size() + " entries to " + FILE);
  }

  static List<String> generate() {
    FuzzCorpus c = new FuzzCorpus();
    c.requestLines();
    c.headers();
    c.paths();
    c.queries();
    c.jsonBodies();
    c.forms();
    c.photos();
    c.framing();
    c.webSocket();
    return c.out;
  }

  // ---- endpoints ----

  /** method, path, auth, body kind: J (JSON), F (form), - (none). */
  private static final String[][] ENDPOINTS = {
    {"GET", "/health", "-", "-"}, {"GET", "/metrics", "-", "-"},
    {"POST", "/api/auth/register", "-", "J"}, {"POST", "/api/auth/login", "-", "J"}, {"POST", "/api/auth/logout", "-", "-"},
    {"POST", "/api/auth/password", "D", "J"},
    {"GET", "/api/me", "D", "-"}, {"POST", "/api/me/roles", "D", "J"},
    {"GET", "/api/notifications", "D", "-"}, {"POST", "/api/notifications/987654321/read", "D", "-"},
    {"POST", "/api/notifications/read-all", "D", "-"},
    {"POST", "/api/chargers", "H", "J"}, {"GET", "/api/chargers?lat=12.97&lng=77.59", "-", "-"},
    {"GET", "/api/chargers/{CHARGER}", "-", "-"}, {"PATCH", "/api/chargers/{CHARGER}", "H", "J"},
    {"DELETE", "/api/chargers/987654321", "H", "-"}, {"GET", "/api/chargers/{CHARGER}/slots", "-", "-"},
    {"POST", "/api/chargers/{CHARGER}/blocks", "H", "J"}, {"GET", "/api/chargers/{CHARGER}/blocks", "H", "-"},
    {"DELETE", "/api/chargers/{CHARGER}/blocks/987654321", "H", "-"},
    {"POST", "/api/chargers/{CHARGER}/photos", "H", "J"}, {"GET", "/api/chargers/{CHARGER}/photos", "-", "-"},
    {"GET", "/api/chargers/{CHARGER}/photos/987654321", "-", "-"}, {"DELETE", "/api/chargers/{CHARGER}/photos/987654321", "H", "-"},
    {"POST", "/api/bookings", "D", "J"}, {"GET", "/api/bookings", "D", "-"}, {"GET", "/api/bookings/{BOOKING}", "O", "-"},
    {"POST", "/api/bookings/{BOOKING}/cancel", "O", "-"}, {"POST", "/api/bookings/{BOOKING}/check-in", "O", "-"},
    {"POST", "/api/bookings/{BOOKING}/payment", "O", "J"}, {"POST", "/api/payments/razorpay/webhook", "-", "J"},
    {"POST", "/api/bookings/{BOOKING}/review", "D", "J"}, {"POST", "/api/bookings/{BOOKING}/review/reply", "H", "J"},
    {"GET", "/api/chargers/{CHARGER}/reviews", "-", "-"},
    {"GET", "/api/host/stats", "H", "-"}, {"GET", "/api/host/demand", "H", "-"}, {"GET", "/api/geocode?q=MG+Road", "-", "-"},
    {"GET", "/", "-", "-"}, {"GET", "/chargers/{CHARGER}", "-", "-"}, {"GET", "/login", "-", "-"}, {"POST", "/login", "-", "F"},
    {"GET", "/register", "-", "-"}, {"POST", "/register", "-", "F"}, {"POST", "/logout", "-", "F"},
    {"GET", "/host", "C", "-"}, {"GET", "/host/chargers/new", "C", "-"}, {"POST", "/host/chargers/new", "C", "F"},
    {"GET", "/host/chargers/{CHARGER}/edit", "C", "-"}, {"POST", "/host/chargers/{CHARGER}/edit", "C", "F"},
    {"POST", "/host/chargers/{CHARGER}/status", "C", "F"}, {"POST", "/host/chargers/{CHARGER}/blocks", "C", "F"},
    {"POST", "/host/chargers/{CHARGER}/blocks/987654321/remove", "C", "F"}, {"POST", "/host/bookings/987654321/cancel", "C", "F"},
    {"GET", "/host/chargers/{CHARGER}/photos", "C", "-"}, {"POST", "/host/chargers/{CHARGER}/photos", "C", "F"},
    {"POST", "/host/chargers/{CHARGER}/photos/987654321/delete", "C", "F"},
    {"GET", "/bookings", "DC", "-"}, {"POST", "/bookings/987654321/cancel", "DC", "F"}, {"POST", "/bookings/987654321/check-in", "DC", "F"},
    {"GET", "/notifications", "DC", "-"}, {"POST", "/notifications/987654321/read", "DC", "F"},
    {"POST", "/notifications/read-all", "DC", "F"}, {"POST", "/account/roles", "DC", "F"},
    {"POST", "/bookings/987654321/review", "DC", "F"}, {"POST", "/chargers/{CHARGER}/reviews/987654321/reply", "C", "F"},
    {"GET", "/static/js/auth.js", "-", "-"}, {"GET", "/webjars/leaflet/1.9.4/dist/leaflet.js", "-", "-"},
    {"GET", "/ws/availability", "-", "-"}, {"GET", "/no/such/page", "-", "-"}, {"GET", "/api/no/such/endpoint", "-", "-"},
  };

  /** A state-changing body that is refused whatever else it holds: each carries one invalid field. */
  private static String refusedBody(String path) {
    if (path.startsWith("/api/auth/register")) return "{\"email\":\"fz@example.com\",\"password\":\"correct-horse-1\",\"name\":\"F\",\"role\":\"ADMIN\"}";
    if (path.startsWith("/api/auth/password")) return "{\"currentPassword\":\"not-the-password\",\"newPassword\":\"short\"}";
    // the booking has not ended and has no review: a review or an answer of it is refused whatever the body
    if (path.endsWith("/review")) return "{\"rating\":9,\"comment\":\"x\"}";
    if (path.endsWith("/review/reply")) return "{\"reply\":\"\"}";
    if (path.startsWith("/api/me/roles")) return "{\"add\":\"ADMIN\"}";
    if (path.startsWith("/api/auth/login")) return "{\"email\":\"nobody@example.com\",\"password\":\"wrong-password\"}";
    if (path.startsWith("/api/chargers/") && path.endsWith("/blocks")) return "{\"start\":\"2030-01-01T10:00:00Z\",\"end\":\"2030-01-01T09:00:00Z\",\"reason\":\"x\"}";
    if (path.startsWith("/api/chargers")) return "{\"name\":\"Fuzz\",\"address\":\"1 Road\",\"lat\":12.9,\"lng\":77.6,\"connectorType\":\"CCS2\",\"powerKw\":-1,\"pricePerHourMinor\":100}";
    if (path.startsWith("/api/bookings")) return "{\"chargerId\":{CHARGER},\"start\":\"2030-01-01T10:00:00Z\",\"end\":\"2030-01-01T11:00:00Z\",\"flexMinutes\":-1}";
    return "{}";
  }

  private static String refusedForm(String path) {
    if (path.equals("/login")) return "email=nobody%40example.com&password=wrong-password&next=%2F";
    if (path.endsWith("/review")) return "rating=9&comment=x";
    if (path.endsWith("/reply")) return "reply=";
    if (path.equals("/account/roles")) return "add=ADMIN&next=%2F";
    if (path.equals("/register")) return "email=fz%40example.com&password=correct-horse-1&name=F&role=ADMIN";
    if (path.endsWith("/status")) return "status=EXPLODED";
    if (path.endsWith("/blocks")) return "start=2030-01-01T10%3A00&end=2030-01-01T09%3A00&reason=x";
    if (path.contains("/chargers/")) return "name=Fuzz&address=1+Road&lat=12.9&lng=77.6&connectorType=CCS2&powerKw=-1&pricePerHourMinor=100";
    return "x=1";
  }

  private static String auth(String kind) {
    StringBuilder h = new StringBuilder();
    if (kind.contains("D")) h.append("Authorization: Bearer {DRIVER}\r\n");
    if (kind.contains("O")) h.append("Authorization: Bearer {OTHER}\r\n");
    if (kind.contains("H")) h.append("Authorization: Bearer {HOSTTOKEN}\r\n");
    if (kind.contains("C")) h.append("Cookie: cs_session=").append(kind.contains("D") ? "{DRIVER}" : "{HOSTTOKEN}")
      .append("\r\nOrigin: http://{HOST}\r\n");
    return h.toString();
  }

  private static String request(String method, String target, String headers, String body) {
    return method + " " + target + " HTTP/1.1\r\nHost: {HOST}\r\n" + headers
      + (body == null ? "" : "Content-Length: {LEN}\r\n") + "Connection: close\r\n\r\n" + (body == null ? "" : body);
  }

  private static String normal(String[] e, String body) {
    String type = "J".equals(e[3]) ? "Content-Type: application/json\r\n" : "F".equals(e[3]) ? "Content-Type: application/x-www-form-urlencoded\r\n" : "";
    return request(e[0], e[1], auth(e[2]) + (body == null ? "" : type), body);
  }

  private static String defaultBody(String[] e) {
    return "J".equals(e[3]) ? refusedBody(e[1]) : "F".equals(e[3]) ? refusedForm(e[1]) : null;
  }

  private void add(String kind, String category, String raw) {
    add(kind, category, raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  private void add(String kind, String category, byte[] raw) {
    out.add(kind + "\t" + category + "\t" + escape(raw));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String latin(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  // ---- request lines ----

  private void requestLines() {
    String[] methods = {"get", "Get", "BREW", "PROPFIND", "TRACE", "CONNECT", "OPTIONS", "HEAD", "PUT", "G ET", "GET\u0000",
      "GET\u001b[31m", "\u00c9T\u00c9", "{PAD:300}", "-", "", "POST\t", "M-SEARCH", "DELETE", "PATCH"};
    String[] versions = {"HTTP/1.2", "HTTP/2.0", "HTTP/3.0", "HTTP/0.9", "HTTP/9.9", "HTTP/1.10"};
    String[] brokenVersions = {"http/1.1", "HTTP/1", "HTTP/1.1x", "HTTP/ 1.1", "HTTP/1.1 extra", "HTTPS/1.1", "", "HTTP/-1.1",
      "HTTP/1.1\u0000"};
    for (String[] e : ENDPOINTS) {
      String path = e[1];
      // the rest of a request this endpoint refuses: headers, and a body where it takes one
      String req = normal(e, defaultBody(e));
      String rest = req.substring(req.indexOf("\r\n"));
      for (String m : pick(methods, 4)) {
        String category = m.matches("[A-Za-z-]+") && !m.equals("HEAD") ? "method" : "line";
        add("HTTP", category, m + " " + path + " HTTP/1.1" + rest);
      }
      add("HTTP", "version", e[0] + " " + path + " " + versions[random.nextInt(versions.length)] + rest);
      String b = brokenVersions[random.nextInt(brokenVersions.length)];
      add("HTTP", "line", e[0] + " " + path + (b.isEmpty() ? "" : " " + b) + rest);
      add("HTTP", "line", e[0] + "  " + path + "  HTTP/1.1" + rest);
      add("HTTP", "line", e[0] + " " + path + " HTTP/1.1" + rest.replace("\r\n", "\n"));
      add("HTTP", "line", e[0] + "\t" + path + "\tHTTP/1.1" + rest);
      add("HTTP", "line", "\r\n\r\n" + e[0] + " " + path + " HTTP/1.1" + rest);
    }
    add("HTTP", "version", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    add("HTTP", "line", "GET\r\n\r\n");
    add("HTTP", "line", "GET /\r\n\r\n");
    add("HTTP", "line", " \r\n\r\n");
    add("HTTP", "line", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003");
    add("HTTP", "line", "GET /{PAD:9000} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n");
    add("HTTP", "line", "GET /api/chargers?{PAD:5000}={PAD:5000} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n");
  }

  // ---- headers ----

  private void headers() {
    String[] broken = {
      "", "Host: {HOST}\r\n", "Host: {HOST}\r\nHost: other.example\r\n", "Host:\r\n", "Host: \u0000\r\n", "Host: a b\r\n",
      "Host: {HOST}\r\n folded-continuation\r\n", "Host: {HOST}\r\nX-A: a\r\n\tfolded\r\n", " Host: {HOST}\r\n",
      "Host : {HOST}\r\n", "Host: {HOST}\r\nNo colon\r\n", "Host: {HOST}\r\n: empty-name\r\n", "Host: {HOST}\r\nBad Name: 1\r\n",
      "Host: {HOST}\r\nX-\u0000: 1\r\n", "Host: {HOST}\r\nX-A: \u0000\u0001\u0002\r\n", "Host: {HOST}\r\nX-A: \u00ff\u00fe\r\n",
      "Host: {HOST}\r\nX-Big: {PAD:9000}\r\n", "Host: [::1\r\n", "Host: {HOST}:99999\r\n", "Host: user@{HOST}\r\n",
      "Host: {HOST}\r\nContent-Length: abc\r\n", "Host: {HOST}\r\nContent-Length: -1\r\n",
      "Host: {HOST}\r\nContent-Length: 1, 2\r\n", "Host: {HOST}\r\nContent-Length: 0\r\nContent-Length: 5\r\n",
      "Host: {HOST}\r\nContent-Length: 99999999999999999999\r\n", "Host: {HOST}\r\nExpect: 100-continue\r\n",
      "Host: {HOST}\r\nExpect: teapot\r\n", "Host: {HOST}\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n",
      "Host: {HOST}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n", "Host: {HOST}\r\nAccept-Encoding: gzip;q=NaN, br;q=-1\r\n",
      "Host: {HOST}\r\nRange: bytes=99999999-1\r\n", "Host: {HOST}\r\nIf-Modified-Since: Thu, 31 Feb 2026 25:61:61 GMT\r\n",
      "Host: {HOST}\r\nIf-None-Match: \"{PAD:4000}\"\r\n", "Host: {HOST}\r\nCookie: cs_session=\u0000\u00ff; ;;=\r\n",
      "Host: {HOST}\r\nCookie: cs_session={PAD:4000}\r\n", "Host: {HOST}\r\nAuthorization: Bearer\r\n",
      "Host: {HOST}\r\nAuthorization: Bearer a.b.c\r\n", "Host: {HOST}\r\nAuthorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.\r\n",
      "Host: {HOST}\r\nAuthorization: Basic Zm9vOmJhcg==\r\n", "Host: {HOST}\r\nAuthorization: Bearer {DRIVER}{DRIVER}\r\n",
      "Host: {HOST}\r\nAuthorization: Bearer {OTHER}\u0000\r\n", "Host: {HOST}\r\nOrigin: null\r\n",
      "Host: {HOST}\r\nOrigin: http://evil.example\r\nCookie: cs_session={HOSTTOKEN}\r\n", "Host: {HOST}\r\nReferer: ::::\r\n",
      "Host: {HOST}\r\nX-Forwarded-For: 127.0.0.1\r\nX-Forwarded-Host: evil.example\r\n", "Host: {HOST}\r\nAccept: */*;q=\u00e9\r\n",
      "Host: {HOST}\r\nContent-Type: application/json; charset=\u0000\r\n", "Host: {HOST}\r\nIdempotency-Key: \r\n",
      "Host: {HOST}\r\nIdempotency-Key: {PAD:200}\r\n", "Host: {HOST}\r\nIdempotency-Key: \u00e9\u00e9\r\n",
      "Host: {HOST}\r\nSec-WebSocket-Key: ???\r\n", "Host: {HOST}\r\nAccept-Language: " + latin(utf8("हिन्दी")) + "\r\n",
    };
    for (String h : broken) {
      for (String[] e : pick(ENDPOINTS, 4)) {
        String body = defaultBody(e);
        String type = "J".equals(e[3]) ? "Content-Type: application/json\r\n" : "F".equals(e[3]) ? "Content-Type: application/x-www-form-urlencoded\r\n" : "";
        // bodies only where the endpoint takes one; a length header with no body would only wait for it
        boolean withBody = body != null && !h.contains("Content-Length");
        String rest = h.contains("Authorization") || h.contains("Cookie") ? "" : auth(e[2]).replace("Cookie: cs_session", "Cookie: x=1; cs_session");
        add("HTTP", "header", e[0] + " " + e[1] + " HTTP/1.1\r\n" + h + rest + (withBody ? type + "Content-Length: {LEN}\r\n" : "")
          + "Connection: close\r\n\r\n" + (withBody ? body : ""));
      }
    }
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      many.append("X-H").append(i).append(": ").append(i).append("\r\n");
    }
    for (String[] e : pick(ENDPOINTS, 10)) {
      add("HTTP", "header", e[0] + " " + e[1] + " HTTP/1.1\r\nHost: {HOST}\r\n" + many + "Connection: close\r\n\r\n");
    }
  }

  // ---- paths and ids ----

  private static final String[] BAD_IDS = {"0", "-1", "+1", "01", "1.0", "1e3", "0x10", "abc", "%zz", "%", "%4", "%00", "%0d%0a",
    "%D9%A1", "%EF%BC%91", "%C0%B1", "%F0%9F%94%8B", "9007199254740992", "18446744073709551617", "99999999999999999999999",
    "1%20", "%201", "1;x=2", "1%2F2", "..%2F..%2Fetc%2Fpasswd", "{PAD:3000}", "NaN", "Infinity", "null", "%u0031", "1#frag",
    "%25%32%35", "\u00d9\u00a1", "[1]", "{CHARGER}%00", "{CHARGER}.json", "{CHARGER}/", "{CHARGER}%2F..", "  "};

  private void paths() {
    for (String[] e : ENDPOINTS) {
      boolean hasId = e[1].contains("{CHARGER}") || e[1].contains("{BOOKING}") || e[1].contains("987654321");
      if (hasId) {
        for (String id : pick(BAD_IDS, 10)) {
          if (id.contains("{CHARGER}") && !"GET".equals(e[0])) {
            continue;
          }
          String path = e[1].replace("{CHARGER}", id).replace("{BOOKING}", id).replace("987654321", id);
          add("HTTP", "id", normal(new String[] {e[0], path, e[2], e[3]}, defaultBody(e)));
        }
      }
      String path = e[1].contains("?") ? e[1].substring(0, e[1].indexOf('?')) : e[1];
      String[] variants = {path + "/", "/" + path, path.replace("/", "//"), path + "/.", path + "/..", path + "/../../../../etc/passwd",
        path.replace("/", "\\"), path + "%00", path + "%2e%2e%2f", path.toUpperCase(), path + ";a=b", path + "#x",
        "http://{HOST}" + path, "http://evil.example" + path, path.replace("/", "/%2F"), path + "/\u00e9",
        path + latin(utf8("/ü€𝄞")), path + "/%c0%ae%c0%ae/", path + "/%ff%fe", "*", "", path + "?", path + "??&&==",
        path + "/" + latin(new byte[] {(byte) 0xc3, (byte) 0x28}), path + "/%e2%80%ae"};
      for (String v : pick(variants, 4)) {
        add("HTTP", "path", normal(new String[] {e[0], v, e[2], e[3]}, defaultBody(e)));
      }
    }
  }

  // ---- query strings ----

  private static final String[] BAD_NUMBERS = {"", "NaN", "-NaN", "Infinity", "-Infinity", "1e309", "-1e309", "4.9e-325", "0x1A",
    "1_000", "1,5", "%D9%A1%D9%A2", "12.97.1", "+", "-", ".", "1e", "9223372036854775808", "-9223372036854775809", "18446744073709551617",
    "%zz", "%", "%2", "%00", "%0a", "1%00", "%E2%80%8B1", "%EF%BC%91", "null", "true", "[]", "{}", "{PAD:2000}", "%C0%80",
    "1%2C2", "   1   ", "0.0000000000000000000000000001", "-0", "1/0", "1;2"};
  private static final String[] BAD_DATES = {"2026-13-01T00:00:00Z", "2026-02-30T10:00:00Z", "2026-12-01T24:00:00Z",
    "2026-12-01T23:59:60Z", "2026-12-01", "2026-12-01T10:00:00", "2026-12-01T10:00:00+05:30", "+999999999-12-31T23:59:59Z",
    "-999999999-01-01T00:00:00Z", "0000-00-00T00:00:00Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
    "2026-12-01T10:00:00.1234567891Z", "now", "yesterday", "1767225600", "2026-12-01T10%3A00%3A00Z", "2026-12-01 10:00:00Z",
    "%E2%80%8E2026-12-01T10:00:00Z", "2026-W48-1", "{PAD:500}", "2026-12-01T10:00:00Z%00", "2026-12-01T10:00:00z"};
  private static final String[] BAD_STRINGS = {"%00", "%0d%0aX-Injected:%201", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "'%20OR%201%3D1--", "%22%3E%3Cimg%20src%3Dx%3E", "%E2%80%AE", "%F0%9F%92%A9", "%ED%A0%80", "%C0%AF", "%FF", "{PAD:3000}",
    "..%2F..%2F", "%25", "CCS2%00", "ccs2", "CCS2,TYPE2", "%5B%5D", "__proto__", "constructor"};

  private void queries() {
    String[][] params = {
      {"/api/chargers", "lat:N", "lng:N", "radiusKm:N", "bbox:B", "connectorType:S", "minPowerKw:N", "maxPricePerHourMinor:N",
        "availableFrom:D", "availableTo:D", "limit:N"},
      {"/api/chargers/{CHARGER}/slots", "from:D", "to:D"},
      {"/api/bookings", "status:S", "chargerId:N", "from:D", "to:D", "limit:N", "offset:N"},
      {"/api/host/demand", "weeks:N"},
      {"/api/notifications", "limit:N", "offset:N"},
      {"/api/chargers/{CHARGER}/reviews", "limit:N", "offset:N"},
      {"/api/geocode", "q:S"},
      {"/", "lat:N", "lng:N", "zoom:N"},
      {"/login", "next:S", "email:S"},
      {"/host", "notice:S"}, {"/bookings", "notice:S"},
    };
    for (String[] p : params) {
      String auth = p[0].startsWith("/api/bookings") || p[0].startsWith("/api/notifications") ? "D" : p[0].startsWith("/api/host") ? "H" : p[0].equals("/host") ? "C"
        : p[0].equals("/bookings") ? "DC" : "-";
      String base = p[0].equals("/api/chargers") ? "lat=12.97&lng=77.59&" : "";
      for (int i = 1; i < p.length; i++) {
        String[] spec = p[i].split(":");
        String[] pool = switch (spec[1]) {
          case "N" -> BAD_NUMBERS;
          case "D" -> BAD_DATES;
          case "B" -> new String[] {"1,2,3", "1,2,3,4,5", "a,b,c,d", "181,0,182,1", "0,91,1,92", "1,1,0,0", "NaN,NaN,NaN,NaN",
            ",,,", "%zz,1,2,3", "1e309,0,0,0", "-180,-90,180,90", "{PAD:1000}"};
          default -> BAD_STRINGS;
        };
        for (String v : pick(pool, pool.length / 3 + 1)) {
          String target = p[0] + "?" + (spec[0].equals("lat") || spec[0].equals("lng") ? "" : base) + spec[0] + "=" + v;
          add("HTTP", "query", normal(new String[] {"GET", target, auth, "-"}, null));
        }
      }
      add("HTTP", "query", normal(new String[] {"GET", p[0] + "?" + base + "a=1&a=2&&&=&=x&%zz=1", auth, "-"}, null));
      add("HTTP", "query", normal(new String[] {"GET", p[0] + "?" + base + "limit=1&limit=2&from=x&from=y", auth, "-"}, null));
    }
  }

  // ---- JSON bodies ----

  private static final String[] BAD_JSON = {"", "{", "}", "{\"a\":", "{\"a\":1,}", "[1,2]", "\"text\"", "42", "null", "true",
    "{'a':1}", "{a:1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":1.}",
    "/* c */{}", "{\"a\":1}{\"b\":2}", "{\"a\":1} trailing", "\u00ef\u00bb\u00bf{}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\u00\"}",
    "{\"a\":\"\u0000\"}", "{\"\\u0000\":1}", "{\"a\":\"" + latin(new byte[] {(byte) 0xc0, (byte) 0xaf}) + "\"}",
    "{\"a\":\"" + latin(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}) + "\"}", "{\"a\":\"" + latin(new byte[] {(byte) 0xff}) + "\"}",
    "{\"a\":1e999999}", "{\"a\":-1e999999}", "{\"a\":123456789012345678901234567890123456789012345678901234567890}",
    "{PAD:70000}", "{\"a\":\"{PAD:70000}\"}"};

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private static final String[] FIELD_VALUES = {"null", "true", "\"\"", "\"{PAD:5000}\"", "-1", "0", "1.5", "1e308", "-1e308",
    "18446744073709551617", "-18446744073709551617", "9007199254740993", "1e-400", "[]", "{}", "[1,2,3]", "{\"$gt\":\"\"}",
    "\"'; DROP TABLE bookings; --\"", "\"<script>alert(1)</script>\"", "\"\\u202e\\u0000\\r\\n\"", "\"" + latin(utf8("ʼ€𝄞")) + "\"",
    "\"2026-02-30T10:00:00Z\"", "\"+999999999-12-31T23:59:59Z\"", "\"NaN\"", "\"" + latin(utf8("١")) + "\"", "123.0", "\"12\""};

  private void jsonBodies() {
    for (String[] e : ENDPOINTS) {
      if (!"J".equals(e[3])) {
        continue;
      }
      for (String body : pick(BAD_JSON, 22)) {
        // a PATCH of a valid object with no known field would be a harmless no-op, but a write all the same
        if (!"PATCH".equals(e[0]) || !body.matches("(\u00ef\u00bb\u00bf)?\\{(\"|\\}).*|/\\*.*")) {
          add("HTTP", "json", normal(e, body));
        }
      }
      add("HTTP", "json", normal(e, nested(20000)));
      add("HTTP", "json", normal(e, "{\"a\":" + nested(2000) + "}"));
      String[] fields = switch (e[1]) {
        case "/api/auth/register" -> new String[] {"email", "password", "name", "role"};
        case "/api/auth/login" -> new String[] {"email", "password"};
        case "/api/auth/password" -> new String[] {"currentPassword", "newPassword"};
        case "/api/bookings" -> new String[] {"chargerId", "start", "end", "flexMinutes", "expectedPriceMinor"};
        case "/api/chargers/{CHARGER}/blocks" -> new String[] {"start", "end", "reason"};
        case "/api/me/roles" -> new String[] {"add"};
        case "/api/bookings/{BOOKING}/review" -> new String[] {"rating", "comment"};
        case "/api/bookings/{BOOKING}/review/reply" -> new String[] {"reply"};
        default -> new String[] {"name", "description", "address", "lat", "lng", "connectorType", "powerKw", "pricePerHourMinor",
          "currency", "slotMinutes", "timeZone", "openingHours", "accessInstructions", "status"};
      };
      String refused = refusedBody(e[1]);
      for (String field : fields) {
        for (String value : FIELD_VALUES) {
          // the fuzzed field goes first; a later duplicate of an invalid field keeps the whole body refused
          String body = "{\"" + field + "\":" + value + "," + refused.substring(1);
          if (random.nextInt(9) == 0) {
            add("HTTP", "json", normal(e, body));
          }
        }
        add("HTTP", "json", normal(e, "{\"" + field + "\":" + FIELD_VALUES[random.nextInt(FIELD_VALUES.length)] + "," + refused.substring(1)));
      }
      // a right body with the wrong media type, or a broken length
      for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=--x",
        "application/json; charset=utf-16", "application/xml", "*/*", "application/json\u0000"}) {
        add("HTTP", "json", request(e[0], e[1], auth(e[2]) + "Content-Type: " + type + "\r\n", refused));
      }
      add("HTTP", "json", request(e[0], e[1], auth(e[2]), refused));
      add("HTTP", "json", latin(utf8(request(e[0], e[1], auth(e[2]) + "Content-Type: application/json\r\n",
        refused.replace("\"x\"", "\"मराठी 🚗\"").replace("\"Fuzz\"", "\"मराठी 🚗\"")))));
    }
    add("HTTP", "json", request("POST", "/api/bookings", auth("D") + "Content-Type: application/json\r\nIdempotency-Key: fz-1\r\n",
      refusedBody("/api/bookings")));
  }

  // ---- page forms ----

  private static final String[] BAD_FORMS = {"", "=", "&&&", "%zz=1", "a=%zz", "a=%", "a=%4", "email=%00", "next=%0d%0aX:1",
    "next=%2F%09%2Fevil.example", "next=//evil.example", "next=/\\evil.example", "next=https://evil.example",
    "email=a&email=b&password=c&password=d", "name={PAD:70000}", "a={PAD:3000}&b={PAD:3000}", "role=DRIVER%00",
    "lat=NaN&lng=Infinity&powerKw=1e309", "pricePerHourMinor=18446744073709551617", "slotMinutes=1e1",
    "hours.MON.mode=open&hours.MON.open=25:00&hours.MON.close=-1:00", "start=2026-02-30T10:00&end=x", "status=%C0%80",
    "email=" + latin(utf8("ü@例え.jp")) + "&password=x", latin(new byte[] {(byte) 0xff, (byte) 0xfe, 0x3d, 0x31})};

  private void forms() {
    for (String[] e : ENDPOINTS) {
      if (!"F".equals(e[3])) {
        continue;
      }
      String refused = refusedForm(e[1]);
      for (String f : pick(BAD_FORMS, 12)) {
        add("HTTP", "form", normal(e, f.isEmpty() ? refused : f + "&" + refused));
      }
      // an edit form with no fields at all is a valid edit (it clears the optional ones): not sent here
      for (String type : e[1].endsWith("/edit") ? new String[0] : new String[] {"application/json", "text/plain",
        "multipart/form-data; boundary=zz", "multipart/form-data", "application/x-www-form-urlencoded; charset=utf-7"}) {
        String body = type.startsWith("multipart") ? "--zz\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--zz" : refused;
        add("HTTP", "form", request(e[0], e[1], auth(e[2]) + "Content-Type: " + type + "\r\n", body));
      }
      // cross-site: another origin with the cookie, or no origin at all
      add("HTTP", "form", request(e[0], e[1], auth(e[2]).replace("Origin: http://{HOST}", "Origin: http://evil.example")
        + "Content-Type: application/x-www-form-urlencoded\r\n", refused));
    }
  }

  // ---- photo uploads: bodies that are not images, or not whole, under every declared type ----

  /** None is a readable JPEG, PNG or WebP, or it claims too many pixels: each upload is refused (415, 413 or 400). */
  private static final String[] BAD_IMAGES = {"", "\u0000", "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;",
    "\u00ff\u00d8\u00ff", "\u00ff\u00d8\u00ff\u00e0\u0000\u0010JFIF\u0000\u0001{PAD:200}",
    "\u0089PNG\r\n\u001a\n", "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000N \u0000\u0000N \u0008\u0002\u0000\u0000\u0000",
    "RIFF\u0004\u0000\u0000\u0000WEBP", "RIFF\u00ff\u00ff\u00ff\u00ffWEBPVP8 {PAD:100}", "RIFF\u0010\u0000\u0000\u0000WAVEfmt ",
    "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "%PDF-1.7\n%\u00e2\u00e3", "BM{PAD:60}",
    "{\"photo\":\"data:image/png;base64,iVBORw0KGgo=\"}", "{PAD:4000}"};

  private void photos() {
    String[] types = {"image/jpeg", "image/png", "image/webp", "image/gif", "image/svg+xml", "application/octet-stream",
      "image/png; charset=utf-8", "IMAGE/PNG", "image/", "*/*", "text/plain", "multipart/form-data; boundary=zz"};
    for (String body : BAD_IMAGES) {
      for (String type : pick(types, 3)) {
        add("HTTP", "photo", request("POST", "/api/chargers/{CHARGER}/photos", auth("H") + "Content-Type: " + type + "\r\n", body));
      }
      // the page form: the same bytes as the file part, and broken multipart around them
      String part = "--zz\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
        + body + "\r\n--zz--\r\n";
      add("HTTP", "photo", request("POST", "/host/chargers/{CHARGER}/photos", auth("C")
        + "Content-Type: multipart/form-data; boundary=zz\r\n", part));
    }
    String[] multiparts = {"--zz\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"../../etc/passwd\"\r\n\r\nroot\r\n--zz--\r\n",
      "--zz\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\nnot a file\r\n--zz--\r\n",
      "--zz\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\n\r\n\u0089PNG", "--zz--\r\n", "--yy\r\n\r\n--yy--",
      "--zz\r\nContent-Disposition: form-data; name=\"photo\"; filename*=UTF-8''%E2%80%AE.png\r\n\r\nx\r\n--zz--\r\n"};
    for (String m : multiparts) {
      add("HTTP", "photo", request("POST", "/host/chargers/{CHARGER}/photos", auth("C")
        + "Content-Type: multipart/form-data; boundary=zz\r\n", m));
    }
    // uploads by the wrong people, to the wrong places, or announced larger than allowed
    add("HTTP", "photo", request("POST", "/api/chargers/{CHARGER}/photos", auth("D") + "Content-Type: image/png\r\n", "\u0089PNG"));
    add("HTTP", "photo", request("POST", "/api/chargers/987654321/photos", auth("H") + "Content-Type: image/png\r\n", "\u0089PNG"));
    add("HTTP", "photo", request("POST", "/api/chargers/{CHARGER}/photos", "Content-Type: image/png\r\n", "\u0089PNG"));
    add("HTTP", "photo", "POST /api/chargers/{CHARGER}/photos HTTP/1.1\r\nHost: {HOST}\r\n" + auth("H")
      + "Content-Type: image/jpeg\r\nContent-Length: 5242881\r\nConnection: close\r\n\r\n\u00ff\u00d8\u00ff");
    add("HTTP", "photo", request("GET", "/api/chargers/{CHARGER}/photos/987654321", "If-None-Match: \"photo-987654321\"\r\n", null));
  }

  // ---- framing: chunked bodies, lengths, pipelines ----

  private void framing() {
    String[][] posts = {{"POST", "/api/auth/login", "-"}, {"POST", "/api/bookings", "D"}, {"PATCH", "/api/chargers/{CHARGER}", "H"},
      {"POST", "/login", "-"}, {"POST", "/host/chargers/{CHARGER}/status", "C"}};
    for (String[] p : posts) {
      String head = p[0] + " " + p[1] + " HTTP/1.1\r\nHost: {HOST}\r\n" + auth(p[2]) + "Content-Type: "
        + (p[1].startsWith("/api") ? "application/json" : "application/x-www-form-urlencoded") + "\r\nConnection: close\r\n";
      // no placeholder in a body whose length a chunk header states
      String body = (p[1].startsWith("/api") ? refusedBody(p[1]) : refusedForm(p[1])).replace("{CHARGER}", "987654321");
      String hex = Integer.toHexString(body.length());
      String[] chunked = {
        "zz\r\n" + body + "\r\n0\r\n\r\n", hex + "\r\n" + body + "\r\n0\r\n\r\n", hex + ";ext=1\r\n" + body + "\r\n0\r\n\r\n",
        "-1\r\n" + body + "\r\n0\r\n\r\n", "ffffffffffffffff\r\n" + body + "\r\n0\r\n\r\n", "1\r\n{\r\nzz\r\n",
        hex + "\r\n" + body + "0\r\n\r\n", hex + "\n" + body + "\n0\n\n", "0\r\nX-Trailer: " + latin(utf8("é")) + "\r\n\r\n",
        " " + hex + "\r\n" + body + "\r\n0\r\n\r\n", "0x" + hex + "\r\n" + body + "\r\n0\r\n\r\n"};
      for (String c : chunked) {
        add("HTTP", "framing", head + "Transfer-Encoding: chunked\r\n\r\n" + c);
        add("HTTP", "framing", head + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n" + c);
        add("HTTP", "framing", head + "Transfer-Encoding: Chunked\r\n\r\n" + c);
      }
      add("HTTP", "framing", head + "Content-Length: 2\r\n\r\n" + body);
      add("HTTP", "framing", head + "Content-Length: 0\r\n\r\n" + body);

      // heads that promise more than they send: the slow-client watch must end them (one each, they take seconds)
      String[] slow = {head + "Content-Length: 5000\r\n\r\n" + body, head + "Content-Length: 070000\r\n\r\n" + body,
        head + "Transfer-Encoding: gzip\r\n\r\n" + body, head + "Transfer-Encoding: chunked, identity\r\n\r\n" + body,
        head.replace("Connection: close\r\n", "") + "X-Unfinished: head"};
      add("HTTP", "slow", slow[java.util.Arrays.asList(posts).indexOf(p)]);
    }
    // pipelined requests, some of them broken
    add("HTTP", "framing", "GET /health HTTP/1.1\r\nHost: {HOST}\r\n\r\nGET /api/chargers/%zz HTTP/1.1\r\nHost: {HOST}\r\n\r\n"
      + "BREW / HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n");
    add("HTTP", "framing", "GET /health HTTP/1.1\r\nHost: {HOST}\r\nContent-Length: 5\r\n\r\nGET / HTTP/1.1\r\n\r\n");
    add("HTTP", "framing", "GET /health HTTP/1.1\r\nHost: {HOST}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /metrics HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n");
  }

  // ---- WebSocket frames and messages ----

  private static byte[] frame(int firstByte, boolean masked, byte[] payload, Long claimedLength) {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(firstByte);
    long len = claimedLength != null ? claimedLength : payload.length;
    int mask = masked ? 0x80 : 0;
    if (len < 126) {
      f.write(mask | (int) len);
    } else if (len < 65536) {
      f.write(mask | 126);
      f.write((int) (len >> 8) & 0xff);
      f.write((int) len & 0xff);
    } else {
      f.write(mask | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) (len >> (8 * i)) & 0xff);
      }
    }
    byte[] key = {0x12, 0x34, 0x56, 0x78};
    if (masked) {
      f.writeBytes(key);
    }
    for (int i = 0; i < payload.length; i++) {
      f.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
    }
    return f.toByteArray();
  }

  private static byte[] text(String s) {
    return frame(0x81, true, utf8(s), null);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  private void webSocket() {
    byte[] ok = utf8("{\"type\":\"subscribe\",\"chargerIds\":[1]}");
    // broken frames
    add("WS", "frame", frame(0x81, false, ok, null));
    for (int op : new int[] {0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf}) {
      add("WS", "frame", frame(0x80 | op, true, ok, null));
    }
    for (int rsv : new int[] {0x40, 0x20, 0x10, 0x70}) {
      add("WS", "frame", frame(0x81 | rsv, true, ok, null));
    }
    add("WS", "frame", frame(0x89, true, new byte[200], null));
    add("WS", "frame", frame(0x09, true, utf8("ping"), null));
    add("WS", "frame", frame(0x80, true, ok, null));
    add("WS", "frame", frame(0x00, true, ok, null));
    add("WS", "frame", concat(frame(0x01, true, utf8("{\"type\":"), null), frame(0x01, true, utf8("\"ping\"}"), null)));
    add("WS", "frame", concat(frame(0x01, true, utf8("{\"type\":"), null), frame(0x89, true, utf8("x"), null),
      frame(0x80, true, utf8("\"ping\"}"), null)));
    add("WS", "frame", frame(0x81, true, new byte[] {(byte) 0xc0, (byte) 0xaf}, null));
    add("WS", "frame", frame(0x81, true, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, null));
    add("WS", "frame", frame(0x81, true, new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xfd}, null));
    add("WS", "frame", frame(0x88, true, new byte[] {0x03}, null));
    add("WS", "frame", frame(0x88, true, new byte[] {0x03, (byte) 0xe7}, null));
    add("WS", "frame", frame(0x88, true, new byte[] {0x03, (byte) 0xed}, null));
    add("WS", "frame", frame(0x88, true, concat(new byte[] {0x03, (byte) 0xe8}, new byte[] {(byte) 0xff}), null));
    add("WS", "frame", frame(0x81, true, ok, Long.MAX_VALUE));
    add("WS", "frame", frame(0x81, true, ok, 1L << 40));
    add("WS", "frame", frame(0x81, true, ok, 70000L));
    add("WS", "frame", frame(0x81, true, "a".repeat(70000).getBytes(StandardCharsets.US_ASCII), null));
    add("WS", "frame", frame(0x82, true, new byte[] {1, 2, 3}, null));
    add("WS", "frame", frame(0x81, true, new byte[0], null));
    add("WS", "frame", new byte[] {(byte) 0x81});
    add("WS", "frame", new byte[] {(byte) 0x81, (byte) 0xfe, 0x00});
    add("WS", "frame", "GET / HTTP/1.1\r\nHost: {HOST}\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    byte[] pings = new byte[0];
    for (int i = 0; i < 200; i++) {
      pings = concat(pings, frame(0x89, true, utf8("p" + i), null));
    }
    add("WS", "frame", pings);
    // well-formed frames, malformed messages
    String[] messages = {"", "{", "null", "[]", "42", "\"subscribe\"", "{}", "{\"type\":null}", "{\"type\":1}", "{\"type\":\"SUBSCRIBE\"}",
      "{\"type\":\"explode\"}", "{\"type\":\"subscribe\"}", "{\"type\":\"subscribe\",\"chargerIds\":null}",
      "{\"type\":\"subscribe\",\"chargerIds\":\"1\"}", "{\"type\":\"subscribe\",\"chargerIds\":[\"1\"]}",
      "{\"type\":\"subscribe\",\"chargerIds\":[0]}", "{\"type\":\"subscribe\",\"chargerIds\":[-1]}",
      "{\"type\":\"subscribe\",\"chargerIds\":[1.5]}", "{\"type\":\"subscribe\",\"chargerIds\":[18446744073709551617]}",
      "{\"type\":\"subscribe\",\"chargerIds\":[9007199254740993]}", "{\"type\":\"subscribe\",\"chargerIds\":[1e308]}",
      "{\"type\":\"subscribe\",\"chargerIds\":[[1]]}", "{\"type\":\"subscribe\",\"chargerIds\":[null]}",
      "{\"type\":\"subscribe\",\"bbox\":[1,2,3]}", "{\"type\":\"subscribe\",\"bbox\":[181,0,182,1]}",
      "{\"type\":\"subscribe\",\"bbox\":[0,91,1,92]}", "{\"type\":\"subscribe\",\"bbox\":[\"a\",\"b\",\"c\",\"d\"]}",
      "{\"type\":\"subscribe\",\"bbox\":\"1,2,3\"}", "{\"type\":\"subscribe\",\"bbox\":\"NaN,NaN,NaN,NaN\"}",
      "{\"type\":\"subscribe\",\"bbox\":[-180,-90,180,90]}", "{\"type\":\"subscribe\",\"mine\":true}", "{\"type\":\"subscribe\",\"mine\":\"yes\"}",
      "{\"type\":\"unsubscribe\",\"all\":1}", "{\"type\":\"unsubscribe\"}", "{\"type\":\"ping\",\"id\":{\"a\":1}}",
      "{\"type\":\"ping\",\"id\":\"" + "x".repeat(5000) + "\"}", "{\"type\":\"ping\",\"id\":18446744073709551617}",
      "{\"type\":\"subscribe\",\"chargerIds\":[1],\"type\":\"explode\"}", "{\"type\":\"\\u0000\"}", "{\"type\":\"ping\"}{\"type\":\"ping\"}",
      nested(5000), "{\"type\":\"subscribe\",\"chargerIds\":" + nested(3000) + "}", "x".repeat(9000)};
    for (String m : messages) {
      add("WS", "message", text(m));
    }
    StringBuilder many = new StringBuilder("{\"type\":\"subscribe\",\"chargerIds\":[");
    for (int i = 1; i <= 1200; i++) {
      many.append(i == 1 ? "" : ",").append(i);
    }
    add("WS", "message", text(many.append("]}").toString()));
    for (int i = 0; i < 40; i++) {
      StringBuilder burst = new StringBuilder("{\"type\":\"subscribe\",\"chargerIds\":[");
      for (int j = 0; j < 30; j++) {
        burst.append(j == 0 ? "" : ",").append(1 + random.nextInt(1_000_000));
      }
      add("WS", "message", concat(text(burst.append("]}").toString()), text("{\"type\":\"unsubscribe\",\"all\":true}")));
    }
  }

  /** n distinct entries of {@code from}, chosen by the seeded random. */
  private <T> List<T> pick(T[] from, int n) {
    List<T> all = new ArrayList<>(List.of(from));
    java.util.Collections.shuffle(all, random);
    return all.subList(0, Math.min(n, all.size()));
  }

  // ---- escaping ----

  static String escape(byte[] raw) {
    StringBuilder s = new StringBuilder(raw.length + 16);
    for (byte b : raw) {
      int c = b & 0xff;
      switch (c) {
        case '\r' -> s.append("\\r");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        case '\\' -> s.append("\\\\");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            s.append(String.format("\\x%02x", c));
          } else {
            s.append((char) c);
          }
        }
      }
    }
    return s.toString();
  }

  static byte[] unescape(String s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        b.write(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'r' -> b.write('\r');
        case 'n' -> b.write('\n');
        case 't' -> b.write('\t');
        case '\\' -> b.write('\\');
        case 'x' -> {
          b.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        }
        default -> throw new IllegalArgumentException("bad escape \\" + n);
      }
    }
    return b.toByteArray();
  }
}
