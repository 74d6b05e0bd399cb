package com.chargeshare.booking;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/** Which shards of this node have rebuilt their memory and take requests: /health reports it. */
public final class ShardReadiness {

  private final int shards;
  private final Set<Integer> ready = ConcurrentHashMap.newKeySet();

  public ShardReadiness(int shards) {
    this.shards = shards;
  }

  void ready(int shard) {
    ready.add(shard);
  }

  void notReady(int shard) {
    ready.remove(shard);
  }

  public boolean all() {
    return ready.size() == shards;
  }
}
