package com.chargeshare.web;

import com.chargeshare.db.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.function.Supplier;

/** {@code /health} and {@code /metrics}. */
final class OpsApi {

  private final Database db;
  private final PrometheusMeterRegistry registry;
  private final Supplier<Boolean> engineReady;
  private final String engine;
  private final String metricsToken;

  OpsApi(Database db, PrometheusMeterRegistry registry, String engine, Supplier<Boolean> engineReady, String metricsToken) {
    this.engine = engine;
    this.metricsToken = metricsToken;
    this.db = db;
    this.registry = registry;
    this.engineReady = engineReady;
  }

  void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(new MetricsAccess(metricsToken)).handler(PrometheusScrapingHandler.create(registry));
  }

  private void health(RoutingContext ctx) {
    db.ping().timeout(2, java.util.concurrent.TimeUnit.SECONDS)
      .map(v -> true).otherwise(false)
      .onComplete(ar -> {
        boolean dbUp = ar.result();
        boolean engineUp = engineReady.get();
        boolean up = dbUp && engineUp;
        JsonObject body = new JsonObject()
          .put("status", up ? "UP" : "DOWN")
          .put("engine", engine)
          .put("checks", new JsonArray()
            .add(new JsonObject().put("name", "database").put("status", dbUp ? "UP" : "DOWN"))
            .add(new JsonObject().put("name", "bookingEngine").put("status", engineUp ? "UP" : "DOWN")));
        ctx.response().setStatusCode(up ? 200 : 503)
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .end(body.encode());
      });
  }

}
