package com.chargeshare.review;

import com.chargeshare.db.DbFailures;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.chargeshare.db.UtcTimes.fromDb;
import static com.chargeshare.db.UtcTimes.toDb;

/** Reviews and the chargers' ratings in MySQL; a review and its charger's rating change in one transaction. */
public final class ReviewRepository {

  private static final String BOOKING = "SELECT b.id, b.charger_id, b.driver_id, b.status, b.end_at, c.host_id "
    + "FROM bookings b JOIN chargers c ON c.id = b.charger_id WHERE b.id = ?";
  private static final String INSERT = "INSERT INTO reviews (booking_id, charger_id, driver_id, rating, comment, created_at) "
    + "VALUES (?, ?, ?, ?, ?, ?)";
  private static final String ADD_RATING = "INSERT INTO charger_ratings (charger_id, rating_sum, rating_count) VALUES (?, ?, 1) "
    + "ON DUPLICATE KEY UPDATE rating_sum = rating_sum + VALUES(rating_sum), rating_count = rating_count + 1";
  private static final String REPLY = "UPDATE reviews SET reply = ?, replied_at = ? WHERE booking_id = ? AND reply IS NULL";
  private static final String COLUMNS = "r.booking_id, r.charger_id, r.driver_id, u.name, r.rating, r.comment, r.created_at, "
    + "r.reply, r.replied_at FROM reviews r JOIN users u ON u.id = r.driver_id";
  private static final String BY_BOOKING = "SELECT " + COLUMNS + " WHERE r.booking_id = ?";
  private static final String BY_CHARGER = "SELECT " + COLUMNS + " WHERE r.charger_id = ? "
    + "ORDER BY r.created_at DESC, r.booking_id DESC LIMIT ? OFFSET ?";

  private final Pool pool;

  public ReviewRepository(Pool pool) {
    this.pool = pool;
  }

  /** What the review rules need to know of a booking. */
  public record Reviewable(long bookingId, long chargerId, long driverId, long hostId, String status, Instant end) {
  }

  public Future<Optional<Reviewable>> booking(long bookingId) {
    return pool.preparedQuery(BOOKING).execute(Tuple.of(bookingId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Reviewable(r.getLong("id"), r.getLong("charger_id"), r.getLong("driver_id"), r.getLong("host_id"),
        r.getString("status"), fromDb(r.getLocalDateTime("end_at"))));
    });
  }

  /** Stores the review and counts it in its charger's rating; answers false when the booking has one already. */
  public Future<Boolean> insert(Reviewable b, int rating, String comment, Instant at) {
    return pool.withTransaction(conn -> conn.preparedQuery(INSERT)
        .execute(Tuple.of(b.bookingId(), b.chargerId(), b.driverId(), rating, comment, toDb(at)))
        .compose(v -> conn.preparedQuery(ADD_RATING).execute(Tuple.of(b.chargerId(), rating)))
        .map(true))
      .recover(err -> DbFailures.isDuplicateKey(err) ? Future.succeededFuture(false) : Future.failedFuture(err));
  }

  /** The host's one answer; false when the review has one already (or there is no review). */
  public Future<Boolean> reply(long bookingId, String reply, Instant at) {
    return pool.preparedQuery(REPLY).execute(Tuple.of(reply, toDb(at), bookingId)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<Review>> byBooking(long bookingId) {
    return pool.preparedQuery(BY_BOOKING).execute(Tuple.of(bookingId))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(review(rows.iterator().next())));
  }

  /** Newest first. */
  public Future<List<Review>> byCharger(long chargerId, int limit, int offset) {
    return pool.preparedQuery(BY_CHARGER).execute(Tuple.of(chargerId, limit, offset)).map(rows -> {
      List<Review> out = new ArrayList<>();
      rows.forEach(r -> out.add(review(r)));
      return out;
    });
  }

  /** The ratings of these chargers; a charger without reviews is absent. */
  public Future<Map<Long, Rating>> ratings(Collection<Long> chargerIds) {
    if (chargerIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    String marks = String.join(",", java.util.Collections.nCopies(chargerIds.size(), "?"));
    return pool.preparedQuery("SELECT charger_id, rating_sum, rating_count FROM charger_ratings WHERE charger_id IN (" + marks + ")")
      .execute(Tuple.wrap(new ArrayList<Object>(chargerIds))).map(rows -> {
        Map<Long, Rating> out = new HashMap<>();
        rows.forEach(r -> out.put(r.getLong("charger_id"), Rating.of(r.getLong("rating_sum"), r.getInteger("rating_count"))));
        return out;
      });
  }

  /** Which of these bookings have a review. */
  public Future<Set<Long>> reviewed(Collection<Long> bookingIds) {
    if (bookingIds.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    String marks = String.join(",", java.util.Collections.nCopies(bookingIds.size(), "?"));
    return pool.preparedQuery("SELECT booking_id FROM reviews WHERE booking_id IN (" + marks + ")")
      .execute(Tuple.wrap(new ArrayList<Object>(bookingIds))).map(rows -> {
        Set<Long> out = new HashSet<>();
        rows.forEach(r -> out.add(r.getLong("booking_id")));
        return out;
      });
  }

  private static Review review(Row r) {
    String name = r.getString("name").strip();
    int space = name.indexOf(' ');
    var replied = r.getLocalDateTime("replied_at");
    return new Review(r.getLong("booking_id"), r.getLong("charger_id"), r.getLong("driver_id"),
      space > 0 ? name.substring(0, space) : name, r.getInteger("rating"), r.getString("comment"),
      fromDb(r.getLocalDateTime("created_at")), r.getString("reply"), replied == null ? null : fromDb(replied));
  }
}
