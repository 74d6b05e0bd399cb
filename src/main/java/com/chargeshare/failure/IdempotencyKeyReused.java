package com.chargeshare.failure;

/** An Idempotency-Key the caller already used for a different request: replaying that answer would mislead. */
public final class IdempotencyKeyReused extends DomainFailure {

  public IdempotencyKeyReused(String message) {
    super(message);
  }
}
