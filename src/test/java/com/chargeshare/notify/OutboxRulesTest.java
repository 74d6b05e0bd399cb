package com.chargeshare.notify;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Outbox rules: backoff, addresses kept out of logs, the SMTP URL")
class OutboxRulesTest {

  @Test
  @DisplayName("the wait doubles after each failed attempt, up to the cap")
  void backoff() {
    OutboxWorker w = new OutboxWorker(null, null, Clock.systemUTC(), 10, 8, Duration.ofSeconds(30), Duration.ofMinutes(10),
      Duration.ofSeconds(30));
    assertThat(w.backoff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(w.backoff(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(w.backoff(3)).isEqualTo(Duration.ofSeconds(120));
    assertThat(w.backoff(6)).isEqualTo(Duration.ofMinutes(10));
    assertThat(w.backoff(60)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  @DisplayName("an SMTP error that quotes the address is logged without it")
  void noAddresses() {
    String s = OutboxWorker.withoutAddresses(new IllegalStateException("550 5.1.1 <asha@example.com>: unknown\r\nuser"));
    assertThat(s).doesNotContain("asha@example.com").doesNotContain("\r").contains("<address>").contains("550");
  }

  @Test
  @DisplayName("smtp:// and smtps:// URLs with optional, percent-encoded credentials; the password never printed")
  void smtpUrl() {
    SmtpSettings s = SmtpSettings.parse("smtp://user%40x:p%3Ass@mail.example:2525");
    assertThat(s.host()).isEqualTo("mail.example");
    assertThat(s.port()).isEqualTo(2525);
    assertThat(s.username()).isEqualTo("user@x");
    assertThat(s.password()).isEqualTo("p:ss");
    assertThat(s.ssl()).isFalse();
    assertThat(s.toString()).doesNotContain("p:ss").doesNotContain("p%3Ass");
    SmtpSettings tls = SmtpSettings.parse("smtps://mail.example");
    assertThat(tls.ssl()).isTrue();
    assertThat(tls.port()).isEqualTo(465);
    assertThat(tls.username()).isNull();
    assertThatThrownBy(() -> SmtpSettings.parse("http://mail.example")).hasMessageContaining("smtp://");
    assertThatThrownBy(() -> SmtpSettings.parse("not a url")).hasMessageContaining("smtp://");
  }
}
