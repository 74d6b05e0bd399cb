package com.chargeshare.live;

import com.chargeshare.auth.Principal;
import io.vertx.core.http.ServerWebSocket;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** One subscriber: its socket, who opened it, what it follows. Touched only by the event loop of its hub. */
final class LiveSocket {

  final ServerWebSocket ws;
  final Principal principal;
  final Set<Long> chargerIds = new HashSet<>();
  final Set<Box> boxes = new LinkedHashSet<>();
  /** Follows every charger of its host ({@code "mine": true}). */
  boolean mine;
  long lastSeenMillis;
  /** The last change delivered here: a socket matched by several subscriptions hears a change once. */
  long lastDelivery;
  boolean closing;

  LiveSocket(ServerWebSocket ws, Principal principal, long now) {
    this.ws = ws;
    this.principal = principal;
    this.lastSeenMillis = now;
  }

  int subscriptions() {
    return chargerIds.size() + boxes.size() + (mine ? 1 : 0);
  }
}
