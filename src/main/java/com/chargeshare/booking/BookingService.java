package com.chargeshare.booking;

import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.DomainFailure;
import com.chargeshare.failure.IdempotencyKeyReused;
import com.chargeshare.failure.SlotTaken;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Booking requests in front of either engine: SLOT_TAKEN gets its alternatives here, and an
 * {@code Idempotency-Key} retry gets the first answer and books nothing more. A 201's answer is kept in the
 * booking's own transaction (the engine writes the {@link Receipt}); a refusal is kept after it. Retries racing
 * the first request on this node wait for its answer. Nobody books their own charger ({@link OwnChargerRule}).
 */
public final class BookingService {

  private final BookingEngine engine;
  private final IdempotencyRepository answers;
  private final Alternatives alternatives;
  private final Duration keep;
  private final Clock clock;
  private final AnswerWording wording;
  private final OwnChargerRule ownCharger;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

  public BookingService(BookingEngine engine, IdempotencyRepository answers, Alternatives alternatives, int keepHours,
                        Clock clock, AnswerWording wording, OwnChargerRule ownCharger) {
    this.engine = engine;
    this.ownCharger = ownCharger;
    this.answers = answers;
    this.alternatives = alternatives;
    this.keep = Duration.ofHours(keepHours);
    this.clock = clock;
    this.wording = wording;
  }

  /**
   * A host asking for their own charger is refused first (403), before either engine sees the request. Every request
   * counts once against its driver's booking attempts per minute: one the engine decides is counted by the engine
   * (by the driver's owner, on its reservation); one answered before (its own charger, an Idempotency-Key's kept
   * answer or a retry of one in flight, a failure) is counted on its way out, and past the limit RATE_LIMITED takes
   * the place of its answer.
   */
  public Future<BookingReply> book(BookingEngine.BookRequest req) {
    boolean[] counted = {false};
    Future<BookingReply> answer = ownCharger.check(req.driverId(), req.chargerId()).compose(v -> decide(req, counted));
    return answer.transform(done -> counted[0] ? answer : engine.attempts().attempt(req.driverId()).compose(v -> answer));
  }

  /** Counts a request answered before it reached the service (unreadable), which then hears {@code failure}. */
  public Future<Void> refuse(long driverId, Throwable failure) {
    return engine.attempts().attempt(driverId).compose(v -> Future.failedFuture(failure));
  }

  private Future<BookingReply> decide(BookingEngine.BookRequest req, boolean[] counted) {
    if (req.idempotencyKey() == null) {
      counted[0] = true;
      return confirm(req, Receipt.NONE).map(BookingReply.Booked::new);
    }
    String key = req.driverId() + ":" + req.idempotencyKey();
    return answers.answer(req.driverId(), req.idempotencyKey(), clock.instant().minus(keep)).compose(stored -> {
      if (stored.isPresent()) {
        return stored.get().answers(req) ? Future.succeededFuture(new BookingReply.Replayed(stored.get().answer())) : reused();
      }
      InFlight mine = new InFlight(req.fingerprint(), Promise.promise());
      InFlight first = inFlight.putIfAbsent(key, mine);
      if (first == null) {
        first = mine;
        counted[0] = true;
        // completed outside the map's update: the answer may be known at once (RATE_LIMITED)
        confirm(req, wording::confirmed)
          .<BookingReply>map(BookingReply.Booked::new)
          .recover(err -> {
            if (err instanceof Conflict || err instanceof SlotTaken) {
              StoredAnswer refusal = wording.refused((DomainFailure) err);
              return answers.store(req, refusal, clock.instant())
                .map(new BookingReply.Replayed(refusal));
            }
            return Future.failedFuture(err);
          })
          .andThen(ar -> inFlight.remove(key, mine))
          .onComplete(mine.answer());
      }
      return first.fingerprint().equals(req.fingerprint()) ? first.answer().future() : reused();
    });
  }

  private static Future<BookingReply> reused() {
    return Future.failedFuture(new IdempotencyKeyReused(
      "This Idempotency-Key was used for a different booking request; use a new key for a new request"));
  }

  /** The first request under a key, still being decided: a retry waits for its answer. */
  private record InFlight(String fingerprint, Promise<BookingReply> answer) {
  }

  /** The confirmed booking, or SLOT_TAKEN with the engine's alternatives and free windows on nearby chargers. */
  private Future<BookingOutcome.Confirmed> confirm(BookingEngine.BookRequest req, Receipt receipt) {
    return engine.book(req, receipt, true).compose(outcome -> outcome.either(
      Future::succeededFuture,
      taken -> alternatives.slotTaken(engine, taken.charger(), req.start(), req.end(), taken.sameCharger())
        .compose(Future::failedFuture)));
  }

  /** Deletes kept answers older than the retention; run periodically. */
  public Future<Integer> purge() {
    return answers.purge(clock.instant().minus(keep));
  }
}
