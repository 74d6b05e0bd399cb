package com.chargeshare.db;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.mysqlclient.MySQLBatchException;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.ConnectException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Tells database failures apart by what they mean for the caller, whatever statement raised them. */
public final class DbFailures {

  /** MySQL's duplicate-key error: a unique key refused the row. */
  private static final int DUPLICATE_KEY = 1062;
  private static final int LOCK_WAIT_TIMEOUT = 1205;
  private static final int DEADLOCK = 1213;

  private DbFailures() {
  }

  /** A unique key refused the write (anywhere in the cause chain or a batch's failed iterations). */
  public static boolean isDuplicateKey(Throwable t) {
    return anyMySql(t, m -> m.getErrorCode() == DUPLICATE_KEY);
  }

  /** A unique key of this name refused the write: tells the guards of one transaction apart. */
  public static boolean isDuplicateKey(Throwable t, String keyName) {
    return anyMySql(t, m -> m.getErrorCode() == DUPLICATE_KEY && m.getMessage() != null && m.getMessage().contains(keyName));
  }

  /** InnoDB chose this transaction as a deadlock's victim: it was rolled back and may simply be tried again. */
  public static boolean isDeadlock(Throwable t) {
    return anyMySql(t, m -> m.getErrorCode() == DEADLOCK);
  }

  /**
   * For a log line: the failure's type and the MySQL error codes in it (a batch reports each failed iteration apart),
   * never a message, which may quote SQL or values.
   */
  public static String describe(Throwable t) {
    Set<Integer> codes = new TreeSet<>();
    anyMySql(t, m -> {
      codes.add(m.getErrorCode());
      return false;
    });
    return t.getClass().getSimpleName() + (codes.isEmpty() ? "" : " " + codes);
  }

  /** Whether a MySQL error in the cause chain, or in a batch's failed iterations, matches. */
  private static boolean anyMySql(Throwable t, Predicate<MySQLException> test) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof MySQLException m && test.test(m)) {
        return true;
      }
      if (c instanceof MySQLBatchException batch && batch.getIterationError().values().stream().anyMatch(e -> anyMySql(e, test))) {
        return true;
      }
    }
    return false;
  }

  /** Connection loss, timeouts, lock waits and pool exhaustion: the database, not the client, is at fault. */
  public static boolean isUnavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof TimeoutException || c instanceof ConnectionPoolTooBusyException
        || c instanceof ClosedConnectionException) {
        return true;
      }
      if (c instanceof VertxException v && v.getMessage() != null
        && (v.getMessage().contains("closed") || v.getMessage().contains("Timeout"))) {
        return true;
      }
    }
    return anyMySql(t, m -> m.getErrorCode() == LOCK_WAIT_TIMEOUT || m.getErrorCode() == DEADLOCK);
  }
}
