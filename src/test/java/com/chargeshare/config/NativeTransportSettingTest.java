package com.chargeshare.config;

import com.chargeshare.support.Http;
import com.chargeshare.support.TestServer;
import io.netty.channel.epoll.Epoll;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The node's transport: Netty's native epoll where the platform has it, else the JDK's NIO")
class NativeTransportSettingTest {

  @Test
  @DisplayName("on by default; CHARGESHARE_NATIVE_TRANSPORT=false turns it off")
  void setting() {
    assertThat(AppConfig.fromJson(new JsonObject()).nativeTransport()).isTrue();
    assertThat(AppConfig.fromJson(new JsonObject()).withEnv(Map.of("CHARGESHARE_NATIVE_TRANSPORT", "false")).nativeTransport())
      .isFalse();
  }

  @Test
  @DisplayName("a node at the defaults serves over epoll wherever the jar's native library loads (Linux on x86-64 or ARM64)")
  void defaultNodeUsesEpoll() {
    try (TestServer server = TestServer.start("native-transport")) {
      assertThat(server.app().vertx().isNativeTransportEnabled()).as("native transport in use").isEqualTo(Epoll.isAvailable());
      assertThat(new Http(server.url()).get("/health", null).status()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("a node with it off serves over NIO, the same answers")
  void offUsesNio() {
    try (TestServer server = TestServer.start("nio-transport", new JsonObject().put("nativeTransport", false))) {
      assertThat(server.app().vertx().isNativeTransportEnabled()).isFalse();
      assertThat(new Http(server.url()).get("/health", null).status()).isEqualTo(200);
    }
  }
}
