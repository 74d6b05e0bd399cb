package com.chargeshare.web;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.failure.NotFound;
import com.chargeshare.input.PathIds;
import com.chargeshare.input.Query;
import com.chargeshare.notify.NotificationRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;

/** {@code /api/notifications}: the caller's own, newest first, and marking them read. */
public final class NotificationApi {

  private final NotificationRepository notifications;
  private final AuthGuard guard;
  private final Clock clock;

  public NotificationApi(NotificationRepository notifications, AuthGuard guard, Clock clock) {
    this.notifications = notifications;
    this.guard = guard;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/notifications").handler(guard.require()).respond(this::list);
    router.post("/api/notifications/read-all").handler(guard.require()).respond(this::readAll);
    router.post("/api/notifications/:id/read").handler(guard.require()).respond(this::read);
  }

  /** {@code limit} (default 50, at most 200) and {@code offset}; {@code unread} counts up to 100. */
  private Future<JsonObject> list(RoutingContext ctx) {
    long user = AuthGuard.principal(ctx).id();
    Query q = new Query(ctx);
    int limit = q.intInRange("limit", 50, 1, 200);
    int offset = q.intInRange("offset", 0, 0, 100_000);
    q.validate();
    return notifications.list(user, limit, offset).compose(list -> notifications.unread(user).map(unread -> {
      JsonArray a = new JsonArray();
      list.forEach(n -> a.add(n.toJson()));
      return new JsonObject().put("notifications", a).put("unread", unread);
    }));
  }

  /** 200 with the notification as it now stands; another user's (or none) is 404. Reading twice keeps the first time. */
  private Future<JsonObject> read(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    return notifications.markRead(AuthGuard.principal(ctx).id(), id, clock.instant())
      .map(found -> new JsonObject().put("notification", found.orElseThrow(() -> new NotFound("Notification")).toJson()));
  }

  private Future<JsonObject> readAll(RoutingContext ctx) {
    return notifications.markAllRead(AuthGuard.principal(ctx).id(), clock.instant())
      .map(n -> new JsonObject().put("marked", n));
  }
}
