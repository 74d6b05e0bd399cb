package com.chargeshare.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Everything one transaction writes: a group commit of a shard, or one db-lock request. */
public final class WriteSet {

  final List<Booking> bookings = new ArrayList<>();
  final List<Idempotent> idempotent = new ArrayList<>();
  final List<Cancel> cancels = new ArrayList<>();
  final List<Block> blocks = new ArrayList<>();
  final List<Long> removedBlocks = new ArrayList<>();

  public boolean isEmpty() {
    return bookings.isEmpty() && cancels.isEmpty() && blocks.isEmpty() && removedBlocks.isEmpty();
  }

  record Idempotent(long userId, String key, int status, String response, Instant at) {
  }

  record Cancel(long bookingId, long byUserId, Instant at) {
  }
}
