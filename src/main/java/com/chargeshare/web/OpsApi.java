package com.chargeshare.web;

import com.chargeshare.cluster.ClusterStatus;
import com.chargeshare.db.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.function.Supplier;

/** {@code /health} (with this node's place in the cluster) and {@code /metrics}. */
final class OpsApi {

  private final Database db;
  private final PrometheusMeterRegistry registry;
  private final Supplier<Boolean> engineReady;
  private final String engine;
  private final String metricsToken;
  private final ClusterStatus cluster;

  OpsApi(Database db, PrometheusMeterRegistry registry, String engine, Supplier<Boolean> engineReady, String metricsToken,
         ClusterStatus cluster) {
    this.engine = engine;
    this.metricsToken = metricsToken;
    this.cluster = cluster;
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
          .put("node", cluster.node())
          .put("cluster", new JsonObject().put("members", cluster.members()).put("shards", cluster.shards())
            .put("shardsOwned", cluster.owned().size()))
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
