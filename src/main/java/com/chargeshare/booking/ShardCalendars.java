package com.chargeshare.booking;

import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.failure.NotFound;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The calendars of one shard's chargers, rebuilt from MySQL at start and loaded on first use after. */
final class ShardCalendars {

  private final int shard;
  private final int shards;
  private final int horizonDays;
  private final ChargerRepository chargers;
  private final BookingRepository repo;
  private final Clock clock;
  private final ShardDeadlines deadlines;
  private final Map<Long, Calendar> calendars = new HashMap<>();
  private final Map<Long, Future<Calendar>> loading = new HashMap<>();

  ShardCalendars(int shard, int shards, int horizonDays, ChargerRepository chargers, BookingRepository repo, Clock clock,
                 ShardDeadlines deadlines) {
    this.deadlines = deadlines;
    this.shard = shard;
    this.shards = shards;
    this.horizonDays = horizonDays;
    this.chargers = chargers;
    this.repo = repo;
    this.clock = clock;
  }

  /** Every charger of the shard with its confirmed bookings and active blocks not yet over; answers the claim count. */
  Future<Integer> rebuild() {
    Instant now = clock.instant();
    return chargers.byShard(shard, shards)
      .compose(list -> {
        list.forEach(c -> calendars.put(c.id(), new Calendar(c)));
        return repo.futureClaims(shard, shards, now);
      })
      .map(claims -> {
        claims.forEach(this::restore);
        return claims.size();
      });
  }

  int size() {
    return calendars.size();
  }

  /** The charger's calendar, loaded on first use when the charger appeared after this shard started. */
  Future<Calendar> of(long chargerId) {
    Calendar cal = calendars.get(chargerId);
    if (cal != null) {
      return Future.succeededFuture(cal);
    }
    return loading.computeIfAbsent(chargerId, id -> chargers.byId(id)
      .compose(found -> {
        if (found.isEmpty()) {
          return Future.failedFuture(new NotFound("Charger"));
        }
        Instant now = clock.instant();
        return repo.claimsOf(repo.pool(), id, now, now.plus(Duration.ofDays(horizonDays + 1L)))
          .map(claims -> {
            Calendar loaded = calendars.computeIfAbsent(id, k -> new Calendar(found.get()));
            claims.forEach(this::restore);
            return loaded;
          });
      })
      .andThen(ar -> loading.remove(id)));
  }

  /** Availability of those of the chargers this shard holds; none of them needs loading. */
  Map<Long, Availability> availability(List<Long> chargerIds, Instant from, Instant to) {
    Instant now = clock.instant();
    Map<Long, Availability> out = new HashMap<>();
    for (Long id : chargerIds) {
      Calendar cal = calendars.get(id);
      if (cal != null) {
        out.put(id, cal.availability(now, from, to, horizonDays));
      }
    }
    return out;
  }

  void forget(long chargerId) {
    calendars.remove(chargerId);
  }

  void prune() {
    Instant now = clock.instant();
    calendars.values().forEach(c -> c.prune(now));
  }

  /** A calendar already in memory, or null. */
  Calendar loaded(long chargerId) {
    return calendars.get(chargerId);
  }

  /** A stored claim back in its calendar, with its lifecycle deadline (a hold's expiry, a no-show). */
  private void restore(BookingRepository.StoredClaim s) {
    Calendar cal = calendars.get(s.chargerId());
    if (cal != null) {
      Claim c = s.claim();
      cal.hold(c);
      deadlines.track(c);
    }
  }
}
