package com.chargeshare.cluster;

/**
 * A shard's epoch moved on: another node took it over while this one still thought it owned it. The commit that
 * found out rolls back; the shard steps down and its clients hear 503 (nothing was booked).
 */
public final class Fenced extends RuntimeException {

  public Fenced(int shard, long held, long current) {
    super("shard " + shard + " is at epoch " + current + ", this node holds epoch " + held, null, false, false);
  }
}
