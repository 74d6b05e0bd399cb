package com.chargeshare.notify;

import com.chargeshare.db.MultiRowInsert;
import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.chargeshare.db.UtcTimes.fromDb;
import static com.chargeshare.db.UtcTimes.toDb;

/** Notifications in MySQL, each with its outbox mail (when mail is on) in the same transaction, stored in batches. */
public final class NotificationRepository {

  private static final String FACTS = "SELECT b.id, b.charger_id, b.start_at, b.end_at, b.price_minor, b.currency, "
    + "b.cancel_reason, c.name AS charger_name, c.address, c.time_zone, "
    + "d.id AS driver_id, d.name AS driver_name, d.email AS driver_email, "
    + "h.id AS host_id, h.name AS host_name, h.email AS host_email "
    + "FROM bookings b JOIN chargers c ON c.id = b.charger_id JOIN users d ON d.id = b.driver_id "
    + "JOIN users h ON h.id = c.host_id WHERE b.id IN ";
  /** Once per user, booking and kind: a second insert (another node, a repeated event) changes nothing. */
  private static final String COLUMNS_IN = "notifications (user_id, kind, booking_id, title, body, created_at)";
  private static final String INSERT = "INSERT IGNORE INTO " + COLUMNS_IN + " VALUES (?, ?, ?, ?, ?, ?)";
  /**
   * The same, for a booking that is still confirmed when the row goes in: the read of the booking locks it, so a
   * cancel either committed before (and nothing is stored) or waits for this insert to commit.
   */
  private static final String INSERT_WHILE_CONFIRMED = "INSERT IGNORE INTO " + COLUMNS_IN
    + " SELECT ?, ?, ?, ?, ?, ? FROM bookings WHERE id = ? AND status = 'CONFIRMED'";
  private static final String OUTBOX_COLUMNS_IN = "mail_outbox (notification_id, recipient, subject, text_body, status, "
    + "attempts, next_attempt_at, created_at)";
  private static final String PEOPLE = "SELECT id, name, email FROM users WHERE id IN ";
  private static final String ID_STEP = "SELECT @@auto_increment_increment AS step";
  /** One mail at a time, for {@code executeBatch}: the one-row form of what {@link #enqueue} sends. */
  private static final String ENQUEUE = MultiRowInsert.sql(OUTBOX_COLUMNS_IN, 8, 1, "");
  private static final String COLUMNS = "id, user_id, kind, booking_id, title, body, created_at, read_at";
  private static final String LIST = "SELECT " + COLUMNS + " FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM notifications WHERE id = ? AND user_id = ?";
  /** Counted up to 100: the bell shows "99+" beyond, and the count stays cheap for a user with thousands. */
  private static final String UNREAD = "SELECT COUNT(*) AS n FROM (SELECT 1 FROM notifications WHERE user_id = ? "
    + "AND read_at IS NULL LIMIT 100) t";
  private static final String MARK_READ = "UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL";
  private static final String MARK_ALL_READ = "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL";
  private static final String DUE_REMINDERS = "SELECT b.id FROM bookings b WHERE b.status = 'CONFIRMED' "
    + "AND b.start_at > ? AND b.start_at <= ? AND NOT EXISTS (SELECT 1 FROM notifications n "
    + "WHERE n.booking_id = b.id AND n.kind = 'REMINDER') ORDER BY b.start_at LIMIT ?";

  private final Pool pool;

  public NotificationRepository(Pool pool) {
    this.pool = pool;
  }

  /** One notification to store, with its mail's address when mail is on (null: no mail). */
  public record New(long userId, NotificationKind kind, long bookingId, Wording.Words words, String mailTo) {
  }

  /** The bookings as notifications tell them; a booking that does not exist is absent. */
  public Future<Map<Long, BookingFacts>> facts(Collection<Long> bookingIds) {
    if (bookingIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    String marks = "(" + String.join(",", Collections.nCopies(bookingIds.size(), "?")) + ")";
    return pool.preparedQuery(FACTS + marks).execute(Tuple.wrap(new ArrayList<Object>(bookingIds))).map(rows -> {
      Map<Long, BookingFacts> out = new HashMap<>();
      for (Row r : rows) {
        out.put(r.getLong("id"), new BookingFacts(r.getLong("id"), r.getLong("charger_id"), r.getString("charger_name"),
          r.getString("address"), ZoneId.of(r.getString("time_zone")), fromDb(r.getLocalDateTime("start_at")),
          fromDb(r.getLocalDateTime("end_at")), r.getLong("price_minor"), r.getString("currency"), r.getString("cancel_reason"),
          new BookingFacts.Person(r.getLong("driver_id"), r.getString("driver_name"), r.getString("driver_email")),
          new BookingFacts.Person(r.getLong("host_id"), r.getString("host_name"), r.getString("host_email"))));
      }
      return out;
    });
  }

  /**
   * Stores each notification unless its user has one of that kind for that booking already, and with each stored one
   * its mail in the outbox, all in one transaction (one batch of inserts for many events); answers those stored.
   */
  public Future<List<Notification>> store(List<New> batch, Instant now) {
    return store(batch, now, false);
  }

  /** As {@link #store}, each only while its booking is still confirmed (a reminder never follows a cancel). */
  public Future<List<Notification>> storeWhileConfirmed(List<New> batch, Instant now) {
    return store(batch, now, true);
  }

  private Future<List<Notification>> store(List<New> batch, Instant now, boolean whileConfirmed) {
    if (batch.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    List<Tuple> rows = batch.stream().map(n -> {
      Tuple t = Tuple.of(n.userId(), n.kind().name(), n.bookingId(), n.words().title(), n.words().body(), toDb(at));
      return whileConfirmed ? t.addLong(n.bookingId()) : t;
    }).toList();
    String insert = whileConfirmed ? INSERT_WHILE_CONFIRMED : INSERT;
    return pool.withTransaction(conn -> conn.preparedQuery(insert).executeBatch(rows).compose(first -> {
      List<Notification> stored = new ArrayList<>();
      List<Tuple> mails = new ArrayList<>();
      RowSet<Row> result = first;
      for (New n : batch) {
        if (result.rowCount() == 1) {
          long id = result.property(MySQLClient.LAST_INSERTED_ID);
          stored.add(asStored(id, n, at, mails));
        }
        result = result.next();
      }
      return mails.isEmpty() ? Future.succeededFuture(stored) : conn.preparedQuery(ENQUEUE).executeBatch(mails).map(stored);
    }));
  }

  /** Users as notifications address them (a name and an address never change, so callers may keep them). */
  public Future<Map<Long, BookingFacts.Person>> people(Collection<Long> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    String marks = "(" + String.join(",", Collections.nCopies(userIds.size(), "?")) + ")";
    return pool.preparedQuery(PEOPLE + marks).execute(Tuple.wrap(new ArrayList<Object>(userIds))).map(rows -> {
      Map<Long, BookingFacts.Person> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getLong("id"), new BookingFacts.Person(r.getLong("id"), r.getString("name"), r.getString("email"))));
      return out;
    });
  }

  /** How far apart the ids of one multi-row INSERT are ({@code auto_increment_increment}, 1 unless replication sets it). */
  public Future<Long> idStep() {
    return pool.query(ID_STEP).execute().map(rows -> rows.iterator().next().getLong("step"));
  }

  /**
   * Stores notifications that cannot exist yet (those of bookings created in the same transaction, one per user and
   * kind) in the caller's transaction, in multi-row INSERTs, each with its outbox mail when it has an address. One
   * INSERT's rows take consecutive ids from the first ({@code step} apart), as InnoDB gives a statement whose row
   * count is known its ids in one go; answers them as stored, once every statement answered.
   */
  public Future<List<Notification>> insert(SqlConnection conn, List<New> batch, Instant now, long step) {
    Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Notification[] stored = new Notification[batch.size()];
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0, chunk; i < batch.size(); i += chunk) {
      chunk = MultiRowInsert.chunk(batch.size() - i);
      int from = i;
      List<New> rows = batch.subList(from, from + chunk);
      Tuple args = Tuple.tuple();
      rows.forEach(n -> args.addLong(n.userId()).addString(n.kind().name()).addLong(n.bookingId()).addString(n.words().title())
        .addString(n.words().body()).addValue(toDb(at)));
      sent.add(conn.preparedQuery(MultiRowInsert.sql(COLUMNS_IN, 6, chunk, "")).execute(args).compose(result -> {
        long first = result.property(MySQLClient.LAST_INSERTED_ID);
        List<Tuple> mails = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
          New n = rows.get(r);
          long id = first + r * step;
          stored[from + r] = asStored(id, n, at, mails);
        }
        return enqueue(conn, mails);
      }));
    }
    return Future.all(sent).map(v -> List.of(stored));
  }

  /** The notification as stored under {@code id}; its mail, when it has an address, joins {@code mails}. */
  private static Notification asStored(long id, New n, Instant at, List<Tuple> mails) {
    if (n.mailTo() != null) {
      mails.add(Tuple.of(id, n.mailTo(), n.words().subject(), n.words().text(), "PENDING", 0, toDb(at), toDb(at)));
    }
    return new Notification(id, n.userId(), n.kind(), n.bookingId(), n.words().title(), n.words().body(), at, null);
  }

  private static Future<Void> enqueue(SqlConnection conn, List<Tuple> mails) {
    List<Future<?>> sent = new ArrayList<>();
    MultiRowInsert.insert(conn, OUTBOX_COLUMNS_IN, 8, mails, "", sent);
    return Future.all(sent).mapEmpty();
  }

  public Future<List<Notification>> list(long userId, int limit, int offset) {
    return pool.preparedQuery(LIST).execute(Tuple.of(userId, limit, offset)).map(rows -> {
      List<Notification> out = new ArrayList<>();
      rows.forEach(r -> out.add(notification(r)));
      return out;
    });
  }

  public Future<Integer> unread(long userId) {
    return pool.preparedQuery(UNREAD).execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getInteger("n"));
  }

  /** Marks the user's notification read (once; reading it again keeps the first time); empty when it is not theirs. */
  public Future<Optional<Notification>> markRead(long userId, long id, Instant now) {
    return pool.preparedQuery(MARK_READ).execute(Tuple.of(toDb(now), id, userId))
      .compose(v -> pool.preparedQuery(BY_ID).execute(Tuple.of(id, userId)))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(notification(rows.iterator().next())));
  }

  public Future<Integer> markAllRead(long userId, Instant now) {
    return pool.preparedQuery(MARK_ALL_READ).execute(Tuple.of(toDb(now), userId)).map(rows -> rows.rowCount());
  }

  /** Confirmed bookings starting in {@code (from, to]} that have had no reminder yet. */
  public Future<List<Long>> dueReminders(Instant from, Instant to, int limit) {
    return pool.preparedQuery(DUE_REMINDERS).execute(Tuple.of(toDb(from), toDb(to), limit)).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong("id")));
      return ids;
    });
  }

  private static Notification notification(Row r) {
    var read = r.getLocalDateTime("read_at");
    return new Notification(r.getLong("id"), r.getLong("user_id"), NotificationKind.valueOf(r.getString("kind")),
      r.getLong("booking_id"), r.getString("title"), r.getString("body"), fromDb(r.getLocalDateTime("created_at")),
      read == null ? null : fromDb(read));
  }
}
