package com.chargeshare.web;

import com.chargeshare.input.Query;
import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.dashboard.HostStats;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The host dashboard's figures as JSON: {@code /api/host/stats} and {@code /api/host/demand}. */
public final class HostDashboardApi {

  private final ChargerRepository chargers;
  private final HostStats stats;
  private final AuthGuard guard;

  public HostDashboardApi(ChargerRepository chargers, HostStats stats, AuthGuard guard) {
    this.chargers = chargers;
    this.stats = stats;
    this.guard = guard;
  }

  public void mount(Router router) {
    router.get("/api/host/stats").handler(guard.require(Role.HOST)).respond(this::stats);
    router.get("/api/host/demand").handler(guard.require(Role.HOST)).respond(this::demand);
  }

  private Future<JsonObject> stats(RoutingContext ctx) {
    Principal p = AuthGuard.principal(ctx);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    return chargers.byHost(p.id()).compose(list -> stats.periods(p.id(), list, now)).map(periods -> {
      JsonArray a = new JsonArray();
      periods.forEach(pf -> a.add(pf.toJson()));
      return new JsonObject().put("generatedAt", now.toString()).put("periods", a);
    });
  }

  private Future<JsonObject> demand(RoutingContext ctx) {
    Query q = new Query(ctx);
    int weeks = q.intInRange("weeks", 8, 1, 52);
    q.validate();
    Principal p = AuthGuard.principal(ctx);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    return chargers.byHost(p.id()).compose(list -> stats.demand(list, now, weeks)).map(HostStats.DemandWindow::toJson);
  }
}
