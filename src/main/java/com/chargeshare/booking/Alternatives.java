package com.chargeshare.booking;

import com.chargeshare.charger.Charger;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.charger.SearchFilter;
import com.chargeshare.failure.SlotTaken;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
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
      .compose(near -> {
        // a neighbour is offered the same window only where that window lies on its own slot boundaries
        List<ChargerRepository.Located> fitting = near.stream().filter(l -> fits(l.charger(), start, end)).toList();
        Future<Map<Long, Availability>> avail = fitting.isEmpty() ? Future.succeededFuture(Map.of())
          : engine.availability(fitting.stream().map(l -> l.charger().id()).toList(), start, end);
        return avail.map(free -> {
          List<SlotTaken.Alternative> out = new ArrayList<>();
          sameCharger.stream().limit(SAME_CHARGER_FIRST).forEach(w -> out.add(onSameCharger(c, w)));
          fitting.stream()
            .filter(l -> free.containsKey(l.charger().id()) && Boolean.TRUE.equals(free.get(l.charger().id()).windowFree()))
            .limit(MAX - out.size())
            .forEach(l -> out.add(alternative(l.charger(), start, end, l.distanceKm() == null ? 0 : l.distanceKm())));
          for (int i = SAME_CHARGER_FIRST; i < sameCharger.size() && out.size() < MAX; i++) {
            out.add(onSameCharger(c, sameCharger.get(i)));
          }
          return taken(out);
        });
      })
      .otherwise(err -> error(c, sameCharger));
  }

  private static boolean fits(Charger n, Instant start, Instant end) {
    return Units.isBoundary(start, n.timeZone(), n.slotMinutes()) && Units.isBoundary(end, n.timeZone(), n.slotMinutes());
  }

  /** SLOT_TAKEN offering windows on the same charger only. */
  static SlotTaken error(Charger c, List<Window> sameCharger) {
    return taken(sameCharger.stream().map(w -> onSameCharger(c, w)).toList());
  }

  private static SlotTaken taken(List<SlotTaken.Alternative> alternatives) {
    return new SlotTaken("That window is already taken", alternatives.stream().limit(MAX).toList());
  }

  private static SlotTaken.Alternative onSameCharger(Charger c, Window w) {
    return alternative(c, w.start(), w.end(), 0);
  }

  private static SlotTaken.Alternative alternative(Charger c, Instant start, Instant end, double distanceKm) {
    long minutes = Duration.between(start, end).toMinutes();
    return new SlotTaken.Alternative(c.id(), start, end, c.name(), Math.round(distanceKm * 1000) / 1000.0, c.priceFor(minutes),
      c.currency());
  }

  /** A listing was created, moved or changed: neighbourhoods may differ now. */
  void forget() {
    neighbours.clear();
  }

  private Future<List<ChargerRepository.Located>> nearby(Charger c) {
    Neighbours n = neighbours.get(c.id());
    long now = clock.millis();
    if (n != null && now - n.at < NEIGHBOURS_TTL_MILLIS) {
      return Future.succeededFuture(n.near);
    }
    return chargers.near(c.lat(), c.lng(), RADIUS_KM, new SearchFilter(c.connectorType(), null, null, true), 11)
      .map(list -> {
        List<ChargerRepository.Located> near = list.stream().filter(l -> l.charger().id() != c.id()).toList();
        neighbours.put(c.id(), new Neighbours(near, now));
        return near;
      });
  }

  private record Neighbours(List<ChargerRepository.Located> near, long at) {
  }
}
