package com.chargeshare.db;

import io.vertx.mysqlclient.MySQLBatchException;
import io.vertx.mysqlclient.MySQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Database failures told apart, also inside a batch's failed iterations")
class DbFailuresTest {

  private static MySQLBatchException batchFailing(int iteration, MySQLException error) {
    MySQLBatchException batch = new MySQLBatchException();
    batch.reportError(iteration, error);
    return batch;
  }

  @Test
  @DisplayName("a deadlock in one iteration of a batch is a deadlock, and the database's fault, not the client's")
  void deadlockInBatch() {
    MySQLBatchException batch = batchFailing(3, new MySQLException("Deadlock found when trying to get lock", 1213, "40001"));
    assertThat(DbFailures.isDeadlock(batch)).isTrue();
    assertThat(DbFailures.isDeadlock(new RuntimeException("wrapped", batch))).isTrue();
    assertThat(DbFailures.isUnavailable(batch)).isTrue();
    assertThat(DbFailures.isDuplicateKey(batch)).isFalse();
  }

  @Test
  @DisplayName("a duplicate key in a batch is found, by name too; other errors are neither")
  void duplicateKeyInBatch() {
    MySQLBatchException batch = batchFailing(0, new MySQLException("Duplicate entry '7-2026' for key 'uq_driver_claims'", 1062, "23000"));
    assertThat(DbFailures.isDuplicateKey(batch)).isTrue();
    assertThat(DbFailures.isDuplicateKey(batch, "uq_driver_claims")).isTrue();
    assertThat(DbFailures.isDuplicateKey(batch, "PRIMARY")).isFalse();
    MySQLBatchException other = batchFailing(1, new MySQLException("Data too long", 1406, "22001"));
    assertThat(DbFailures.isDeadlock(other)).isFalse();
    assertThat(DbFailures.isDuplicateKey(other)).isFalse();
    assertThat(DbFailures.isUnavailable(other)).isFalse();
  }

  @Test
  @DisplayName("a log line names the failure and its error codes, never the message with its values")
  void describe() {
    MySQLBatchException batch = batchFailing(0, new MySQLException("Duplicate entry 'secret@example.com' for key 'x'", 1062, "23000"));
    batch.reportError(2, new MySQLException("Deadlock found", 1213, "40001"));
    assertThat(DbFailures.describe(batch)).isEqualTo("MySQLBatchException [1062, 1213]").doesNotContain("secret");
    assertThat(DbFailures.describe(new IllegalStateException("x"))).isEqualTo("IllegalStateException");
  }
}
