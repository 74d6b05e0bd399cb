package com.chargeshare.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How much of a paid booking goes back when it is cancelled: tiers of "up to H hours before the start, P percent",
 * the most generous tier whose time has not passed applies, none after the last; a host's cancellation always
 * refunds in full. Written as a setting like {@code ["24:100", "2:50"]}. Amounts are integer minor units, rounded down.
 */
public final class CancellationPolicy {

  /** Up to {@code hoursBefore} hours before the start, {@code percent} of what was paid comes back. */
  public record Tier(int hoursBefore, int percent) {
  }

  private final List<Tier> tiers;

  public CancellationPolicy(List<Tier> tiers) {
    List<Tier> sorted = new ArrayList<>(tiers);
    sorted.sort(Comparator.comparingInt(Tier::hoursBefore).reversed());
    this.tiers = List.copyOf(sorted);
  }

  /** Parses {@code "HOURS:PERCENT"} entries; a bad one is a start-up error naming it. */
  public static CancellationPolicy parse(List<String> entries) {
    List<Tier> tiers = new ArrayList<>();
    for (String e : entries) {
      String[] parts = e.trim().split(":");
      try {
        int hours = Integer.parseInt(parts[0].trim());
        int percent = Integer.parseInt(parts[1].trim());
        if (parts.length != 2 || hours < 0 || percent < 0 || percent > 100) {
          throw new NumberFormatException();
        }
        tiers.add(new Tier(hours, percent));
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException bad) {
        throw new IllegalArgumentException("payments.cancellationPolicy entries are HOURS:PERCENT (0..100), not '" + e + "'");
      }
    }
    return new CancellationPolicy(tiers);
  }

  public List<Tier> tiers() {
    return tiers;
  }

  /** The percent that comes back when the driver cancels at {@code now}. */
  public int percentFor(CancelledBy by, Instant start, Instant now) {
    if (by == CancelledBy.HOST) {
      return 100;
    }
    Duration left = Duration.between(now, start);
    return tiers.stream().filter(t -> left.compareTo(Duration.ofHours(t.hoursBefore())) >= 0)
      .mapToInt(Tier::percent).max().orElse(0);
  }

  public long refundMinor(long paidMinor, CancelledBy by, Instant start, Instant now) {
    return Math.multiplyExact(paidMinor, (long) percentFor(by, start, now)) / 100;
  }

  /** The policy in a sentence, for the pages. */
  public String describe() {
    if (tiers.isEmpty()) {
      return "Cancelled by the driver: no refund. Cancelled by the host: a full refund.";
    }
    StringBuilder out = new StringBuilder();
    for (Tier t : tiers) {
      out.append(t.percent() == 100 ? "Full refund" : t.percent() == 0 ? "No refund" : t.percent() + "% refund")
        .append(" if cancelled up to ").append(t.hoursBefore()).append(t.hoursBefore() == 1 ? " hour" : " hours")
        .append(" before the start; ");
    }
    out.append("none after. A host's cancellation always refunds in full.");
    return out.toString();
  }
}
