package com.chargeshare.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Per node: {@code chargeshare_cluster_shards_owned}, {@code chargeshare_cluster_members},
 * {@code chargeshare_cluster_shard_changes_total{change}}, the time to take a shard, and
 * {@code chargeshare_cluster_hops_total{to="local|remote"}}: commands this node sent to a shard it owns
 * itself or over the network to another node.
 */
public final class ClusterMetrics {

  private final MeterRegistry registry;
  private final String node;
  private final Map<String, Counter> changes = new ConcurrentHashMap<>();
  private final Counter local;
  private final Counter remote;
  private final Timer takeover;

  public ClusterMetrics(MeterRegistry registry, String node) {
    this.registry = registry;
    this.node = node;
    this.local = Counter.builder("chargeshare.cluster.hops").tag("node", node).tag("to", "local")
      .description("Booking commands sent to a shard owned by this node").register(registry);
    this.remote = Counter.builder("chargeshare.cluster.hops").tag("node", node).tag("to", "remote")
      .description("Booking commands sent over the network to the node that owns the shard").register(registry);
    this.takeover = Timer.builder("chargeshare.cluster.shard.takeover").tag("node", node)
      .description("From lock to serving: advancing the epoch and rebuilding a shard").publishPercentileHistogram()
      .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
  }

  void shardsOwned(Supplier<Number> owned) {
    Gauge.builder("chargeshare.cluster.shards.owned", owned).tag("node", node)
      .description("Booking shards this node serves").register(registry);
  }

  void members(Supplier<Number> members) {
    Gauge.builder("chargeshare.cluster.members", members).tag("node", node)
      .description("Members of the cluster as this node sees it").register(registry);
  }

  void change(String change) {
    changes.computeIfAbsent(change, c -> Counter.builder("chargeshare.cluster.shard.changes").tag("node", node)
      .tag("change", c).description("Shards acquired, released (handed over) or fenced (taken elsewhere)")
      .register(registry)).increment();
  }

  void takeover(long nanos) {
    takeover.record(Duration.ofNanos(nanos));
  }

  public void hop(boolean isLocal) {
    (isLocal ? local : remote).increment();
  }
}
