package com.chargeshare.loadtest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The hosts, drivers and chargers a run creates for itself through the public API, so that runs
 * never interfere with each other's data and the verifier knows exactly which chargers to read.
 */
public record Fixture(String runId, List<Account> hosts, List<Account> drivers, List<ChargerRef> chargers,
                      double setupSeconds) {

  /** Centre of the generated city (Bengaluru). */
  static final double CENTER_LAT = 12.97;
  static final double CENTER_LNG = 77.59;
  /** About 4.4 km of latitude either way. */
  static final double SPREAD_DEGREES = 0.04;

  private static final String[] CONNECTORS = {"CCS2", "TYPE2", "CCS2", "CHADEMO", "GBT", "CCS2"};

  /**
   * Registers and logs in the accounts (a few at a time: each costs a bcrypt hash on the server),
   * then has the hosts create always-open chargers round robin.
   */
  public static Future<Fixture> create(ApiClient api, String runId, int hostCount, int driverCount,
                                       int chargerCount, int parallelism, long seed) {
    long started = System.nanoTime();
    String password = "Lt-" + runId + "-pw";
    Future<List<Account>> hosts = Bounded.run(hostCount, parallelism,
        i -> account(api, runId, "host", i, password, "HOST"));
    return hosts.compose(hs -> Bounded.run(driverCount, parallelism,
            i -> account(api, runId, "driver", i, password, "DRIVER"))
        .compose(ds -> {
          SplittableRandom random = new SplittableRandom(seed);
          double[][] positions = new double[chargerCount][];
          for (int i = 0; i < chargerCount; i++) {
            positions[i] = new double[] {
                CENTER_LAT + (random.nextDouble() * 2 - 1) * SPREAD_DEGREES,
                CENTER_LNG + (random.nextDouble() * 2 - 1) * SPREAD_DEGREES};
          }
          return Bounded.run(chargerCount, parallelism * 2, i -> {
            Account host = hs.get(i % hs.size());
            double lat = positions[i][0];
            double lng = positions[i][1];
            return api.createCharger(host, chargerJson(runId, i, lat, lng))
                .map(id -> new ChargerRef(id, host, lat, lng));
          }).map(cs -> new Fixture(runId, hs, ds, cs, (System.nanoTime() - started) / 1e9));
        }));
  }

  private static Future<Account> account(ApiClient api, String runId, String kind, int index,
                                         String password, String role) {
    String email = "lt-" + runId + "-" + kind + "-" + index + "@loadtest.example";
    return api.register(email, password, "Loadtest " + kind + " " + index, role)
        .compose(v -> api.login(email, password, role));
  }

  private static JsonObject chargerJson(String runId, int index, double lat, double lng) {
    // no openingHours: always open, so every generated slot is bookable
    return new JsonObject()
        .put("name", "Loadtest " + runId + " #" + index)
        .put("description", "Created by the load-test tool")
        .put("address", "Load test street " + index + ", Bengaluru")
        .put("lat", Math.round(lat * 1e6) / 1e6)
        .put("lng", Math.round(lng * 1e6) / 1e6)
        .put("connectorType", CONNECTORS[index % CONNECTORS.length])
        .put("powerKw", index % 3 == 0 ? 60 : 22)
        .put("pricePerHourMinor", 15000)
        .put("currency", "INR")
        .put("slotMinutes", 30)
        .put("timeZone", "Asia/Kolkata");
  }
}
