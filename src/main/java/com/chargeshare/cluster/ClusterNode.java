package com.chargeshare.cluster;

import com.chargeshare.booking.DriverLedgerVerticle;
import com.chargeshare.config.AppConfig;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * This node's place in the cluster: Vert.x clustered on Hazelcast with TCP/IP join (never multicast), bound and
 * advertised on the configured host and port, and failure detection cut from Hazelcast's default minute to a few
 * seconds, so the shards of a dead member move quickly.
 */
public final class ClusterNode implements Membership {

  private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

  private final AppConfig.Cluster settings;
  private final HazelcastClusterManager manager;
  private final Vertx vertx;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  private ClusterNode(AppConfig.Cluster settings, HazelcastClusterManager manager, Vertx vertx) {
    this.settings = settings;
    this.manager = manager;
    this.vertx = vertx;
  }

  /** Starts clustered Vert.x; blocks until it has joined (or formed) the cluster. */
  public static ClusterNode start(AppConfig.Cluster settings, VertxOptions options, VertxMetricsFactory metrics) {
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(settings));
    // the clustered event bus listens on the cluster host too, on a port of its own choosing
    options.getEventBusOptions().setHost(settings.host()).setClusterPublicHost(settings.host()).setPort(0);
    Vertx vertx;
    try {
      vertx = Vertx.builder().with(options).withMetrics(metrics).withClusterManager(manager).buildClustered()
        .await(120, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("could not join the cluster at " + settings.members() + " within 120 s", e);
    }
    ClusterNode node = new ClusterNode(settings, manager, vertx);
    manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        log.info("Cluster member joined: {} ({} members)", e.getMember().getAddress(), e.getMembers().size());
        node.listeners.forEach(Runnable::run);
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        log.warn("Cluster member left: {} ({} members)", e.getMember().getAddress(), e.getMembers().size());
        // the member's Hazelcast id is its Vert.x node id: requests it sent and never settled lapse now
        node.vertx().eventBus().publish(DriverLedgerVerticle.MEMBER_LEFT, e.getMember().getUuid().toString());
        node.listeners.forEach(Runnable::run);
      }
    });
    log.info("Node {} joined a cluster of {} members", settings.nodeName(), node.members());
    return node;
  }

  static Config hazelcast(AppConfig.Cluster s) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("chargeshare");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.health.monitoring.level", "OFF");
    // Vert.x leaves the cluster in its own shutdown order (after the shards are handed over)
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(s.heartbeatSeconds()));
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(s.maxNoHeartbeatSeconds()));
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    // a member cut off and back (a pause, a partition) merges back within seconds, not five minutes
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    config.setProperty("hazelcast.local.localAddress", s.host());
    NetworkConfig net = config.getNetworkConfig();
    net.setPort(s.port()).setPortAutoIncrement(false).setPublicAddress(s.host() + ":" + s.port());
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    List<String> members = new ArrayList<>(s.members());
    members.add(s.host() + ":" + s.port());
    join.getTcpIpConfig().setEnabled(true).setMembers(members).setConnectionTimeoutSeconds(2);
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** This node's id in the cluster (its Hazelcast member id), which names the requests it sends. */
  public String nodeId() {
    return manager.getNodeId();
  }

  @Override
  public String name() {
    return settings.nodeName();
  }

  @Override
  public int members() {
    var hz = manager.getHazelcastInstance();
    return hz != null && hz.getLifecycleService().isRunning() ? hz.getCluster().getMembers().size() : 0;
  }

  /**
   * This member's place in the cluster's member list, which every member sees in the same order (oldest first):
   * it decides who takes the remainder when the shards do not divide evenly.
   */
  @Override
  public int index() {
    var hz = manager.getHazelcastInstance();
    int i = 0;
    for (var m : hz.getCluster().getMembers()) {
      if (m.localMember()) {
        return i;
      }
      i++;
    }
    return 0;
  }

  /** Runs {@code r} (on a Hazelcast thread) whenever a member joins or leaves. */
  @Override
  public void onMembershipChange(Runnable r) {
    listeners.add(r);
  }
}
