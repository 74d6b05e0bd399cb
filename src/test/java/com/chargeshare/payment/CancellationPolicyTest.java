package com.chargeshare.payment;

import com.chargeshare.booking.CancellationPolicy;
import com.chargeshare.booking.CancelledBy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The cancellation policy and Razorpay's signatures")
class CancellationPolicyTest {

  private static final Instant START = Instant.parse("2026-12-10T10:00:00Z");
  private final CancellationPolicy policy = CancellationPolicy.parse(List.of("24:100", "2:50"));

  @Test
  @DisplayName("full up to 24 h before, half up to 2 h, none after; a host's cancel always in full; integer minor units rounded down")
  void tiers() {
    assertThat(policy.refundMinor(15000, CancelledBy.DRIVER, START, START.minus(Duration.ofHours(24)))).isEqualTo(15000);
    assertThat(policy.refundMinor(15000, CancelledBy.DRIVER, START, START.minus(Duration.ofHours(24)).plusSeconds(1))).isEqualTo(7500);
    assertThat(policy.refundMinor(15001, CancelledBy.DRIVER, START, START.minus(Duration.ofHours(2)))).isEqualTo(7500);
    assertThat(policy.refundMinor(15000, CancelledBy.DRIVER, START, START.minus(Duration.ofMinutes(119)))).isZero();
    assertThat(policy.refundMinor(15000, CancelledBy.HOST, START, START.minusSeconds(1))).isEqualTo(15000);
    assertThat(policy.describe()).isEqualTo("Full refund if cancelled up to 24 hours before the start; 50% refund if cancelled "
      + "up to 2 hours before the start; none after. A host's cancellation always refunds in full.");
  }

  @Test
  @DisplayName("signatures are hex HMAC-SHA256 as Razorpay documents, compared whatever the case")
  void signatures() {
    // Razorpay's documented construction: HMAC-SHA256 of order_id + "|" + razorpay_payment_id with the key secret
    String expected = Signatures.hmacHex("secret", "order_1|pay_1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(Signatures.checkout("secret", "order_1", "pay_1")).isEqualTo(expected).hasSize(64).matches("[0-9a-f]+");
    assertThat(Signatures.matches(expected, expected.toUpperCase())).isTrue();
    assertThat(Signatures.matches(expected, expected.substring(1) + "0")).isFalse();
    assertThat(Signatures.matches(expected, null)).isFalse();
    assertThat(Signatures.matches(expected, "")).isFalse();
  }
}
