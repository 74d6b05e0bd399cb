package com.chargeshare.booking;

import com.chargeshare.failure.RateLimited;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Where booking attempts are counted with the driver rules off")
class DriverSideAttemptsTest {

  private static final int SHARDS = 2;
  private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    vertx.eventBus().registerCodec(new LocalCodec());
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private static BookingEngine.BookRequest request(long driverId) {
    return new BookingEngine.BookRequest(driverId, 1, START, START.plusSeconds(3600), 0, null);
  }

  private static <T> Future<T> settled(Future<T> f) throws Exception {
    try {
      f.await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the outcome is asserted on the future itself
    }
    return f;
  }

  @Test
  @DisplayName("a clustered node sends each attempt to the driver's owner, which counts it whichever way it came")
  void clusteredCountsAtTheOwner() throws Exception {
    DriverSide side = new DriverSide(vertx, SHARDS, DriverRules.NONE, 3, Clock.systemUTC(), "node-a");
    assertThat(side.usesLedger()).isTrue();
    ShardReadiness ready = new ShardReadiness(SHARDS);
    for (int s = 0; s < SHARDS; s++) {
      // with the rules off the owner only counts: it reads nothing from MySQL
      vertx.deployVerticle(new DriverLedgerVerticle(s, SHARDS, DriverRules.NONE, 3, null, ready, Clock.systemUTC()))
        .await(10, TimeUnit.SECONDS);
    }
    for (int i = 0; i < 2; i++) {
      assertThat(settled(side.reserve(request(7), true)).result()).isSameAs(DriverSide.NOTHING);
    }
    assertThat(settled(side.attempts().attempt(7)).succeeded()).as("the third attempt, counted alone").isTrue();
    assertThat(settled(side.reserve(request(7), true)).cause()).isInstanceOf(RateLimited.class);
    assertThat(settled(side.attempts().attempt(7)).cause()).isInstanceOf(RateLimited.class);
    assertThat(settled(side.reserve(request(7), false)).succeeded()).as("the server's own request is not counted").isTrue();
    assertThat(settled(side.reserve(request(8), true)).succeeded()).as("another driver has their own count").isTrue();
  }

  @Test
  @DisplayName("a single node counts in its own memory and sends nothing; with no limit nothing is counted at all")
  void singleNodeCountsInMemory() throws Exception {
    DriverSide side = new DriverSide(vertx, SHARDS, DriverRules.NONE, 3, Clock.systemUTC(), "");
    assertThat(side.usesLedger()).isFalse();
    assertThat(side.attempts()).isInstanceOf(LocalBookingAttempts.class);
    for (int i = 0; i < 3; i++) {
      assertThat(settled(side.reserve(request(7), true)).succeeded()).isTrue();
    }
    assertThat(settled(side.reserve(request(7), true)).cause()).isInstanceOf(RateLimited.class);

    DriverSide unlimited = new DriverSide(vertx, SHARDS, DriverRules.NONE, 0, Clock.systemUTC(), "node-a");
    assertThat(unlimited.usesLedger()).isFalse();
    assertThat(unlimited.attempts()).isSameAs(BookingAttempts.UNLIMITED);
    assertThat(settled(unlimited.reserve(request(7), true)).result()).isSameAs(DriverSide.NOTHING);
  }
}
