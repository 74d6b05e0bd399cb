package com.chargeshare.live;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Messages for one user's open sockets, wherever they are connected: published on a cluster-wide address, heard by
 * every hub of every node, written by the hubs that hold a socket of that user. The message travels as the text the
 * sockets are sent, encoded once, with the user in a header: every hub hears every message (most hold no socket of
 * that user), so a hub neither copies nor encodes a message it does not write.
 *
 * <p>The node counts its users' open sockets (its hubs tell it), so a node that runs alone publishes nothing for a
 * user with no socket open: a booking's two notifications were eight event-bus deliveries (two messages, four hubs)
 * that no socket heard, on every booking of a driver who is not looking. In a cluster another node may hold the
 * user's socket, so every message is published. Thread-safe: the hubs' event loops and the senders share it.
 */
public final class UserMessages {

  public static final String ADDRESS = "chargeshare.live.user";
  private static final String USER = "userId";

  private final EventBus bus;
  private final boolean clustered;
  private final ConcurrentMap<Long, Integer> openSockets = new ConcurrentHashMap<>();

  public UserMessages(EventBus bus, boolean clustered) {
    this.bus = bus;
    this.clustered = clustered;
  }

  /**
   * Sends the message (it carries its own {@code type}) to every open socket of the user, on every node; it is built
   * only when it is sent.
   */
  public void publish(long userId, Supplier<JsonObject> message) {
    if (!clustered && !openSockets.containsKey(userId)) {
      return;
    }
    bus.publish(ADDRESS, message.get().encode(), new DeliveryOptions().addHeader(USER, Long.toString(userId)));
  }

  /** A hub of this node opened a socket of the user. */
  void opened(long userId) {
    openSockets.merge(userId, 1, Integer::sum);
  }

  /** A hub of this node forgot a socket of the user (each opened socket once). */
  void closed(long userId) {
    openSockets.computeIfPresent(userId, (id, n) -> n == 1 ? null : n - 1);
  }

  /** The user a published message is for. */
  static long userOf(Message<String> msg) {
    return Long.parseLong(msg.headers().get(USER));
  }
}
