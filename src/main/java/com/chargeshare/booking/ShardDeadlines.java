package com.chargeshare.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A shard's lifecycle deadlines, earliest first: when each hold expires and when each confirmed booking nobody has
 * checked in to becomes a no-show. Filled from memory as bookings commit and from MySQL when the shard rebuilds, so
 * a restart loses none; the shard owner looks at it on its own event loop every tick. Single-threaded.
 */
final class ShardDeadlines {

  /** {@code expiry}: a hold's end; otherwise a no-show deadline. */
  record Due(Instant at, Claim claim, boolean expiry) {
  }

  private final LifecycleRules rules;
  private final PriorityQueue<Due> queue = new PriorityQueue<>(Comparator.comparing(Due::at));

  ShardDeadlines(LifecycleRules rules) {
    this.rules = rules;
  }

  /** A committed booking's next deadline: its hold's expiry, or its no-show deadline while nobody checked in. */
  void track(Claim c) {
    if (c.kind != Claim.Kind.BOOKING || c.gone) {
      return;
    }
    if (c.held()) {
      queue.add(new Due(c.holdUntil, c, true));
    } else if (!c.checkedIn) {
      queue.add(new Due(rules.noShowAt(c.start), c, false));
    }
  }

  void retry(Due d, Instant at) {
    queue.add(new Due(at, d.claim(), d.expiry()));
  }

  /** Takes every deadline that has come; stale ones (the claim moved on) are the caller's to skip. */
  List<Due> due(Instant now) {
    List<Due> out = new ArrayList<>();
    while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
      out.add(queue.poll());
    }
    return out;
  }

  int size() {
    return queue.size();
  }
}
