package com.chargeshare.live;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Messages for one user's open sockets, wherever they are connected: published on a cluster-wide address (plain
 * JSON, so it crosses nodes), heard by every hub of every node, written by the hubs that hold a socket of that user.
 */
public final class UserMessages {

  public static final String ADDRESS = "chargeshare.live.user";

  private UserMessages() {
  }

  /** Sends {@code message} (it carries its own {@code type}) to every open socket of the user, on every node. */
  public static void publish(EventBus bus, long userId, JsonObject message) {
    bus.publish(ADDRESS, new JsonObject().put("userId", userId).put("message", message));
  }
}
