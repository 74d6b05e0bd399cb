package com.chargeshare.booking;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/** What travels to and from a shard owner over the event bus (by reference, through {@link LocalCodec}). */
final class ShardMessages {

  private ShardMessages() {
  }

  sealed interface Command permits Book, Check, Cancel, AddBlock, RemoveBlock, Slots, Avail, Reload, Delete, Pay, Release,
    CheckIn {
    long chargerId();
  }

  /**
   * {@code driver}: what the driver's owner granted: the driver's own bookings a flex window must also avoid, and the
   * seat the booking takes.
   */
  record Book(BookingEngine.BookRequest request, Receipt receipt, DriverLedger.Granted driver) implements Command {
    public long chargerId() {
      return request.chargerId();
    }
  }

  /** Only the window rules (shape, offline, opening hours): what a request the driver side refused would hear first. */
  record Check(BookingEngine.BookRequest request) implements Command {
    public long chargerId() {
      return request.chargerId();
    }
  }

  /**
   * The booking as authorised, with the refund its policy owes ({@code refund}, null when nothing was paid); the owner
   * checks again that it is still cancellable, and that it is still what was read (a hold, or paid).
   */
  record Cancel(Booking booking, long byUserId, CancelledBy by, String reason, WriteSet.RefundDue refund) implements Command {
    public long chargerId() {
      return booking.chargerId();
    }
  }

  /** A hold's payment arrived: answered true (confirmed now), false (confirmed before), or failed NOT_HELD. */
  record Pay(Booking hold, HoldCheck.Paid paid) implements Command {
    public long chargerId() {
      return hold.chargerId();
    }
  }

  /** Let a hold go at once (its order could not be made). */
  record Release(Booking hold, String why) implements Command {
    public long chargerId() {
      return hold.chargerId();
    }
  }

  /** Answered with the check-in's instant. */
  record CheckIn(Booking booking, CheckInSource source) implements Command {
    public long chargerId() {
      return booking.chargerId();
    }
  }

  record AddBlock(long chargerId, Instant start, Instant end, String reason) implements Command {
  }

  record RemoveBlock(long chargerId, long blockId, Instant start, Instant end) implements Command {
  }

  record Slots(long chargerId, Instant from, Instant to) implements Command {
  }

  /** All ids belong to the addressed shard; chargerId is the first of them. */
  record Avail(long chargerId, List<Long> chargerIds, Instant from, Instant to) implements Command {
  }

  record Reload(long chargerId) implements Command {
  }

  record Delete(long chargerId) implements Command {
  }

  /**
   * The owner's answer. A failure travels by reference too: the engine fails the request with that very
   * failure, and the web layer maps it.
   */
  sealed interface Reply {
    <T> Future<T> future();
  }

  record Done(Object value) implements Reply {
    @Override
    @SuppressWarnings("unchecked")
    public <T> Future<T> future() {
      return Future.succeededFuture((T) value);
    }
  }

  record Failed(Throwable cause) implements Reply {
    @Override
    public <T> Future<T> future() {
      return Future.failedFuture(cause);
    }
  }
}
