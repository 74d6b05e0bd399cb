package com.chargeshare.failure;

/** A dependency (the database, a booking shard) cannot answer now; retrying later may work. */
public final class Unavailable extends DomainFailure {

  public Unavailable(String message) {
    super(message);
  }
}
