package com.chargeshare.loadtest;

/**
 * The open-model dispatch decision, free of Vert.x so it can be tested with a fake clock: on each
 * tick, every request whose intended time has come is either sent or, when too many are already
 * in flight, dropped and counted as an error. Either way the schedule moves on, so a slow server
 * never delays later requests.
 */
public final class OpenLoop {

  /** Where due requests go. */
  public interface Sink {
    /** Sends one request whose intended send time is {@code intendedNanos} (absolute). */
    void send(long intendedNanos);

    /** Records one request not sent because the in-flight bound was reached. */
    void drop(long intendedNanos);
  }

  private final RateController schedule;
  private final long startNanos;
  private final long endNanos;
  private final int maxOutstanding;
  private final Sink sink;
  private int outstanding;

  public OpenLoop(RateController schedule, long startNanos, long endNanos, int maxOutstanding, Sink sink) {
    this.schedule = schedule;
    this.startNanos = startNanos;
    this.endNanos = endNanos;
    this.maxOutstanding = maxOutstanding;
    this.sink = sink;
  }

  /** Dispatches everything due at {@code nowNanos}; returns false once the schedule has ended. */
  public boolean tick(long nowNanos) {
    while (true) {
      long intended = startNanos + schedule.peek();
      if (intended >= endNanos) {
        return false;
      }
      if (intended > nowNanos) {
        return true;
      }
      schedule.next();
      if (outstanding >= maxOutstanding) {
        sink.drop(intended);
      } else {
        outstanding++;
        sink.send(intended);
      }
    }
  }

  /** Called when a sent request has its answer (or failed). */
  public void completed() {
    outstanding--;
  }

  public int outstanding() {
    return outstanding;
  }

  public double rateAt(long nowNanos) {
    return schedule.rateAt(Math.max(0, nowNanos - startNanos));
  }
}
