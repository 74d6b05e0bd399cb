package com.chargeshare.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock plus an offset a test moves forward: a server started with it reaches a booking's check-in window
 * or no-show deadline without the test waiting for it. Time keeps running meanwhile.
 */
public final class MovableClock extends Clock {

  private final AtomicLong offsetMillis = new AtomicLong();

  public void advance(Duration by) {
    offsetMillis.addAndGet(by.toMillis());
  }

  /** Moves the clock so that it reads {@code at} now. */
  public void setTo(Instant at) {
    offsetMillis.set(at.toEpochMilli() - System.currentTimeMillis());
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
