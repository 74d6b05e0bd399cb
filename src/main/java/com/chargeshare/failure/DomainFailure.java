package com.chargeshare.failure;

/**
 * A failure a client can cause: a refusal with a meaning, not a bug. It carries no HTTP status; only the web
 * layer's error mapping decides how each kind is answered. No stack trace: these are answers.
 */
public abstract sealed class DomainFailure extends RuntimeException
  permits ValidationFailed, Unauthenticated, Forbidden, NotFound, Conflict, SlotTaken, RateLimited, Unavailable,
  IdempotencyKeyReused, PaymentInvalid, UnsupportedMediaType, TooLarge {

  protected DomainFailure(String message) {
    super(message, null, false, false);
  }
}
