package com.chargeshare.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Closes connections that trickle: a request head must be complete within {@code headMillis} of the connection
 * opening or of the previous answer, and a request body within {@code bodyMillis} of its head. The idle timeout
 * alone would not do: one byte every few seconds keeps a connection from ever being idle. One sweep a second per
 * HTTP verticle, on its event loop; connections that become WebSockets leave the watch (the live hub pings them).
 */
final class SlowClients {

  private final long headMillis;
  private final long bodyMillis;
  private final Map<HttpConnection, Watch> watched = new IdentityHashMap<>();

  private static final class Watch {
    final long openedAt;
    HttpServerRequest current;
    long begunAt;
    long answeredAt;

    Watch(long now) {
      this.openedAt = now;
    }
  }

  SlowClients(Vertx vertx, int headSeconds, int bodySeconds) {
    this.headMillis = headSeconds * 1000L;
    this.bodyMillis = bodySeconds * 1000L;
    vertx.setPeriodic(1000, id -> sweep(System.currentTimeMillis()));
  }

  void opened(HttpConnection conn) {
    watched.put(conn, new Watch(System.currentTimeMillis()));
    conn.closeHandler(v -> watched.remove(conn));
  }

  void begun(HttpServerRequest req) {
    Watch w = watched.get(req.connection());
    if (w == null) {
      return;
    }
    if ("websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE))) {
      watched.remove(req.connection());
      return;
    }
    w.current = req;
    w.begunAt = System.currentTimeMillis();
    w.answeredAt = 0;
  }

  private void sweep(long now) {
    watched.entrySet().removeIf(e -> {
      Watch w = e.getValue();
      boolean slow;
      if (w.current == null) {
        slow = now - w.openedAt > headMillis;
      } else if (!w.current.response().ended()) {
        // a handler still working is our business, not the client's; a body still arriving is the client's
        slow = !w.current.isEnded() && now - w.begunAt > bodyMillis;
      } else {
        if (w.answeredAt == 0) {
          w.answeredAt = now;
        }
        slow = now - w.answeredAt > headMillis;
      }
      if (slow) {
        e.getKey().close();
      }
      return slow;
    });
  }
}
