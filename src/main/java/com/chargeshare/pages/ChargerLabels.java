package com.chargeshare.pages;

import com.chargeshare.charger.Charger;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a host's chargers are named on the dashboard: by name, and where two share a name, by name and address
 * (and the listing number too when even the address is the same), so no two rows, bars or options read alike.
 */
final class ChargerLabels {

  private final Map<Long, String> labels = new HashMap<>();
  private final Map<Long, Boolean> shared = new HashMap<>();
  private final Map<Long, String> addresses = new HashMap<>();

  ChargerLabels(List<Charger> chargers) {
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> places = new HashMap<>();
    for (Charger c : chargers) {
      names.merge(key(c.name()), 1, Integer::sum);
      places.merge(key(c.name()) + "\n" + key(c.address()), 1, Integer::sum);
    }
    for (Charger c : chargers) {
      boolean twin = names.get(key(c.name())) > 1;
      boolean sameAddress = places.get(key(c.name()) + "\n" + key(c.address())) > 1;
      String place = c.address().isBlank() ? "" : c.address().strip();
      String where = sameAddress ? (place.isEmpty() ? "" : place + " ") + "#" + c.id() : place;
      shared.put(c.id(), twin);
      addresses.put(c.id(), where);
      labels.put(c.id(), twin ? c.name() + " · " + where : c.name());
    }
  }

  /** The name, with the address where another charger has the same name. */
  String label(long chargerId) {
    return labels.getOrDefault(chargerId, "");
  }

  /** Whether another of the host's chargers has this one's name. */
  boolean shared(long chargerId) {
    return Boolean.TRUE.equals(shared.get(chargerId));
  }

  /** What tells a charger apart from its namesakes: its address (and number). */
  String place(long chargerId) {
    return addresses.getOrDefault(chargerId, "");
  }

  private static String key(String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }
}
