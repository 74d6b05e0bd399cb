package com.chargeshare.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.chargeshare.App;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The fair-booking settings: shipped defaults and the operator's environment overrides")
class FairBookingSettingsTest {

  @Test
  @DisplayName("defaults: one car, 5 upcoming, 60 attempts a minute, instructions from 24 h before")
  void defaults() {
    AppConfig.Booking b = AppConfig.fromJson(new JsonObject()).booking();
    assertThat(b.allowDriverOverlap()).isFalse();
    assertThat(b.maxUpcomingPerDriver()).isEqualTo(5);
    assertThat(b.attemptsPerMinute()).isEqualTo(60);
    assertThat(b.accessInstructionsHoursBefore()).isEqualTo(24);
  }

  @Test
  @DisplayName("CHARGESHARE_ALLOW_DRIVER_OVERLAP, CHARGESHARE_MAX_UPCOMING_PER_DRIVER and CHARGESHARE_BOOKING_ATTEMPTS_PER_MINUTE switch them off")
  void environment() {
    AppConfig.Booking b = AppConfig.fromJson(new JsonObject()).withEnv(Map.of(
      "CHARGESHARE_ALLOW_DRIVER_OVERLAP", "true",
      "CHARGESHARE_MAX_UPCOMING_PER_DRIVER", "0",
      "CHARGESHARE_BOOKING_ATTEMPTS_PER_MINUTE", "0",
      "CHARGESHARE_ACCESS_INSTRUCTIONS_HOURS_BEFORE", "2")).booking();
    assertThat(b.allowDriverOverlap()).isTrue();
    assertThat(b.maxUpcomingPerDriver()).isZero();
    assertThat(b.attemptsPerMinute()).isZero();
    assertThat(b.accessInstructionsHoursBefore()).isEqualTo(2);
  }

  @Test
  @DisplayName("a cluster refuses the db-lock engine at start-up, naming the setting: its attempts could not be counted cluster-wide")
  void dbLockIsSingleNode() {
    AppConfig config = AppConfig.fromJson(new JsonObject()).withEnv(Map.of(
      "CHARGESHARE_CLUSTER", "true", "CHARGESHARE_BOOKING_ENGINE", "db-lock"));
    assertThatThrownBy(() -> App.start(config)).hasMessageContaining("CHARGESHARE_BOOKING_ENGINE=db-lock");
  }
}
