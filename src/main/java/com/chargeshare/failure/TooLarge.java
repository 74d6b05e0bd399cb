package com.chargeshare.failure;

/** What was sent is larger than allowed (bytes, or pixels of an image); {@code limit} says the allowed most. */
public final class TooLarge extends DomainFailure {

  private final long limit;

  public TooLarge(String message, long limit) {
    super(message);
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
