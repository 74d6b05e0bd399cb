package com.chargeshare.live;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;

/**
 * At most {@code max} live sockets per client address, counted across every HTTP verticle of this node (one
 * shared map), so a single client cannot hold thousands of sockets. 0 means no cap.
 */
final class SocketQuota {

  private final LocalMap<String, Integer> open;
  private final int max;

  SocketQuota(Vertx vertx, int max) {
    this.open = vertx.sharedData().getLocalMap("chargeshare.live.socketsPerAddress");
    this.max = max;
  }

  /** Takes a place for this address; false when it holds its share already. */
  boolean acquire(String address) {
    boolean[] granted = {false};
    open.compute(address, (k, n) -> {
      int now = n == null ? 0 : n;
      if (max > 0 && now >= max) {
        return n;
      }
      granted[0] = true;
      return now + 1;
    });
    return granted[0];
  }

  void release(String address) {
    open.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
  }
}
