package com.chargeshare.booking;

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

  /** Multi-row statements are cut into chunks of these sizes, so only a few distinct statements get prepared. */
  private static final int[] CHUNKS = {100, 20, 5, 1};
  private static final java.util.Map<String, String> INSERTS = new java.util.concurrent.ConcurrentHashMap<>();

  private static final String BOOKING_COLUMNS =
    "b.id, b.charger_id, b.driver_id, b.start_at, b.end_at, b.status, b.price_minor, b.currency, b.created_at, "
      + "b.cancelled_by_role, b.cancel_reason, b.hold_expires_at, b.checked_in_at, b.check_in_source, "
      + "r.amount_minor AS refund_minor, r.currency AS refund_currency, r.status AS refund_status";
  private static final String REFUND_JOIN = " LEFT JOIN refunds r ON r.booking_id = b.id";
  private static final String BOOKING_BY_ID = "SELECT " + BOOKING_COLUMNS + ", c.host_id, p.payment_id AS paid_payment_id, "
    + "p.amount_minor AS paid_minor FROM bookings b JOIN chargers c ON c.id = b.charger_id" + REFUND_JOIN
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
  private static final String CONFIRM = "UPDATE bookings SET status = 'CONFIRMED', hold_expires_at = NULL "
    + "WHERE id = ? AND status = 'PENDING_PAYMENT'";
  private static final String PAID = "UPDATE payments SET status = 'PAID', payment_id = ?, paid_at = ? WHERE booking_id = ? AND order_id = ?";
  private static final String EXPIRE = "UPDATE bookings SET status = 'EXPIRED', hold_expires_at = NULL "
    + "WHERE id = ? AND status = 'PENDING_PAYMENT'";
  private static final String NO_SHOW = "UPDATE bookings SET status = 'NO_SHOW' "
    + "WHERE id = ? AND status = 'CONFIRMED' AND checked_in_at IS NULL";
  private static final String CHECK_IN = "UPDATE bookings SET checked_in_at = ?, check_in_source = ? "
    + "WHERE id = ? AND status = 'CONFIRMED' AND checked_in_at IS NULL";
  private static final String DUE_HOLDS = "SELECT " + BOOKING_COLUMNS + " FROM bookings b" + REFUND_JOIN
    + " WHERE b.status = 'PENDING_PAYMENT' AND b.hold_expires_at <= ? ORDER BY b.hold_expires_at LIMIT ?";
  private static final String DUE_NO_SHOWS = "SELECT " + BOOKING_COLUMNS + " FROM bookings b" + REFUND_JOIN
    + " WHERE b.status = 'CONFIRMED' AND b.checked_in_at IS NULL AND b.start_at <= ? AND b.end_at > ? ORDER BY b.start_at LIMIT ?";
  private static final String DELETE_BOOKING_CLAIMS = "DELETE FROM slot_claims WHERE booking_id = ?";
  private static final String REMOVE_BLOCK = "UPDATE charger_blocks SET status = 'REMOVED' WHERE id = ? AND status = 'ACTIVE'";
  private static final String DELETE_BLOCK_CLAIMS = "DELETE FROM slot_claims WHERE block_id = ?";
  private static final String FUTURE_BOOKINGS_OF_CHARGER =
    "SELECT COUNT(*) AS n FROM bookings WHERE charger_id = ? AND status IN " + CLAIMING + " AND end_at > ?";
  private static final String BLOCK_BY_ID = "SELECT id, charger_id, start_at, end_at, reason, status FROM charger_blocks WHERE id = ?";
  private static final String BLOCKS_OF_CHARGER = "SELECT id, charger_id, start_at, end_at, reason, status FROM charger_blocks "
    + "WHERE charger_id = ? AND status = 'ACTIVE' AND end_at > ? ORDER BY start_at";

  private final Pool pool;
  private final Pool commitPool;
  private final IdempotencyRepository idempotency;
  private final DriverLedgerRepository drivers;

  public BookingRepository(Pool pool, Pool commitPool, IdempotencyRepository idempotency, DriverLedgerRepository drivers) {
    this.pool = pool;
    this.commitPool = commitPool;
    this.idempotency = idempotency;
    this.drivers = drivers;
  }

  public Pool pool() {
    return pool;
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
        audit.add(auditRow(c.bookingId(), "CANCELLED_BY_" + c.by().name(), ws.at, null));
        refundDue(conn, c.bookingId(), c.refund(), ws.at, sent, audit);
      });
    }
    if (!ws.confirms.isEmpty()) {
      sent.add(conn.preparedQuery(CONFIRM).executeBatch(ws.confirms.stream().map(c -> Tuple.of(c.bookingId())).toList()));
      sent.add(conn.preparedQuery(PAID).executeBatch(ws.confirms.stream()
        .map(c -> Tuple.of(c.paymentId(), toDb(ws.at), c.bookingId(), c.orderId())).toList()));
      ws.confirms.forEach(c -> audit.add(auditRow(c.bookingId(), "CONFIRMED", ws.at, "paid " + c.paymentId())));
    }
    if (!ws.expiries.isEmpty()) {
      List<Long> ids = ws.expiries.stream().map(WriteSet.Release::bookingId).toList();
      sent.add(conn.preparedQuery(EXPIRE).executeBatch(ids.stream().map(Tuple::of).toList()));
      freeUnits(conn, ids, sent);
      ws.expiries.forEach(e -> audit.add(auditRow(e.bookingId(), "EXPIRED", ws.at, e.why())));
    }
    if (!ws.noShows.isEmpty()) {
      sent.add(conn.preparedQuery(NO_SHOW).executeBatch(ws.noShows.stream().map(Tuple::of).toList()));
      freeUnits(conn, ws.noShows, sent);
      ws.noShows.forEach(id -> audit.add(auditRow(id, "NO_SHOW", ws.at, null)));
    }
    if (!ws.checkIns.isEmpty()) {
      sent.add(conn.preparedQuery(CHECK_IN).executeBatch(ws.checkIns.stream()
        .map(c -> Tuple.of(toDb(c.at()), c.source().name(), c.bookingId())).toList()));
      ws.checkIns.forEach(c -> audit.add(auditRow(c.bookingId(), "CHECKED_IN", c.at(), c.source().name())));
    }
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
        audit.add(auditRow(b.id(), b.status() == BookingStatus.PENDING_PAYMENT ? "HELD" : "CONFIRMED", ws.at, null));
        for (long u = Units.of(b.start()); u < Units.of(b.end()); u++) {
          claims.add(Tuple.of(b.chargerId(), toDb(Units.start(u)), b.id(), null));
        }
      }
      insertRows(conn, "bookings (id, charger_id, driver_id, start_at, end_at, status, price_minor, currency, created_at, "
        + "hold_expires_at)", 10, rows, sent);
    }
    if (!ws.blocks.isEmpty()) {
      List<Tuple> rows = new ArrayList<>();
      for (Block k : ws.blocks) {
        rows.add(Tuple.of(k.id(), k.chargerId(), toDb(k.start()), toDb(k.end()), k.reason(), k.status().name(), toDb(ws.at)));
        for (long u = Units.of(k.start()); u < Units.of(k.end()); u++) {
          claims.add(Tuple.of(k.chargerId(), toDb(Units.start(u)), null, k.id()));
        }
      }
      insertRows(conn, "charger_blocks (id, charger_id, start_at, end_at, reason, status, created_at)", 7, rows, sent);
    }
    if (!claims.isEmpty()) {
      insertRows(conn, "slot_claims (charger_id, slot_start, booking_id, block_id)", 4, claims, sent);
    }
    if (ws.claimDriverUnits && !ws.bookings.isEmpty()) {
      drivers.claim(conn, ws.bookings, sent);
    }
    if (!ws.idempotent.isEmpty()) {
      sent.add(idempotency.store(conn, ws.idempotent));
    }
    if (!audit.isEmpty()) {
      insertRows(conn, "booking_events (booking_id, event, at, detail)", 4, audit, sent);
    }
    return Future.all(sent).mapEmpty();
  }

  /** One row of a booking's history, written in the transaction of the change it records. */
  static Tuple auditRow(long bookingId, String event, Instant at, String detail) {
    return Tuple.of(bookingId, event, toDb(at), detail);
  }

  private static final String INSERT_REFUND = "INSERT INTO refunds (booking_id, payment_id, amount_minor, currency, status, "
    + "created_at, updated_at) VALUES (?, ?, ?, ?, 'PENDING', ?, ?)";

  /** A refund owed by this change: recorded PENDING with the change; the payment side sends it to the provider. */
  static void refundDue(SqlClient conn, long bookingId, WriteSet.RefundDue refund, Instant at, List<Future<?>> sent,
                        List<Tuple> audit) {
    if (refund != null && refund.amountMinor() > 0) {
      sent.add(conn.preparedQuery(INSERT_REFUND).execute(Tuple.of(bookingId, refund.paymentId(), refund.amountMinor(),
        refund.currency(), toDb(at), toDb(at))));
      audit.add(auditRow(bookingId, "REFUND_REQUESTED", at, refund.amountMinor() + " " + refund.currency()));
    }
  }

  /**
   * One lifecycle step in the caller's transaction (the db-lock engine): true when this statement made it, false
   * when the booking was no longer in the state it needs, so of racing steps exactly one wins. The step's audit row
   * (and for a paid hold its payment) are written in the same transaction.
   */
  Future<Boolean> step(SqlConnection conn, WriteSet ws) {
    String sql;
    Tuple args;
    if (!ws.confirms.isEmpty()) {
      sql = CONFIRM;
      args = Tuple.of(ws.confirms.get(0).bookingId());
    } else if (!ws.expiries.isEmpty()) {
      sql = EXPIRE;
      args = Tuple.of(ws.expiries.get(0).bookingId());
    } else if (!ws.noShows.isEmpty()) {
      sql = NO_SHOW;
      args = Tuple.of(ws.noShows.get(0));
    } else {
      WriteSet.CheckIn c = ws.checkIns.get(0);
      sql = CHECK_IN;
      args = Tuple.of(toDb(c.at()), c.source().name(), c.bookingId());
    }
    return conn.preparedQuery(sql).execute(args).compose(rows -> {
      if (rows.rowCount() != 1) {
        return Future.succeededFuture(false);
      }
      List<Future<?>> sent = new ArrayList<>();
      List<Tuple> audit = new ArrayList<>();
      ws.confirms.forEach(c -> {
        sent.add(conn.preparedQuery(PAID).execute(Tuple.of(c.paymentId(), toDb(ws.at), c.bookingId(), c.orderId())));
        audit.add(auditRow(c.bookingId(), "CONFIRMED", ws.at, "paid " + c.paymentId()));
      });
      ws.expiries.forEach(e -> {
        freeUnits(conn, List.of(e.bookingId()), sent);
        audit.add(auditRow(e.bookingId(), "EXPIRED", ws.at, e.why()));
      });
      ws.noShows.forEach(id -> {
        freeUnits(conn, List.of(id), sent);
        audit.add(auditRow(id, "NO_SHOW", ws.at, null));
      });
      ws.checkIns.forEach(c -> audit.add(auditRow(c.bookingId(), "CHECKED_IN", c.at(), c.source().name())));
      insertRows(conn, "booking_events (booking_id, event, at, detail)", 4, audit, sent);
      return Future.all(sent).map(true);
    });
  }

  /** Holds whose time is up at {@code now}, earliest first. */
  Future<List<Booking>> dueHolds(Instant now, int limit) {
    return pool.preparedQuery(DUE_HOLDS).execute(Tuple.of(toDb(now), limit)).map(BookingRepository::bookings);
  }

  /**
   * Confirmed bookings nobody checked in to that started at or before {@code startedBy} and had not ended by
   * {@code endedAfter} (bookings long over, such as those made before check-in existed, are history, not no-shows).
   */
  Future<List<Booking>> dueNoShows(Instant startedBy, Instant endedAfter, int limit) {
    return pool.preparedQuery(DUE_NO_SHOWS).execute(Tuple.of(toDb(startedBy), toDb(endedAfter), limit)).map(BookingRepository::bookings);
  }

  private static List<Booking> bookings(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Booking> out = new ArrayList<>();
    rows.forEach(r -> out.add(booking(r)));
    return out;
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
      audit.add(auditRow(c.bookingId(), "CANCELLED_BY_" + c.by().name(), at, null));
      refundDue(conn, c.bookingId(), c.refund(), at, sent, audit);
      insertRows(conn, "booking_events (booking_id, event, at, detail)", 4, audit, sent);
      return Future.all(sent).map(true);
    });
  }

  private static Tuple cancelRow(WriteSet.Cancel c, Instant at) {
    return Tuple.of(toDb(at), c.byUserId(), c.by().name(), c.reason(), c.bookingId());
  }

  /** A cancelled booking's units are free again, on its charger and for its driver. */
  private void freeUnits(SqlConnection conn, List<Long> bookingIds, List<Future<?>> sent) {
    sent.add(conn.preparedQuery(DELETE_BOOKING_CLAIMS).executeBatch(bookingIds.stream().map(Tuple::of).toList()));
    drivers.release(conn, bookingIds, sent);
  }

  /** Multi-row INSERTs in a few fixed chunk sizes: far fewer statements than one per row, and few distinct ones. */
  static void insertRows(SqlClient conn, String tableAndColumns, int columns, List<Tuple> rows, List<Future<?>> sent) {
    int i = 0;
    for (int chunk : CHUNKS) {
      while (rows.size() - i >= chunk) {
        Tuple args = Tuple.tuple();
        for (int r = i; r < i + chunk; r++) {
          Tuple row = rows.get(r);
          for (int c = 0; c < columns; c++) {
            args.addValue(row.getValue(c));
          }
        }
        String sql = INSERTS.computeIfAbsent(tableAndColumns + "/" + chunk, k -> {
          String group = "(" + String.join(",", Collections.nCopies(columns, "?")) + ")";
          return "INSERT INTO " + tableAndColumns + " VALUES " + String.join(",", Collections.nCopies(chunk, group));
        });
        sent.add(conn.preparedQuery(sql).execute(args));
        i += chunk;
      }
    }
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
      return Optional.of(new OwnedBooking(booking(r), r.getLong("host_id"),
        paymentId == null ? null : new WriteSet.RefundDue(paymentId, r.getLong("paid_minor"), r.getString("currency"))));
    });
  }

  /** A booking's status read in the caller's transaction (after the charger's row lock). */
  Future<BookingStatus> statusOf(SqlConnection conn, long bookingId) {
    return conn.preparedQuery("SELECT status FROM bookings WHERE id = ?").execute(Tuple.of(bookingId))
      .map(rows -> rows.size() == 0 ? null : BookingStatus.valueOf(rows.iterator().next().getString("status")));
  }

  /** The confirmed booking on a charger whose check-in may be open now (starting within the lead time, not ended). */
  Future<Optional<Booking>> checkInCandidate(long chargerId, Instant now, int minutesBefore) {
    return pool.preparedQuery("SELECT " + BOOKING_COLUMNS + " FROM bookings b" + REFUND_JOIN + " WHERE b.charger_id = ? "
        + "AND b.status = 'CONFIRMED' AND b.start_at <= ? AND b.end_at > ? ORDER BY b.start_at DESC LIMIT 1")
      .execute(Tuple.of(chargerId, toDb(now.plusSeconds(minutesBefore * 60L)), toDb(now)))
      .map(rows -> bookings(rows).stream().findFirst());
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

  static Booking booking(Row r) {
    return new Booking(r.getLong("id"), r.getLong("charger_id"), r.getLong("driver_id"),
      fromDb(r.getLocalDateTime("start_at")), fromDb(r.getLocalDateTime("end_at")), BookingStatus.valueOf(r.getString("status")),
      r.getLong("price_minor"), r.getString("currency"), fromDb(r.getLocalDateTime("created_at")),
      r.getString("cancelled_by_role") == null ? null : CancelledBy.valueOf(r.getString("cancelled_by_role")),
      r.getString("cancel_reason"), life(r));
  }

  /** The lifecycle columns of a booking row (with its refund, LEFT JOINed as refund_*). */
  public static Life life(Row r) {
    String source = r.getString("check_in_source");
    String refundStatus = r.getString("refund_status");
    return new Life(fromDb(r.getLocalDateTime("hold_expires_at")), fromDb(r.getLocalDateTime("checked_in_at")),
      source == null ? null : CheckInSource.valueOf(source),
      refundStatus == null ? null : new Refund(r.getLong("refund_minor"), r.getString("refund_currency"), Refund.Status.valueOf(refundStatus)));
  }

  /**
   * A driver's own bookings, or those on a host's chargers, ordered by start then id. Every filter is a bound
   * parameter; only the fixed condition fragments are joined.
   */
  public Future<List<Booking>> list(BookingQuery q) {
    StringBuilder sql = new StringBuilder("SELECT " + BOOKING_COLUMNS + " FROM bookings b" + REFUND_JOIN);
    List<Object> args = new ArrayList<>();
    if (q.hostId() != null) {
      sql.append(" JOIN chargers c ON c.id = b.charger_id WHERE c.host_id = ?");
      args.add(q.hostId());
    } else {
      sql.append(" WHERE b.driver_id = ?");
      args.add(q.driverId());
    }
    if (q.status() != null) {
      sql.append(" AND b.status = ?");
      args.add(q.status().name());
    }
    if (q.chargerId() != null) {
      sql.append(" AND b.charger_id = ?");
      args.add(q.chargerId());
    }
    if (q.from() != null) {
      sql.append(" AND b.end_at > ?");
      args.add(toDb(q.from()));
    }
    if (q.to() != null) {
      sql.append(" AND b.start_at < ?");
      args.add(toDb(q.to()));
    }
    sql.append(" ORDER BY b.start_at, b.id LIMIT ? OFFSET ?");
    args.add(q.limit());
    args.add(q.offset());
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
      List<Booking> out = new ArrayList<>();
      rows.forEach(r -> out.add(booking(r)));
      return out;
    });
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
