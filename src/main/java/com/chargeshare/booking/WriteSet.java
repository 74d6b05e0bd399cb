package com.chargeshare.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Everything one transaction writes: a group commit of a shard, or one db-lock request. */
final class WriteSet {

  /** When the writes were decided: the rows' creation and cancellation time. */
  final Instant at;

  final List<Booking> bookings = new ArrayList<>();
  /** The driver seats the new bookings take (those made with a limit on upcoming bookings). */
  final List<Seat> seats = new ArrayList<>();
  final List<IdempotencyRepository.Kept> idempotent = new ArrayList<>();
  final List<Cancel> cancels = new ArrayList<>();
  final List<Block> blocks = new ArrayList<>();
  final List<Long> removedBlocks = new ArrayList<>();
  /** Holds paid: they become confirmed, with the payment that paid them. */
  final List<Confirm> confirms = new ArrayList<>();
  /** Holds unpaid at their expiry (or whose order could not be made): their units are freed. */
  final List<Release> expiries = new ArrayList<>();
  /** Confirmed bookings nobody checked in to: their units are freed. */
  final List<Long> noShows = new ArrayList<>();
  final List<CheckIn> checkIns = new ArrayList<>();

  /** What tells the people of the new confirmed bookings, written with them. */
  BookingNotices.Batch notices = BookingNotices.Batch.NONE;

  /** Whether new bookings also claim their driver's units ({@code driver_claims}): the overlap rule is on. */
  final boolean claimDriverUnits;

  WriteSet(Instant at, boolean claimDriverUnits) {
    this.at = at;
    this.claimDriverUnits = claimDriverUnits;
  }

  WriteSet(Instant at) {
    this(at, false);
  }

  /** A new booking, taking its driver's {@code seat} unless that is {@link DriverLedger#NO_SEAT}. */
  void add(Booking b, int seat) {
    bookings.add(b);
    if (seat != DriverLedger.NO_SEAT) {
      seats.add(new Seat(b.driverId(), seat, b.id(), b.end()));
    }
  }

  record Seat(long driverId, int seat, long bookingId, Instant endsAt) {
  }

  /** {@code refund}: what goes back to the driver of a paid booking by the policy, or null. */
  record Cancel(long bookingId, long byUserId, CancelledBy by, String reason, RefundDue refund) {
    Cancel(long bookingId, long byUserId, CancelledBy by, String reason) {
      this(bookingId, byUserId, by, reason, null);
    }
  }

  /** A refund to record (PENDING) in the transaction of the change that owes it. */
  record RefundDue(String paymentId, long amountMinor, String currency) {
  }

  record Confirm(long bookingId, String orderId, String paymentId) {
  }

  record Release(long bookingId, String why) {
  }

  record CheckIn(long bookingId, Instant at, CheckInSource source) {
  }
}
