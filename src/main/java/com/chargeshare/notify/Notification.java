package com.chargeshare.notify;

import com.chargeshare.live.UserMessages;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** One notification as stored and answered; {@code readAt} is null until the user marks it read. */
public record Notification(long id, long userId, NotificationKind kind, long bookingId, String title, String body,
                           Instant createdAt, Instant readAt) {

  public boolean unread() {
    return readAt == null;
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("kind", kind.name()).put("bookingId", bookingId).put("title", title)
      .put("body", body).put("createdAt", createdAt.toString()).put("readAt", readAt == null ? null : readAt.toString());
  }

  /** Pushes it to its user's open sockets (API.md: {@code {"type": "notification", ...}}), built only if one may hear it. */
  void push(UserMessages users) {
    users.publish(userId, () -> toJson().put("type", "notification"));
  }
}
