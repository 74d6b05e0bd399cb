package com.chargeshare.cluster;

import com.chargeshare.db.Database;
import com.chargeshare.db.DbSettings;
import com.chargeshare.db.Migrations;
import com.chargeshare.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Shard epochs in MySQL: a takeover fences every commit of the old owner")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShardEpochRepositoryTest {

  private static Vertx vertx;
  private static Database db;
  private static ShardEpochRepository epochs;

  @BeforeAll
  static void start() {
    DbSettings settings = TestDatabase.fresh("epochs");
    Migrations.apply(settings);
    vertx = Vertx.vertx();
    db = new Database(vertx, settings, 4, 2);
    epochs = new ShardEpochRepository(db.pool());
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("each takeover advances the epoch; a commit checking an older one fails with Fenced, the current one passes")
  void staleEpochFails() throws Exception {
    long first = await(epochs.advance(3, "a"));
    long second = await(epochs.advance(3, "b"));
    assertThat(second).isEqualTo(first + 1);
    assertThat(await(epochs.all()).get(3)).isEqualTo(new ShardEpochRepository.Owner(second, "b"));
    assertThatThrownBy(() -> await(db.pool().withTransaction(conn -> ShardEpochRepository.check(conn, 3, first))))
      .hasCauseInstanceOf(Fenced.class);
    await(db.pool().withTransaction(conn -> ShardEpochRepository.check(conn, 3, second)));
  }

  @Test
  @DisplayName("a takeover waits for a commit that already checked the epoch: it never slips in between check and commit")
  void takeoverWaitsForCommitInFlight() throws Exception {
    long epoch = await(epochs.advance(5, "a"));
    Promise<Void> checked = Promise.promise();
    Promise<Void> release = Promise.promise();
    long[] committedAt = new long[1];
    Future<Void> commit = db.pool().withTransaction(conn -> ShardEpochRepository.check(conn, 5, epoch)
      .onSuccess(v -> checked.complete())
      .compose(v -> release.future()))
      .onSuccess(v -> committedAt[0] = System.nanoTime());
    await(checked.future());
    long[] takenAt = new long[1];
    Future<Long> takeover = epochs.advance(5, "b").onSuccess(e -> takenAt[0] = System.nanoTime());
    Thread.sleep(500);
    assertThat(takeover.isComplete()).as("the takeover waits on the commit's shared lock").isFalse();
    release.complete();
    await(commit);
    long taken = await(takeover);
    assertThat(taken).isEqualTo(epoch + 1);
    assertThat(takenAt[0]).as("taken only after the commit").isGreaterThan(committedAt[0]);
  }
}
