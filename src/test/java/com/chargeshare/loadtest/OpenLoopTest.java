package com.chargeshare.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The open-model dispatch")
class OpenLoopTest {

  private static final long MS = 1_000_000L;

  private static final class Sink implements OpenLoop.Sink {
    final List<Long> sent = new ArrayList<>();
    final List<Long> dropped = new ArrayList<>();

    @Override
    public void send(long intendedNanos) {
      sent.add(intendedNanos);
    }

    @Override
    public void drop(long intendedNanos) {
      dropped.add(intendedNanos);
    }
  }

  @Test
  @DisplayName("keeps the intended send times when the server never answers")
  void slowServerDoesNotShiftSchedule() {
    Sink sink = new Sink();
    long start = 5_000 * MS;
    OpenLoop loop = new OpenLoop(new RateController(1000, 0, 1, 0), start, start + 1000 * MS, 1_000_000, sink);
    // ticks arrive late and irregularly, as they would on a busy machine, and nothing completes
    long[] ticks = {start + 3 * MS, start + 40 * MS, start + 41 * MS, start + 500 * MS, start + 2000 * MS};
    boolean more = true;
    for (long now : ticks) {
      more = loop.tick(now);
    }
    assertThat(more).isFalse();
    assertThat(sink.sent).hasSize(1000);
    for (int k = 0; k < 1000; k++) {
      assertThat(sink.sent.get(k)).isEqualTo(start + k * MS);
    }
    assertThat(loop.outstanding()).isEqualTo(1000);
  }

  @Test
  @DisplayName("sends nothing before its time")
  void notEarly() {
    Sink sink = new Sink();
    OpenLoop loop = new OpenLoop(new RateController(100, 0, 1, 0), 0, 1000 * MS, 100, sink);
    loop.tick(25 * MS);
    assertThat(sink.sent).containsExactly(0L, 10 * MS, 20 * MS);
  }

  @Test
  @DisplayName("drops and counts requests beyond the in-flight bound instead of waiting")
  void boundsOutstanding() {
    Sink sink = new Sink();
    OpenLoop loop = new OpenLoop(new RateController(1000, 0, 1, 0), 0, 100 * MS, 10, sink);
    loop.tick(19 * MS);
    assertThat(sink.sent).hasSize(10);
    assertThat(sink.dropped).hasSize(10);
    loop.completed();
    loop.completed();
    loop.tick(21 * MS);
    assertThat(sink.sent).hasSize(12).endsWith(20 * MS, 21 * MS);
    assertThat(sink.dropped).hasSize(10);
  }
}
