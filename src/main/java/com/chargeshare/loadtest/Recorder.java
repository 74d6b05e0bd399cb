package com.chargeshare.loadtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Collects outcomes and latencies from every event loop without locks (HdrHistogram's
 * {@link org.HdrHistogram.Recorder} and {@link LongAdder}), and once a second turns the interval
 * into a {@link TimelinePoint}. Only intervals after the warm-up add to the run totals, so the
 * warm-up shapes the server without colouring the figures.
 */
public final class Recorder {

  /** Latencies are kept in microseconds up to an hour, three significant digits. */
  static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
  static final int DIGITS = 3;

  private final org.HdrHistogram.Recorder all = newRecorder();
  private final org.HdrHistogram.Recorder push = newRecorder();
  private final Map<OpKind, org.HdrHistogram.Recorder> byOp = new EnumMap<>(OpKind.class);
  private final LongAdder[][] counts = new LongAdder[OpKind.values().length][Outcome.values().length];
  private final LongAdder dropped = new LongAdder();
  private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();

  // Totals below are touched only by the sampler, one thread at a time.
  private final Histogram totalAll = newHistogram();
  private final Histogram totalPush = newHistogram();
  private final Map<OpKind, Histogram> totalByOp = new EnumMap<>(OpKind.class);
  private final long[][] totalCounts = new long[OpKind.values().length][Outcome.values().length];
  private final Map<String, Long> totalErrorKinds = new TreeMap<>();
  private final Map<String, Long> totalRefusals = new TreeMap<>();
  private long totalDropped;
  private final List<TimelinePoint> timeline = new ArrayList<>();
  private Histogram intervalAll;
  private Histogram intervalPush;
  private final Map<OpKind, Histogram> intervalByOp = new EnumMap<>(OpKind.class);

  public Recorder() {
    for (OpKind kind : OpKind.values()) {
      byOp.put(kind, newRecorder());
      totalByOp.put(kind, newHistogram());
      for (Outcome outcome : Outcome.values()) {
        counts[kind.ordinal()][outcome.ordinal()] = new LongAdder();
      }
    }
  }

  /** Records one answered request; dropped requests use {@link #recordDropped(OpKind)}. */
  public void record(CallResult result, long latencyNanos) {
    long micros = clamp(latencyNanos);
    all.recordValue(micros);
    byOp.get(result.kind()).recordValue(micros);
    count(result);
  }

  /**
   * A request the generator did not send because too many were in flight: an error without a
   * latency, and of no kind, since the scenario never chose what it would have been.
   */
  public void recordDropped() {
    dropped.increment();
  }

  /** Time from a booking's 201 to the matching WebSocket push. */
  public void recordPush(long latencyNanos) {
    push.recordValue(clamp(latencyNanos));
  }

  private void count(CallResult result) {
    counts[result.kind().ordinal()][result.outcome().ordinal()].increment();
    if (result.errorKind() != null) {
      errorKinds.computeIfAbsent(result.errorKind(), k -> new LongAdder()).increment();
    }
    if (result.refusal() != null) {
      refusals.computeIfAbsent(result.refusal(), k -> new LongAdder()).increment();
    }
  }

  /**
   * Closes the current interval. Call from one thread at a time (the sampler).
   *
   * @param t          seconds since the start of the load
   * @param measured   whether the interval counts towards the totals (false during warm-up)
   * @param targetRate the open-model rate in force, NaN in closed mode
   */
  public TimelinePoint sample(double t, boolean measured, double targetRate, long outstanding, double cpu) {
    intervalAll = all.getIntervalHistogram(intervalAll);
    intervalPush = push.getIntervalHistogram(intervalPush);
    long[] byOutcome = new long[Outcome.values().length];
    for (OpKind kind : OpKind.values()) {
      Histogram h = byOp.get(kind).getIntervalHistogram(intervalByOp.get(kind));
      intervalByOp.put(kind, h);
      for (Outcome outcome : Outcome.values()) {
        long n = counts[kind.ordinal()][outcome.ordinal()].sumThenReset();
        byOutcome[outcome.ordinal()] += n;
        if (measured) {
          totalCounts[kind.ordinal()][outcome.ordinal()] += n;
        }
      }
      if (measured) {
        totalByOp.get(kind).add(h);
      }
    }
    long droppedNow = dropped.sumThenReset();
    byOutcome[Outcome.ERROR.ordinal()] += droppedNow;
    if (measured && droppedNow > 0) {
      totalDropped += droppedNow;
      totalErrorKinds.merge(ErrorKinds.DROPPED, droppedNow, Long::sum);
    }
    for (Map.Entry<String, LongAdder> e : errorKinds.entrySet()) {
      long n = e.getValue().sumThenReset();
      if (measured && n > 0) {
        totalErrorKinds.merge(e.getKey(), n, Long::sum);
      }
    }
    for (Map.Entry<String, LongAdder> e : refusals.entrySet()) {
      long n = e.getValue().sumThenReset();
      if (measured && n > 0) {
        totalRefusals.merge(e.getKey(), n, Long::sum);
      }
    }
    if (measured) {
      totalAll.add(intervalAll);
      totalPush.add(intervalPush);
    }
    long requests = 0;
    for (long n : byOutcome) {
      requests += n;
    }
    TimelinePoint point = new TimelinePoint(t, !measured, requests,
        byOutcome[Outcome.CONFIRMED.ordinal()], byOutcome[Outcome.REJECTED.ordinal()],
        byOutcome[Outcome.OK.ordinal()], byOutcome[Outcome.ERROR.ordinal()],
        targetRate, outstanding, LatencySummary.of(intervalAll), cpu);
    timeline.add(point);
    return point;
  }

  /**
   * Adds push latencies that arrived after the last interval was closed (listeners catching up
   * once the load stopped). Call only after the sampler has finished.
   */
  public void collectLatePushes() {
    intervalPush = push.getIntervalHistogram(intervalPush);
    totalPush.add(intervalPush);
  }

  public long total(Outcome outcome) {
    long sum = outcome == Outcome.ERROR ? totalDropped : 0;
    for (OpKind kind : OpKind.values()) {
      sum += totalCounts[kind.ordinal()][outcome.ordinal()];
    }
    return sum;
  }

  public long total(OpKind kind, Outcome outcome) {
    return totalCounts[kind.ordinal()][outcome.ordinal()];
  }

  public long totalRequests() {
    long sum = 0;
    for (Outcome outcome : Outcome.values()) {
      sum += total(outcome);
    }
    return sum;
  }

  /** All measured latencies (microseconds). */
  public Histogram latency() {
    return totalAll;
  }

  public Histogram latency(OpKind kind) {
    return totalByOp.get(kind);
  }

  public Histogram pushLatency() {
    return totalPush;
  }

  /** Refusals by the server's error code: SLOT_TAKEN, DRIVER_OVERLAP, BOOKING_LIMIT, RATE_LIMITED, ... */
  public Map<String, Long> refusals() {
    return Collections.unmodifiableMap(totalRefusals);
  }

  public Map<String, Long> errorKinds() {
    return Collections.unmodifiableMap(totalErrorKinds);
  }

  public List<TimelinePoint> timeline() {
    return Collections.unmodifiableList(timeline);
  }

  private static long clamp(long nanos) {
    return Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000));
  }

  private static org.HdrHistogram.Recorder newRecorder() {
    return new org.HdrHistogram.Recorder(HIGHEST_MICROS, DIGITS);
  }

  static Histogram newHistogram() {
    return new Histogram(HIGHEST_MICROS, DIGITS);
  }
}
