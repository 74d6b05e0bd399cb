package com.chargeshare.cluster;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** What {@code GET /health} tells about this node's place in the cluster. */
public interface ClusterStatus {

  String node();

  int members();

  int shards();

  Set<Integer> owned();

  /** A node on its own: it owns every shard. */
  static ClusterStatus single(String node, int shards) {
    Set<Integer> all = IntStream.range(0, shards).boxed().collect(Collectors.toUnmodifiableSet());
    return new ClusterStatus() {
      @Override
      public String node() {
        return node;
      }

      @Override
      public int members() {
        return 1;
      }

      @Override
      public int shards() {
        return shards;
      }

      @Override
      public Set<Integer> owned() {
        return all;
      }
    };
  }
}
