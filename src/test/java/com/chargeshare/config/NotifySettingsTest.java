package com.chargeshare.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The notification settings: shipped defaults and the operator's environment overrides")
class NotifySettingsTest {

  @Test
  @DisplayName("by default no mail, reminders 30 minutes ahead, eight attempts from 30 s doubling to an hour")
  void defaults() {
    AppConfig.Notify n = AppConfig.fromJson(new JsonObject()).notifications();
    assertThat(n.mail()).isFalse();
    assertThat(n.smtpUrl()).isNull();
    assertThat(n.reminderMinutesBefore()).isEqualTo(30);
    assertThat(n.maxAttempts()).isEqualTo(8);
    assertThat(n.retryBaseSeconds()).isEqualTo(30);
    assertThat(n.retryMaxSeconds()).isEqualTo(3600);
    assertThat(n.mailFrom()).contains("EV ChargeShare");
  }

  @Test
  @DisplayName("CHARGESHARE_SMTP_URL turns mail on; CHARGESHARE_MAIL_FROM and CHARGESHARE_REMINDER_MINUTES_BEFORE override")
  void environment() {
    AppConfig.Notify n = AppConfig.fromJson(new JsonObject()).withEnv(Map.of(
      "CHARGESHARE_SMTP_URL", "smtp://u:p@mail.example:2525",
      "CHARGESHARE_MAIL_FROM", "Charge <c@example.com>",
      "CHARGESHARE_REMINDER_MINUTES_BEFORE", "45")).notifications();
    assertThat(n.mail()).isTrue();
    assertThat(n.smtpUrl()).isEqualTo("smtp://u:p@mail.example:2525");
    assertThat(n.mailFrom()).isEqualTo("Charge <c@example.com>");
    assertThat(n.reminderMinutesBefore()).isEqualTo(45);
  }
}
