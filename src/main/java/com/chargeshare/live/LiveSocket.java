package com.chargeshare.live;

import com.chargeshare.auth.Principal;
import io.netty.channel.Channel;
import io.vertx.core.http.ServerWebSocket;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;

/** One subscriber: its socket, who opened it, what it follows. Touched only by the event loop of its hub. */
final class LiveSocket {

  final ServerWebSocket ws;
  /**
   * The socket's Netty channel, written directly by the fan-out: Vert.x flushes every message it is given, where the
   * fan-out queues a change's frames over shared bytes and flushes each socket once per change.
   */
  final Channel channel;
  /**
   * No WebSocket extension (compression) was negotiated on the socket: a change's frames, the same bytes for every
   * such socket, are written to it as they go on the wire. Otherwise they go through its extension encoders.
   */
  final boolean raw;
  final Principal principal;
  final Set<Long> chargerIds = new HashSet<>();
  final Set<Box> boxes = new LinkedHashSet<>();
  /** Follows every charger of its host ({@code "mine": true}). */
  boolean mine;
  long lastSeenMillis;
  /** The last change delivered here: a socket matched by several subscriptions hears a change once. */
  long lastDelivery;
  boolean closing;
  /** Frames written since the last flush. */
  boolean unflushed;
  /**
   * While the client reads slower than changes come: the latest change per charger, sent when it has caught up.
   * Null while it keeps up.
   */
  LinkedHashMap<Long, Push> behind;
  /** Changes held back since the socket fell behind, replaced ones included: past the limit it is closed. */
  int changesBehind;

  LiveSocket(ServerWebSocket ws, Channel channel, boolean raw, Principal principal, long now) {
    this.ws = ws;
    this.channel = channel;
    this.raw = raw;
    this.principal = principal;
    this.lastSeenMillis = now;
  }

  int subscriptions() {
    return chargerIds.size() + boxes.size() + (mine ? 1 : 0);
  }
}
