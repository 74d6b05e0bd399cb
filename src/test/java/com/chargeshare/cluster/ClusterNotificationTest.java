package com.chargeshare.cluster;

import com.chargeshare.support.ClusterNodes;
import com.chargeshare.support.Http;
import com.chargeshare.support.LiveClient;
import com.chargeshare.support.Sql;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
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

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Notifications in a cluster: stored once by the node that committed, heard on the node the user is connected to")
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
@Tag("cluster")
class ClusterNotificationTest {

  private static final int SHARDS = 4;
  private static ClusterNodes cluster;
  private static Vertx client;

  @BeforeAll
  static void start() {
    cluster = ClusterNodes.start("notify", 2, SHARDS, ClusterBookingTest.OPEN_LIMITS);
    client = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close().await();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String owner(long chargerId) {
    return (String) Sql.rows(cluster.db(), "SELECT owner FROM shard_epochs WHERE shard = ?", (int) (chargerId % SHARDS))
      .get(0).get("owner");
  }

  @Test
  @DisplayName("a booking committed on one node reaches the driver's socket on the other, and the host's on the first, once each")
  void crossNodePush() {
    cluster.awaitSettled(Duration.ofSeconds(60));
    Http http = cluster.node(0).http();
    String host = http.signUp("HOST");
    String driver = http.signUp("DRIVER");
    List<Long> chargers = new ArrayList<>();
    for (int i = 0; i < SHARDS; i++) {
      chargers.add(http.createCharger(host, Http.chargerBody("Cluster notify " + i, 12.9 + i * 0.001, 77.5)));
    }
    // "first" owns the charger's shard (whichever node that is now), "second" is the other node
    long charger = chargers.get(0);
    ClusterNodes.Node first = owner(charger).equals(cluster.node(0).name()) ? cluster.node(0) : cluster.node(1);
    ClusterNodes.Node second = first == cluster.node(0) ? cluster.node(1) : cluster.node(0);
    assertThat(owner(charger)).isEqualTo(first.name());
    WebSocketClient ws = LiveClient.client(client);
    try (LiveClient driverSocket = LiveClient.connect(ws, LiveClient.options(second.port()).addHeader("Authorization", "Bearer " + driver));
         LiveClient hostSocket = LiveClient.connect(ws, LiveClient.options(first.port()).addHeader("Authorization", "Bearer " + host))) {
      driverSocket.send(new JsonObject().put("type", "ping")).nextMatching(m -> "pong".equals(m.getString("type")));
      hostSocket.send(new JsonObject().put("type", "ping")).nextMatching(m -> "pong".equals(m.getString("type")));
      Instant start = Http.hoursAhead(30);
      // asked on the second node, decided and committed by the first, which owns the charger's shard
      var booked = second.http().post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), driver);
      assertThat(booked.status()).isEqualTo(201);
      long id = booked.json().getJsonObject("booking").getLong("id");
      JsonObject toDriver = driverSocket.nextMatching(m -> "notification".equals(m.getString("type")));
      assertThat(toDriver.getString("kind")).isEqualTo("BOOKING_CONFIRMED");
      assertThat(toDriver.getLong("bookingId")).isEqualTo(id);
      JsonObject toHost = hostSocket.nextMatching(m -> "notification".equals(m.getString("type")));
      assertThat(toHost.getLong("bookingId")).isEqualTo(id);
      assertThat(driverSocket.drain(Duration.ofSeconds(1))).noneMatch(m -> "notification".equals(m.getString("type")));
      assertThat(Sql.count(cluster.db(), "SELECT COUNT(*) FROM notifications WHERE booking_id = ?", id)).isEqualTo(2);
      assertThat(second.http().get("/api/notifications", driver).json().getJsonArray("notifications")).hasSize(1);
    }
  }
}
