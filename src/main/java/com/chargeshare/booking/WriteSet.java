package com.chargeshare.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Everything one transaction writes: a group commit of a shard, or one db-lock request. */
final class WriteSet {

  /** When the writes were decided: the rows' creation and cancellation time. */
  final Instant at;

  final List<Booking> bookings = new ArrayList<>();
  final List<IdempotencyRepository.Kept> idempotent = new ArrayList<>();
  final List<Cancel> cancels = new ArrayList<>();
  final List<Block> blocks = new ArrayList<>();
  final List<Long> removedBlocks = new ArrayList<>();

  WriteSet(Instant at) {
    this.at = at;
  }

  record Cancel(long bookingId, long byUserId) {
  }
}
