package com.chargeshare.live;

import com.chargeshare.booking.ChangeEvent;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the sockets of one hub follow, indexed three ways so that a change finds its subscribers without a scan:
 * charger id → sockets, host → sockets ({@code mine}), and the viewport grid ({@link BoxIndex}). Each socket also
 * keeps its own subscriptions, which is what it counts against its limit and what is removed when it closes.
 * Keeps the subscriptions gauge up to date. Single-threaded: the hub's event loop.
 */
final class Subscriptions {

  private final Map<Long, Set<LiveSocket>> byCharger = new HashMap<>();
  private final Map<Long, Set<LiveSocket>> byHost = new HashMap<>();
  private final BoxIndex boxes = new BoxIndex();
  private final LiveMetrics metrics;

  Subscriptions(LiveMetrics metrics) {
    this.metrics = metrics;
  }

  /** How many subscriptions the request would add: what the socket follows already does not count again. */
  int wouldAdd(LiveSocket s, LiveRequest r) {
    return (int) r.chargerIds().stream().filter(c -> !s.chargerIds.contains(c)).count()
      + (r.box() != null && !s.boxes.contains(r.box()) ? 1 : 0)
      + (r.mine() && !s.mine ? 1 : 0);
  }

  /** Files the request's charger ids, box and host channel; {@code mine} needs a host's socket. */
  void add(LiveSocket s, LiveRequest r) {
    int added = wouldAdd(s, r);
    for (Long chargerId : r.chargerIds()) {
      if (s.chargerIds.add(chargerId)) {
        byCharger.computeIfAbsent(chargerId, k -> new HashSet<>()).add(s);
      }
    }
    if (r.box() != null && s.boxes.add(r.box())) {
      boxes.add(s, r.box());
    }
    if (r.mine() && !s.mine) {
      s.mine = true;
      byHost.computeIfAbsent(s.principal.id(), k -> new HashSet<>()).add(s);
    }
    metrics.subscriptions(added);
  }

  /** Removes what the request names, or everything with {@code all}; names the socket does not follow are ignored. */
  void remove(LiveSocket s, LiveRequest r) {
    if (r.all()) {
      removeAll(s);
      return;
    }
    int before = s.subscriptions();
    r.chargerIds().forEach(chargerId -> {
      if (s.chargerIds.remove(chargerId)) {
        removeFrom(byCharger, chargerId, s);
      }
    });
    if (r.box() != null && s.boxes.remove(r.box())) {
      boxes.remove(s, r.box());
    }
    if (r.mine() && s.mine) {
      s.mine = false;
      removeFrom(byHost, s.principal.id(), s);
    }
    metrics.subscriptions(s.subscriptions() - before);
  }

  void removeAll(LiveSocket s) {
    metrics.subscriptions(-s.subscriptions());
    s.chargerIds.forEach(chargerId -> removeFrom(byCharger, chargerId, s));
    s.chargerIds.clear();
    s.boxes.forEach(box -> boxes.remove(s, box));
    s.boxes.clear();
    if (s.mine) {
      removeFrom(byHost, s.principal.id(), s);
      s.mine = false;
    }
  }

  /**
   * Calls {@code action} for every socket following the change: by its charger, its host, then each box holding
   * it. A socket matched several ways is called several times; the caller delivers once.
   */
  void forEachFollower(ChangeEvent e, Consumer<LiveSocket> action) {
    Set<LiveSocket> followers = byCharger.get(e.chargerId());
    if (followers != null) {
      followers.forEach(action);
    }
    Set<LiveSocket> hosts = byHost.get(e.hostId());
    if (hosts != null) {
      hosts.forEach(action);
    }
    boxes.forEachAt(e.lat(), e.lng(), action);
  }

  private static void removeFrom(Map<Long, Set<LiveSocket>> index, long key, LiveSocket s) {
    Set<LiveSocket> set = index.get(key);
    if (set != null && set.remove(s) && set.isEmpty()) {
      index.remove(key);
    }
  }
}
