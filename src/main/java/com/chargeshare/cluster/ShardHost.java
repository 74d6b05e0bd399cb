package com.chargeshare.cluster;

import io.vertx.core.Future;

/** What {@link ShardOwnership} starts and stops on this node when it takes or gives up a shard. */
public interface ShardHost {

  /** Rebuild the shard from MySQL and start serving it; {@code epoch} fences its commits. */
  Future<Void> open(int shard, long epoch);

  /** Stop serving: drain the queue, finish commits in flight, then let go. */
  Future<Void> close(int shard);
}
