package com.chargeshare.booking;

import com.chargeshare.db.MultiRowInsert;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static com.chargeshare.db.UtcTimes.fromDb;
import static com.chargeshare.db.UtcTimes.toDb;

/** Bookings, blocks and their slot claims in MySQL. */
public final class BookingRepository {

  private static final String BOOKING_BY_ID = "SELECT " + BookingListRepository.BOOKING_COLUMNS + ", c.host_id, p.payment_id AS paid_payment_id, "
    + "p.amount_minor AS paid_minor FROM bookings b JOIN chargers c ON c.id = b.charger_id" + BookingListRepository.REFUND_JOIN
    + " LEFT JOIN payments p ON p.booking_id = b.id AND p.status = 'PAID' WHERE b.id = ?";
  /** Bookings that occupy their slots: confirmed ones and holds. */
  static final String CLAIMING = "('CONFIRMED', 'PENDING_PAYMENT')";
  private static final String CLAIM_COLUMNS = "b.id, b.charger_id, b.driver_id, b.start_at, b.end_at, b.status, b.hold_expires_at, "
    + "b.checked_in_at, 'BOOKING' AS kind";
  private static final String BLOCK_CLAIM_COLUMNS = "k.id, k.charger_id, 0, k.start_at, k.end_at, 'BLOCK', NULL, NULL, 'BLOCK'";
  private static final String FUTURE_CLAIMS = "SELECT " + CLAIM_COLUMNS + " FROM bookings b WHERE b.status IN " + CLAIMING
    + " AND b.end_at > ? AND MOD(b.charger_id, ?) = ? "
    + "UNION ALL SELECT " + BLOCK_CLAIM_COLUMNS + " FROM charger_blocks k "
    + "WHERE k.status = 'ACTIVE' AND k.end_at > ? AND MOD(k.charger_id, ?) = ?";
  private static final String CLAIMS_OF_CHARGER = "SELECT " + CLAIM_COLUMNS + " FROM bookings b WHERE b.status IN " + CLAIMING
    + " AND b.charger_id = ? AND b.end_at > ? AND b.start_at < ? "
    + "UNION ALL SELECT " + BLOCK_CLAIM_COLUMNS + " FROM charger_blocks k "
    + "WHERE k.status = 'ACTIVE' AND k.charger_id = ? AND k.end_at > ? AND k.start_at < ?";
  private static final String LOCK_CHARGER = "SELECT id FROM chargers WHERE id = ? AND deleted_at IS NULL FOR UPDATE";
  private static final String CANCEL = "UPDATE bookings SET status = 'CANCELLED', cancelled_at = ?, cancelled_by = ?, "
    + "cancelled_by_role = ?, cancel_reason = ?, hold_expires_at = NULL WHERE id = ? AND status IN " + CLAIMING;
  /**
   * A booking's or block's units, found through the primary key (charger, unit start) from its window, so that
   * slot_claims needs no index of its own on booking_id or block_id: one entry per unit, not three (V81).
   */
  private static final String DELETE_BOOKING_CLAIMS = "DELETE s FROM slot_claims s JOIN bookings b ON s.charger_id = b.charger_id "
    + "AND s.slot_start > b.start_at - INTERVAL 15 MINUTE AND s.slot_start < b.end_at AND s.booking_id = b.id WHERE b.id = ?";
  private static final String REMOVE_BLOCK = "UPDATE charger_blocks SET status = 'REMOVED' WHERE id = ? AND status = 'ACTIVE'";
  private static final String DELETE_BLOCK_CLAIMS = "DELETE s FROM slot_claims s JOIN charger_blocks k ON s.charger_id = k.charger_id "
    + "AND s.slot_start > k.start_at - INTERVAL 15 MINUTE AND s.slot_start < k.end_at AND s.block_id = k.id WHERE k.id = ?";
  private static final String FUTURE_BOOKINGS_OF_CHARGER =
    "SELECT COUNT(*) AS n FROM bookings WHERE charger_id = ? AND status IN " + CLAIMING + " AND end_at > ?";
  private static final String BLOCK_BY_ID = "SELECT id, charger_id, start_at, end_at, reason, status FROM charger_blocks WHERE id = ?";
  private static final String BLOCKS_OF_CHARGER = "SELECT id, charger_id, start_at, end_at, reason, status FROM charger_blocks "
    + "WHERE charger_id = ? AND status = 'ACTIVE' AND end_at > ? ORDER BY start_at";

  private final Pool pool;
  private final Pool commitPool;
  private final IdempotencyRepository idempotency;
  private final DriverLedgerRepository drivers;
  private final LifecycleRepository lifecycle;

  public BookingRepository(Pool pool, Pool commitPool, IdempotencyRepository idempotency, DriverLedgerRepository drivers) {
    this.lifecycle = new LifecycleRepository(pool);
    this.pool = pool;
    this.commitPool = commitPool;
    this.idempotency = idempotency;
    this.drivers = drivers;
  }

  public Pool pool() {
    return pool;
  }

  /** The lifecycle's steps (payment, expiry, check-in, no-show) and its audit rows. */
  LifecycleRepository lifecycle() {
    return lifecycle;
  }

  /** The driver side of the same transactions: driver_claims. */
  DriverLedgerRepository drivers() {
    return drivers;
  }

  /** Connections kept for group commits. */
  Pool commitPool() {
    return commitPool;
  }

  /**
   * Writes a set in the given transaction. The statements do not depend on one another (a batch never claims
   * units that the same batch frees), so they are all sent at once and the connection pipelines them: one round
   * trip for the whole set instead of one per statement.
   */
  Future<Void> write(SqlConnection conn, WriteSet ws) {
    List<Future<?>> sent = new ArrayList<>();
    List<Tuple> audit = new ArrayList<>();
    if (!ws.cancels.isEmpty()) {
      sent.add(conn.preparedQuery(CANCEL).executeBatch(ws.cancels.stream().map(c -> cancelRow(c, ws.at)).toList()));
      freeUnits(conn, ws.cancels.stream().map(WriteSet.Cancel::bookingId).toList(), sent);
      ws.cancels.forEach(c -> {
        audit.add(LifecycleRepository.auditRow(c.bookingId(), "CANCELLED_BY_" + c.by().name(), ws.at, null));
        LifecycleRepository.refundDue(conn, c.bookingId(), c.refund(), ws.at, sent, audit);
      });
    }
    LifecycleRepository.writeSteps(conn, ws, sent, audit, this);
    if (!ws.removedBlocks.isEmpty()) {
      List<Tuple> ids = ws.removedBlocks.stream().map(Tuple::of).toList();
      sent.add(conn.preparedQuery(REMOVE_BLOCK).executeBatch(ids));
      sent.add(conn.preparedQuery(DELETE_BLOCK_CLAIMS).executeBatch(ids));
    }
    List<Tuple> claims = new ArrayList<>();
    if (!ws.bookings.isEmpty()) {
      List<Tuple> rows = new ArrayList<>(ws.bookings.size());
      for (Booking b : ws.bookings) {
        rows.add(Tuple.of(b.id(), b.chargerId(), b.driverId(), toDb(b.start()), toDb(b.end()), b.status().name(), b.priceMinor(),
          b.currency(), toDb(b.createdAt()), toDb(b.life().holdExpiresAt())));
        audit.add(LifecycleRepository.auditRow(b.id(), b.status() == BookingStatus.PENDING_PAYMENT ? "HELD" : "CONFIRMED", ws.at, null));
        for (long u = Units.of(b.start()); u < Units.of(b.end()); u++) {
          claims.add(Tuple.of(b.chargerId(), toDb(Units.start(u)), b.id(), null));
        }
      }
      MultiRowInsert.insert(conn, "bookings (id, charger_id, driver_id, start_at, end_at, status, price_minor, currency, created_at, "
        + "hold_expires_at)", 10, rows, "", sent);
    }
    if (!ws.blocks.isEmpty()) {
      List<Tuple> rows = new ArrayList<>();
      for (Block k : ws.blocks) {
        rows.add(Tuple.of(k.id(), k.chargerId(), toDb(k.start()), toDb(k.end()), k.reason(), k.status().name(), toDb(ws.at)));
        for (long u = Units.of(k.start()); u < Units.of(k.end()); u++) {
          claims.add(Tuple.of(k.chargerId(), toDb(Units.start(u)), null, k.id()));
        }
      }
      MultiRowInsert.insert(conn, "charger_blocks (id, charger_id, start_at, end_at, reason, status, created_at)", 7, rows, "", sent);
    }
    if (!claims.isEmpty()) {
      MultiRowInsert.insert(conn, "slot_claims (charger_id, slot_start, booking_id, block_id)", 4, claims, "", sent);
    }
    if (ws.claimDriverUnits && !ws.bookings.isEmpty()) {
      drivers.claim(conn, ws.bookings, sent);
    }
    drivers.takeSeats(conn, ws.seats, ws.at, sent);
    if (!ws.idempotent.isEmpty()) {
      sent.add(idempotency.store(conn, ws.idempotent));
    }
    if (!audit.isEmpty()) {
      LifecycleRepository.audit(conn, audit, sent);
    }
    ws.notices.write(conn, sent);
    return Future.all(sent).mapEmpty();
  }

  /**
   * Cancels one booking in the caller's transaction (the db-lock engine): true when this statement cancelled it,
   * false when it was no longer confirmed, so of concurrent cancels exactly one wins.
   */
  Future<Boolean> cancel(SqlConnection conn, WriteSet.Cancel c, Instant at) {
    return conn.preparedQuery(CANCEL).execute(cancelRow(c, at)).compose(rows -> {
      if (rows.rowCount() != 1) {
        return Future.succeededFuture(false);
      }
      List<Future<?>> sent = new ArrayList<>();
      List<Tuple> audit = new ArrayList<>();
      freeUnits(conn, List.of(c.bookingId()), sent);
      audit.add(LifecycleRepository.auditRow(c.bookingId(), "CANCELLED_BY_" + c.by().name(), at, null));
      LifecycleRepository.refundDue(conn, c.bookingId(), c.refund(), at, sent, audit);
      LifecycleRepository.audit(conn, audit, sent);
      return Future.all(sent).map(true);
    });
  }

  private static Tuple cancelRow(WriteSet.Cancel c, Instant at) {
    return Tuple.of(toDb(at), c.byUserId(), c.by().name(), c.reason(), c.bookingId());
  }

  /** A cancelled booking's units are free again, on its charger and for its driver. */
  void freeUnits(SqlConnection conn, List<Long> bookingIds, List<Future<?>> sent) {
    sent.add(conn.preparedQuery(DELETE_BOOKING_CLAIMS).executeBatch(bookingIds.stream().map(Tuple::of).toList()));
    drivers.release(conn, bookingIds, sent);
  }

  /** Confirmed bookings and active blocks not yet over, of one shard's chargers: the rebuild after a start. */
  Future<List<StoredClaim>> futureClaims(int shard, int shards, Instant now) {
    return pool.preparedQuery(FUTURE_CLAIMS).execute(Tuple.of(toDb(now), shards, shard, toDb(now), shards, shard))
      .map(rows -> {
        List<StoredClaim> out = new ArrayList<>();
        rows.forEach(r -> out.add(claim(r)));
        return out;
      });
  }

  Future<List<StoredClaim>> claimsOf(SqlClient client, long chargerId, Instant from, Instant to) {
    return client.preparedQuery(CLAIMS_OF_CHARGER)
      .execute(Tuple.of(chargerId, toDb(from), toDb(to), chargerId, toDb(from), toDb(to)))
      .map(rows -> {
        List<StoredClaim> out = new ArrayList<>();
        rows.forEach(r -> out.add(claim(r)));
        return out;
      });
  }

  private static StoredClaim claim(Row r) {
    boolean booking = "BOOKING".equals(r.getString("kind"));
    return new StoredClaim(booking ? Claim.Kind.BOOKING : Claim.Kind.BLOCK,
      r.getLong("id"), r.getLong("charger_id"), r.getLong("driver_id"), fromDb(r.getLocalDateTime("start_at")),
      fromDb(r.getLocalDateTime("end_at")), booking && "PENDING_PAYMENT".equals(r.getString("status"))
        ? fromDb(r.getLocalDateTime("hold_expires_at")) : null,
      booking && r.getLocalDateTime("checked_in_at") != null);
  }

  /** Locks the charger row for the rest of the transaction (the db-lock engine's serialisation point). */
  Future<Boolean> lockCharger(SqlConnection conn, long chargerId) {
    return conn.preparedQuery(LOCK_CHARGER).execute(Tuple.of(chargerId)).map(rows -> rows.size() == 1);
  }

  public Future<Optional<OwnedBooking>> byId(long id) {
    return pool.preparedQuery(BOOKING_BY_ID).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      String paymentId = r.getString("paid_payment_id");
      return Optional.of(new OwnedBooking(BookingListRepository.booking(r), r.getLong("host_id"),
        paymentId == null ? null : new WriteSet.RefundDue(paymentId, r.getLong("paid_minor"), r.getString("currency"))));
    });
  }

  /** Whether any unit of [from, to) on the charger is claimed. */
  Future<Boolean> anyClaim(long chargerId, Instant from, Instant to) {
    return pool.preparedQuery("SELECT 1 FROM slot_claims WHERE charger_id = ? AND slot_start >= ? AND slot_start < ? LIMIT 1")
      .execute(Tuple.of(chargerId, toDb(from), toDb(to))).map(rows -> rows.size() > 0);
  }

  /** Whether this driver holds a confirmed booking on the charger that has not ended at {@code now} and starts by {@code startsBy}. */
  public Future<Boolean> driverHasBookingAround(long driverId, long chargerId, Instant now, Instant startsBy) {
    return pool.preparedQuery("SELECT 1 FROM bookings WHERE driver_id = ? AND charger_id = ? AND status = 'CONFIRMED' "
        + "AND start_at <= ? AND end_at > ? LIMIT 1")
      .execute(Tuple.of(driverId, chargerId, toDb(startsBy), toDb(now))).map(rows -> rows.size() > 0);
  }

  Future<Long> countFutureBookings(SqlClient client, long chargerId, Instant now) {
    return client.preparedQuery(FUTURE_BOOKINGS_OF_CHARGER).execute(Tuple.of(chargerId, toDb(now)))
      .map(rows -> rows.iterator().next().getLong("n"));
  }

  /** Claims of many chargers at once (db-lock availability for a page of search results). */
  Future<List<StoredClaim>> claimsOfMany(java.util.Collection<Long> chargerIds, Instant from, Instant to) {
    if (chargerIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String marks = String.join(",", Collections.nCopies(chargerIds.size(), "?"));
    String sql = "SELECT c.booking_id, c.block_id, c.charger_id, c.slot_start FROM slot_claims c "
      + "WHERE c.charger_id IN (" + marks + ") AND c.slot_start >= ? AND c.slot_start < ?";
    Tuple args = Tuple.tuple();
    chargerIds.forEach(args::addLong);
    args.addValue(toDb(from));
    args.addValue(toDb(to));
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<StoredClaim> out = new ArrayList<>();
      rows.forEach(r -> {
        Long booking = r.getLong("booking_id");
        Instant s = fromDb(r.getLocalDateTime("slot_start"));
        out.add(new StoredClaim(booking != null ? Claim.Kind.BOOKING : Claim.Kind.BLOCK,
          booking != null ? booking : r.getLong("block_id"), r.getLong("charger_id"), 0, s, s.plusSeconds(Units.SECONDS), null, false));
      });
      return out;
    });
  }

  public Future<Optional<Block>> blockById(long id) {
    return pool.preparedQuery(BLOCK_BY_ID).execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(block(rows.iterator().next())));
  }

  public Future<List<Block>> activeBlocks(long chargerId, Instant now) {
    return pool.preparedQuery(BLOCKS_OF_CHARGER).execute(Tuple.of(chargerId, toDb(now))).map(rows -> {
      List<Block> out = new ArrayList<>();
      rows.forEach(r -> out.add(block(r)));
      return out;
    });
  }

  private static Block block(Row r) {
    return new Block(r.getLong("id"), r.getLong("charger_id"), fromDb(r.getLocalDateTime("start_at")),
      fromDb(r.getLocalDateTime("end_at")), r.getString("reason"), BlockStatus.valueOf(r.getString("status")));
  }

  /** A driver's own bookings, or those on a host's chargers, ordered by start then id. */
  public Future<List<Booking>> list(BookingQuery q) {
    return BookingListRepository.list(pool, q);
  }

  /** A claim as stored; {@code ownerId} is the driver for bookings, 0 for blocks. */
  record StoredClaim(Claim.Kind kind, long id, long chargerId, long ownerId, Instant start, Instant end, Instant holdUntil,
                     boolean checkedIn) {
    Claim claim() {
      Claim c = Claim.committed(kind, id, chargerId, ownerId, start, end);
      c.holdUntil = holdUntil;
      c.checkedIn = checkedIn;
      return c;
    }
  }

  /** {@code paid}: the payment that paid it, as a refund would return it in full (null when nothing was paid). */
  public record OwnedBooking(Booking booking, long hostId, WriteSet.RefundDue paid) {
  }

}
