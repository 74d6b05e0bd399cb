package com.chargeshare.notify;

import com.chargeshare.booking.LifecycleEvent;
import com.chargeshare.config.AppConfig;
import com.chargeshare.live.UserMessages;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * One per node: hears this node's booking steps ({@link LifecycleEvent}, published on the local bus by the node
 * that committed them), looks for due reminders, and (when mail is on) works through the mail outbox, each on a
 * timer of its own.
 */
public final class NotifyVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(NotifyVerticle.class);

  private final Notifier notifier;
  private final OutboxWorker outbox;
  private final long reminderPollMillis;
  private final long outboxPollMillis;

  /** {@code outbox} is null when mail is off. */
  public NotifyVerticle(Notifier notifier, OutboxWorker outbox, long reminderPollMillis, long outboxPollMillis) {
    this.notifier = notifier;
    this.outbox = outbox;
    this.reminderPollMillis = reminderPollMillis;
    this.outboxPollMillis = outboxPollMillis;
  }

  /** Built from the settings: with an SMTP URL the outbox's worker too (a bad URL fails the start, clearly). */
  public static NotifyVerticle of(Vertx vertx, AppConfig.Notify n, Pool pool, NotificationRepository notifications,
                                  UserMessages users, Clock clock) {
    Notifier notifier = new Notifier(vertx, users, notifications, n.mail(), Duration.ofMinutes(n.reminderMinutesBefore()), clock);
    OutboxWorker worker = null;
    if (n.mail()) {
      SmtpSettings smtp = SmtpSettings.parse(n.smtpUrl());
      log.info("Notification mail through {}", smtp);
      worker = new OutboxWorker(new OutboxRepository(pool), new Mailer(vertx, smtp, n.mailFrom(), n.sendTimeoutSeconds()), clock,
        n.outboxBatch(), n.maxAttempts(), Duration.ofSeconds(n.retryBaseSeconds()), Duration.ofSeconds(n.retryMaxSeconds()),
        Duration.ofSeconds(n.sendTimeoutSeconds()));
    }
    return new NotifyVerticle(notifier, worker, n.reminderPollSeconds() * 1000L, n.outboxPollMillis());
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(reminderPollMillis, id -> notifier.remind());
    if (outbox != null) {
      vertx.setPeriodic(outboxPollMillis, id -> outbox.poll());
    }
    return vertx.eventBus().<LifecycleEvent>localConsumer(LifecycleEvent.ADDRESS, msg -> notifier.on(msg.body())).completion();
  }
}
