package com.chargeshare.booking;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Checked first inside every group commit's transaction: in a cluster, that this node still owns the shard (its
 * epoch in MySQL has not moved on); a failure rolls the whole batch back, and nothing of it is confirmed.
 */
@FunctionalInterface
public interface Fence {

  /** A node on its own owns every shard for good. */
  Fence NONE = conn -> Future.succeededFuture();

  Future<Void> check(SqlConnection conn);
}
