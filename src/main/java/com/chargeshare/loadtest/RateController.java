package com.chargeshare.loadtest;

/**
 * The open-model arrival schedule: the intended send time of every request, fixed up front from
 * the target rate and the ramp-up steps. Nothing a slow server does can move these times; the
 * generator measures latency from them, which is what keeps coordinated omission out.
 *
 * <p>The rate is piecewise constant: during a ramp-up of {@code rampUpSeconds} split into
 * {@code rampSteps} equal steps, step {@code i} runs at {@code rate * (i + 1) / rampSteps}; after
 * the ramp it runs at {@code rate}. Times are offsets in nanoseconds from the start of the run.
 * Not thread-safe: each generator shard owns one.
 */
public final class RateController {

  private static final double NANOS_PER_SECOND = 1_000_000_000d;

  private final double rate;
  private final long rampNanos;
  private final int rampSteps;
  private final double phaseNanos;

  private int segment;
  private long segmentStart;
  private long segmentEnd;
  private double segmentInterval;
  private long indexInSegment;

  /**
   * @param rate          target requests per second after the ramp (must be &gt; 0)
   * @param rampUpSeconds ramp-up length; 0 starts at full rate
   * @param rampSteps     how many equal steps the ramp takes (at least 1 when ramping)
   * @param phaseNanos    shifts every send time, so that shards sharing a rate interleave
   */
  public RateController(double rate, double rampUpSeconds, int rampSteps, double phaseNanos) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("rate must be > 0");
    }
    this.rate = rate;
    this.rampNanos = Math.round(Math.max(0, rampUpSeconds) * NANOS_PER_SECOND);
    this.rampSteps = rampNanos == 0 ? 0 : Math.max(1, rampSteps);
    this.phaseNanos = phaseNanos;
    enterSegment(0, 0);
  }

  /** The target rate (requests per second) in force at {@code offsetNanos} after the start. */
  public double rateAt(long offsetNanos) {
    if (offsetNanos >= rampNanos) {
      return rate;
    }
    int step = (int) (offsetNanos * rampSteps / rampNanos);
    return rate * (step + 1) / rampSteps;
  }

  /** The intended offset of the next request, then advances; the sequence never decreases. */
  public long next() {
    while (true) {
      long offset = segmentStart + Math.round(phaseNanos + indexInSegment * segmentInterval);
      if (offset < segmentEnd) {
        indexInSegment++;
        return offset;
      }
      enterSegment(segment + 1, segmentEnd);
    }
  }

  /** The intended offset {@link #next()} will return, without advancing. */
  public long peek() {
    while (true) {
      long offset = segmentStart + Math.round(phaseNanos + indexInSegment * segmentInterval);
      if (offset < segmentEnd) {
        return offset;
      }
      enterSegment(segment + 1, segmentEnd);
    }
  }

  private void enterSegment(int index, long start) {
    segment = index;
    segmentStart = start;
    indexInSegment = 0;
    if (index < rampSteps) {
      segmentEnd = rampNanos * (index + 1) / rampSteps;
      segmentInterval = NANOS_PER_SECOND / (rate * (index + 1) / rampSteps);
    } else {
      segmentEnd = Long.MAX_VALUE;
      segmentInterval = NANOS_PER_SECOND / rate;
    }
  }
}
