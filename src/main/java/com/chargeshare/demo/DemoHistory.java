package com.chargeshare.demo;

import com.chargeshare.auth.UserAccount;
import com.chargeshare.charger.Charger;
import io.vertx.core.Future;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The demo city's last 30 days: finished bookings on most chargers, so a host's "last 7 days" and "last 30 days"
 * figures and the demand heatmap have something to show on the first run. Daytime windows of one to three hours
 * inside each charger's opening hours, never overlapping on a charger or for a driver.
 */
final class DemoHistory {

  static final int DAYS = 30;

  private final Random random;
  private final DemoHistoryRepository repo;

  DemoHistory(Random random, DemoHistoryRepository repo) {
    this.random = random;
    this.repo = repo;
  }

  /** Plans and writes the past; answers how many bookings. */
  Future<Integer> write(List<Charger> chargers, List<UserAccount> drivers, Instant now) {
    return repo.insert(plan(chargers, drivers, now));
  }

  List<DemoHistoryRepository.PastBooking> plan(List<Charger> chargers, List<UserAccount> drivers, Instant now) {
    List<DemoHistoryRepository.PastBooking> out = new ArrayList<>();
    Map<Long, Set<Long>> driverUnits = new HashMap<>();
    for (Charger c : chargers) {
      if (random.nextInt(10) < 2) {
        // a few chargers were never booked: not every listing is popular
        continue;
      }
      LocalDate today = now.atZone(c.timeZone()).toLocalDate();
      for (int ago = DAYS; ago >= 1; ago--) {
        int count = random.nextInt(10) < 4 ? 0 : 1 + random.nextInt(2);
        Set<Long> chargerUnits = new HashSet<>();
        for (int k = 0; k < count; k++) {
          ZonedDateTime start = today.minusDays(ago).atTime(8 + random.nextInt(12), 0).atZone(c.timeZone());
          Instant from = start.toInstant();
          Instant to = start.plusHours(1 + random.nextInt(3)).toInstant();
          UserAccount driver = drivers.get(random.nextInt(drivers.size()));
          Set<Long> mine = driverUnits.computeIfAbsent(driver.id(), d -> new HashSet<>());
          List<Long> units = units(from, to);
          if (!to.isBefore(now) || !c.openingHours().covers(from, to, c.timeZone())
            || units.stream().anyMatch(u -> chargerUnits.contains(u) || mine.contains(u))) {
            continue;
          }
          chargerUnits.addAll(units);
          mine.addAll(units);
          long minutes = (to.getEpochSecond() - from.getEpochSecond()) / 60;
          out.add(new DemoHistoryRepository.PastBooking(c.id(), driver.id(), from, to, c.priceFor(minutes), c.currency()));
        }
      }
    }
    return out;
  }

  private static List<Long> units(Instant from, Instant to) {
    List<Long> out = new ArrayList<>();
    for (long s = from.getEpochSecond(); s < to.getEpochSecond(); s += 900) {
      out.add(s / 900);
    }
    return out;
  }
}
