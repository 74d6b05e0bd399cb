package com.chargeshare.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live layer's benchmark, not a test: it opens many sockets on a running server, books at a steady rate
 * through the public API, and times every push from the engine's commit (the message's {@code committedAt}) to
 * its arrival here. It also reports the server's memory per open socket. {@code bench/live-push.sh} starts a
 * server on a fresh database and runs it.
 *
 * <p>Modes: {@code spread} (half the sockets follow one charger each, as a charger page does; half follow a
 * small map viewport somewhere in the city, so each change reaches a few dozen sockets) and {@code hot} (every
 * socket follows the whole city, so each change reaches all of them at once: the worst burst).
 */
public final class LivePushBenchmark {

  private static final double CITY_LAT = 12.97;
  private static final double CITY_LNG = 77.59;
  private static final double CITY_HALF_SPAN = 0.25;

  private final Vertx vertx = Vertx.vertx();
  private final URI base;
  private final WebClient http;
  private final Random random = new Random(42);
  private final Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong seqGaps = new AtomicLong();
  /** Sockets the server closed (idle, too slow) or that broke: a closed socket hears nothing more, silently otherwise. */
  private final AtomicLong socketsClosed = new AtomicLong();
  /** Why they closed: the close frame's status code and reason ("none" when the connection just ended). */
  private final Map<String, AtomicLong> closedBy = new java.util.concurrent.ConcurrentHashMap<>();
  /** Errors the sockets reported, by class. */
  private final Map<String, AtomicLong> socketErrors = new java.util.concurrent.ConcurrentHashMap<>();
  /** When the first socket closed, in ms since the sockets were open (-1: none closed). */
  private volatile long firstCloseMs = -1;
  private volatile long openedAt;
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  /** Slots booked so far per charger: each booking takes the next free half hour, so none is refused. */
  private final Map<Long, Integer> nextSlot = new HashMap<>();
  private volatile boolean measuring;
  private WebSocketClient sockets;

  private LivePushBenchmark(URI base) {
    this.base = base;
    // idle pooled connections are let go before the server's header timeout (20 s) closes them under a request
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort())
        .setKeepAliveTimeout(10),
      new PoolOptions().setHttp1MaxSize(64));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>(Map.of("--url", "http://127.0.0.1:8080", "--sockets", "10000",
      "--chargers", "1000", "--rate", "50", "--duration", "30", "--warmup", "5", "--mode", "spread"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i], args[i + 1]);
    }
    LivePushBenchmark bench = new LivePushBenchmark(URI.create(opts.get("--url")));
    try {
      bench.run(Integer.parseInt(opts.get("--sockets")), Integer.parseInt(opts.get("--chargers")),
        Double.parseDouble(opts.get("--rate")), Integer.parseInt(opts.get("--duration")),
        Integer.parseInt(opts.get("--warmup")), opts.get("--mode"), opts.get("--server-pid"));
    } finally {
      bench.vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private record Charger(long id, double lat, double lng) {
  }

  private void run(int socketCount, int chargerCount, double rate, int seconds, int warmup, String mode, String serverPid)
    throws Exception {
    boolean hot = "hot".equals(mode);
    log("setting up: 1 host, 10 drivers, %d chargers", chargerCount);
    String host = await(signUp("HOST"));
    List<String> drivers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      drivers.add(await(signUp("DRIVER")));
    }
    List<Charger> chargers = createChargers(host, chargerCount);

    Memory before = Memory.of(serverPid);
    log("opening %d sockets (%s)", socketCount, mode);
    // a field, not a local: Vert.x closes a client nobody references any more (a cleaner runs when it is collected),
    // and with it every socket it opened; as a local it closed all 10,000 sockets with 1000 at a garbage collection
    // tens of seconds into a hot-mode run
    sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(socketCount + 10));
    Map<Long, Integer> followers = new HashMap<>();
    List<double[]> boxes = new ArrayList<>();
    List<Future<WebSocket>> opened = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < socketCount; i++) {
      JsonObject subscribe = new JsonObject().put("type", "subscribe");
      if (hot) {
        double[] city = {CITY_LNG - CITY_HALF_SPAN, CITY_LAT - CITY_HALF_SPAN, CITY_LNG + CITY_HALF_SPAN, CITY_LAT + CITY_HALF_SPAN};
        boxes.add(city);
        subscribe.put("bbox", box(city));
      } else if (i % 2 == 0) {
        Charger c = chargers.get(random.nextInt(chargers.size()));
        followers.merge(c.id(), 1, Integer::sum);
        subscribe.put("chargerIds", new JsonArray().add(c.id()));
      } else {
        // a phone-sized viewport at street-to-district zoom: 0.06 x 0.04 degrees
        double lng = CITY_LNG - CITY_HALF_SPAN + random.nextDouble() * (2 * CITY_HALF_SPAN - 0.06);
        double lat = CITY_LAT - CITY_HALF_SPAN + random.nextDouble() * (2 * CITY_HALF_SPAN - 0.04);
        double[] b = {lng, lat, lng + 0.06, lat + 0.04};
        boxes.add(b);
        subscribe.put("bbox", box(b));
      }
      opened.add(open(sockets, subscribe.encode()));
      if (opened.size() % 250 == 0) {
        await(Future.all(opened.subList(opened.size() - 250, opened.size())));
      }
    }
    await(Future.all(opened));
    log("%d sockets open and subscribed in %d ms", socketCount, (System.nanoTime() - t0) / 1_000_000);
    openedAt = System.nanoTime();
    Thread.sleep(2000);
    Memory after = Memory.of(serverPid);

    Map<Long, Integer> reach = new HashMap<>();
    for (Charger c : chargers) {
      int n = followers.getOrDefault(c.id(), 0);
      for (double[] b : boxes) {
        if (c.lng() >= b[0] && c.lng() <= b[2] && c.lat() >= b[1] && c.lat() <= b[3]) n++;
      }
      reach.put(c.id(), n);
    }

    log("booking at %.0f/s: %d s warm-up, then %d s measured", rate, warmup, seconds);
    drive(chargers, drivers, rate, warmup, reach);
    latency.reset();
    received.set(0);
    refused.set(0);
    failed.set(0);
    long serverCpuBefore = cpuNanos(serverPid);
    long clientCpuBefore = clientCpuNanos();
    long boxBefore = boxBusyTicks();
    long wallBefore = System.nanoTime();
    long measuredFrom = (System.nanoTime() - openedAt) / 1_000_000;
    measuring = true;
    long[] expected = drive(chargers, drivers, rate, seconds, reach);
    Thread.sleep(3000);
    measuring = false;
    long serverCpu = cpuNanos(serverPid) - serverCpuBefore;
    long clientCpu = clientCpuNanos() - clientCpuBefore;
    long boxAfter = boxBusyTicks();
    double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;

    JsonObject report = new JsonObject()
      .put("mode", mode).put("sockets", socketCount).put("chargers", chargerCount)
      .put("bookingsPerSecond", rate).put("durationSeconds", seconds)
      .put("bookingsConfirmed", expected[0]).put("bookingsRefused", refused.get()).put("bookingsFailed", failed.get())
      .put("pushesExpected", expected[1]).put("pushesReceived", received.get())
      .put("seqGaps", seqGaps.get()).put("socketsClosed", socketsClosed.get())
      .put("socketsClosedBy", counts(closedBy)).put("socketErrors", counts(socketErrors))
      .put("firstCloseSecondsAfterOpen", firstCloseMs < 0 ? null : firstCloseMs / 1000.0)
      .put("measuredFromSecondsAfterOpen", measuredFrom / 1000.0)
      // CPU time over the measured phase, per push received: what a push costs, however busy the machine is
      .put("serverCpuSeconds", serverCpu / 1e9).put("clientCpuSeconds", clientCpu / 1e9)
      .put("serverCpuMicrosPerPush", received.get() == 0 ? 0 : Math.round(serverCpu / 10.0 / received.get()) / 100.0)
      .put("clientCpuMicrosPerPush", received.get() == 0 ? 0 : Math.round(clientCpu / 10.0 / received.get()) / 100.0)
      // every process on the box over the same window, in cores (the box has availableProcessors): how full it was
      .put("boxCores", Runtime.getRuntime().availableProcessors())
      .put("boxBusyCores", Math.round((boxAfter - boxBefore) / 100.0 / wallSeconds * 100) / 100.0)
      .put("serverAndClientCores", Math.round((serverCpu + clientCpu) / 1e7 / wallSeconds) / 100.0)
      .put("pushLatencyMs", new JsonObject()
        .put("p50", ms(latency.getValueAtPercentile(50))).put("p90", ms(latency.getValueAtPercentile(90)))
        .put("p99", ms(latency.getValueAtPercentile(99))).put("p999", ms(latency.getValueAtPercentile(99.9)))
        .put("max", ms(latency.getMaxValue())));
    if (before != null && after != null) {
      report.put("serverMemoryPerSocketBytes", new JsonObject()
        .put("heapAfterGc", (after.heapUsedBytes - before.heapUsedBytes) / socketCount)
        .put("rss", (after.rssBytes - before.rssBytes) / socketCount));
    }
    System.out.println(report.encodePrettily());
  }

  private static JsonObject counts(Map<String, AtomicLong> counts) {
    JsonObject o = new JsonObject();
    counts.forEach((k, v) -> o.put(k, v.get()));
    return o;
  }

  private static JsonArray box(double[] b) {
    return new JsonArray().add(b[0]).add(b[1]).add(b[2]).add(b[3]);
  }

  private Future<WebSocket> open(WebSocketClient client, String subscribe) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
      .setURI("/ws/availability");
    return client.connect(options).compose(ws -> {
      io.vertx.core.Promise<WebSocket> acknowledged = io.vertx.core.Promise.promise();
      Map<Long, Long> lastSeq = new HashMap<>();
      // the raw frames, not messages: the server sends each message as one frame, and the client, on the same box as
      // the server, reads only the three fields it times (a JSON tree per push would cost it more than the server)
      ws.closeHandler(v -> {
        if (socketsClosed.incrementAndGet() == 1) {
          firstCloseMs = (System.nanoTime() - openedAt) / 1_000_000;
        }
        String why = ws.closeStatusCode() == null ? "none" : ws.closeStatusCode() + " " + ws.closeReason();
        closedBy.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
      });
      ws.exceptionHandler(err -> socketErrors.computeIfAbsent(err.getClass().getSimpleName() + ": " + err.getMessage(),
        k -> new AtomicLong()).incrementAndGet());
      ws.handler(frame -> {
        if (startsWith(frame, SUBSCRIBED)) {
          acknowledged.tryComplete(ws);
          return;
        }
        if (!startsWith(frame, SLOTS)) {
          return;
        }
        Instant now = Instant.now();
        String text = frame.toString(StandardCharsets.UTF_8);
        long seq = Long.parseLong(field(text, "\"seq\":", ','));
        Long previous = lastSeq.put(Long.parseLong(field(text, "\"chargerId\":", ',')), seq);
        if (previous != null && seq != previous + 1) {
          seqGaps.incrementAndGet();
        }
        if (measuring) {
          received.incrementAndGet();
          long micros = ChronoUnit.MICROS.between(Instant.parse(field(text, "\"committedAt\":\"", '"')), now);
          // a push later than the histogram reaches (60 s, on an overloaded box) counts as that late, not as an error
          latency.recordValue(Math.min(latency.getHighestTrackableValue(), Math.max(0, micros)));
        }
      });
      return ws.writeTextMessage(subscribe).compose(v -> acknowledged.future());
    });
  }

  private static final byte[] SUBSCRIBED = "{\"type\":\"subscribed\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SLOTS = "{\"type\":\"slots\"".getBytes(StandardCharsets.UTF_8);

  private static boolean startsWith(Buffer frame, byte[] prefix) {
    if (frame.length() < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (frame.getByte(i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The text after {@code name} up to {@code end}: the server writes these fields without spaces. */
  private static String field(String json, String name, char end) {
    int from = json.indexOf(name) + name.length();
    return json.substring(from, json.indexOf(end, from));
  }

  /** Books at {@code rate} per second for {@code seconds}, open loop; answers {confirmed, pushes expected}. */
  private long[] drive(List<Charger> chargers, List<String> drivers, double rate, int seconds, Map<Long, Integer> reach)
    throws Exception {
    Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
    AtomicLong confirmed = new AtomicLong();
    AtomicLong expected = new AtomicLong();
    List<Future<?>> inFlight = new ArrayList<>();
    long start = System.nanoTime();
    long total = Math.round(rate * seconds);
    for (long i = 0; i < total; i++) {
      long due = start + (long) (i * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      Charger c = chargers.get(random.nextInt(chargers.size()));
      Instant slot = first.plus(Duration.ofMinutes(30L * nextSlot.merge(c.id(), 1, Integer::sum)));
      JsonObject body = new JsonObject().put("chargerId", c.id()).put("start", slot.toString())
        .put("end", slot.plus(Duration.ofMinutes(30)).toString());
      Future<HttpResponse<Buffer>> sent = http.post("/api/bookings")
        .putHeader("Authorization", "Bearer " + drivers.get((int) (i % drivers.size())))
        .sendJsonObject(body)
        .onSuccess(r -> {
          if (r.statusCode() == 201) {
            confirmed.incrementAndGet();
            expected.addAndGet(reach.get(c.id()));
          } else {
            refused.incrementAndGet();
          }
        });
      // a booking that fails is counted, not fatal: its push is simply not expected
      inFlight.add(sent.otherwise(err -> {
        failed.incrementAndGet();
        return null;
      }));
    }
    await(Future.join(inFlight));
    return new long[] {confirmed.get(), expected.get()};
  }

  private List<Charger> createChargers(String host, int count) throws Exception {
    List<Future<Charger>> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double lat = CITY_LAT - CITY_HALF_SPAN + random.nextDouble() * 2 * CITY_HALF_SPAN;
      double lng = CITY_LNG - CITY_HALF_SPAN + random.nextDouble() * 2 * CITY_HALF_SPAN;
      JsonObject body = new JsonObject().put("name", "Bench " + i).put("address", "Bench road " + i).put("lat", lat)
        .put("lng", lng).put("connectorType", "CCS2").put("powerKw", 22).put("pricePerHourMinor", 15000);
      created.add(http.post("/api/chargers").putHeader("Authorization", "Bearer " + host).sendJsonObject(body)
        .map(r -> {
          if (r.statusCode() != 201) {
            throw new IllegalStateException("create charger: " + r.statusCode() + " " + r.bodyAsString());
          }
          return new Charger(r.bodyAsJsonObject().getJsonObject("charger").getLong("id"), lat, lng);
        }));
      if (created.size() % 100 == 0) {
        await(Future.all(created.subList(created.size() - 100, created.size())));
      }
    }
    await(Future.all(created));
    return created.stream().map(Future::result).toList();
  }

  private Future<String> signUp(String role) {
    String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@bench.example";
    JsonObject account = new JsonObject().put("email", email).put("password", "bench-password-1").put("name", "Bench " + role)
      .put("role", role);
    return http.post("/api/auth/register").sendJsonObject(account)
      .compose(r -> http.post("/api/auth/login").sendJsonObject(new JsonObject().put("email", email).put("password", "bench-password-1")))
      .map(r -> r.bodyAsJsonObject().getString("token"));
  }

  /** User and system CPU of a process so far, from /proc (clock ticks of 10 ms); 0 without a pid. */
  private static long cpuNanos(String pid) throws IOException {
    if (pid == null) {
      return 0;
    }
    String stat = Files.readString(Path.of("/proc", pid, "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // after the command: state is field 3, utime 14 and stime 15, counted from 1
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
  }

  /** The whole machine's busy clock ticks (10 ms) so far: every state but idle and iowait, from /proc/stat. */
  private static long boxBusyTicks() throws IOException {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long busy = 0;
    for (int i = 1; i < f.length; i++) {
      busy += i == 4 || i == 5 ? 0 : Long.parseLong(f[i]);
    }
    return busy;
  }

  private static long clientCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
      .getProcessCpuTime();
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }

  private static void log(String format, Object... args) {
    System.err.printf("[live-bench] " + format + "%n", args);
  }

  /** The server's resident memory and its heap after a full GC, read with jcmd and /proc. */
  private record Memory(long heapUsedBytes, long rssBytes) {

    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    static Memory of(String pid) throws IOException, InterruptedException {
      if (pid == null) {
        return null;
      }
      jcmd(pid, "GC.run");
      Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
      long heap = m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
      long rss = Files.readAllLines(Path.of("/proc", pid, "status")).stream()
        .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024)
        .findFirst().orElse(-1L);
      return new Memory(heap, rss);
    }

    private static String jcmd(String pid, String command) throws IOException, InterruptedException {
      Process p = new ProcessBuilder("jcmd", pid, command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      return out;
    }
  }
}
