package com.chargeshare.notify;

import com.chargeshare.booking.BookingNotices;
import com.chargeshare.booking.LifecycleEvent;
import com.chargeshare.charger.Charger;
import com.chargeshare.live.UserMessages;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The confirmations of new bookings, written in the bookings' own group commit: a booking's facts are the shard's
 * (the charger's listing, the booking's window and price), its driver's and host's names and addresses come from a
 * cache (read once per user; they never change), so a rush of bookings costs no read of the bookings after the
 * commit and no transaction of its own. Each is stored once per user, booking and kind as before: the booking is
 * new in the same transaction, and a driver who is the host gets one. Pushed to the users' open pages after the
 * commit. Shared by every shard of the node.
 */
public final class CommitNotices implements BookingNotices {

  private static final int PEOPLE_LIMIT = 100_000;

  private final UserMessages users;
  private final NotificationRepository notifications;
  private final boolean mail;
  private final Map<Long, BookingFacts.Person> people = new ConcurrentHashMap<>();
  /** The notifications table's id step, once read (null until then). */
  private volatile Long idStep;

  public CommitNotices(UserMessages users, NotificationRepository notifications, boolean mail) {
    this.users = users;
    this.notifications = notifications;
    this.mail = mail;
  }

  @Override
  public Future<Batch> prepare(List<Confirmed> confirmed, Instant at) {
    Map<Long, BookingFacts.Person> known = new HashMap<>();
    Set<Long> unknown = new HashSet<>();
    for (Confirmed c : confirmed) {
      for (long id : new long[]{c.booking().driverId(), c.charger().hostId()}) {
        BookingFacts.Person p = people.get(id);
        if (p != null) {
          known.put(id, p);
        } else {
          unknown.add(id);
        }
      }
    }
    Future<Long> step = idStep();
    Future<Map<Long, BookingFacts.Person>> all = unknown.isEmpty() ? Future.succeededFuture(known)
      : notifications.people(unknown).map(found -> {
        if (people.size() + found.size() > PEOPLE_LIMIT) {
          people.clear();
        }
        people.putAll(found);
        known.putAll(found);
        return known;
      });
    return Future.all(step, all).map(v -> worded(confirmed, all.result(), step.result(), at));
  }

  /**
   * The value is shared, never a pending future: every shard of the node calls this on its own event loop, and a
   * future one shard started would complete on that shard's loop and run the others' group commits there (their
   * queues are single-threaded). Until one read has succeeded, each caller reads it itself.
   */
  private Future<Long> idStep() {
    Long s = idStep;
    if (s != null) {
      return Future.succeededFuture(s);
    }
    return notifications.idStep().onSuccess(step -> idStep = step);
  }

  private Batch worded(List<Confirmed> confirmed, Map<Long, BookingFacts.Person> known, long step, Instant at) {
    List<NotificationRepository.New> rows = new ArrayList<>();
    Set<Long> told = new HashSet<>();
    for (Confirmed c : confirmed) {
      BookingFacts f = facts(c, known);
      if (f == null) {
        continue;
      }
      Set<Long> recipients = new HashSet<>();
      for (NotificationKind.Recipient r : NotificationKind.of(LifecycleEvent.Kind.CONFIRMED)) {
        BookingFacts.Person to = f.recipient(r.host());
        if (recipients.add(to.id())) {
          rows.add(new NotificationRepository.New(to.id(), r.kind(), f.bookingId(), Wording.of(r.kind(), f, r.host()),
            mail ? to.email() : null));
        }
      }
      told.add(f.bookingId());
    }
    return new Rows(rows, told, step, at);
  }

  /** The facts as the shard holds them; null when a person is unknown (its booking is then told by its event). */
  private static BookingFacts facts(Confirmed c, Map<Long, BookingFacts.Person> known) {
    var b = c.booking();
    Charger ch = c.charger();
    BookingFacts.Person driver = known.get(b.driverId());
    BookingFacts.Person host = known.get(ch.hostId());
    if (driver == null || host == null) {
      return null;
    }
    return new BookingFacts(b.id(), ch.id(), ch.name(), ch.address(), ch.timeZone(), b.start(), b.end(), b.priceMinor(),
      b.currency(), null, driver, host);
  }

  /** One commit's notification rows, and once committed the notifications to push. */
  private final class Rows implements Batch {
    private final List<NotificationRepository.New> rows;
    private final Set<Long> told;
    private final long step;
    private final Instant at;
    private Future<List<Notification>> stored;

    Rows(List<NotificationRepository.New> rows, Set<Long> told, long step, Instant at) {
      this.rows = rows;
      this.told = told;
      this.step = step;
      this.at = at;
    }

    @Override
    public boolean tells(long bookingId) {
      return told.contains(bookingId);
    }

    @Override
    public void write(SqlConnection conn, List<Future<?>> sent) {
      if (!rows.isEmpty()) {
        stored = notifications.insert(conn, rows, at, step);
        sent.add(stored);
      }
    }

    @Override
    public void committed() {
      if (stored != null && stored.succeeded()) {
        stored.result().forEach(n -> n.push(users));
      }
    }
  }
}
