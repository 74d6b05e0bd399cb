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
import java.util.List;

/**
 * Turns a booking's steps into notifications: stores each (once per user, booking and kind), queues its mail in
 * the same transaction when mail is on, then pushes it to the user's open pages on every node. Reminders come from
 * {@link #remind}, run periodically on every node; the unique key lets only one node store (and so push and mail)
 * each.
 */
public final class Notifier {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final int REMINDER_BATCH = 500;
  private static final int STORE_ATTEMPTS = 3;

  private final Vertx vertx;
  private final NotificationRepository notifications;
  private final boolean mail;
  private final Duration reminderLead;
  private final Clock clock;

  public Notifier(Vertx vertx, NotificationRepository notifications, boolean mail, Duration reminderLead, Clock clock) {
    this.vertx = vertx;
    this.notifications = notifications;
    this.mail = mail;
    this.reminderLead = reminderLead;
    this.clock = clock;
  }

  /** The notifications of one lifecycle step, stored and pushed; answers those newly stored. */
  public Future<List<Notification>> on(LifecycleEvent e) {
    List<NotificationKind.Recipient> recipients = NotificationKind.of(e.kind());
    if (recipients.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return withRetries(() -> notifications.facts(e.bookingId()).compose(found -> found.isEmpty()
      ? Future.succeededFuture(List.<Notification>of())
      : tell(found.get(), recipients)), STORE_ATTEMPTS)
      .onFailure(err -> log.warn("Notifications for booking {} ({}) were not stored: {}", e.bookingId(), e.kind(), err.toString()));
  }

  /** Reminders for confirmed bookings that start within the lead time and have had none; answers how many were sent. */
  public Future<Integer> remind() {
    Instant now = clock.instant();
    return notifications.dueReminders(now, now.plus(reminderLead), REMINDER_BATCH).compose(ids -> {
      Future<Integer> done = Future.succeededFuture(0);
      for (long id : ids) {
        done = done.compose(n -> notifications.facts(id).compose(found -> found.isEmpty() ? Future.succeededFuture(List.<Notification>of())
          : tell(found.get(), List.of(new NotificationKind.Recipient(NotificationKind.REMINDER, false))))
          .map(stored -> n + stored.size()));
      }
      return done;
    }).onFailure(err -> log.warn("Reminder run failed: {}", err.toString()));
  }

  private Future<List<Notification>> tell(BookingFacts facts, List<NotificationKind.Recipient> recipients) {
    List<Notification> stored = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (NotificationKind.Recipient r : recipients) {
      BookingFacts.Person to = facts.recipient(r.host());
      Wording.Words words = Wording.of(r.kind(), facts, r.host());
      chain = chain.compose(v -> notifications.store(to.id(), r.kind(), facts.bookingId(), words, mail ? to.email() : null,
        clock.instant())).map(n -> {
          n.ifPresent(stored::add);
          n.ifPresent(this::push);
          return null;
        });
    }
    return chain.map(v -> stored);
  }

  private void push(Notification n) {
    UserMessages.publish(vertx.eventBus(), n.userId(), n.toJson().put("type", "notification"));
  }

  private <T> Future<T> withRetries(java.util.function.Supplier<Future<T>> work, int attempts) {
    return work.get().recover(err -> attempts <= 1 ? Future.failedFuture(err)
      : vertx.timer(500).compose(v -> withRetries(work, attempts - 1)));
  }
}
