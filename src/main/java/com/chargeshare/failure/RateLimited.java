package com.chargeshare.failure;

import java.time.Duration;

/** Too many attempts; {@link #retryAfter()} says when the next one may succeed, when that is known. */
public final class RateLimited extends DomainFailure {

  private final Duration retryAfter;

  public RateLimited(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public RateLimited(String message) {
    this(message, null);
  }

  /** May be null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
