package com.chargeshare.live;

import com.chargeshare.config.AppConfig;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Pings the sockets of one hub and closes those silent for the idle timeout. Called every second, it visits a
 * different share of the sockets each time, so each is pinged every {@code pingSeconds} and 10,000 sockets never
 * get their pings in one burst that would hold up pushes behind it. A text, binary or pong frame from the client
 * counts as an answer.
 */
final class Heartbeat {

  static final short CLOSE_IDLE = 1001;

  private final Connections connections;
  private final AppConfig.Live limits;
  private final LiveMetrics metrics;
  private long tick;

  Heartbeat(Connections connections, AppConfig.Live limits, LiveMetrics metrics) {
    this.connections = connections;
    this.limits = limits;
    this.metrics = metrics;
  }

  void beat() {
    long now = System.currentTimeMillis();
    long idleMillis = limits.idleTimeoutSeconds() * 1000L;
    int period = Math.max(1, limits.pingSeconds());
    long share = tick++ % period;
    List<LiveSocket> idle = new ArrayList<>();
    Buffer empty = Buffer.buffer();
    for (LiveSocket s : connections.open()) {
      // a socket the client closed stays listed until its close handler runs: skip it, it cannot be pinged
      if (Math.floorMod(System.identityHashCode(s), period) != share || s.ws.isClosed()) {
        continue;
      }
      if (now - s.lastSeenMillis > idleMillis) {
        idle.add(s);
      } else if (!s.ws.writeQueueFull()) {
        s.ws.writePing(empty);
      }
    }
    idle.forEach(s -> {
      metrics.closedIdle();
      connections.close(s, CLOSE_IDLE, "No answer to pings for " + limits.idleTimeoutSeconds() + " s");
    });
  }
}
