package com.chargeshare.demo;

import com.chargeshare.charger.ChargerStatus;
import com.chargeshare.Services;
import com.chargeshare.auth.PasswordHasher;
import com.chargeshare.auth.Role;
import com.chargeshare.auth.UserAccount;
import com.chargeshare.auth.UserRepository;
import com.chargeshare.booking.BookingEngine;
import com.chargeshare.booking.Receipt;
import com.chargeshare.booking.Units;
import com.chargeshare.charger.Charger;
import com.chargeshare.charger.OpeningHours;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@code CHARGESHARE_DEMO=true}: fills an empty database with a living Bengaluru so a first run shows a map
 * worth looking at. Hosts, drivers and chargers go straight to the repositories; bookings ahead go through the
 * booking engine, so its memory and MySQL agree exactly as they would for real bookings; the last 30 days'
 * finished bookings ({@link DemoHistory}) are written as a group commit would have written them. A fixed seed makes
 * every demo city the same (apart from the dates, which follow today).
 */
public final class DemoCity {

  public static final String PASSWORD = "demo-password";
  public static final String HOST_EMAIL = "host@demo.chargeshare";
  public static final String DRIVER_EMAIL = "driver@demo.chargeshare";
  static final int HOSTS = 12;
  static final int DRIVERS = 36;
  static final int CHARGERS = 300;
  private static final long SEED = 20260105L;
  private static final int PARALLEL = 16;
  private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
  private static final Logger log = LoggerFactory.getLogger(DemoCity.class);

  /** Bengaluru neighbourhoods: name, centre, PIN code. */
  private record Area(String name, double lat, double lng, String pin) {
  }

  private static final List<Area> AREAS = List.of(
    new Area("Koramangala", 12.9352, 77.6245, "560034"), new Area("Indiranagar", 12.9784, 77.6408, "560038"),
    new Area("Whitefield", 12.9698, 77.7500, "560066"), new Area("HSR Layout", 12.9116, 77.6389, "560102"),
    new Area("Jayanagar", 12.9250, 77.5938, "560041"), new Area("Malleshwaram", 13.0035, 77.5710, "560003"),
    new Area("Hebbal", 13.0358, 77.5970, "560024"), new Area("Electronic City", 12.8452, 77.6602, "560100"),
    new Area("Marathahalli", 12.9591, 77.6974, "560037"), new Area("BTM Layout", 12.9166, 77.6101, "560076"),
    new Area("Yelahanka", 13.1005, 77.5963, "560064"), new Area("Banashankari", 12.9255, 77.5468, "560070"),
    new Area("Rajajinagar", 12.9916, 77.5544, "560010"), new Area("JP Nagar", 12.9063, 77.5857, "560078"),
    new Area("Bellandur", 12.9279, 77.6762, "560103"), new Area("Sarjapur Road", 12.9010, 77.6860, "560035"),
    new Area("MG Road", 12.9756, 77.6066, "560001"), new Area("Basavanagudi", 12.9406, 77.5738, "560004"),
    new Area("Yeshwanthpur", 13.0285, 77.5400, "560022"), new Area("Frazer Town", 12.9980, 77.6150, "560005"));

  private static final List<String> FIRST_NAMES = List.of("Priya", "Arjun", "Kavya", "Rohan", "Ananya", "Vikram", "Meera",
    "Siddharth", "Lakshmi", "Karthik", "Divya", "Rahul", "Sneha", "Aditya", "Pooja", "Nikhil", "Deepa", "Suresh", "Asha",
    "Manoj", "Revathi", "Harish", "Nandini", "Ganesh");
  private static final List<String> LAST_NAMES = List.of("Rao", "Sharma", "Iyer", "Reddy", "Nair", "Gowda", "Menon", "Shetty",
    "Kulkarni", "Hegde", "Pillai", "Bhat");
  private static final List<String> PLACES = List.of("home charger", "apartment basement bay", "villa garage",
    "office parking", "café parking", "tech park bay", "community charger", "society visitor bay", "rooftop car park",
    "bungalow driveway");
  private static final List<String> ACCESS = List.of(
    "Tell the security guard at the main gate you have a ChargeShare booking; the bay is on the left.",
    "Basement B1, pillar 14. The cable is in the grey box; it is unlocked during your slot.",
    "Ring the bell at the side gate. Please park nose-in so the cable reaches.",
    "Visitor parking, bay V3. Gate code is sent with your booking confirmation: 4821.",
    "Entry from the 2nd Cross side. Switch the charger on at the wall isolator, and off when you leave.");

  /** A charger type as hosts here really offer them: connector, power, hourly price range in rupees. */
  private record Kind(String connector, double[] powers, int minRupees, int maxRupees, int weight) {
  }

  private static final List<Kind> KINDS = List.of(
    new Kind("TYPE2", new double[]{7.4, 11, 22}, 90, 280, 45),
    new Kind("CCS2", new double[]{30, 50, 60}, 450, 900, 20),
    new Kind("THREE_PIN", new double[]{3.3}, 30, 70, 18),
    new Kind("GBT", new double[]{15}, 150, 260, 8),
    new Kind("CHADEMO", new double[]{50}, 500, 850, 4),
    new Kind("TYPE1", new double[]{7.4}, 90, 180, 5));

  private final Vertx vertx;
  private final Services services;
  private final UserRepository users;
  private final Random random = new Random(SEED);

  private DemoCity(Vertx vertx, Services services) {
    this.vertx = vertx;
    this.services = services;
    this.users = new UserRepository(services.database().pool());
  }

  /** Seeds the city when the database has no users; leaves any existing data alone. */
  public static Future<Void> seedIfEmpty(Vertx vertx, Services services) {
    DemoCity city = new DemoCity(vertx, services);
    return city.users.count().compose(n -> {
      if (n > 0) {
        log.info("Demo: the database has {} accounts already; nothing seeded. Demo logins, if this is a demo city: "
          + "{} / {} and {} / {} (password {})", n, HOST_EMAIL, DRIVER_EMAIL, "host2..host" + HOSTS + "@demo.chargeshare",
          "driver2..driver" + DRIVERS + "@demo.chargeshare", PASSWORD);
        return Future.succeededFuture();
      }
      return city.seed();
    });
  }

  private Future<Void> seed() {
    long t0 = System.nanoTime();
    // bcrypt is slow on purpose: hash the shared demo password once, not once per account
    return new PasswordHasher(vertx, services.config().auth().bcryptCost(), 1, 1).hash(PASSWORD).compose(hash -> {
      List<Integer> hostNos = range(HOSTS);
      List<Integer> driverNos = range(DRIVERS);
      Future<List<UserAccount>> hosts = inParallel(hostNos, i -> users.insert(email("host", i), hash, personName(i), Role.HOST));
      return hosts.compose(hs -> inParallel(driverNos, i -> users.insert(email("driver", i), hash, personName(HOSTS + i), Role.DRIVER))
        .compose(ds -> chargers(hs).compose(cs -> bookings(cs, ds)
          .compose(ahead -> history().write(cs, ds, Instant.now()).map(past -> List.of(ahead, past))))
          .map(counts -> {
            log.info("Demo city seeded in {} ms: {} hosts, {} drivers, {} chargers around Bengaluru, {} bookings ahead and {} "
                + "in the last {} days", (System.nanoTime() - t0) / 1_000_000, hs.size(), ds.size(), CHARGERS, counts.get(0),
              counts.get(1), DemoHistory.DAYS);
            logins();
            return null;
          })));
    });
  }

  private DemoHistory history() {
    return new DemoHistory(random, new DemoHistoryRepository(services.database().pool()));
  }

  private static void logins() {
    log.info("Demo logins (password for all: {}): host {} (also host2..host{}@demo.chargeshare), driver {} "
      + "(also driver2..driver{}@demo.chargeshare)", PASSWORD, HOST_EMAIL, HOSTS, DRIVER_EMAIL, DRIVERS);
  }

  private static List<Integer> range(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(i);
    }
    return out;
  }

  static String email(String kind, int i) {
    return i == 1 ? kind + "@demo.chargeshare" : kind + i + "@demo.chargeshare";
  }

  private static String personName(int i) {
    return FIRST_NAMES.get(i % FIRST_NAMES.size()) + " " + LAST_NAMES.get((i * 7) % LAST_NAMES.size());
  }

  private Future<List<Charger>> chargers(List<UserAccount> hosts) {
    List<Charger> planned = new ArrayList<>();
    for (int i = 0; i < CHARGERS; i++) {
      planned.add(plan(hosts.get(i % hosts.size()), i));
    }
    return inParallel(planned, c -> services.chargers().insert(c)
      .compose(saved -> services.engine().chargerChanged(saved.id()).map(saved)));
  }

  private Charger plan(UserAccount host, int i) {
    Area area = AREAS.get(random.nextInt(AREAS.size()));
    // about 1.2 km of spread around the neighbourhood's centre
    double lat = area.lat() + random.nextGaussian() * 0.011;
    double lng = area.lng() + random.nextGaussian() * 0.011;
    Kind kind = pickKind();
    double power = kind.powers()[random.nextInt(kind.powers().length)];
    int rupees = kind.minRupees() + random.nextInt(kind.maxRupees() - kind.minRupees() + 1);
    long priceMinor = Math.round(rupees / 5.0) * 5 * 100L;
    String owner = host.name().split(" ")[0];
    String place = PLACES.get(random.nextInt(PLACES.size()));
    String name = random.nextInt(3) == 0
      ? owner + "'s " + place
      : area.name() + " " + capitalise(place) + (random.nextBoolean() ? " " + (1 + random.nextInt(6)) : "");
    int house = 1 + random.nextInt(240);
    int cross = 1 + random.nextInt(18);
    String address = house + ", " + cross + ordinal(cross) + " Cross, " + area.name() + ", Bengaluru " + area.pin();
    String description = power + " kW " + kind.connector().replace('_', ' ') + " charger. "
      + (kind.connector().equals("THREE_PIN") ? "Suits scooters and small cars with a portable charger. " : "")
      + (random.nextBoolean() ? "Covered parking." : "Open-air bay, well lit at night.");
    // slot boundaries are multiples of the slot length in UTC, so India's +05:30 suits 15- and 30-minute slots
    int slot = kind.connector().equals("CCS2") || kind.connector().equals("CHADEMO") ? 15 : 30;
    OpeningHours hours = random.nextInt(10) < 3 ? hours() : OpeningHours.ALWAYS;
    ChargerStatus status = random.nextInt(100) < 8 ? ChargerStatus.OFFLINE : ChargerStatus.ONLINE;
    return new Charger(0, host.id(), name, description, address, round6(lat), round6(lng), kind.connector(), power, priceMinor,
      "INR", slot, ZONE, hours, ACCESS.get(random.nextInt(ACCESS.size())), status);
  }

  private static String ordinal(int n) {
    return n % 10 == 1 && n != 11 ? "st" : n % 10 == 2 && n != 12 ? "nd" : n % 10 == 3 && n != 13 ? "rd" : "th";
  }

  private static String capitalise(String s) {
    StringBuilder b = new StringBuilder();
    for (String w : s.split(" ")) {
      b.append(b.length() == 0 ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    return b.toString();
  }

  private static double round6(double d) {
    return Math.round(d * 1e6) / 1e6;
  }

  private Kind pickKind() {
    int total = KINDS.stream().mapToInt(Kind::weight).sum();
    int r = random.nextInt(total);
    for (Kind k : KINDS) {
      r -= k.weight();
      if (r < 0) {
        return k;
      }
    }
    return KINDS.get(0);
  }

  /** Typical shared-charger hours: a long day on weekdays and Saturday, shorter or closed on Sunday. */
  private OpeningHours hours() {
    List<OpeningHours.Window> windows = new ArrayList<>();
    int open = (6 + random.nextInt(3)) * 60;
    int close = (20 + random.nextInt(4)) * 60;
    for (int day = 1; day <= 6; day++) {
      windows.add(new OpeningHours.Window(day, open, close));
    }
    if (random.nextBoolean()) {
      windows.add(new OpeningHours.Window(7, 9 * 60, 18 * 60));
    }
    return new OpeningHours(List.copyOf(windows));
  }

  /** Bookings over the next three days on most online chargers, made by the engine like any other. */
  private Future<Integer> bookings(List<Charger> chargers, List<UserAccount> drivers) {
    List<BookingEngine.BookRequest> requests = new ArrayList<>();
    Instant now = Instant.now();
    for (Charger c : chargers) {
      if (!c.online() || random.nextInt(10) < 3) {
        continue;
      }
      long slotSeconds = c.slotMinutes() * 60L;
      int count = 1 + random.nextInt(5);
      for (int k = 0; k < count; k++) {
        // the first booking of many chargers starts at the next slot, so the map soon shows busy chargers
        long offsetSlots = k == 0 && random.nextBoolean() ? 0 : random.nextInt((int) (Duration.ofDays(3).toSeconds() / slotSeconds));
        long lengthSlots = Math.max(1, (60L + random.nextInt(3) * 60L) * 60 / slotSeconds);
        // slots are counted from local midnight in the charger's zone
        Units.Walk slot = new Units.Walk(Units.nextBoundary(now, c.timeZone(), c.slotMinutes()), c.timeZone(), c.slotMinutes());
        for (long i = 0; i < offsetSlots; i++) {
          slot.advance();
        }
        Instant start = slot.start();
        for (long i = 0; i < lengthSlots; i++) {
          slot.advance();
        }
        Instant end = slot.start();
        UserAccount driver = drivers.get(random.nextInt(drivers.size()));
        requests.add(new BookingEngine.BookRequest(driver.id(), c.id(), start, end, 0, null));
      }
    }
    AtomicInteger confirmed = new AtomicInteger();
    // a window that overlaps an earlier demo booking or falls outside opening hours is simply refused
    return inParallel(requests, r -> services.engine().book(r, Receipt.NONE)
      .map(outcome -> outcome.either(c -> confirmed.incrementAndGet(), taken -> 0)).otherwise(0))
      .map(list -> confirmed.get());
  }

  /** Runs {@code task} over {@code items} with at most {@link #PARALLEL} in flight, keeping the items' order. */
  private static <T, R> Future<List<R>> inParallel(List<T> items, Function<T, Future<R>> task) {
    List<R> results = new ArrayList<>(java.util.Collections.nCopies(items.size(), null));
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(PARALLEL, Math.max(1, items.size())); lane++) {
      lanes.add(lane(items, task, results, next));
    }
    return Future.all(lanes).map(v -> results);
  }

  private static <T, R> Future<Void> lane(List<T> items, Function<T, Future<R>> task, List<R> results, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= items.size()) {
      return Future.succeededFuture();
    }
    return task.apply(items.get(i)).compose(r -> {
      synchronized (results) {
        results.set(i, r);
      }
      return lane(items, task, results, next);
    });
  }
}
