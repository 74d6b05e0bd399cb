package com.chargeshare.loadtest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A workload: which request to send next. Implementations are shared by all generator shards, so
 * they keep any mutable state thread-safe; each shard passes its own random source.
 */
public interface Scenario {

  String name();

  /** Sends one request. Never fails: transport failures come back as {@link Outcome#ERROR}. */
  Future<CallResult> fire(SplittableRandom random);

  /** The chargers WebSocket listeners should subscribe to. */
  List<ChargerRef> watchedChargers();

  /** Parameters worth recording in the report. */
  JsonObject describe();

  /** Everything a scenario needs to build its requests. */
  record Context(ApiClient api, Fixture fixture, BookingLedger ledger, DriverPool drivers, long nowEpochSecond,
                 long runSeconds, int daysAhead, int hotSlots, Mix mix) {
  }

  static Scenario create(String name, Context context) {
    return switch (name) {
      case "contention" -> new ContentionScenario(context);
      case "spread" -> new SpreadScenario(context);
      case "mixed" -> new MixedScenario(context);
      default -> throw new IllegalArgumentException("unknown scenario " + name);
    };
  }

  /**
   * How many chargers a scenario creates unless told otherwise. {@code spread} sizes its charger
   * pool so the run cannot exhaust the free slots (at most ~80% used), since it is meant to
   * measure confirmed throughput rather than collisions.
   */
  static int defaultChargers(String name, double expectedRequests, int daysAhead) {
    return switch (name) {
      case "contention" -> 3;
      case "spread" -> (int) Math.max(200,
          Math.ceil(expectedRequests / 0.8 / SpreadScenario.slotsPerCharger(daysAhead)));
      default -> 200;
    };
  }
}
