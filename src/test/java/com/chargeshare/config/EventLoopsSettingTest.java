package com.chargeshare.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The node's event-loop threads: one per core unless the operator sets them")
class EventLoopsSettingTest {

  @Test
  @DisplayName("default: one per core, and a node alone has one booking shard per event loop")
  void defaults() {
    AppConfig config = AppConfig.fromJson(new JsonObject());
    assertThat(config.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.bookingShards()).isEqualTo(config.eventLoops());
  }

  @Test
  @DisplayName("CHARGESHARE_EVENT_LOOPS sets them, and the shard count of a node alone follows; a cluster keeps 64 shards")
  void environment() {
    AppConfig config = AppConfig.fromJson(new JsonObject()).withEnv(Map.of("CHARGESHARE_EVENT_LOOPS", "3"));
    assertThat(config.eventLoops()).isEqualTo(3);
    assertThat(config.bookingShards()).isEqualTo(3);
    AppConfig cluster = AppConfig.fromJson(new JsonObject()).withEnv(Map.of("CHARGESHARE_EVENT_LOOPS", "3", "CHARGESHARE_CLUSTER", "true"));
    assertThat(cluster.bookingShards()).isEqualTo(64);
  }
}
