package com.chargeshare.notify;

import com.chargeshare.booking.LifecycleEvent;
import com.chargeshare.live.UserMessages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a booking's steps into notifications: stores each (once per user, booking and kind), queues its mail in
 * the same transaction when mail is on, then pushes it to the user's open pages on every node. Steps that arrive
 * while a batch is being stored wait and go together in the next one (one read of the bookings, one transaction),
 * so a rush of bookings costs a few statements per batch, not per booking. Reminders come from {@link #remind}, run
 * periodically on every node; the unique key lets only one node store (and so push and mail) each. Single-threaded:
 * the event loop of the verticle that feeds it.
 */
public final class Notifier {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final int BATCH = 200;
  private static final int REMINDER_BATCH = 500;
  private static final int STORE_ATTEMPTS = 3;

  private final Vertx vertx;
  private final UserMessages users;
  private final NotificationRepository notifications;
  private final boolean mail;
  private final Duration reminderLead;
  private final Clock clock;
  private final List<LifecycleEvent> pending = new ArrayList<>();
  private boolean storing;

  public Notifier(Vertx vertx, UserMessages users, NotificationRepository notifications, boolean mail, Duration reminderLead,
                  Clock clock) {
    this.vertx = vertx;
    this.users = users;
    this.notifications = notifications;
    this.mail = mail;
    this.reminderLead = reminderLead;
    this.clock = clock;
  }

  /**
   * Takes one lifecycle step; it is stored with those waiting once the batch in flight is done. A step whose people
   * were told in its own transaction ({@link CommitNotices}) is passed over.
   */
  public void on(LifecycleEvent e) {
    if (e.told() || NotificationKind.of(e.kind()).isEmpty()) {
      return;
    }
    pending.add(e);
    if (!storing) {
      next();
    }
  }

  private void next() {
    if (pending.isEmpty()) {
      storing = false;
      return;
    }
    storing = true;
    List<LifecycleEvent> batch = new ArrayList<>(pending.subList(0, Math.min(BATCH, pending.size())));
    pending.subList(0, batch.size()).clear();
    withRetries(() -> tell(batch), STORE_ATTEMPTS)
      .onFailure(err -> log.warn("{} booking steps were not notified: {}", batch.size(), err.toString()))
      .onComplete(ar -> next());
  }

  private Future<List<Notification>> tell(List<LifecycleEvent> events) {
    Set<Long> ids = new LinkedHashSet<>();
    events.forEach(e -> ids.add(e.bookingId()));
    return notifications.facts(ids).compose(facts -> {
      List<NotificationRepository.New> batch = new ArrayList<>();
      for (LifecycleEvent e : events) {
        BookingFacts f = facts.get(e.bookingId());
        if (f != null) {
          NotificationKind.of(e.kind()).forEach(r -> batch.add(toBeStored(f, r)));
        }
      }
      return store(batch);
    });
  }

  /** Reminders for confirmed bookings that start within the lead time and have had none; answers how many were stored. */
  public Future<Integer> remind() {
    Instant now = clock.instant();
    NotificationKind.Recipient driver = new NotificationKind.Recipient(NotificationKind.REMINDER, false);
    return notifications.dueReminders(now, now.plus(reminderLead), REMINDER_BATCH)
      .compose(notifications::facts)
      // stored only while the booking is still confirmed: a cancel may commit between the read and the write
      .compose((Map<Long, BookingFacts> facts) -> pushed(notifications.storeWhileConfirmed(
        facts.values().stream().map(f -> toBeStored(f, driver)).toList(), clock.instant())))
      .map(List::size)
      .onFailure(err -> log.warn("Reminder run failed: {}", err.toString()));
  }

  private NotificationRepository.New toBeStored(BookingFacts f, NotificationKind.Recipient r) {
    BookingFacts.Person to = f.recipient(r.host());
    return new NotificationRepository.New(to.id(), r.kind(), f.bookingId(), Wording.of(r.kind(), f, r.host()),
      mail ? to.email() : null);
  }

  private Future<List<Notification>> store(List<NotificationRepository.New> batch) {
    return pushed(notifications.store(batch, clock.instant()));
  }

  /** Once stored, each is pushed to its user's open pages. */
  private Future<List<Notification>> pushed(Future<List<Notification>> stored) {
    return stored.onSuccess(all -> all.forEach(n -> n.push(users)));
  }

  private <T> Future<T> withRetries(java.util.function.Supplier<Future<T>> work, int attempts) {
    return work.get().recover(err -> attempts <= 1 ? Future.failedFuture(err)
      : vertx.timer(500).compose(v -> withRetries(work, attempts - 1)));
  }
}
