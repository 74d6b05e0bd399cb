package com.chargeshare.live;

import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The open sockets of one hub and what is written to them outside the fan-out: answers, errors, closes. A socket
 * is forgotten the moment it starts closing, subscriptions and all, so nothing is written to it afterwards.
 * Single-threaded: the hub's event loop.
 */
final class Connections {

  static final short CLOSE_SLOW = 1008;

  private final Set<LiveSocket> sockets = new HashSet<>();
  /** The sockets opened by a logged-in user: what a message for that user is written to. */
  private final Map<Long, Set<LiveSocket>> byUser = new HashMap<>();
  private final Subscriptions subscriptions;
  private final LiveMetrics metrics;
  /** The node's count of its users' sockets, which this hub keeps up to date. */
  private final UserMessages users;
  private final int maxWriteQueueBytes;

  Connections(Subscriptions subscriptions, LiveMetrics metrics, UserMessages users, int maxWriteQueueBytes) {
    this.subscriptions = subscriptions;
    this.metrics = metrics;
    this.users = users;
    this.maxWriteQueueBytes = maxWriteQueueBytes;
  }

  void opened(LiveSocket s) {
    sockets.add(s);
    if (s.principal != null) {
      byUser.computeIfAbsent(s.principal.id(), id -> new HashSet<>()).add(s);
      users.opened(s.principal.id());
    }
    metrics.socketOpened();
  }

  boolean isEmpty() {
    return sockets.isEmpty();
  }

  /** A read-only view: close sockets only after walking it. */
  Collection<LiveSocket> open() {
    return Collections.unmodifiableSet(sockets);
  }

  /** Writes a message to every open socket of the user on this hub; one whose write queue is full is closed (1008). */
  void toUser(long userId, String text) {
    Set<LiveSocket> mine = byUser.get(userId);
    if (mine == null) {
      return;
    }
    for (LiveSocket s : java.util.List.copyOf(mine)) {
      if (s.closing) {
        continue;
      }
      if (s.ws.writeQueueFull()) {
        dropSlow(s);
      } else {
        s.ws.writeTextMessage(text);
      }
    }
  }

  /** Writes one answer, tagged with the request's {@code id} when it had one. */
  void send(LiveSocket s, JsonObject msg, Object id) {
    if (s.closing) {
      return;
    }
    if (s.ws.writeQueueFull()) {
      dropSlow(s);
      return;
    }
    if (id != null) {
      msg.put("id", id);
    }
    s.ws.writeTextMessage(msg.encode());
  }

  /** An {@code error} message: the request is refused, the socket stays open. */
  void refuse(LiveSocket s, Object id, String code, String message, JsonObject details) {
    metrics.clientError();
    JsonObject out = new JsonObject().put("type", "error").put("code", code).put("message", message);
    if (details != null) {
      out.put("details", details);
    }
    send(s, out, id);
  }

  /**
   * A socket whose write queue is full when it is sent an answer or a notification (which, unlike pushes, cannot be
   * folded into a later one) is closed rather than buffered without bound. It reconnects and re-reads what it shows.
   */
  void dropSlow(LiveSocket s) {
    if (s.closing) {
      return;
    }
    metrics.droppedSlow();
    close(s, CLOSE_SLOW, "Too slow: more than " + maxWriteQueueBytes + " bytes waiting; reconnect");
  }

  /**
   * A subscriber more than {@code maxChangesBehind} changes behind: closed, so that it reconnects and re-reads what
   * it shows rather than being held changes without bound.
   */
  void dropBehind(LiveSocket s) {
    if (s.closing) {
      return;
    }
    metrics.droppedSlow();
    close(s, CLOSE_SLOW, "Too slow: too many changes behind; reconnect and re-read");
  }

  void close(LiveSocket s, short code, String reason) {
    discard(s);
    s.ws.close(code, reason);
  }

  /** Forgets a socket at once (closing or closed); idempotent, since the close handler follows our own closes. */
  void discard(LiveSocket s) {
    s.closing = true;
    s.behind = null;
    if (sockets.remove(s)) {
      if (s.principal != null) {
        Set<LiveSocket> mine = byUser.get(s.principal.id());
        if (mine != null && mine.remove(s) && mine.isEmpty()) {
          byUser.remove(s.principal.id());
        }
        users.closed(s.principal.id());
      }
      subscriptions.removeAll(s);
      metrics.socketClosed();
    }
  }
}
