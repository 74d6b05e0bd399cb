package com.chargeshare.booking;

import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.failure.Forbidden;
import io.vertx.core.Future;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A user never books their own charger (403), whichever engine decides: checked in front of both. A listing's
 * host never changes, so each charger's host is read once and kept (bounded); an unknown id is left to the
 * engine, which answers 404.
 */
public final class OwnChargerRule {

  private static final int CACHE_LIMIT = 100_000;

  private final ChargerRepository chargers;
  private final Map<Long, Long> hosts = new ConcurrentHashMap<>();

  public OwnChargerRule(ChargerRepository chargers) {
    this.chargers = chargers;
  }

  public Future<Void> check(long userId, long chargerId) {
    Long host = hosts.get(chargerId);
    Future<Optional<Long>> known = host != null ? Future.succeededFuture(Optional.of(host)) : chargers.hostOf(chargerId)
      .onSuccess(found -> found.ifPresent(h -> {
        if (hosts.size() >= CACHE_LIMIT) {
          hosts.clear();
        }
        hosts.put(chargerId, h);
      }));
    return known.compose(found -> found.isPresent() && found.get() == userId
      ? Future.failedFuture(new Forbidden("This is your own charger: you cannot book it"))
      : Future.succeededFuture());
  }
}
