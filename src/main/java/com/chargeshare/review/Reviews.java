package com.chargeshare.review;

import com.chargeshare.auth.Principal;
import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.Forbidden;
import com.chargeshare.failure.NotFound;
import com.chargeshare.failure.ValidationFailed;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The review rules, the same for the API and the pages: a booking's driver rates it (1..5, an optional comment of
 * at most {@value #MAX_TEXT} characters) once, after it ended and only if it was not cancelled; the charger's host
 * answers once. Anyone else learns nothing of the booking (404).
 */
public final class Reviews {

  public static final int MAX_TEXT = 1000;

  private final ReviewRepository reviews;
  private final Clock clock;

  public Reviews(ReviewRepository reviews, Clock clock) {
    this.reviews = reviews;
    this.clock = clock;
  }

  public ReviewRepository repository() {
    return reviews;
  }

  /** {@code rating} null: missing. */
  public Future<Review> review(Principal by, long bookingId, Long rating, String comment) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (rating == null) problems.put("rating", "is required: a whole number 1..5");
    else if (rating < 1 || rating > 5) problems.put("rating", "must be a whole number 1..5");
    String text = clean(comment, "comment", problems);
    if (!problems.isEmpty()) {
      return Future.failedFuture(ValidationFailed.fields(problems));
    }
    Instant now = clock.instant();
    return reviews.booking(bookingId).compose(found -> {
      ReviewRepository.Reviewable b = found.filter(x -> x.driverId() == by.id() || x.hostId() == by.id())
        .orElseThrow(() -> new NotFound("Booking"));
      if (b.driverId() != by.id()) {
        throw new Forbidden("Only the booking's driver can review it");
      }
      if (!"CONFIRMED".equals(b.status())) {
        throw new Conflict(Conflict.Reason.REVIEW_NOT_OPEN, "Only a booking that took place can be reviewed",
          Map.of("status", b.status()));
      }
      if (b.end().isAfter(now)) {
        throw new Conflict(Conflict.Reason.REVIEW_NOT_OPEN, "A booking can be reviewed once it has ended",
          Map.of("opensAt", b.end()));
      }
      return reviews.insert(b, rating.intValue(), text, now).compose(stored -> {
        if (!stored) {
          return Future.failedFuture(new Conflict(Conflict.Reason.REVIEW_NOT_OPEN, "This booking has been reviewed already",
            Map.of("reviewed", true)));
        }
        return reviews.byBooking(bookingId).map(r -> r.orElseThrow());
      });
    });
  }

  /** The charger's host answers a review once. */
  public Future<Review> reply(Principal by, long bookingId, String reply) {
    Map<String, String> problems = new LinkedHashMap<>();
    String text = clean(reply, "reply", problems);
    if (text == null && !problems.containsKey("reply")) problems.put("reply", "is required");
    if (!problems.isEmpty()) {
      return Future.failedFuture(ValidationFailed.fields(problems));
    }
    return reviews.booking(bookingId).compose(found -> {
      ReviewRepository.Reviewable b = found.filter(x -> x.driverId() == by.id() || x.hostId() == by.id())
        .orElseThrow(() -> new NotFound("Booking"));
      if (b.hostId() != by.id()) {
        throw new Forbidden("Only the charger's host can answer a review");
      }
      return reviews.byBooking(bookingId).compose(r -> {
        if (r.isEmpty()) {
          return Future.failedFuture(new NotFound("Review"));
        }
        return reviews.reply(bookingId, text, clock.instant()).compose(done -> done ? reviews.byBooking(bookingId).map(x -> x.orElseThrow())
          : Future.failedFuture(new Conflict(Conflict.Reason.REVIEW_NOT_OPEN, "This review has been answered already",
            Map.of("replied", true))));
      });
    });
  }

  /**
   * Trimmed text, null when blank; refused when longer than {@value #MAX_TEXT} characters or holding control
   * characters other than line breaks and tabs (nothing invisible or line-forging in a public review).
   */
  private static String clean(String text, String field, Map<String, String> problems) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    if (t.codePointCount(0, t.length()) > MAX_TEXT) {
      problems.put(field, "must be at most " + MAX_TEXT + " characters");
      return null;
    }
    boolean bad = t.codePoints().anyMatch(c -> (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
      || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069));
    if (bad) {
      problems.put(field, "must not contain control characters");
      return null;
    }
    return t;
  }
}
