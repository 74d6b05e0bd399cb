package com.chargeshare.booking;

/**
 * This node's hold on a shard: the epoch it took the shard at and the fence its commits pass. A charger's live
 * {@code seq} starts at {@code epoch × 1,000,000}, so after a takeover it jumps instead of restarting and clients
 * re-read, as they do for any gap.
 */
public record ShardTenure(long epoch, Fence fence) {

  /** A node on its own: epoch 0, no fence. */
  public static final ShardTenure SOLE = new ShardTenure(0, Fence.NONE);

  long seqBase() {
    return epoch * 1_000_000L;
  }
}
