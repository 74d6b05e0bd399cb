package com.chargeshare.cluster;

import com.chargeshare.support.ClusterNodes;
import com.chargeshare.support.Http;
import com.chargeshare.support.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Fencing: an owner paused past failure detection and resumed with requests queued confirms nothing")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("cluster")
class ClusterFencingTest {

  private static final int SHARDS = 6;
  private static ClusterNodes cluster;

  @BeforeAll
  static void start() {
    cluster = ClusterNodes.start("fencing", 3, SHARDS, ClusterBookingTest.OPEN_LIMITS);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @DisplayName("SIGSTOP the owner, another node takes the shard and books, SIGCONT: the stale owner confirms nothing")
  void pausedOwnerIsFenced() throws Exception {
    Http any = cluster.node(0).http();
    String host = any.signUp("HOST");
    long charger = any.createCharger(host);
    String ownerName = (String) Sql.rows(cluster.db(), "SELECT owner FROM shard_epochs WHERE shard = ?",
      (int) (charger % SHARDS)).get(0).get("owner");
    ClusterNodes.Node owner = cluster.nodes().stream().filter(n -> n.name().equals(ownerName)).findFirst().orElseThrow();
    List<ClusterNodes.Node> others = cluster.nodes().stream().filter(n -> n != owner).toList();
    Http stale = owner.http();
    Http fresh = others.get(0).http();
    List<String> drivers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      drivers.add(fresh.signUp("DRIVER"));
    }
    // the owner has the charger's calendar in memory: it would happily decide on it from there
    Instant warm = Http.hoursAhead(3);
    assertThat(stale.post("/api/bookings", Http.booking(charger, warm, warm.plusSeconds(3600)), drivers.get(0)).status())
      .isEqualTo(201);

    Instant contested = Http.hoursAhead(4);
    owner.pause();
    try {
      ClusterNodes.awaitCondition(Duration.ofSeconds(60), "the others took the paused owner's shards", () ->
        others.stream().allMatch(n -> n.health() != null && n.health().getJsonObject("cluster").getInteger("members") == 2)
          && others.stream().mapToInt(ClusterNodes.Node::shardsOwned).sum() == SHARDS);
      assertThat(fresh.post("/api/bookings", Http.booking(charger, contested, contested.plusSeconds(3600)), drivers.get(1))
        .status()).as("the new owner books the contested hour").isEqualTo(201);

      // requests queue up in the paused owner's sockets; its memory still says the hour is free
      List<CompletableFuture<Http.Response>> queued = new ArrayList<>();
      for (int i = 2; i < drivers.size(); i++) {
        queued.add(stale.sendAsync(stale.request("POST", "/api/bookings",
          Http.booking(charger, contested, contested.plusSeconds(3600)).encode(), drivers.get(i)).build()));
      }
      Thread.sleep(500);
      owner.resume();
      for (CompletableFuture<Http.Response> f : queued) {
        Http.Response r = f.get(40, TimeUnit.SECONDS);
        assertThat(r.status()).as("the stale owner never confirms: %s", r.body()).isIn(409, 503);
      }
    } finally {
      owner.resume();
    }
    assertThat(Sql.count(cluster.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ? AND status = 'CONFIRMED' "
      + "AND start_at = ?", charger, java.time.LocalDateTime.ofInstant(contested, java.time.ZoneOffset.UTC)))
      .as("one booking of the contested hour").isEqualTo(1);
    assertThat(Sql.count(cluster.db(), "SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.charger_id = b.charger_id "
      + "AND a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at "
      + "WHERE a.status = 'CONFIRMED' AND b.status = 'CONFIRMED'")).as("double bookings").isZero();
    assertThat(owner.logLines(l -> l.contains("stepping down") || l.contains("was frozen"))).isNotEmpty();
  }
}
