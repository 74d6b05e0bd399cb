package com.chargeshare.failure;

/** The thing asked for does not exist, or the caller may not know that it does. */
public final class NotFound extends DomainFailure {

  public NotFound(String what) {
    super(what + " not found");
  }
}
