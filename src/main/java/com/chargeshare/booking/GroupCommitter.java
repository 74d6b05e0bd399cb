package com.chargeshare.booking;

import com.chargeshare.db.DbFailures;
import com.chargeshare.failure.Unavailable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a shard's decisions in group commits: while a transaction is in flight the next decisions queue up and
 * go together in the next one, up to {@code maxInFlight} transactions at once. Single-threaded: only its shard's
 * event loop calls it.
 */
final class GroupCommitter {

  private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
  private static final int DEADLOCK_RETRIES = 2;

  private final int shard;
  private final int maxBatch;
  private final int maxInFlight;
  private final int horizonDays;
  private final boolean claimDriverUnits;
  private final BookingRepository repo;
  private final IdAllocator bookingIds;
  private final IdAllocator blockIds;
  private final ShardEffects effects;
  private final BookingNotices notices;
  private final BookingMetrics metrics;
  private final Clock clock;
  private final Fence fence;
  /** The shard's event loop: its queue, calendars and memory are touched there alone. */
  private final Context context = Vertx.currentContext();
  private final ArrayDeque<PendingWrite<?>> queue = new ArrayDeque<>();
  private final List<Promise<Void>> drained = new ArrayList<>();
  private int inFlight;

  GroupCommitter(int shard, BookingShardVerticle.Settings settings, BookingRepository repo, IdSequences sequences,
                 ShardEffects effects, BookingNotices notices, Clock clock, Fence fence) {
    this.notices = notices;
    this.fence = fence;
    this.shard = shard;
    this.maxBatch = settings.maxBatch();
    this.maxInFlight = settings.maxInFlight();
    this.horizonDays = settings.horizonDays();
    this.claimDriverUnits = settings.claimDriverUnits();
    this.repo = repo;
    this.bookingIds = new IdAllocator(sequences, "booking");
    this.blockIds = new IdAllocator(sequences, "block");
    this.effects = effects;
    this.metrics = effects.metrics();
    this.clock = clock;
  }

  /** Queues a decided write; the future completes once its batch committed (or could not be). */
  <T> Future<T> submit(PendingWrite<T> p) {
    queue.add(p);
    commitNext();
    return p.future();
  }

  int queued() {
    return queue.size();
  }

  /** Completes once nothing is queued and no commit is in flight. */
  Future<Void> drained() {
    if (queue.isEmpty() && inFlight == 0) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    drained.add(done);
    return done.future();
  }

  /**
   * Starts group commits while fewer than {@code maxInFlight} are running. Batches in flight together never
   * touch the same units: every decision was made against memory that already holds the earlier batches.
   */
  private void commitNext() {
    while (inFlight < maxInFlight && !queue.isEmpty()) {
      List<PendingWrite<?>> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
      while (!queue.isEmpty() && batch.size() < maxBatch) {
        batch.add(queue.poll());
      }
      inFlight++;
      commit(batch).onComplete(ar -> {
        inFlight--;
        commitNext();
      });
    }
    if (inFlight == 0 && queue.isEmpty() && !drained.isEmpty()) {
      drained.forEach(Promise::complete);
      drained.clear();
    }
  }

  private Future<Void> commit(List<PendingWrite<?>> batch) {
    return commit(batch, DEADLOCK_RETRIES);
  }

  /**
   * {@code deadlockRetries}: how often a batch that InnoDB picked as a deadlock's victim (its transaction rolled back
   * whole) is written again before its writers hear UNAVAILABLE. Shards' commits can meet on rows no shard owns
   * alone (a driver's claims and seats, the gap next to another shard's charger).
   */
  private Future<Void> commit(List<PendingWrite<?>> batch, int deadlockRetries) {
    long t0 = System.nanoTime();
    int newBookings = batch.stream().mapToInt(PendingWrite::newBookings).sum();
    int newBlocks = batch.stream().mapToInt(PendingWrite::newBlocks).sum();
    return bookingIds.take(newBookings)
      .compose(firstBooking -> blockIds.take(newBlocks).map(firstBlock -> writeSet(batch, firstBooking, firstBlock)))
      .compose(ws -> withNotices(batch, ws))
      // in a cluster the fence reads the shard's epoch first: a stale owner's batch rolls back whole
      .compose(ws -> repo.commitPool().withTransaction(conn -> fence.check(conn).compose(v -> repo.write(conn, ws))).map(ws))
      .map(ws -> {
        metrics.commit(System.nanoTime() - t0, batch.size());
        batch.forEach(p -> p.committed(effects, clock.instant()));
        ws.notices.committed();
        return (Void) null;
      })
      .recover(err -> {
        if (deadlockRetries > 0 && DbFailures.isDeadlock(err)) {
          log.info("Shard {} group commit of {} writes was a deadlock's victim; writing it again", shard, batch.size());
          return commit(batch, deadlockRetries - 1);
        }
        if (batch.size() > 1 && (DbFailures.isDuplicateKey(err) || err instanceof DriverLedgerRepository.SeatHeld)) {
          // memory and database disagree somewhere in the batch: find the culprit one write at a time
          log.warn("Shard {} group commit refused by the unique key; retrying {} writes one by one", shard, batch.size());
          Future<Void> chain = Future.succeededFuture();
          for (PendingWrite<?> p : batch) {
            chain = chain.compose(v -> commit(List.of(p)));
          }
          return chain;
        }
        batch.forEach(p -> failed(p, err));
        return Future.succeededFuture();
      });
  }

  private WriteSet writeSet(List<PendingWrite<?>> batch, long firstBooking, long firstBlock) {
    WriteSet ws = new WriteSet(clock.instant(), claimDriverUnits);
    PendingWrite.Ids ids = new PendingWrite.Ids(firstBooking, firstBlock);
    batch.forEach(p -> p.addTo(ws, ids));
    return ws;
  }

  /**
   * The notices of the batch's new confirmed bookings go into its own transaction. When they cannot be worded (their
   * people could not be read) the batch commits without them and the bookings' events leave the telling to listeners.
   */
  private Future<WriteSet> withNotices(List<PendingWrite<?>> batch, WriteSet ws) {
    List<BookingNotices.Confirmed> confirmed = new ArrayList<>();
    for (PendingWrite<?> p : batch) {
      if (p instanceof PendingWrite.NewBooking nb && nb.booking().status() == BookingStatus.CONFIRMED) {
        confirmed.add(new BookingNotices.Confirmed(nb.booking(), nb.calendar.charger()));
      }
    }
    if (confirmed.isEmpty()) {
      return Future.succeededFuture(ws);
    }
    return onOwnLoop(notices.prepare(confirmed, ws.at))
      .recover(err -> {
        log.warn("Shard {}: {} bookings' notices are left to their events: {}", shard, confirmed.size(), err.toString());
        return Future.succeededFuture(BookingNotices.Batch.NONE);
      })
      .map(prepared -> {
        ws.notices = prepared;
        for (PendingWrite<?> p : batch) {
          if (p instanceof PendingWrite.NewBooking nb) {
            nb.told = prepared.tells(nb.booking().id());
          }
        }
        return ws;
      });
  }

  /**
   * A future of a service every shard shares completes on whichever event loop finished it: the rest of the commit
   * (memory, queue) goes on on this shard's own.
   */
  private <T> Future<T> onOwnLoop(Future<T> shared) {
    Promise<T> here = Promise.promise();
    shared.onComplete(ar -> {
      if (context == null || Vertx.currentContext() == context) {
        here.handle(ar);
      } else {
        context.runOnContext(v -> here.handle(ar));
      }
    });
    return here.future();
  }

  private void failed(PendingWrite<?> p, Throwable err) {
    if (p instanceof PendingWrite.Cancel) {
      p.claim.cancelling = false;
    }
    if (p instanceof PendingWrite.NewClaim<?> fresh) {
      fresh.calendar.release(fresh.claim);
      if (fresh instanceof PendingWrite.NewBooking booking && DbFailures.isDuplicateKey(err, DriverLedgerRepository.CLAIM_KEY)) {
        driverOverlap(booking);
        return;
      }
      if (fresh instanceof PendingWrite.NewBooking booking && err instanceof DriverLedgerRepository.SeatHeld) {
        seatTaken(booking);
        return;
      }
      if (DbFailures.isDuplicateKey(err)) {
        relearn(fresh);
        return;
      }
    }
    log.warn("Shard {} commit failed: {}", shard, DbFailures.describe(err));
    metrics.outcome(BookingMetrics.FAILED, 1);
    p.promise.fail(new Unavailable(p instanceof PendingWrite.Step ? "The change could not be saved; nothing changed. Try again shortly"
      : "The booking could not be saved; nothing was booked. Try again shortly"));
  }

  /**
   * MySQL's driver_claims key refused the booking: the driver holds an overlapping booking that the driver's owner
   * did not know of (another node, a lapsed reservation). Answered DRIVER_OVERLAP naming it; the sender has the
   * owner re-read the driver.
   */
  private void driverOverlap(PendingWrite.NewBooking p) {
    Claim c = p.claim;
    repo.drivers().holderOf(c.ownerId, c.start, c.end).onComplete(ar -> {
      metrics.outcome(BookingMetrics.REJECTED, 1);
      p.promise.fail(DriverLedger.overlapFailure(ar.succeeded() ? ar.result() : 0));
    });
  }

  /** The booking's driver seat is held in MySQL by a booking this shard's decider did not know of. */
  private void seatTaken(PendingWrite.NewBooking p) {
    SeatRefusal.of(repo.drivers(), effects.drivers().rules(), p.claim.ownerId, clock.instant()).onComplete(ar -> {
      metrics.outcome(BookingMetrics.REJECTED, 1);
      p.promise.fail(ar.result());
    });
  }

  /** The database knows a claim this memory missed (another node, a bug): learn it, answer taken. */
  private void relearn(PendingWrite.NewClaim<?> p) {
    Instant now = clock.instant();
    Claim c = p.claim;
    repo.claimsOf(repo.pool(), c.chargerId, c.start, c.end).onComplete(ar -> {
      if (ar.succeeded()) {
        ar.result().forEach(s -> {
          if (p.calendar.free(s.start(), s.end())) {
            p.calendar.hold(s.claim());
          }
        });
      }
      metrics.outcome(BookingMetrics.REJECTED, 1);
      p.taken(now, horizonDays);
    });
  }
}
