package com.chargeshare.live;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * Messages for one user's open sockets, wherever they are connected: published on a cluster-wide address, heard by
 * every hub of every node, written by the hubs that hold a socket of that user. The message travels as the text the
 * sockets are sent, encoded once, with the user in a header: every hub hears every message (most hold no socket of
 * that user), so a hub neither copies nor encodes a message it does not write.
 */
public final class UserMessages {

  public static final String ADDRESS = "chargeshare.live.user";
  private static final String USER = "userId";

  private UserMessages() {
  }

  /** Sends {@code message} (it carries its own {@code type}) to every open socket of the user, on every node. */
  public static void publish(EventBus bus, long userId, JsonObject message) {
    bus.publish(ADDRESS, message.encode(), new DeliveryOptions().addHeader(USER, Long.toString(userId)));
  }

  /** The user a published message is for. */
  static long userOf(Message<String> msg) {
    return Long.parseLong(msg.headers().get(USER));
  }
}
