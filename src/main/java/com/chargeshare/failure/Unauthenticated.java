package com.chargeshare.failure;

/** No valid login for a request that needs one. */
public final class Unauthenticated extends DomainFailure {

  public Unauthenticated(String message) {
    super(message);
  }
}
