package com.chargeshare.failure;

/** The caller is known but may not do this. */
public final class Forbidden extends DomainFailure {

  public Forbidden(String message) {
    super(message);
  }
}
