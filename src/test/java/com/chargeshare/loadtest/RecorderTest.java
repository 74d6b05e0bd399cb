package com.chargeshare.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Latency recording and summaries")
class RecorderTest {

  @Test
  @DisplayName("summarises percentiles in milliseconds within HdrHistogram's precision")
  void percentiles() {
    Histogram h = Recorder.newHistogram();
    for (int ms = 1; ms <= 1000; ms++) {
      h.recordValue(ms * 1000L);
    }
    LatencySummary s = LatencySummary.of(h);
    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.p50()).isCloseTo(500, within(1.0));
    assertThat(s.p90()).isCloseTo(900, within(1.0));
    assertThat(s.p99()).isCloseTo(990, within(1.0));
    assertThat(s.p999()).isCloseTo(999, within(1.0));
    assertThat(s.max()).isCloseTo(1000, within(1.0));
    assertThat(s.mean()).isCloseTo(500.5, within(1.0));
  }

  @Test
  @DisplayName("reports zeros for an empty histogram")
  void empty() {
    assertThat(LatencySummary.of(Recorder.newHistogram())).isEqualTo(LatencySummary.EMPTY);
  }

  @Test
  @DisplayName("counts outcomes per interval and leaves warm-up out of the totals")
  void intervalsAndWarmup() {
    Recorder r = new Recorder();
    r.record(new CallResult(OpKind.BOOK, Outcome.CONFIRMED, null), 5_000_000);
    r.record(new CallResult(OpKind.BOOK, Outcome.ERROR, "http-500"), 900_000_000);
    TimelinePoint warm = r.sample(1, false, 100, 0, 0);
    assertThat(warm.warmup()).isTrue();
    assertThat(warm.requests()).isEqualTo(2);

    r.record(new CallResult(OpKind.BOOK, Outcome.CONFIRMED, null), 2_000_000);
    r.record(new CallResult(OpKind.BOOK, Outcome.REJECTED, null), 3_000_000);
    r.record(new CallResult(OpKind.SEARCH, Outcome.OK, null), 4_000_000);
    r.recordDropped();
    TimelinePoint measured = r.sample(2, true, 100, 0, 0);
    assertThat(measured.requests()).isEqualTo(4);
    assertThat(measured.errors()).isEqualTo(1);

    assertThat(r.totalRequests()).isEqualTo(4);
    assertThat(r.total(Outcome.CONFIRMED)).isEqualTo(1);
    assertThat(r.total(Outcome.REJECTED)).isEqualTo(1);
    assertThat(r.total(Outcome.OK)).isEqualTo(1);
    assertThat(r.total(Outcome.ERROR)).isEqualTo(1);
    assertThat(r.errorKinds()).containsEntry(ErrorKinds.DROPPED, 1L).doesNotContainKey("http-500");
    assertThat(r.latency().getTotalCount()).isEqualTo(3);
    assertThat(LatencySummary.of(r.latency()).max()).isCloseTo(4.0, within(0.01));
    assertThat(r.latency(OpKind.SEARCH).getTotalCount()).isEqualTo(1);
    assertThat(r.timeline()).hasSize(2);
  }

  @Test
  @DisplayName("maps statuses to outcomes the way the report counts them")
  void outcomes() {
    assertThat(Outcome.ofStatus(201, true)).isEqualTo(Outcome.CONFIRMED);
    assertThat(Outcome.ofStatus(409, true)).isEqualTo(Outcome.REJECTED);
    assertThat(Outcome.ofStatus(200, false)).isEqualTo(Outcome.OK);
    assertThat(Outcome.ofStatus(503, true)).isEqualTo(Outcome.ERROR);
    assertThat(Outcome.ofStatus(400, true)).isEqualTo(Outcome.ERROR);
    assertThat(CallResult.ofStatus(OpKind.BOOK, 500).errorKind()).isEqualTo("http-500");
  }
}
