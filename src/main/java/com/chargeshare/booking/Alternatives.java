package com.chargeshare.booking;

import com.chargeshare.charger.Charger;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.charger.SearchFilter;
import com.chargeshare.failure.SlotTaken;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alternatives of a SLOT_TAKEN answer: the nearest free windows on the same charger first, then the same
 * window on compatible chargers (same connector) within 10 km, all free when answered. Both engines forget the
 * cached neighbourhoods when a listing changes.
 */
public final class Alternatives {

  static final int MAX = 5;
  private static final int SAME_CHARGER_FIRST = 3;
  private static final double RADIUS_KM = 10;
  private static final long NEIGHBOURS_TTL_MILLIS = 60_000;

  private final ChargerRepository chargers;
  private final Clock clock;
  /** Nearby compatible chargers change rarely; a hot charger's rejections should not each query them. */
  private final Map<Long, Neighbours> neighbours = new ConcurrentHashMap<>();

  public Alternatives(ChargerRepository chargers, Clock clock) {
    this.chargers = chargers;
    this.clock = clock;
  }

  Future<SlotTaken> slotTaken(BookingEngine engine, Charger c, Instant start, Instant end, List<Window> sameCharger) {
    return nearby(c)
      .compose(ids -> ids.isEmpty() ? Future.succeededFuture(Map.<Long, Availability>of()) : engine.availability(ids, start, end))
      .map(avail -> {
        List<Window> out = new ArrayList<>(sameCharger.subList(0, Math.min(SAME_CHARGER_FIRST, sameCharger.size())));
        avail.values().stream().filter(a -> Boolean.TRUE.equals(a.windowFree())).limit(MAX - out.size())
          .forEach(a -> out.add(new Window(a.chargerId(), start, end)));
        for (int i = SAME_CHARGER_FIRST; i < sameCharger.size() && out.size() < MAX; i++) {
          out.add(sameCharger.get(i));
        }
        return error(out);
      })
      .otherwise(err -> error(sameCharger));
  }

  static SlotTaken error(List<Window> alternatives) {
    return new SlotTaken("That window is already taken", alternatives.stream().limit(MAX)
      .map(w -> new SlotTaken.Alternative(w.chargerId(), w.start(), w.end())).toList());
  }

  /** A listing was created, moved or changed: neighbourhoods may differ now. */
  void forget() {
    neighbours.clear();
  }

  private Future<List<Long>> nearby(Charger c) {
    Neighbours n = neighbours.get(c.id());
    long now = clock.millis();
    if (n != null && now - n.at < NEIGHBOURS_TTL_MILLIS) {
      return Future.succeededFuture(n.ids);
    }
    return chargers.near(c.lat(), c.lng(), RADIUS_KM, new SearchFilter(c.connectorType(), null, null, true), 11)
      .map(list -> {
        List<Long> ids = list.stream().map(l -> l.charger().id()).filter(id -> id != c.id()).toList();
        neighbours.put(c.id(), new Neighbours(ids, now));
        return ids;
      });
  }

  private record Neighbours(List<Long> ids, long at) {
  }
}
