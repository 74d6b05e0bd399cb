package com.chargeshare.loadtest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the bookings re-read from the server after a run against the two promises of the
 * booking engine: no two confirmed bookings on one charger overlap, and every booking the tool
 * was told was confirmed (and did not cancel itself) is still there and confirmed.
 */
public final class Verifier {

  /**
   * The verdict.
   *
   * @param doubleBookings   confirmed bookings that overlap an earlier confirmed booking on the same charger
   * @param missingConfirmed bookings answered 201 (and not cancelled by the tool) that the server no longer shows as confirmed
   * @param checkedBookings  distinct confirmed bookings read back from the server
   * @param expectedBookings bookings the tool expected to find
   * @param examples         a few offending bookings, for the report
   */
  public record Result(long doubleBookings, long missingConfirmed, long checkedBookings,
                       long expectedBookings, List<String> examples) {
    public boolean ok() {
      return doubleBookings == 0 && missingConfirmed == 0;
    }
  }

  private static final int MAX_EXAMPLES = 10;

  private Verifier() {
  }

  public static Result verify(Collection<ServerBooking> fromServer, BookingLedger ledger) {
    Map<Long, ServerBooking> confirmedOnServer = new LinkedHashMap<>();
    for (ServerBooking b : fromServer) {
      if (b.confirmed()) {
        // paging may return a row twice; each booking counts once
        confirmedOnServer.putIfAbsent(b.id(), b);
      }
    }
    List<String> examples = new ArrayList<>();
    long overlaps = countOverlaps(confirmedOnServer.values(), examples);

    long expected = 0;
    long missing = 0;
    for (ServerBooking mine : ledger.confirmedBookings().values()) {
      long id = mine.id();
      if (ledger.cancelledIds().contains(id) || ledger.uncertainIds().contains(id)) {
        continue;
      }
      expected++;
      if (!confirmedOnServer.containsKey(id)) {
        missing++;
        if (examples.size() < MAX_EXAMPLES) {
          examples.add("missing confirmed booking " + id + " on charger " + mine.chargerId());
        }
      }
    }
    return new Result(overlaps, missing, confirmedOnServer.size(), expected, List.copyOf(examples));
  }

  private static long countOverlaps(Collection<ServerBooking> confirmed, List<String> examples) {
    Map<Long, List<ServerBooking>> byCharger = new HashMap<>();
    for (ServerBooking b : confirmed) {
      byCharger.computeIfAbsent(b.chargerId(), k -> new ArrayList<>()).add(b);
    }
    long overlaps = 0;
    for (List<ServerBooking> bookings : byCharger.values()) {
      bookings.sort(Comparator.comparingLong(ServerBooking::start).thenComparingLong(ServerBooking::id));
      ServerBooking latest = null;
      for (ServerBooking b : bookings) {
        // half-open windows: one ending at 10:00 and one starting at 10:00 do not clash
        if (latest != null && b.start() < latest.end()) {
          overlaps++;
          if (examples.size() < MAX_EXAMPLES) {
            examples.add("booking " + b.id() + " overlaps booking " + latest.id() + " on charger " + b.chargerId());
          }
        }
        if (latest == null || b.end() > latest.end()) {
          latest = b;
        }
      }
    }
    return overlaps;
  }
}
