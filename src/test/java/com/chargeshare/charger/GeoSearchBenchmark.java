package com.chargeshare.charger;

import com.chargeshare.db.DbSettings;
import com.chargeshare.db.Migrations;
import com.chargeshare.support.Http;
import com.chargeshare.support.TestDatabase;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search benchmark of bench/SEARCH.md: 100,000 chargers, nearest 50 within 10 km, p50/p99 over HTTP
 * (what a client sees) and at the repository (the SQL alone). Only runs when asked:
 *
 * <pre>CHARGESHARE_BENCH=1 CHARGESHARE_TEST_DB_URL=mysql://root@127.0.0.1:3306/test \
 *   mvn -B -o test -Dtest=GeoSearchBenchmark</pre>
 *
 * Chargers cluster the way they would in India: 70% around twenty cities (a few kilometres of spread,
 * so searches in a city centre find thousands of candidates in their box), 30% scattered across the
 * country. Query points are city centres with a little jitter: the dense, worst case.
 */
@EnabledIfEnvironmentVariable(named = "CHARGESHARE_BENCH", matches = "1|true")
@DisplayName("Geo search benchmark: nearest 50 within 10 km among 100,000 chargers")
class GeoSearchBenchmark {

  static final int CHARGERS = 100_000;
  static final int WARMUP = 1_000;
  static final int MEASURED = 5_000;
  static final double[][] CITIES = {
    {12.9716, 77.5946}, {19.0760, 72.8777}, {28.6139, 77.2090}, {13.0827, 80.2707}, {22.5726, 88.3639},
    {17.3850, 78.4867}, {18.5204, 73.8567}, {23.0225, 72.5714}, {26.9124, 75.7873}, {21.1702, 72.8311},
    {26.8467, 80.9462}, {21.1458, 79.0882}, {22.7196, 75.8577}, {9.9312, 76.2673}, {11.0168, 76.9558},
    {30.7333, 76.7794}, {15.2993, 74.1240}, {25.5941, 85.1376}, {20.2961, 85.8245}, {8.5241, 76.9366}};
  static final String[] CONNECTORS = {"TYPE2", "CCS2", "THREE_PIN", "GBT", "CHADEMO", "TYPE1"};

  @Test
  @DisplayName("p50 and p99 of a nearest-50 search, over HTTP and at the repository")
  void run() throws Exception {
    DbSettings db = TestDatabase.fresh("geobench");
    Migrations.apply(db);
    long t0 = System.nanoTime();
    load(db);
    System.out.printf(Locale.ROOT, "Loaded %,d chargers in %d ms%n", CHARGERS, (System.nanoTime() - t0) / 1_000_000);

    // CHARGESHARE_EVENT_LOOPS and CHARGESHARE_NATIVE_TRANSPORT as the jar takes them, so two settings can be compared
    // (absent: the defaults, one loop per core on epoll)
    int eventLoops = Integer.parseInt(System.getenv().getOrDefault("CHARGESHARE_EVENT_LOOPS", "0"));
    boolean nativeTransport = Boolean.parseBoolean(System.getenv().getOrDefault("CHARGESHARE_NATIVE_TRANSPORT", "true"));
    System.out.printf(Locale.ROOT, "Event loops: %s; native transport: %s%n", eventLoops == 0 ? "default" : eventLoops,
      nativeTransport);
    try (TestServer server = TestServer.start(db, new JsonObject().put("eventLoops", eventLoops).put("nativeTransport", nativeTransport))) {
      Http http = new Http(server.url());
      Random random = new Random(7);
      Histogram viaHttp = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
      int[] hits = new int[1];
      for (int i = 0; i < WARMUP + MEASURED; i++) {
        double[] p = queryPoint(random);
        String path = String.format(Locale.ROOT, "/api/chargers?lat=%.6f&lng=%.6f&radiusKm=10&limit=50", p[0], p[1]);
        long s = System.nanoTime();
        Http.Response r = http.get(path, null);
        long took = System.nanoTime() - s;
        assertThat(r.status()).isEqualTo(200);
        if (i >= WARMUP) {
          viaHttp.recordValue(took);
          hits[0] += r.json().getJsonArray("chargers").size();
        }
      }
      ChargerRepository repo = server.app().services().chargers();
      Histogram viaRepo = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
      for (int i = 0; i < WARMUP + MEASURED; i++) {
        double[] p = queryPoint(random);
        long s = System.nanoTime();
        List<ChargerRepository.Located> found = repo.near(p[0], p[1], 10, SearchFilter.NONE, 50).await();
        long took = System.nanoTime() - s;
        assertThat(found).isNotEmpty();
        if (i >= WARMUP) {
          viaRepo.recordValue(took);
        }
      }
      report("HTTP GET /api/chargers?lat&lng&radiusKm=10&limit=50", viaHttp);
      report("ChargerRepository.near(radius 10 km, limit 50)", viaRepo);
      System.out.printf(Locale.ROOT, "Average results per HTTP search: %.1f%n", hits[0] / (double) MEASURED);
    }
  }

  private static double[] queryPoint(Random random) {
    double[] c = CITIES[random.nextInt(CITIES.length)];
    return new double[]{c[0] + random.nextGaussian() * 0.02, c[1] + random.nextGaussian() * 0.02};
  }

  private static void report(String what, Histogram h) {
    System.out.printf(Locale.ROOT, "%s: n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms p99.9=%.2f ms max=%.2f ms%n", what,
      h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
      ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** Multi-row INSERTs of 1,000 chargers each: the load takes seconds, not minutes. */
  private static void load(DbSettings db) throws Exception {
    Random random = new Random(42);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.setAutoCommit(false);
      long hostId;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (email, email_normalized, password_hash, name, role) "
        + "VALUES ('bench@example.com', 'bench@example.com', 'x', 'Bench host', 'HOST')", new String[]{"id"})) {
        ps.executeUpdate();
        var keys = ps.getGeneratedKeys();
        keys.next();
        hostId = keys.getLong(1);
      }
      int batch = 1000;
      StringBuilder sql = new StringBuilder("INSERT INTO chargers (host_id, name, description, address, lat, lng, connector_type, "
        + "power_kw, price_per_hour_minor, currency, slot_minutes, time_zone, status) VALUES ");
      for (int i = 0; i < batch; i++) {
        sql.append(i == 0 ? "" : ",").append("(?, ?, NULL, ?, ?, ?, ?, ?, ?, 'INR', 30, 'Asia/Kolkata', 'ONLINE')");
      }
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int done = 0; done < CHARGERS; done += batch) {
          int k = 1;
          for (int i = 0; i < batch; i++) {
            double lat;
            double lng;
            if (random.nextInt(10) < 7) {
              double[] city = CITIES[random.nextInt(CITIES.length)];
              lat = city[0] + random.nextGaussian() * 0.06;
              lng = city[1] + random.nextGaussian() * 0.06;
            } else {
              lat = 8 + random.nextDouble() * 24;
              lng = 69 + random.nextDouble() * 20;
            }
            ps.setLong(k++, hostId);
            ps.setString(k++, "Bench charger " + (done + i));
            ps.setString(k++, "Somewhere in India");
            ps.setDouble(k++, lat);
            ps.setDouble(k++, lng);
            ps.setString(k++, CONNECTORS[random.nextInt(CONNECTORS.length)]);
            ps.setDouble(k++, 3.3 + random.nextInt(100));
            ps.setLong(k++, 3000 + random.nextInt(80000));
          }
          ps.executeUpdate();
        }
      }
      c.commit();
      try (var st = c.createStatement()) {
        st.execute("ANALYZE TABLE chargers");
      }
    }
  }
}
