package com.chargeshare.booking;

import com.chargeshare.charger.ChargerStatus;
import com.chargeshare.charger.Charger;
import com.chargeshare.charger.OpeningHours;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * In-memory decisions per second of one shard's calendars (no I/O): the ceiling the database commit sits under.
 * Run by bench/run.sh; not a test.
 */
public final class CalendarBench {

  private CalendarBench() {
  }

  public static void main(String[] args) {
    for (int chargers : new int[]{1, 1000}) {
      run(chargers, 2_000_000);
      System.out.printf("%s%n", run(chargers, 5_000_000));
    }
  }

  private static String run(int chargerCount, int decisions) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Calendar[] calendars = new Calendar[chargerCount];
    for (int i = 0; i < chargerCount; i++) {
      calendars[i] = new Calendar(new Charger(i, 1, "c", null, "", 0, 0, "CCS2", 22, 6000, "INR", 30, ZoneId.of("Asia/Kolkata"),
        OpeningHours.ALWAYS, null, ChargerStatus.ONLINE));
    }
    Random random = new Random(1);
    int slots = chargerCount == 1 ? 20 : 28 * 48;
    int confirmed = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < decisions; i++) {
      Calendar cal = calendars[random.nextInt(chargerCount)];
      Instant start = now.plus(Duration.ofMinutes(60 + 30L * random.nextInt(slots)));
      Instant end = start.plus(Duration.ofMinutes(30));
      BookingRules.checkBooking(cal.charger(), start, end, now, 30);
      if (cal.free(start, end)) {
        cal.hold(new Claim(Claim.Kind.BOOKING, cal.charger().id(), 1, start, end));
        confirmed++;
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return String.format("in-memory decisions, %d charger(s): %,.0f decisions/s (%d confirmed of %d)", chargerCount,
      decisions / seconds, confirmed, decisions);
  }
}
