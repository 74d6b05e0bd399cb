package com.chargeshare.booking;

import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.DomainFailure;
import com.chargeshare.failure.SlotTaken;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@code Idempotency-Key}: a retry gets the first answer and books nothing more. A 201's answer is stored in the
 * booking's own transaction (by the engine); a refusal is stored after it. Retries racing the first request on
 * this node wait for its answer.
 */
public final class IdempotentBookings {

  private final BookingEngine engine;
  private final BookingRepository repo;
  private final Duration keep;
  private final Map<String, Future<Answer>> inFlight = new ConcurrentHashMap<>();
  /** How the edge answers a refusal; stored so a retry hears exactly the same answer. */
  private final Function<DomainFailure, Answer> refusals;

  public IdempotentBookings(BookingEngine engine, BookingRepository repo, int keepHours, Function<DomainFailure, Answer> refusals) {
    this.engine = engine;
    this.repo = repo;
    this.keep = Duration.ofHours(keepHours);
    this.refusals = refusals;
  }

  public Future<Answer> book(BookingEngine.BookRequest req) {
    if (req.idempotencyKey() == null) {
      return engine.book(req).map(r -> new Answer(201, r.toJson()));
    }
    String key = req.driverId() + ":" + req.idempotencyKey();
    return repo.idempotentAnswer(req.driverId(), req.idempotencyKey(), Instant.now().minus(keep)).compose(stored -> {
      if (stored.isPresent()) {
        return Future.succeededFuture(new Answer(stored.get().status(), new JsonObject(stored.get().body())));
      }
      Future<Answer> first = inFlight.computeIfAbsent(key, k -> engine.book(req)
        .map(r -> new Answer(201, r.toJson()))
        .recover(err -> {
          if (err instanceof Conflict || err instanceof SlotTaken) {
            Answer refusal = refusals.apply((DomainFailure) err);
            return repo.storeAnswer(req.driverId(), req.idempotencyKey(), 409, refusal.body().encode(), Instant.now())
              .map(refusal);
          }
          return Future.failedFuture(err);
        })
        .andThen(ar -> inFlight.remove(k)));
      return first;
    });
  }

  /** Deletes answers older than the retention; run periodically. */
  public Future<Integer> purge() {
    return repo.purgeAnswers(Instant.now().minus(keep));
  }

  /** A status and body to send as they are (a replay may be a refusal). */
  public record Answer(int status, JsonObject body) {
  }
}
