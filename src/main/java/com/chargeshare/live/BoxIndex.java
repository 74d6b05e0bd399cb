package com.chargeshare.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which sockets watch a point. Each box is filed in the grid cells it overlaps, on the finest of a few grid
 * levels where it covers at most {@value #MAX_CELLS} cells: a street or city viewport lands in a few fine cells, a
 * country in a few coarse ones, and a box larger than that in one list checked for every change. Finding the
 * watchers of a change is one lookup per level plus an exact containment test, never a scan of all sockets.
 * Single-threaded: each HTTP verticle has its own.
 */
final class BoxIndex {

  private static final double[] CELL_DEGREES = {0.125, 1, 8};
  private static final int MAX_CELLS = 16;

  record Entry(LiveSocket socket, Box box) {
  }

  private final Map<Long, Set<Entry>> cells = new HashMap<>();
  private final Set<Entry> huge = new HashSet<>();

  void add(LiveSocket socket, Box box) {
    Entry entry = new Entry(socket, box);
    List<Long> keys = keys(box);
    if (keys == null) {
      huge.add(entry);
      return;
    }
    keys.forEach(k -> cells.computeIfAbsent(k, x -> new HashSet<>()).add(entry));
  }

  void remove(LiveSocket socket, Box box) {
    Entry entry = new Entry(socket, box);
    List<Long> keys = keys(box);
    if (keys == null) {
      huge.remove(entry);
      return;
    }
    for (Long k : keys) {
      Set<Entry> set = cells.get(k);
      if (set != null && set.remove(entry) && set.isEmpty()) {
        cells.remove(k);
      }
    }
  }

  /** Calls {@code action} for each socket with a box holding the point, once per matching box. */
  void forEachAt(double lat, double lng, Consumer<LiveSocket> action) {
    for (int level = 0; level < CELL_DEGREES.length; level++) {
      Set<Entry> set = cells.get(key(level, row(level, lat), col(level, lng)));
      if (set != null) {
        visit(set, lat, lng, action);
      }
    }
    visit(huge, lat, lng, action);
  }

  private static void visit(Set<Entry> entries, double lat, double lng, Consumer<LiveSocket> action) {
    for (Entry e : entries) {
      if (e.box().contains(lat, lng)) {
        action.accept(e.socket());
      }
    }
  }

  /** The cells of the finest level where the box covers few enough of them; null when even the coarsest is too fine. */
  private static List<Long> keys(Box box) {
    for (int level = 0; level < CELL_DEGREES.length; level++) {
      int r0 = row(level, box.minLat());
      int r1 = row(level, box.maxLat());
      int c0 = col(level, box.minLng());
      int c1 = col(level, box.maxLng());
      int lastCol = col(level, 180);
      int cols = box.crossesAntimeridian() ? (lastCol - c0 + 1) + (c1 + 1) : c1 - c0 + 1;
      if ((long) (r1 - r0 + 1) * cols > MAX_CELLS) {
        continue;
      }
      List<Long> keys = new ArrayList<>();
      for (int r = r0; r <= r1; r++) {
        if (box.crossesAntimeridian()) {
          for (int c = c0; c <= lastCol; c++) keys.add(key(level, r, c));
          for (int c = 0; c <= c1; c++) keys.add(key(level, r, c));
        } else {
          for (int c = c0; c <= c1; c++) keys.add(key(level, r, c));
        }
      }
      return keys;
    }
    return null;
  }

  // lat 90 and lng 180 fall into the last row/column rather than one past it
  private static int row(int level, double lat) {
    int rows = (int) Math.ceil(180 / CELL_DEGREES[level]);
    return Math.min(rows - 1, (int) Math.floor((lat + 90) / CELL_DEGREES[level]));
  }

  private static int col(int level, double lng) {
    int cols = (int) Math.ceil(360 / CELL_DEGREES[level]);
    return Math.min(cols - 1, (int) Math.floor((lng + 180) / CELL_DEGREES[level]));
  }

  private static long key(int level, int row, int col) {
    return ((long) level << 48) | ((long) row << 24) | col;
  }
}
