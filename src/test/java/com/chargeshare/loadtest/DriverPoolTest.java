package com.chargeshare.loadtest;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The load-test tool keeps its drivers within the server's fair-booking limits")
class DriverPoolTest {

  private static List<Account> drivers(int n) {
    return IntStream.range(0, n).mapToObj(i -> new Account(i + 1, "d" + i + "@x", "t" + i, "DRIVER")).toList();
  }

  @Test
  @DisplayName("no driver is sent for a window overlapping one it holds or has in flight, nor for more than the limit")
  void overlapAndLimit() {
    SplittableRandom random = new SplittableRandom(1);
    DriverPool overlap = new DriverPool(drivers(2), false, 5, 0);
    DriverPool.Held a = overlap.take(0, 1800, random);
    assertThat(overlap.take(900, 2700, random).driver()).as("a has [0, 1800) in flight").isNotEqualTo(a.driver());
    overlap.released(a);

    DriverPool limit = new DriverPool(drivers(2), false, 1, 0);
    DriverPool.Held first = limit.take(0, 1800, random);
    limit.confirmed(first, 11, 0, 1800);
    DriverPool.Held second = limit.take(7200, 9000, random);
    assertThat(second.driver()).as("the first driver is at its limit").isNotEqualTo(first.driver());
    limit.released(second);
    limit.cancelled(limit.account(first), 11);
    DriverPool.Held third = limit.take(7200, 9000, random);
    limit.confirmed(third, 12, 7200, 9000);
    assertThat(limit.take(20_000, 21_800, random).driver()).isNotEqualTo(third.driver());
  }

  @Test
  @DisplayName("enough drivers: bookings over the limit and attempts over the per-minute rate decide, within bounds")
  void enough() {
    assertThat(DriverPool.enough(1000, 50, 5, 60)).isEqualTo(220);
    assertThat(DriverPool.enough(100, 1000, 5, 60)).isEqualTo(1100);
    assertThat(DriverPool.enough(10, 1, 5, 60)).isEqualTo(40);
    assertThat(DriverPool.enough(1e9, 1, 5, 60)).isEqualTo(DriverPool.AUTO_MAX);
    assertThat(DriverPool.enough(1e9, 1e6, 0, 0)).isEqualTo(40);
  }

  @Test
  @DisplayName("drivers at the limit are passed over until they have room again; the ones with room take turns")
  void roomAgain() {
    SplittableRandom random = new SplittableRandom(2);
    int n = 1000;
    DriverPool pool = new DriverPool(drivers(n), true, 2, 0);
    DriverPool.Held kept = null;
    // every driver fills up but the last, which holds one
    for (int i = 0; i < 2 * n - 1; i++) {
      DriverPool.Held h = pool.take(i * 3600L, i * 3600L + 1800, random);
      pool.confirmed(h, i + 1, h.start(), h.end());
      if (i == 0) {
        kept = h;
      }
    }
    assertThat(pool.take(0, 1800, random).driver()).as("the one driver with room").isEqualTo(n - 1);
    // all full now: the request goes out with any driver, and the server's refusal is counted
    DriverPool.Held over = pool.take(0, 1800, random);
    pool.released(over);
    pool.cancelled(pool.account(kept), 1);
    assertThat(pool.take(0, 1800, random).driver()).as("room again after a cancellation").isEqualTo(kept.driver());

    DriverPool turns = new DriverPool(drivers(3), false, 0, 0);
    assertThat(IntStream.range(0, 6).map(i -> turns.take(i * 3600L, i * 3600L + 1800, random).driver()).toArray())
      .as("no upcoming limit: every driver in turn").containsExactly(0, 1, 2, 0, 1, 2);
  }
}
