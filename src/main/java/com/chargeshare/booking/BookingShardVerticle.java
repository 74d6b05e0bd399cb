package com.chargeshare.booking;

import com.chargeshare.failure.SlotTaken;
import com.chargeshare.failure.DomainFailure;
import com.chargeshare.charger.Charger;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.failure.NotFound;
import com.chargeshare.failure.Unavailable;
import com.chargeshare.failure.Conflict;
import com.chargeshare.db.DbFailures;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one owner of the calendars of its shard's chargers. It decides every write first come, first served
 * in arrival order on its event loop, holds the slots in memory at once, and writes the decisions in group
 * commits: while one transaction is in flight the next decisions queue up and go together in the next one.
 * A client hears CONFIRMED only after its booking's transaction committed.
 */
public final class BookingShardVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(BookingShardVerticle.class);

  private final int shard;
  private final int shards;
  private final int maxBatch;
  private final int maxInFlight;
  private final int horizonDays;
  private final ChargerRepository chargers;
  private final BookingRepository repo;
  private final BookingMetrics metrics;
  private final ShardReadiness readiness;

  private final Map<Long, Calendar> calendars = new HashMap<>();
  private final Map<Long, Future<Calendar>> loading = new HashMap<>();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private IdAllocator bookingIds;
  private IdAllocator blockIds;
  private int inFlight;
  private MessageConsumer<ShardMessages.Command> consumer;

  public BookingShardVerticle(int shard, int shards, int maxBatch, int maxInFlight, int horizonDays,
                              ChargerRepository chargers, BookingRepository repo, BookingMetrics metrics,
                              ShardReadiness readiness) {
    this.shard = shard;
    this.shards = shards;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    this.horizonDays = horizonDays;
    this.chargers = chargers;
    this.repo = repo;
    this.metrics = metrics;
    this.readiness = readiness;
  }

  public static String address(int shard) {
    return "chargeshare.booking.shard." + shard;
  }

  @Override
  public Future<?> start() {
    bookingIds = new IdAllocator(repo, "booking");
    blockIds = new IdAllocator(repo, "block");
    metrics.queueDepth(shard, queue::size);
    long t0 = System.nanoTime();
    Instant now = Instant.now();
    // rebuild memory from MySQL before taking a single request: until the consumer exists senders get 503
    return chargers.byShard(shard, shards)
      .compose(list -> {
        list.forEach(c -> calendars.put(c.id(), new Calendar(c)));
        return repo.futureClaims(shard, shards, now);
      })
      .map(claims -> {
        claims.forEach(this::restore);
        consumer = vertx.eventBus().consumer(address(shard), this::onMessage);
        readiness.ready(shard);
        log.info("Booking shard {}/{} rebuilt {} chargers and {} future claims in {} ms", shard, shards,
          calendars.size(), claims.size(), (System.nanoTime() - t0) / 1_000_000);
        vertx.setPeriodic(3_600_000, id -> calendars.values().forEach(c -> c.prune(Instant.now())));
        return null;
      });
  }

  @Override
  public Future<?> stop() {
    readiness.notReady(shard);
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void restore(BookingRepository.StoredClaim s) {
    Calendar cal = calendars.get(s.chargerId());
    if (cal != null) {
      cal.hold(Claim.committed(s.kind(), s.id(), s.chargerId(), s.ownerId(), s.start(), s.end()));
    }
  }

  private void onMessage(Message<ShardMessages.Command> msg) {
    ShardMessages.Command cmd = msg.body();
    Future<?> answer;
    try {
      // availability covers many chargers and needs none of them loaded; the rest act on one calendar
      answer = cmd instanceof ShardMessages.Avail a ? Future.succeededFuture(availability(a))
        : calendar(cmd.chargerId()).compose(cal -> handle(cal, cmd));
    } catch (DomainFailure e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(ar.result(), LocalCodec.OPTIONS);
      } else {
        Throwable err = ar.cause();
        // by reference: the engine fails the request with this very failure, and the web layer maps it
        msg.reply(err, LocalCodec.OPTIONS);
        if (!(err instanceof DomainFailure) && !DbFailures.isUnavailable(err)) {
          log.error("Shard {} failed on {}", shard, cmd.getClass().getSimpleName(), err);
        }
      }
    });
  }

  /** The charger's calendar, loaded on first use when the charger appeared after this shard started. */
  private Future<Calendar> calendar(long chargerId) {
    Calendar cal = calendars.get(chargerId);
    if (cal != null) {
      return Future.succeededFuture(cal);
    }
    return loading.computeIfAbsent(chargerId, id -> chargers.byId(id)
      .compose(found -> {
        if (found.isEmpty()) {
          return Future.failedFuture(new NotFound("Charger"));
        }
        Instant now = Instant.now();
        return repo.claimsOf(repo.pool(), id, now, now.plus(java.time.Duration.ofDays(horizonDays + 1L)))
          .map(claims -> {
            Calendar loaded = calendars.computeIfAbsent(id, k -> new Calendar(found.get()));
            claims.forEach(this::restore);
            return loaded;
          });
      })
      .andThen(ar -> loading.remove(id)));
  }

  private Future<?> handle(Calendar cal, ShardMessages.Command cmd) {
    if (cmd instanceof ShardMessages.Book b) {
      return book(cal, b.request());
    } else if (cmd instanceof ShardMessages.Cancel c) {
      return cancel(cal, c);
    } else if (cmd instanceof ShardMessages.AddBlock a) {
      return addBlock(cal, a);
    } else if (cmd instanceof ShardMessages.RemoveBlock r) {
      return removeBlock(cal, r);
    } else if (cmd instanceof ShardMessages.Slots s) {
      return Future.succeededFuture(new BookingEngine.SlotGrid(cal.charger(), cal.slots(s.from(), s.to(), Instant.now())));
    } else if (cmd instanceof ShardMessages.Reload) {
      return reload(cal);
    }
    return delete(cal);
  }

  private Future<?> book(Calendar cal, BookingEngine.BookRequest req) {
    long t0 = System.nanoTime();
    Instant now = Instant.now();
    Charger c = cal.charger();
    try {
      BookingRules.checkBooking(c, req.start(), req.end(), now, horizonDays);
    } catch (DomainFailure e) {
      metrics.outcome(BookingMetrics.INVALID, 1);
      return Future.failedFuture(e);
    }
    Instant start = req.start();
    Instant end = req.end();
    boolean rescheduled = false;
    if (!cal.free(start, end)) {
      var moved = req.flexMinutes() > 0 ? cal.flexWindow(start, end, req.flexMinutes(), now, horizonDays) : java.util.Optional.<Window>empty();
      if (moved.isEmpty()) {
        metrics.decision(System.nanoTime() - t0);
        metrics.outcome(BookingMetrics.REJECTED, 1);
        return Future.succeededFuture(new ShardMessages.Taken(c, cal.nearestFree(start, end, 5, now, horizonDays)));
      }
      start = moved.get().start();
      end = moved.get().end();
      rescheduled = true;
    }
    Claim claim = new Claim(Claim.Kind.BOOKING, c.id(), req.driverId(), start, end);
    cal.hold(claim);
    metrics.decision(System.nanoTime() - t0);
    Pending p = new Pending(cal, claim, req, rescheduled, null, null);
    enqueue(p);
    return p.promise.future();
  }

  private Future<?> cancel(Calendar cal, ShardMessages.Cancel c) {
    Claim claim = cal.committedClaim(Claim.Kind.BOOKING, c.bookingId(), c.start(), c.end()).orElse(null);
    if (claim == null || !c.start().isAfter(Instant.now())) {
      return Future.failedFuture(new Conflict(Conflict.Reason.BOOKING_NOT_CANCELLABLE,
        "Only a confirmed booking that has not started can be cancelled"));
    }
    Pending p = new Pending(cal, claim, null, false, c, null);
    enqueue(p);
    return p.promise.future();
  }

  private Future<?> addBlock(Calendar cal, ShardMessages.AddBlock a) {
    Instant now = Instant.now();
    BookingRules.checkBlock(cal.charger(), a.start(), a.end(), now, horizonDays);
    if (!cal.free(a.start(), a.end())) {
      return Future.failedFuture(new SlotTaken("Part of this window is booked or blocked already", List.of()));
    }
    Claim claim = new Claim(Claim.Kind.BLOCK, cal.charger().id(), 0, a.start(), a.end());
    cal.hold(claim);
    Pending p = new Pending(cal, claim, null, false, null, a.reason());
    enqueue(p);
    return p.promise.future();
  }

  private Future<?> removeBlock(Calendar cal, ShardMessages.RemoveBlock r) {
    Claim claim = cal.committedClaim(Claim.Kind.BLOCK, r.blockId(), r.start(), r.end()).orElse(null);
    if (claim == null) {
      return Future.failedFuture(new NotFound("Block"));
    }
    Pending p = new Pending(cal, claim, null, false, null, null);
    p.removal = true;
    enqueue(p);
    return p.promise.future();
  }

  private Map<Long, Availability> availability(ShardMessages.Avail a) {
    Instant now = Instant.now();
    Map<Long, Availability> out = new HashMap<>();
    for (Long id : a.chargerIds()) {
      Calendar cal = calendars.get(id);
      if (cal != null) {
        out.put(id, cal.availability(now, a.from(), a.to(), horizonDays));
      }
    }
    return out;
  }

  private Future<?> reload(Calendar cal) {
    long id = cal.charger().id();
    return chargers.byId(id).map(found -> {
      if (found.isEmpty()) {
        calendars.remove(id);
        return null;
      }
      String before = cal.charger().status();
      cal.charger(found.get());
      if (!before.equals(found.get().status())) {
        publish(cal, List.of(), ChangeEvent.Kind.STATUS);
      }
      return null;
    });
  }

  private Future<?> delete(Calendar cal) {
    if (cal.hasFutureBooking(Instant.now())) {
      return Future.failedFuture(new Conflict(Conflict.Reason.CHARGER_HAS_BOOKINGS,
        "This charger has future confirmed bookings; cancel them first"));
    }
    long id = cal.charger().id();
    // refuse new bookings at once, even before the delete commits
    Charger before = cal.charger();
    cal.charger(before.withStatus("OFFLINE"));
    return chargers.softDelete(id)
      .onFailure(err -> cal.charger(before))
      .map(v -> {
        calendars.remove(id);
        return null;
      });
  }

  // ---- group commit ----

  private void enqueue(Pending p) {
    queue.add(p);
    commitNext();
  }

  /**
   * Starts group commits while fewer than {@code maxInFlight} are running. Batches in flight together never
   * touch the same units: every decision was made against memory that already holds the earlier batches.
   */
  private void commitNext() {
    while (inFlight < maxInFlight && !queue.isEmpty()) {
      List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
      while (!queue.isEmpty() && batch.size() < maxBatch) {
        batch.add(queue.poll());
      }
      inFlight++;
      commit(batch).onComplete(ar -> {
        inFlight--;
        commitNext();
      });
    }
  }

  private Future<Void> commit(List<Pending> batch) {
    long t0 = System.nanoTime();
    int newBookings = (int) batch.stream().filter(p -> p.request != null).count();
    int newBlocks = (int) batch.stream().filter(p -> p.blockReason != null).count();
    return bookingIds.take(newBookings)
      .compose(firstBooking -> blockIds.take(newBlocks).map(firstBlock -> writeSet(batch, firstBooking, firstBlock)))
      .compose(ws -> repo.commitPool().withTransaction(conn -> repo.write(conn, ws)))
      .map(v -> {
        metrics.commit(System.nanoTime() - t0, batch.size());
        batch.forEach(this::committed);
        return (Void) null;
      })
      .recover(err -> {
        if (batch.size() > 1 && DbFailures.isDuplicateKey(err)) {
          // memory and database disagree somewhere in the batch: find the culprit one write at a time
          log.warn("Shard {} group commit refused by the unique key; retrying {} writes one by one", shard, batch.size());
          Future<Void> chain = Future.succeededFuture();
          for (Pending p : batch) {
            chain = chain.compose(v -> commit(List.of(p)));
          }
          return chain;
        }
        batch.forEach(p -> failed(p, err));
        return Future.succeededFuture();
      });
  }

  private WriteSet writeSet(List<Pending> batch, long firstBooking, long firstBlock) {
    WriteSet ws = new WriteSet();
    Instant now = Instant.now();
    long nextBooking = firstBooking;
    long nextBlock = firstBlock;
    for (Pending p : batch) {
      if (p.request != null) {
        p.claim.id = nextBooking++;
        Charger c = p.calendar.charger();
        long minutes = java.time.Duration.between(p.claim.start, p.claim.end).toMinutes();
        p.booking = new Booking(p.claim.id, c.id(), p.request.driverId(), p.claim.start, p.claim.end, Booking.CONFIRMED,
          c.priceFor(minutes), c.currency(), now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        ws.bookings.add(p.booking);
        if (p.request.idempotencyKey() != null) {
          ws.idempotent.add(new WriteSet.Idempotent(p.request.driverId(), p.request.idempotencyKey(), 201,
            new BookingEngine.BookResult(p.booking, p.rescheduled).toJson().encode(), now));
        }
      } else if (p.blockReason != null) {
        p.claim.id = nextBlock++;
        ws.blocks.add(new Block(p.claim.id, p.claim.chargerId, p.claim.start, p.claim.end, p.blockReason, "ACTIVE"));
      } else if (p.cancel != null) {
        ws.cancels.add(new WriteSet.Cancel(p.claim.id, p.cancel.byUserId(), now));
      } else if (p.removal) {
        ws.removedBlocks.add(p.claim.id);
      }
    }
    return ws;
  }

  private void committed(Pending p) {
    if (p.request != null) {
      p.claim.committed = true;
      metrics.outcome(BookingMetrics.CONFIRMED, 1);
      publish(p.calendar, List.of(new SlotState(p.claim.start, p.claim.end, SlotState.BOOKED)), ChangeEvent.Kind.BOOKED);
      p.promise.complete(new BookingEngine.BookResult(p.booking, p.rescheduled));
    } else if (p.blockReason != null) {
      p.claim.committed = true;
      publish(p.calendar, List.of(new SlotState(p.claim.start, p.claim.end, SlotState.BLOCKED)), ChangeEvent.Kind.BLOCKED);
      p.promise.complete(new Block(p.claim.id, p.claim.chargerId, p.claim.start, p.claim.end, p.blockReason, "ACTIVE"));
    } else {
      // the freed slots are bookable by the very next request
      p.calendar.release(p.claim);
      Instant now = Instant.now();
      String status = p.calendar.statusOf(p.claim.start, p.claim.end, now);
      if (p.cancel != null) {
        metrics.outcome(BookingMetrics.CANCELLED, 1);
      }
      publish(p.calendar, List.of(new SlotState(p.claim.start, p.claim.end, status)),
        p.cancel != null ? ChangeEvent.Kind.CANCELLED : ChangeEvent.Kind.UNBLOCKED);
      p.promise.complete(p.claim.id);
    }
  }

  private void failed(Pending p, Throwable err) {
    boolean newClaim = p.request != null || p.blockReason != null;
    if (newClaim) {
      p.calendar.release(p.claim);
    }
    if (newClaim && DbFailures.isDuplicateKey(err)) {
      // the database knows a claim this memory missed (another node, a bug): learn it, answer SLOT_TAKEN
      Instant now = Instant.now();
      repo.claimsOf(repo.pool(), p.claim.chargerId, p.claim.start, p.claim.end).onComplete(ar -> {
        if (ar.succeeded()) {
          ar.result().forEach(s -> {
            if (p.calendar.free(s.start(), s.end())) {
              p.calendar.hold(Claim.committed(s.kind(), s.id(), s.chargerId(), s.ownerId(), s.start(), s.end()));
            }
          });
        }
        metrics.outcome(BookingMetrics.REJECTED, 1);
        if (p.request != null) {
          p.promise.complete(new ShardMessages.Taken(p.calendar.charger(),
            p.calendar.nearestFree(p.request.start(), p.request.end(), 5, now, horizonDays)));
        } else {
          p.promise.fail(new SlotTaken("Part of this window is booked or blocked already", List.of()));
        }
      });
      return;
    }
    log.warn("Shard {} commit failed: {}", shard, err.toString());
    metrics.outcome(BookingMetrics.FAILED, 1);
    p.promise.fail(new Unavailable("The booking could not be saved; nothing was booked. Try again shortly"));
  }

  private void publish(Calendar cal, List<SlotState> changes, ChangeEvent.Kind kind) {
    Charger c = cal.charger();
    boolean availableNow = cal.availability(Instant.now(), null, null, horizonDays).availableNow();
    vertx.eventBus().publish(ChangeEvent.ADDRESS, new ChangeEvent(c.id(), cal.nextSeq(), changes, c.status(), availableNow,
      c.lat(), c.lng(), System.nanoTime(), kind, c.hostId()), LocalCodec.OPTIONS);
  }

  /** One decided write waiting for its group commit. */
  private static final class Pending {
    final Calendar calendar;
    final Claim claim;
    final BookingEngine.BookRequest request;
    final boolean rescheduled;
    final ShardMessages.Cancel cancel;
    final String blockReason;
    final Promise<Object> promise = Promise.promise();
    boolean removal;
    Booking booking;

    Pending(Calendar calendar, Claim claim, BookingEngine.BookRequest request, boolean rescheduled,
            ShardMessages.Cancel cancel, String blockReason) {
      this.calendar = calendar;
      this.claim = claim;
      this.request = request;
      this.rescheduled = rescheduled;
      this.cancel = cancel;
      this.blockReason = blockReason;
    }
  }
}
