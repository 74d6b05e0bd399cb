package com.chargeshare.booking;

import com.chargeshare.failure.RateLimited;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Booking attempts per user per minute")
class LocalBookingAttemptsTest {

  @Test
  @DisplayName("N attempts a minute pass; the next is refused with when to retry; a minute after the first one passes again")
  void slidingMinute() {
    Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
    Clock[] clock = {Clock.fixed(t0, ZoneOffset.UTC)};
    Clock moving = new Clock() {
      public Instant instant() {
        return clock[0].instant();
      }

      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    LocalBookingAttempts attempts = new LocalBookingAttempts(3, moving);
    for (int i = 0; i < 3; i++) {
      clock[0] = Clock.fixed(t0.plusSeconds(i * 10L), ZoneOffset.UTC);
      assertThat(attempts.attempt(7).succeeded()).isTrue();
    }
    var refused = attempts.attempt(7);
    assertThat(refused.failed()).isTrue();
    assertThat(((RateLimited) refused.cause()).retryAfter()).isEqualTo(Duration.ofSeconds(40));
    assertThat(attempts.attempt(8).succeeded()).as("another user has their own count").isTrue();
    clock[0] = Clock.fixed(t0.plusSeconds(60), ZoneOffset.UTC);
    assertThat(attempts.attempt(7).succeeded()).isTrue();
    assertThat(attempts.attempt(7).failed()).isTrue();
    clock[0] = Clock.fixed(t0.plusSeconds(200), ZoneOffset.UTC);
    attempts.sweep();
    assertThat(attempts.attempt(7).succeeded()).isTrue();
    assertThat(LocalBookingAttempts.perMinute(0, moving)).isSameAs(BookingAttempts.UNLIMITED);
  }
}
