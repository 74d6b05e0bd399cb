package com.chargeshare.booking;

import com.chargeshare.charger.Charger;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One decided write waiting for its shard's group commit: the rows it adds to the batch, and what memory,
 * listeners and its sender learn once the batch committed. Its sender hears only then.
 */
abstract sealed class PendingWrite<T> permits PendingWrite.NewClaim, PendingWrite.Cancel, PendingWrite.Unblock {

  final Calendar calendar;
  final Claim claim;
  final Promise<T> promise = Promise.promise();

  private PendingWrite(Calendar calendar, Claim claim) {
    this.calendar = calendar;
    this.claim = claim;
  }

  Future<T> future() {
    return promise.future();
  }

  /** How many fresh booking ids its rows need. */
  int newBookings() {
    return 0;
  }

  /** How many fresh block ids its rows need. */
  int newBlocks() {
    return 0;
  }

  /** Names the write from the batch's reserved ids and adds its rows. */
  abstract void addTo(WriteSet ws, Ids ids);

  /** The batch committed: memory and listeners learn it, then the sender hears it. */
  abstract void committed(Announcer announcer, BookingMetrics metrics, Instant now);

  /** Ids reserved for one batch, handed out in batch order. */
  static final class Ids {
    long nextBooking;
    long nextBlock;

    Ids(long firstBooking, long firstBlock) {
      this.nextBooking = firstBooking;
      this.nextBlock = firstBlock;
    }
  }

  /** A booking or block: it holds its units in memory from the decision on. */
  abstract static sealed class NewClaim<T> extends PendingWrite<T> permits NewBooking, NewBlock {

    private NewClaim(Calendar calendar, Claim claim) {
      super(calendar, claim);
    }

    /** The unique key refused it: the database knew a claim this memory had missed. */
    abstract void taken(Instant now, int horizonDays);
  }

  static final class NewBooking extends NewClaim<BookingOutcome> {
    private final BookingEngine.BookRequest request;
    private final Receipt receipt;
    private final boolean rescheduled;
    private BookingOutcome.Confirmed confirmed;

    NewBooking(Calendar calendar, Claim claim, BookingEngine.BookRequest request, Receipt receipt, boolean rescheduled) {
      super(calendar, claim);
      this.request = request;
      this.receipt = receipt;
      this.rescheduled = rescheduled;
    }

    @Override
    int newBookings() {
      return 1;
    }

    @Override
    void addTo(WriteSet ws, Ids ids) {
      claim.id = ids.nextBooking++;
      Charger c = calendar.charger();
      long minutes = Duration.between(claim.start, claim.end).toMinutes();
      Booking booking = new Booking(claim.id, c.id(), request.driverId(), claim.start, claim.end, BookingStatus.CONFIRMED,
        c.priceFor(minutes), c.currency(), ws.at.truncatedTo(ChronoUnit.MILLIS));
      confirmed = new BookingOutcome.Confirmed(booking, rescheduled);
      ws.bookings.add(booking);
      if (request.idempotencyKey() != null) {
        ws.idempotent.add(IdempotencyRepository.Kept.of(request, receipt.answer(confirmed), ws.at));
      }
    }

    @Override
    void committed(Announcer announcer, BookingMetrics metrics, Instant now) {
      claim.committed = true;
      metrics.outcome(BookingMetrics.CONFIRMED, 1);
      announcer.announce(calendar, List.of(new SlotState(claim.start, claim.end, SlotState.BOOKED)), ChangeEvent.Kind.BOOKED);
      announcer.lifecycle(LifecycleEvent.Kind.CONFIRMED, calendar, claim.id, request.driverId(), claim);
      promise.complete(confirmed);
    }

    @Override
    void taken(Instant now, int horizonDays) {
      promise.complete(new BookingOutcome.Taken(calendar.charger(),
        calendar.nearestFree(request.start(), request.end(), Alternatives.MAX, now, horizonDays)));
    }
  }

  static final class NewBlock extends NewClaim<Block> {
    private final String reason;
    private Block block;

    NewBlock(Calendar calendar, Claim claim, String reason) {
      super(calendar, claim);
      this.reason = reason;
    }

    @Override
    int newBlocks() {
      return 1;
    }

    @Override
    void addTo(WriteSet ws, Ids ids) {
      claim.id = ids.nextBlock++;
      block = new Block(claim.id, claim.chargerId, claim.start, claim.end, reason, BlockStatus.ACTIVE);
      ws.blocks.add(block);
    }

    @Override
    void committed(Announcer announcer, BookingMetrics metrics, Instant now) {
      claim.committed = true;
      announcer.announce(calendar, List.of(new SlotState(claim.start, claim.end, SlotState.BLOCKED)), ChangeEvent.Kind.BLOCKED);
      promise.complete(block);
    }

    @Override
    void taken(Instant now, int horizonDays) {
      promise.fail(ShardDecisions.windowTaken());
    }
  }

  static final class Cancel extends PendingWrite<Void> {
    private final ShardMessages.Cancel request;

    Cancel(Calendar calendar, Claim claim, ShardMessages.Cancel request) {
      super(calendar, claim);
      this.request = request;
    }

    @Override
    void addTo(WriteSet ws, Ids ids) {
      ws.cancels.add(new WriteSet.Cancel(claim.id, request.byUserId(), request.by(), request.reason()));
    }

    @Override
    void committed(Announcer announcer, BookingMetrics metrics, Instant now) {
      // the freed slots are bookable by the very next request
      calendar.release(claim);
      metrics.outcome(BookingMetrics.CANCELLED, 1);
      announcer.announce(calendar, List.of(new SlotState(claim.start, claim.end, calendar.statusOf(claim.start, claim.end, now))),
        ChangeEvent.Kind.CANCELLED);
      announcer.lifecycle(request.by() == CancelledBy.HOST ? LifecycleEvent.Kind.CANCELLED_BY_HOST
        : LifecycleEvent.Kind.CANCELLED_BY_DRIVER, calendar, claim.id, request.booking().driverId(), claim);
      promise.complete();
    }
  }

  static final class Unblock extends PendingWrite<Void> {

    Unblock(Calendar calendar, Claim claim) {
      super(calendar, claim);
    }

    @Override
    void addTo(WriteSet ws, Ids ids) {
      ws.removedBlocks.add(claim.id);
    }

    @Override
    void committed(Announcer announcer, BookingMetrics metrics, Instant now) {
      calendar.release(claim);
      announcer.announce(calendar, List.of(new SlotState(claim.start, claim.end, calendar.statusOf(claim.start, claim.end, now))),
        ChangeEvent.Kind.UNBLOCKED);
      promise.complete();
    }
  }
}
