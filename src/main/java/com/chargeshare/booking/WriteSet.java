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

  /** Whether new bookings also claim their driver's units ({@code driver_claims}): the overlap rule is on. */
  final boolean claimDriverUnits;

  WriteSet(Instant at, boolean claimDriverUnits) {
    this.at = at;
    this.claimDriverUnits = claimDriverUnits;
  }

  WriteSet(Instant at) {
    this(at, false);
  }

  record Cancel(long bookingId, long byUserId, CancelledBy by, String reason) {
  }
}
