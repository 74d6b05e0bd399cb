package com.chargeshare.notify;

import com.chargeshare.booking.LifecycleEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * One per node: hears this node's booking steps ({@link LifecycleEvent}, published on the local bus by the node
 * that committed them), looks for due reminders, and (when mail is on) works through the mail outbox, each on a
 * timer of its own.
 */
public final class NotifyVerticle extends VerticleBase {

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

  @Override
  public Future<?> start() {
    vertx.setPeriodic(reminderPollMillis, id -> notifier.remind());
    if (outbox != null) {
      vertx.setPeriodic(outboxPollMillis, id -> outbox.poll());
    }
    return vertx.eventBus().<LifecycleEvent>localConsumer(LifecycleEvent.ADDRESS, msg -> notifier.on(msg.body())).completion();
  }
}
