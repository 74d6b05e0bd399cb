package com.chargeshare.config;

import com.chargeshare.App;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The lifecycle and payment settings: defaults (payments off), environment overrides, refusals at start-up")
class LifecycleSettingsTest {

  @Test
  @DisplayName("defaults: payments off, 10-minute holds, no-show after 15 minutes, refunds 24:100 and 2:50")
  void defaults() {
    AppConfig c = AppConfig.fromJson(new JsonObject());
    assertThat(c.payments().on()).isFalse();
    assertThat(c.payments().holdSeconds()).isEqualTo(600);
    assertThat(c.payments().cancellationPolicy()).containsExactly("24:100", "2:50");
    assertThat(c.payments().razorpay().apiUrl()).isEqualTo("https://api.razorpay.com");
    assertThat(c.payments().razorpay().checkoutUrl()).isEqualTo("https://checkout.razorpay.com/v1/checkout.js");
    assertThat(c.lifecycle().noShowMinutes()).isEqualTo(15);
    assertThat(c.lifecycle().checkInMinutesBefore()).isEqualTo(15);
  }

  @Test
  @DisplayName("the CHARGESHARE_* variables of API.md set them")
  void environment() {
    AppConfig c = AppConfig.fromJson(new JsonObject()).withEnv(Map.of(
      "CHARGESHARE_PAYMENTS", "razorpay",
      "CHARGESHARE_RAZORPAY_KEY_ID", "rzp_live_x",
      "CHARGESHARE_RAZORPAY_KEY_SECRET", "s3cret",
      "CHARGESHARE_RAZORPAY_WEBHOOK_SECRET", "wh",
      "CHARGESHARE_RAZORPAY_API_URL", "http://127.0.0.1:9/",
      "CHARGESHARE_PAYMENT_HOLD_SECONDS", "300",
      "CHARGESHARE_NO_SHOW_MINUTES", "20",
      "CHARGESHARE_CANCELLATION_POLICY", "48:100, 6:25"));
    assertThat(c.payments().on()).isTrue();
    assertThat(c.payments().razorpay().keyId()).isEqualTo("rzp_live_x");
    assertThat(c.payments().razorpay().keySecret()).isEqualTo("s3cret");
    assertThat(c.payments().razorpay().webhookSecret()).isEqualTo("wh");
    assertThat(c.payments().razorpay().apiUrl()).isEqualTo("http://127.0.0.1:9/");
    assertThat(c.payments().razorpay().toString()).doesNotContain("s3cret");
    assertThat(c.payments().holdSeconds()).isEqualTo(300);
    assertThat(c.payments().cancellationPolicy()).isEqualTo(List.of("48:100", "6:25"));
    assertThat(c.lifecycle().noShowMinutes()).isEqualTo(20);
  }

  @Test
  @DisplayName("payments on without Razorpay's keys, an unknown provider or a bad policy: the server refuses to start, naming the setting")
  void refusals() {
    JsonObject on = new JsonObject().put("payments", new JsonObject().put("provider", "razorpay"));
    assertThatThrownBy(() -> App.start(AppConfig.fromJson(on))).hasMessageContaining("CHARGESHARE_RAZORPAY_KEY_ID");
    assertThatThrownBy(() -> App.start(AppConfig.fromJson(new JsonObject().put("payments", new JsonObject().put("provider", "paypal")))))
      .hasMessageContaining("CHARGESHARE_PAYMENTS");
    assertThatThrownBy(() -> App.start(AppConfig.fromJson(new JsonObject().put("payments",
      new JsonObject().put("cancellationPolicy", new io.vertx.core.json.JsonArray().add("soon:all"))))))
      .hasMessageContaining("HOURS:PERCENT");
    JsonObject keys = new JsonObject().put("keyId", "k").put("keySecret", "s").put("webhookSecret", "w")
      .put("checkoutUrl", "https://x.example/c.js' 'unsafe-inline");
    assertThatThrownBy(() -> App.start(AppConfig.fromJson(new JsonObject().put("payments",
      new JsonObject().put("provider", "razorpay").put("razorpay", keys))))).hasMessageContaining("CHECKOUT_URL");
  }
}
