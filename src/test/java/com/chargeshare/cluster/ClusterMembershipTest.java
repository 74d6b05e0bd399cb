package com.chargeshare.cluster;

import com.chargeshare.support.ClusterNodes;
import com.chargeshare.support.Http;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Three nodes share the booking shards: evenly, once each, and again after one leaves, dies or comes back")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
@Tag("cluster")
class ClusterMembershipTest {

  private static final int SHARDS = 12;
  private static ClusterNodes cluster;

  @BeforeAll
  static void start() {
    cluster = ClusterNodes.start("membership", 3, SHARDS, Map.of());
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("/health names the node, the members, the shard count and this node's even share")
  void health() {
    for (ClusterNodes.Node n : cluster.nodes()) {
      JsonObject h = n.health();
      assertThat(h.getString("status")).isEqualTo("UP");
      assertThat(h.getString("node")).isEqualTo(n.name());
      assertThat(h.getJsonObject("cluster").getInteger("members")).isEqualTo(3);
      assertThat(h.getJsonObject("cluster").getInteger("shards")).isEqualTo(SHARDS);
      assertThat(h.getJsonObject("cluster").getInteger("shardsOwned")).isEqualTo(SHARDS / 3);
    }
  }

  @Test
  @Order(1)
  @DisplayName("one driver's booking attempts are counted by the whole cluster: past 60 a minute, on any node, 429 with Retry-After")
  void attemptsCountedClusterWide() {
    String driver = cluster.node(0).http().signUp("DRIVER");
    int limited = 0;
    for (int i = 0; i < 66; i++) {
      // an empty body is refused after it is counted: the count, not the booking, is under test
      Http.Response r = cluster.node(i % 3).http().post("/api/bookings", new JsonObject(), driver);
      if (r.status() == 429) {
        assertThat(r.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        limited++;
      } else {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
      }
    }
    assertThat(limited).as("attempts past the limit of 60, spread over three nodes").isEqualTo(6);
  }

  @Test
  @Order(2)
  @DisplayName("SIGTERM hands the node's shards over before it exits, and the others serve them")
  void gracefulLeave() {
    ClusterNodes.Node leaving = cluster.node(2);
    leaving.stop();
    assertThat(leaving.logLines(l -> l.contains("handed over all its shards"))).isNotEmpty();
    cluster.awaitSettled(Duration.ofSeconds(15));
    assertThat(cluster.node(0).shardsOwned() + cluster.node(1).shardsOwned()).isEqualTo(SHARDS);
  }

  @Test
  @Order(3)
  @DisplayName("a node that comes back gets its share again")
  void rejoin() {
    ClusterNodes.Node back = cluster.node(2);
    back.start();
    back.awaitUp(Duration.ofSeconds(120));
    cluster.awaitSettled(Duration.ofSeconds(60));
    ClusterNodes.awaitCondition(Duration.ofSeconds(60), "the rejoined node holds its share",
      () -> back.shardsOwned() == SHARDS / 3);
  }

  @Test
  @Order(4)
  @DisplayName("kill -9 of a node: the survivors take its shards within 15 s")
  void killed() {
    long t0 = System.nanoTime();
    cluster.node(0).kill9();
    cluster.awaitSettled(Duration.ofSeconds(15));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
  }
}
