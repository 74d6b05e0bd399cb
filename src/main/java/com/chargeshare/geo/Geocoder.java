package com.chargeshare.geo;

import com.chargeshare.config.GeocoderSettings;
import com.chargeshare.failure.NotFound;
import com.chargeshare.failure.RateLimited;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Address search for the map and the charger form, through the configured Nominatim-compatible server: answers
 * kept in a small cache (most recently used, for {@code cacheSeconds}), and each searcher held to
 * {@code perUserPerMinute} searches (a fixed minute from their first), so the upstream service's own limits are
 * never our users' problem. One per node, shared by the HTTP verticles: both maps are guarded by this object.
 */
public final class Geocoder {

  private final GeocoderSettings settings;
  private final NominatimClient client;
  private final Clock clock;
  private final Map<String, Cached> cache;
  private final Map<String, Window> windows = new HashMap<>();

  private record Cached(List<Place> places, long expiresAt) {
  }

  private record Window(long startedAt, int count) {
  }

  public Geocoder(Vertx vertx, GeocoderSettings settings, Clock clock) {
    this.settings = settings;
    this.client = settings.enabled() ? new NominatimClient(vertx, settings) : null;
    this.clock = clock;
    int entries = Math.max(1, settings.cacheEntries());
    this.cache = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
        return size() > entries;
      }
    };
    if (settings.enabled()) {
      vertx.setPeriodic(60_000, id -> sweep());
    }
  }

  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * Places matching {@code query} (already checked: 1..200 characters), for the searcher named by {@code who}.
   * Off → 404; over the limit → 429 with the wait; upstream trouble → 503.
   */
  public Future<List<Place>> search(String who, String query) {
    if (!settings.enabled()) {
      return Future.failedFuture(new NotFound("Address search"));
    }
    long now = clock.millis();
    String key = query.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    synchronized (this) {
      Cached hit = cache.get(key);
      if (hit != null && hit.expiresAt() > now) {
        return Future.succeededFuture(hit.places());
      }
      if (settings.perUserPerMinute() > 0) {
        Window w = windows.get(who);
        if (w == null || now - w.startedAt() >= 60_000) {
          w = new Window(now, 0);
        }
        if (w.count() >= settings.perUserPerMinute()) {
          return Future.failedFuture(new RateLimited("Too many address searches; wait a moment",
            Duration.ofMillis(60_000 - (now - w.startedAt()))));
        }
        windows.put(who, new Window(w.startedAt(), w.count() + 1));
      }
    }
    return client.search(query.strip()).onSuccess(places -> {
      synchronized (this) {
        cache.put(key, new Cached(places, clock.millis() + settings.cacheSeconds() * 1000L));
      }
    });
  }

  private synchronized void sweep() {
    long now = clock.millis();
    windows.values().removeIf(w -> now - w.startedAt() >= 60_000);
    cache.values().removeIf(c -> c.expiresAt() <= now);
  }
}
