package com.chargeshare.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The rate controller")
class RateControllerTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  @DisplayName("spaces requests exactly 1/R apart at a constant rate")
  void constantRate() {
    RateController rc = new RateController(1000, 0, 1, 0);
    for (int k = 0; k < 5000; k++) {
      assertThat(rc.next()).isEqualTo(k * 1_000_000L);
    }
  }

  @Test
  @DisplayName("does not drift at rates whose interval is not a whole number of nanoseconds")
  void noDrift() {
    RateController rc = new RateController(12_000, 0, 1, 0);
    long last = 0;
    for (int k = 0; k <= 120_000; k++) {
      last = rc.next();
    }
    assertThat(last).isEqualTo(10 * SECOND);
  }

  @Test
  @DisplayName("steps the rate up over the ramp-up, then holds the target")
  void rampUpSteps() {
    RateController rc = new RateController(100, 4, 4, 0);
    assertThat(rc.rateAt(0)).isEqualTo(25);
    assertThat(rc.rateAt(SECOND + 1)).isEqualTo(50);
    assertThat(rc.rateAt(3 * SECOND + 1)).isEqualTo(100);
    assertThat(rc.rateAt(100 * SECOND)).isEqualTo(100);

    int[] perSecond = new int[6];
    long t;
    while ((t = rc.next()) < 6 * SECOND) {
      perSecond[(int) (t / SECOND)]++;
    }
    assertThat(perSecond).containsExactly(25, 50, 75, 100, 100, 100);
  }

  @Test
  @DisplayName("never schedules backwards across step boundaries")
  void monotonic() {
    RateController rc = new RateController(997, 3.3, 7, 0);
    long previous = -1;
    for (int k = 0; k < 10_000; k++) {
      long t = rc.next();
      assertThat(t).isGreaterThan(previous);
      previous = t;
    }
  }

  @Test
  @DisplayName("interleaves shards through the phase offset")
  void phase() {
    int shards = 4;
    double rate = 4000;
    List<Long> all = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      RateController rc = new RateController(rate / shards, 0, 1, i * 1e9 / rate);
      for (int k = 0; k < 1000; k++) {
        all.add(rc.next());
      }
    }
    all.sort(Long::compare);
    for (int k = 0; k < all.size(); k++) {
      assertThat((double) all.get(k)).isCloseTo(k * 250_000d, within(1d));
    }
  }
}
