package com.chargeshare.booking;

import com.chargeshare.support.Eventually;
import com.chargeshare.support.Http;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Concurrent bookings through the sharded event-bus engine")
class EventBusBookingRaceTest extends BookingRaceContract {

  EventBusBookingRaceTest() {
    super("event-bus");
  }

  /**
   * The shards of a fresh node share what they read once (the notifications' id step): a read one shard started and
   * the others waited on ran their group commits on its event loop, whose queues are single-threaded. Batches were
   * lost, their bookings never answered, and the node could not stop (its commits stayed in flight).
   */
  @Test
  @DisplayName("the first bookings of fresh servers, on every shard at once: all confirmed, told, and the server stops")
  void firstBookingsOnEveryShard() throws Exception {
    for (int round = 0; round < 3; round++) {
      TestServer fresh = TestServer.start("race-first");
      try {
        Http api = new Http(fresh.url());
        String owner = api.signUp("HOST");
        // consecutive ids: their residues cover every shard
        List<Long> chargers = IntStream.range(0, 16).mapToObj(i -> api.createCharger(owner,
          Http.chargerBody("First " + i, 12.9 + i * 0.01, 77.6))).toList();
        List<String> people = IntStream.range(0, 48).mapToObj(i -> api.signUp("DRIVER")).toList();
        Instant start = Http.hoursAhead(5);
        List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
          Instant from = start.plus(Duration.ofHours(i / chargers.size()));
          calls.add(api.sendAsync(api.request("POST", "/api/bookings",
            Http.booking(chargers.get(i % chargers.size()), from, from.plusSeconds(3600)).encode(), people.get(i)).build()));
        }
        assertThat(calls.stream().map(CompletableFuture::join).toList())
          .allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        Eventually.within(Duration.ofSeconds(30)).until("a driver's and the host's notification of each booking",
          () -> Sql.count(fresh.db(), "SELECT COUNT(*) FROM notifications") == 2L * people.size());
      } finally {
        CompletableFuture.runAsync(fresh::close).get(60, TimeUnit.SECONDS);
      }
    }
  }
}
