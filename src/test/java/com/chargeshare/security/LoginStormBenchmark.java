package com.chargeshare.security;

import com.chargeshare.support.Http;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search latency with and without a storm of 50 concurrent logins, at the production bcrypt cost (10), with the
 * login limits off (a storm from many addresses). Run on purpose only:
 * <pre>  CHARGESHARE_BENCH=1 CHARGESHARE_TEST_DB_URL=mysql://root@127.0.0.1:3306/test \
 *   mvn -B -o test -Dtest=LoginStormBenchmark</pre>
 * {@code -Dstorm.compare=true} also runs bcrypt on 20 threads (as on Vert.x's shared worker pool before) for
 * comparison. Prints the p50 of searches in each phase.
 */
@EnabledIfEnvironmentVariable(named = "CHARGESHARE_BENCH", matches = "1|true")
@DisplayName("Benchmark: a login storm slows searches by at most 2x")
class LoginStormBenchmark {

  private static final int STORM = 50;
  private static final int ACCOUNTS = 10;
  private static final int CYCLES = 5;
  private static final int PHASE_MILLIS = Integer.getInteger("storm.phaseMillis", 3000);

  @Test
  void loginStormBarelySlowsSearches() throws Exception {
    double bounded = run("bounded (default)", 0);
    if (Boolean.getBoolean("storm.compare")) {
      double unbounded = run("20 threads (as on the shared worker pool)", 20);
      System.out.printf("login storm: search p50 x%.2f with the bounded pool, x%.2f with 20 threads%n", bounded, unbounded);
    }
    assertThat(bounded).isLessThanOrEqualTo(2.0);
  }

  /**
   * Answers how many times slower the median search got during the storm. The storm is switched on and off
   * every {@code PHASE_MILLIS} and searches are sorted into the two buckets, so that load from outside the test
   * (a shared machine) falls on both alike.
   */
  private static double run(String label, int bcryptThreads) throws Exception {
    JsonObject auth = new JsonObject().put("bcryptCost", 10).put("bcryptThreads", bcryptThreads).put("bcryptQueue", 10_000)
      .put("maxFailedLoginsPerAccount", 0).put("maxFailedLoginsPerAddress", 0).put("maxRegistrationsPerAddress", 0);
    try (TestServer server = TestServer.start("storm", new JsonObject().put("auth", auth))) {
      Http http = new Http(server.url());
      String host = http.signUp("HOST");
      for (int i = 0; i < 200; i++) {
        http.createCharger(host, Http.chargerBody("Storm " + i, 12.9 + (i % 20) * 0.005, 77.55 + (i / 20) * 0.008));
      }
      List<String> emails = new ArrayList<>();
      for (int i = 0; i < ACCOUNTS; i++) {
        String email = "storm-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        http.post("/api/auth/register", new JsonObject().put("email", email).put("password", "correct-horse-1")
          .put("name", "Storm").put("role", "DRIVER"), null);
        emails.add(email);
      }
      AtomicBoolean storming = new AtomicBoolean();
      AtomicBoolean done = new AtomicBoolean();
      AtomicLong logins = new AtomicLong();
      List<Thread> stormers = new ArrayList<>();
      for (int i = 0; i < STORM; i++) {
        String email = emails.get(i % emails.size());
        Thread t = new Thread(() -> {
          while (!done.get()) {
            if (!storming.get()) {
              sleep(5);
              continue;
            }
            http.post("/api/auth/login", new JsonObject().put("email", email).put("password", "correct-horse-1"), null);
            logins.incrementAndGet();
          }
        });
        t.start();
        stormers.add(t);
      }
      searchMillis(http, 2000);
      List<Double> quiet = new ArrayList<>();
      List<Double> storm = new ArrayList<>();
      for (int cycle = 0; cycle < CYCLES; cycle++) {
        quiet.addAll(searchMillis(http, PHASE_MILLIS));
        storming.set(true);
        // the storm needs a moment to fill the bcrypt queue
        sleep(500);
        storm.addAll(searchMillis(http, PHASE_MILLIS));
        storming.set(false);
        // the login requests in flight drain before the next quiet phase
        sleep(2000);
      }
      done.set(true);
      for (Thread t : stormers) {
        t.join();
      }
      double q = median(quiet);
      double st = median(storm);
      System.out.printf("%s: search p50 %.1f ms quiet (%d searches), %.1f ms during %d concurrent logins (%d searches, %d logins)%n",
        label, q, quiet.size(), st, STORM, storm.size(), logins.get());
      return st / q;
    }
  }

  private static List<Double> searchMillis(Http http, int millis) {
    List<Double> out = new ArrayList<>();
    long end = System.nanoTime() + millis * 1_000_000L;
    while (System.nanoTime() < end) {
      long t0 = System.nanoTime();
      var r = http.get("/api/chargers?lat=12.95&lng=77.59&radiusKm=10&limit=50", null);
      out.add((System.nanoTime() - t0) / 1e6);
      assertThat(r.status()).isEqualTo(200);
    }
    return out;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
