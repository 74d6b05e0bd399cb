package com.chargeshare.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.chargeshare.db.UtcTimes.toDb;

/**
 * The mail outbox: rows are claimed with one UPDATE that takes only unclaimed (or lapsed) due rows and marks them
 * with a token and a lease, so workers on several nodes never take the same row while its lease holds.
 */
public final class OutboxRepository {

  private static final String CLAIM = "UPDATE mail_outbox SET claim_token = ?, claimed_until = ? WHERE status = 'PENDING' "
    + "AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at, id LIMIT ?";
  private static final String CLAIMED = "SELECT id, recipient, subject, text_body, attempts FROM mail_outbox "
    + "WHERE claim_token = ? ORDER BY id";
  private static final String SENT = "UPDATE mail_outbox SET status = 'SENT', sent_at = ?, attempts = attempts + 1, "
    + "claim_token = NULL, claimed_until = NULL, last_error = NULL WHERE id = ? AND claim_token = ?";
  private static final String RETRY = "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?, "
    + "claim_token = NULL, claimed_until = NULL, last_error = ? WHERE id = ? AND claim_token = ?";
  private static final String FAILED = "UPDATE mail_outbox SET status = 'FAILED', attempts = attempts + 1, "
    + "claim_token = NULL, claimed_until = NULL, last_error = ? WHERE id = ? AND claim_token = ?";

  private final Pool pool;

  public OutboxRepository(Pool pool) {
    this.pool = pool;
  }

  /** One mail to send, as claimed under {@code token}. */
  public record Mail(long id, String recipient, String subject, String text, int attempts, String token) {
  }

  /** Claims up to {@code limit} due mails for {@code lease}; answers them. */
  public Future<List<Mail>> claim(int limit, Duration lease, Instant now) {
    String token = UUID.randomUUID().toString();
    return pool.preparedQuery(CLAIM).execute(Tuple.of(token, toDb(now.plus(lease)), toDb(now), toDb(now), limit))
      .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(List.of())
        : pool.preparedQuery(CLAIMED).execute(Tuple.of(token)).map(found -> {
          List<Mail> out = new ArrayList<>();
          found.forEach(r -> out.add(new Mail(r.getLong("id"), r.getString("recipient"), r.getString("subject"),
            r.getString("text_body"), r.getInteger("attempts"), token)));
          return out;
        }));
  }

  public Future<Void> sent(Mail m, Instant now) {
    return pool.preparedQuery(SENT).execute(Tuple.of(toDb(now), m.id(), m.token())).mapEmpty();
  }

  public Future<Void> retryAt(Mail m, Instant next, String error) {
    return pool.preparedQuery(RETRY).execute(Tuple.of(toDb(next), error, m.id(), m.token())).mapEmpty();
  }

  public Future<Void> failed(Mail m, String error) {
    return pool.preparedQuery(FAILED).execute(Tuple.of(error, m.id(), m.token())).mapEmpty();
  }
}
