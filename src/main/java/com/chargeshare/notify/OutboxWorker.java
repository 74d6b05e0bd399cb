package com.chargeshare.notify;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sends the outbox's due mail, one batch at a time: claims rows (safe with a worker on every node), sends each,
 * marks it sent, or schedules the next attempt after {@code base · 2^(attempts-1)} (at most {@code max}), or after
 * the last attempt marks it FAILED. Logs name the outbox row, never the address. A node that dies mid-batch leaves
 * its claims to lapse; another worker takes them then (a mail may so go out twice, never zero times).
 */
public final class OutboxWorker {

  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"']+@[^\\s<>\"']+");

  private final OutboxRepository outbox;
  private final Mailer mailer;
  private final Clock clock;
  private final int batch;
  private final int maxAttempts;
  private final Duration base;
  private final Duration max;
  private final Duration lease;
  private boolean running;

  public OutboxWorker(OutboxRepository outbox, Mailer mailer, Clock clock, int batch, int maxAttempts, Duration base,
                      Duration max, Duration sendTimeout) {
    this.outbox = outbox;
    this.mailer = mailer;
    this.clock = clock;
    this.batch = batch;
    this.maxAttempts = maxAttempts;
    this.base = base;
    this.max = max;
    // the whole batch could time out one after another before its claims are settled
    this.lease = sendTimeout.multipliedBy(batch + 1L);
  }

  /** One poll: claims a batch and works through it; a poll while one runs does nothing. Answers how many were sent. */
  public Future<Integer> poll() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    return outbox.claim(batch, lease, clock.instant())
      .compose(this::sendAll)
      .onFailure(err -> log.warn("Mail outbox poll failed: {}", err.toString()))
      .andThen(ar -> running = false);
  }

  private Future<Integer> sendAll(List<OutboxRepository.Mail> mails) {
    Future<Integer> done = Future.succeededFuture(0);
    for (OutboxRepository.Mail m : mails) {
      done = done.compose(n -> send(m).map(ok -> ok ? n + 1 : n));
    }
    return done;
  }

  private Future<Boolean> send(OutboxRepository.Mail m) {
    return mailer.send(m.recipient(), m.subject(), m.text())
      .compose(v -> outbox.sent(m, clock.instant()).map(true), err -> {
        int attempt = m.attempts() + 1;
        String why = withoutAddresses(err);
        if (attempt >= maxAttempts) {
          log.warn("Mail {} failed for good after {} attempts: {}", m.id(), attempt, why);
          return outbox.failed(m, why).map(false);
        }
        Duration wait = backoff(attempt);
        log.info("Mail {} not sent (attempt {} of {}), next in {} s: {}", m.id(), attempt, maxAttempts, wait.toSeconds(), why);
        return outbox.retryAt(m, clock.instant().plus(wait), why).map(false);
      });
  }

  /** The wait after the given failed attempt (1, 2, ...): base, 2·base, 4·base, ... capped at max. */
  Duration backoff(int attempt) {
    long factor = 1L << Math.min(30, attempt - 1);
    Duration d = base.multipliedBy(factor);
    return d.compareTo(max) > 0 || d.isNegative() ? max : d;
  }

  /** An SMTP error may quote the address: kept out of logs and of the row's error column. */
  static String withoutAddresses(Throwable err) {
    String text = err.getClass().getSimpleName() + (err.getMessage() == null ? "" : ": " + err.getMessage());
    String clean = ADDRESS.matcher(text).replaceAll("<address>").replaceAll("[\\p{Cntrl}]", " ");
    return clean.length() > 300 ? clean.substring(0, 300) : clean;
  }
}
