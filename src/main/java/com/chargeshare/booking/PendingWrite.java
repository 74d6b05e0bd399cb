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
abstract sealed class PendingWrite<T> permits PendingWrite.NewClaim, PendingWrite.Cancel, PendingWrite.Unblock,
  PendingWrite.Step {

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
  abstract void committed(ShardEffects fx, Instant now);

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
    private final int seat;
    private BookingOutcome.Confirmed confirmed;
    /** Its notifications were written in its transaction. */
    boolean told;

    /** {@code seat}: the driver's seat the booking takes ({@link DriverLedger#NO_SEAT}: none). */
    NewBooking(Calendar calendar, Claim claim, BookingEngine.BookRequest request, Receipt receipt, boolean rescheduled,
               int seat) {
      super(calendar, claim);
      this.request = request;
      this.receipt = receipt;
      this.rescheduled = rescheduled;
      this.seat = seat;
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
      Booking booking = new Booking(claim.id, c.id(), request.driverId(), claim.start, claim.end,
        claim.held() ? BookingStatus.PENDING_PAYMENT : BookingStatus.CONFIRMED, c.priceFor(minutes), c.currency(),
        ws.at.truncatedTo(ChronoUnit.MILLIS), null, null, claim.held() ? Life.hold(claim.holdUntil) : Life.NONE);
      confirmed = new BookingOutcome.Confirmed(booking, rescheduled);
      ws.add(booking, seat);
      if (request.idempotencyKey() != null) {
        ws.idempotent.add(IdempotencyRepository.Kept.of(request, receipt.answer(confirmed), ws.at));
      }
    }

    /** The booking its rows name, once added to a batch. */
    Booking booking() {
      return confirmed == null ? null : confirmed.booking();
    }

    @Override
    void committed(ShardEffects fx, Instant now) {
      claim.committed = true;
      fx.metrics().outcome(BookingMetrics.CONFIRMED, 1);
      fx.announcer().announce(calendar, List.of(new SlotState(claim.start, claim.end, SlotState.BOOKED)), ChangeEvent.Kind.BOOKED);
      fx.deadlines().track(claim);
      // a hold tells nobody yet: its payment confirms it (PendingWrite.Confirm)
      fx.events().publish(claim.held() ? LifecycleEvent.Kind.HELD : LifecycleEvent.Kind.CONFIRMED, confirmed.booking(),
        calendar.charger().hostId(), told);
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
    void committed(ShardEffects fx, Instant now) {
      claim.committed = true;
      fx.announcer().announce(calendar, List.of(new SlotState(claim.start, claim.end, SlotState.BLOCKED)), ChangeEvent.Kind.BLOCKED);
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
      ws.cancels.add(new WriteSet.Cancel(claim.id, request.byUserId(), request.by(), request.reason(), request.refund()));
    }

    @Override
    void committed(ShardEffects fx, Instant now) {
      // the freed slots are bookable by the very next request
      calendar.release(claim);
      claim.gone = true;
      fx.metrics().outcome(BookingMetrics.CANCELLED, 1);
      fx.announcer().announce(calendar, List.of(new SlotState(claim.start, claim.end, calendar.statusOf(claim.start, claim.end, now))),
        ChangeEvent.Kind.CANCELLED);
      fx.events().publish(request.by() == CancelledBy.HOST ? LifecycleEvent.Kind.CANCELLED_BY_HOST
        : LifecycleEvent.Kind.CANCELLED_BY_DRIVER, request.booking(), calendar.charger().hostId());
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
    void committed(ShardEffects fx, Instant now) {
      calendar.release(claim);
      fx.announcer().announce(calendar, List.of(new SlotState(claim.start, claim.end, calendar.statusOf(claim.start, claim.end, now))),
        ChangeEvent.Kind.UNBLOCKED);
      promise.complete();
    }
  }

  /** A lifecycle step of a committed booking: payment, expiry, no-show or check-in. */
  abstract static sealed class Step<T> extends PendingWrite<T> permits Confirm, Expire, NoShow, CheckIn {

    private Step(Calendar calendar, Claim claim) {
      super(calendar, claim);
    }

    void publish(ShardEffects fx, LifecycleEvent.Kind kind) {
      fx.events().publish(kind, claim.id, claim.chargerId, claim.ownerId, calendar.charger().hostId(), claim.start, claim.end);
    }

    /** The rest of the claim's window, as the slot grid now shows it. */
    List<SlotState> freed(Instant now) {
      Instant from = claim.start.isBefore(now) ? Units.slotStart(now, calendar.charger().timeZone(), calendar.charger().slotMinutes())
        : claim.start;
      return from.isBefore(claim.end) ? calendar.slots(from, claim.end, now) : List.of();
    }

    /** An expiry or a no-show committed: the rest of the window is free, for the charger and for the driver. */
    void released(ShardEffects fx, Instant now, ChangeEvent.Kind change, LifecycleEvent.Kind step) {
      calendar.release(claim);
      claim.gone = true;
      fx.announcer().announce(calendar, freed(now), change);
      fx.drivers().released(claim.ownerId, claim.id);
      publish(fx, step);
      promise.complete();
    }
  }

  /** A hold paid: it becomes a confirmed booking. Answers true. */
  static final class Confirm extends Step<Boolean> {
    private final HoldCheck.Paid paid;

    Confirm(Calendar calendar, Claim claim, HoldCheck.Paid paid) {
      super(calendar, claim);
      this.paid = paid;
    }

    @Override
    void addTo(WriteSet ws, Ids ids) {
      ws.confirms.add(new WriteSet.Confirm(claim.id, paid.orderId(), paid.paymentId()));
    }

    @Override
    void committed(ShardEffects fx, Instant now) {
      claim.holdUntil = null;
      fx.deadlines().track(claim);
      // paid: the booking is confirmed (driver and host hear it) and the driver gets a receipt
      publish(fx, LifecycleEvent.Kind.CONFIRMED);
      publish(fx, LifecycleEvent.Kind.PAYMENT_RECEIVED);
      promise.complete(true);
    }
  }

  /** A hold unpaid at its expiry (or whose order could not be made): its units are free again. */
  static final class Expire extends Step<Void> {
    private final String why;

    Expire(Calendar calendar, Claim claim, String why) {
      super(calendar, claim);
      this.why = why;
    }

    @Override
    void addTo(WriteSet ws, Ids ids) {
      ws.expiries.add(new WriteSet.Release(claim.id, why));
    }

    @Override
    void committed(ShardEffects fx, Instant now) {
      released(fx, now, ChangeEvent.Kind.EXPIRED, LifecycleEvent.Kind.EXPIRED);
    }
  }

  /** Nobody checked in by the deadline: the booking is a no-show and the rest of its window is free again. */
  static final class NoShow extends Step<Void> {

    NoShow(Calendar calendar, Claim claim) {
      super(calendar, claim);
    }

    @Override
    void addTo(WriteSet ws, Ids ids) {
      ws.noShows.add(claim.id);
    }

    @Override
    void committed(ShardEffects fx, Instant now) {
      released(fx, now, ChangeEvent.Kind.NO_SHOW, LifecycleEvent.Kind.NO_SHOW);
    }
  }

  /** The driver arrived (or the charger says a session started). Answers when. */
  static final class CheckIn extends Step<Instant> {
    private final Instant at;
    private final CheckInSource source;

    CheckIn(Calendar calendar, Claim claim, Instant at, CheckInSource source) {
      super(calendar, claim);
      this.at = at.truncatedTo(ChronoUnit.MILLIS);
      this.source = source;
    }

    @Override
    void addTo(WriteSet ws, Ids ids) {
      ws.checkIns.add(new WriteSet.CheckIn(claim.id, at, source));
    }

    @Override
    void committed(ShardEffects fx, Instant now) {
      claim.checkedIn = true;
      publish(fx, LifecycleEvent.Kind.CHECKED_IN);
      promise.complete(at);
    }
  }
}
