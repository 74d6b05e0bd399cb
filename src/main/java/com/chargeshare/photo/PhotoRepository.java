package com.chargeshare.photo;

import com.chargeshare.db.UtcTimes;
import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.NotFound;
import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** charger_photos: the rows that name each photo's file; the limit per charger is kept under the charger's row lock. */
public final class PhotoRepository {

  private static final String COLUMNS = "id, charger_id, file_name, content_type, original_type, width, height, bytes, created_at";
  private static final String LOCK_CHARGER = "SELECT id FROM chargers WHERE id = ? AND deleted_at IS NULL FOR UPDATE";
  private static final String COUNT = "SELECT COUNT(*) FROM charger_photos WHERE charger_id = ?";
  private static final String INSERT = "INSERT INTO charger_photos (charger_id, file_name, content_type, original_type, width, "
    + "height, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String OF_CHARGER = "SELECT " + COLUMNS + " FROM charger_photos WHERE charger_id = ? ORDER BY id";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM charger_photos WHERE id = ? AND charger_id = ?";
  private static final String DELETE = "DELETE FROM charger_photos WHERE id = ? AND charger_id = ?";

  private final Pool pool;

  public PhotoRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Adds the photo unless the charger already has {@code limit}: the charger row is locked first, so parallel
   * uploads are counted one after another and never pass the limit together.
   */
  Future<Photo> insertWithin(Photo p, int limit) {
    return pool.withTransaction(conn -> conn.preparedQuery(LOCK_CHARGER).execute(Tuple.of(p.chargerId()))
      .compose(locked -> {
        if (locked.size() == 0) {
          return Future.failedFuture(new NotFound("Charger"));
        }
        return conn.preparedQuery(COUNT).execute(Tuple.of(p.chargerId()));
      })
      .compose(count -> {
        if (count.iterator().next().getLong(0) >= limit) {
          return Future.failedFuture(new Conflict(Conflict.Reason.PHOTO_LIMIT,
            "A charger has at most " + limit + " photos; delete one to add another", Map.of("limit", limit)));
        }
        return conn.preparedQuery(INSERT).execute(Tuple.from(List.of(p.chargerId(), p.fileName(), p.contentType(),
          p.originalType(), p.width(), p.height(), p.bytes(), UtcTimes.toDb(p.createdAt()))));
      })
      .map(rows -> new Photo(rows.property(MySQLClient.LAST_INSERTED_ID), p.chargerId(), p.fileName(), p.contentType(),
        p.originalType(), p.width(), p.height(), p.bytes(), p.createdAt())));
  }

  public Future<List<Photo>> ofCharger(long chargerId) {
    return pool.preparedQuery(OF_CHARGER).execute(Tuple.of(chargerId)).map(rows -> {
      List<Photo> out = new ArrayList<>();
      rows.forEach(r -> out.add(photo(r)));
      return out;
    });
  }

  Future<Optional<Photo>> byId(long chargerId, long photoId) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(photoId, chargerId))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(photo(rows.iterator().next())));
  }

  /** True when this call removed the row (a parallel delete of the same photo gets false). */
  Future<Boolean> delete(long chargerId, long photoId) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(photoId, chargerId)).map(rows -> rows.rowCount() == 1);
  }

  private static Photo photo(Row r) {
    Instant created = UtcTimes.fromDb(r.getLocalDateTime("created_at"));
    return new Photo(r.getLong("id"), r.getLong("charger_id"), r.getString("file_name"), r.getString("content_type"),
      r.getString("original_type"), r.getInteger("width"), r.getInteger("height"), r.getInteger("bytes"), created);
  }
}
