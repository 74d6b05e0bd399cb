package com.chargeshare.pages;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.failure.NotFound;
import com.chargeshare.input.PathIds;
import com.chargeshare.notify.Notification;
import com.chargeshare.notify.NotificationRepository;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code /notifications}: the header bell's page. The list and the "mark read" buttons are plain HTML forms;
 * notify.js adds live arrivals and marks read without a reload.
 */
public final class NotificationPages {

  private static final int SHOWN = 50;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
    .withZone(ZoneOffset.UTC);

  private final Pages pages;
  private final NotificationRepository notifications;
  private final AuthGuard guard;
  private final Clock clock;

  public NotificationPages(Pages pages, NotificationRepository notifications, AuthGuard guard, Clock clock) {
    this.pages = pages;
    this.notifications = notifications;
    this.guard = guard;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/notifications").handler(guard.require()).handler(this::show);
    router.post("/notifications/read-all").handler(guard.require()).handler(ctx ->
      notifications.markAllRead(AuthGuard.principal(ctx).id(), clock.instant())
        .onSuccess(n -> back(ctx)).onFailure(ctx::fail));
    router.post("/notifications/:id/read").handler(guard.require()).handler(this::read);
  }

  /** notifications.peb. */
  record NotificationsPage(List<Item> items, boolean anyUnread) {
  }

  /** One notification as the page lists it. */
  record Item(long id, String kind, String title, String body, String createdAt, String createdIso, boolean unread) {

    static Item of(Notification n) {
      return new Item(n.id(), n.kind().name(), n.title(), n.body(), WHEN.format(n.createdAt()), n.createdAt().toString(),
        n.unread());
    }
  }

  private void show(RoutingContext ctx) {
    notifications.list(AuthGuard.principal(ctx).id(), SHOWN, 0).onSuccess(list -> {
      List<Item> items = list.stream().map(Item::of).toList();
      pages.render(ctx, "notifications", "Notifications", new NotificationsPage(items, items.stream().anyMatch(Item::unread)));
    }).onFailure(ctx::fail);
  }

  private void read(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    notifications.markRead(AuthGuard.principal(ctx).id(), id, clock.instant()).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(new NotFound("Notification"));
      } else {
        back(ctx);
      }
    }).onFailure(ctx::fail);
  }

  private static void back(RoutingContext ctx) {
    ctx.response().setStatusCode(303).putHeader("Location", "/notifications").end();
  }
}
