package com.chargeshare.charger;

import io.vertx.core.Future;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The nearest {@code limit} chargers within a radius, searched in growing circles: 1 km, then four times wider each
 * step, up to the radius. A circle that already holds {@code limit} chargers holds the nearest ones, since every
 * charger outside it is farther away; so a dense city answers from the first circle's few index entries instead of
 * the whole radius (3,000 chargers in a 9 km square: the 10 km box read all of them for each SLOT_TAKEN's
 * alternatives, a quarter of MariaDB's CPU under booking load). Sparse places pay a few cheap extra queries.
 */
final class Rings {

  static final double FIRST_KM = 1;
  static final double GROWTH = 4;

  private Rings() {
  }

  /** {@code within}: the nearest {@code limit} chargers within the given radius, nearest first. */
  static <T> Future<List<T>> nearest(double radiusKm, int limit, DoubleFunction<Future<List<T>>> within) {
    return from(Math.min(FIRST_KM, radiusKm), radiusKm, limit, within);
  }

  private static <T> Future<List<T>> from(double km, double radiusKm, int limit, DoubleFunction<Future<List<T>>> within) {
    return within.apply(km).compose(found -> found.size() >= limit || km >= radiusKm
      ? Future.succeededFuture(found)
      : from(Math.min(km * GROWTH, radiusKm), radiusKm, limit, within));
  }
}
