package com.chargeshare.charger;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Chargers and their opening hours in MySQL, including the geo search. */
public final class ChargerRepository {

  private static final String COLUMNS = "c.id, c.host_id, c.name, c.description, c.address, c.lat, c.lng, "
    + "c.connector_type, c.power_kw, c.price_per_hour_minor, c.currency, c.slot_minutes, c.time_zone, "
    + "c.access_instructions, c.status";
  private static final String INSERT = "INSERT INTO chargers (host_id, name, description, address, lat, lng, "
    + "connector_type, power_kw, price_per_hour_minor, currency, slot_minutes, time_zone, access_instructions, status) "
    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE = "UPDATE chargers SET name = ?, description = ?, address = ?, lat = ?, lng = ?, "
    + "connector_type = ?, power_kw = ?, price_per_hour_minor = ?, currency = ?, slot_minutes = ?, time_zone = ?, "
    + "access_instructions = ?, status = ? WHERE id = ? AND deleted_at IS NULL";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM chargers c WHERE c.id = ? AND c.deleted_at IS NULL";
  /** Deleted listings too: a listing's host never changes, so the answer may be kept. */
  private static final String HOST_OF = "SELECT host_id FROM chargers WHERE id = ?";
  private static final String BY_HOST = "SELECT " + COLUMNS + " FROM chargers c WHERE c.host_id = ? AND c.deleted_at IS NULL ORDER BY c.id";
  private static final String HOURS_OF = "SELECT charger_id, day_of_week, open_minute, close_minute FROM charger_opening_hours "
    + "WHERE charger_id IN (%s) ORDER BY charger_id, day_of_week, open_minute";
  private static final String DELETE_HOURS = "DELETE FROM charger_opening_hours WHERE charger_id = ?";
  private static final String INSERT_HOUR = "INSERT INTO charger_opening_hours (charger_id, day_of_week, open_minute, close_minute) VALUES (?, ?, ?, ?)";
  private static final String SOFT_DELETE = "UPDATE chargers SET deleted_at = CURRENT_TIMESTAMP(3) WHERE id = ? AND deleted_at IS NULL";
  private static final String SET_STATUS = "UPDATE chargers SET status = ? WHERE id = ? AND deleted_at IS NULL";
  /** Great-circle distance in km from (?, ?) by the haversine formula on a 6371 km sphere; placeholders lat, lat, lng. */
  private static final String DISTANCE = "6371 * 2 * ASIN(SQRT(POWER(SIN(RADIANS(c.lat - ?) / 2), 2) + "
    + "COS(RADIANS(?)) * COS(RADIANS(c.lat)) * POWER(SIN(RADIANS(c.lng - ?) / 2), 2)))";

  private static final String HOUR_COLUMNS = "h.day_of_week, h.open_minute, h.close_minute";
  private static final String HOURS_JOIN = "LEFT JOIN charger_opening_hours h ON h.charger_id = c.id";

  private final Pool pool;

  public ChargerRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Charger> insert(Charger c) {
    return pool.withTransaction(conn -> conn.preparedQuery(INSERT).execute(Tuple.from(java.util.Arrays.asList(c.hostId(), c.name(),
          c.description(), c.address(), c.lat(), c.lng(), c.connectorType(), c.powerKw(), c.pricePerHourMinor(),
          c.currency(), c.slotMinutes(), c.timeZone().getId(), c.accessInstructions(), c.status().name())))
        .map(rows -> (long) rows.property(MySQLClient.LAST_INSERTED_ID))
        .compose(id -> writeHours(conn, id, c.openingHours()).map(id)))
      .compose(this::byId).map(Optional::orElseThrow);
  }

  public Future<Charger> update(Charger c) {
    return pool.withTransaction(conn -> conn.preparedQuery(UPDATE).execute(Tuple.from(java.util.Arrays.asList(c.name(),
          c.description(), c.address(), c.lat(), c.lng(), c.connectorType(), c.powerKw(), c.pricePerHourMinor(),
          c.currency(), c.slotMinutes(), c.timeZone().getId(), c.accessInstructions(), c.status().name(), c.id())))
        .compose(rows -> conn.preparedQuery(DELETE_HOURS).execute(Tuple.of(c.id())))
        .compose(rows -> writeHours(conn, c.id(), c.openingHours())))
      .compose(v -> byId(c.id())).map(Optional::orElseThrow);
  }

  public Future<Void> setStatus(long id, ChargerStatus status) {
    return pool.preparedQuery(SET_STATUS).execute(Tuple.of(status.name(), id)).mapEmpty();
  }

  public Future<Boolean> softDelete(long id) {
    return softDelete(pool, id);
  }

  /** Within the caller's transaction, which may hold the charger row's lock. */
  public Future<Boolean> softDelete(io.vertx.sqlclient.SqlClient client, long id) {
    return client.preparedQuery(SOFT_DELETE).execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
  }

  public Future<List<Charger>> byIds(java.util.Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
    Tuple args = Tuple.tuple();
    ids.forEach(args::addLong);
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM chargers c WHERE c.deleted_at IS NULL AND c.id IN (" + marks + ")")
      .execute(args).compose(this::withHours);
  }

  private static Future<Void> writeHours(SqlConnection conn, long chargerId, OpeningHours hours) {
    if (hours.alwaysOpen()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = hours.windows().stream()
      .map(w -> Tuple.of(chargerId, w.day(), w.openMinute(), w.closeMinute())).toList();
    return conn.preparedQuery(INSERT_HOUR).executeBatch(batch).mapEmpty();
  }

  public Future<Optional<Charger>> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).compose(this::withHours)
      .map(list -> list.isEmpty() ? Optional.empty() : Optional.of(list.get(0)));
  }

  /** The host who lists the charger, deleted or not; empty when there never was one with this id. */
  public Future<Optional<Long>> hostOf(long chargerId) {
    return pool.preparedQuery(HOST_OF).execute(Tuple.of(chargerId))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("host_id")));
  }

  public Future<List<Charger>> byHost(long hostId) {
    return pool.preparedQuery(BY_HOST).execute(Tuple.of(hostId)).compose(this::withHours);
  }

  /** Chargers whose id modulo {@code shards} is {@code shard}: one engine shard's share, for its rebuild. */
  public Future<List<Charger>> byShard(int shard, int shards) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM chargers c WHERE c.deleted_at IS NULL AND MOD(c.id, ?) = ?")
      .execute(Tuple.of(shards, shard)).compose(this::withHours);
  }

  /** The {@code limit} chargers nearest a point within {@code radiusKm}, nearest first, with their distance. */
  public Future<List<Located>> near(double lat, double lng, double radiusKm, SearchFilter filter, int limit) {
    return Rings.nearest(radiusKm, limit, km -> within(lat, lng, km, filter, limit));
  }

  /**
   * Chargers within {@code radiusKm} of a point, nearest first, with their distance. Two steps in one
   * statement: the inner query finds the nearest ids from the covering geo index alone (the bounding box
   * is a range on its leading lat column, lng and the filters are read from the same index entries, and
   * the great-circle distance refines the box to a circle); the outer query reads full rows for those ids
   * only. See V10__geo_covering_index.sql and bench/SEARCH.md.
   */
  private Future<List<Located>> within(double lat, double lng, double radiusKm, SearchFilter filter, int limit) {
    double dLat = Math.toDegrees(radiusKm / 6371.0);
    double cosLat = Math.max(Math.cos(Math.toRadians(lat)), 1e-6);
    double dLng = Math.min(180, Math.toDegrees(radiusKm / (6371.0 * cosLat)));
    List<Object> args = new ArrayList<>(List.of(lat, lat, lng, lat - dLat, lat + dLat));
    StringBuilder where = new StringBuilder("c.deleted_at IS NULL AND c.lat BETWEEN ? AND ?");
    appendLngRange(where, args, lng - dLng, lng + dLng);
    filter.appendTo(where, args);
    args.add(radiusKm);
    args.add(limit);
    String sql = "SELECT " + COLUMNS + ", d.distance_km, " + HOUR_COLUMNS + " FROM (SELECT c.id, " + DISTANCE
      + " AS distance_km FROM chargers c WHERE " + where + " HAVING distance_km <= ? ORDER BY distance_km, c.id LIMIT ?) d "
      + "JOIN chargers c ON c.id = d.id " + HOURS_JOIN + " ORDER BY d.distance_km, c.id, h.day_of_week, h.open_minute";
    return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> located(rows, true));
  }

  /** Chargers inside a viewport box (the map), ordered by id for stable paging; ids from the covering index first. */
  public Future<List<Located>> inBox(double minLng, double minLat, double maxLng, double maxLat, SearchFilter filter, int limit) {
    List<Object> args = new ArrayList<>(List.of(minLat, maxLat));
    StringBuilder where = new StringBuilder("c.deleted_at IS NULL AND c.lat BETWEEN ? AND ?");
    appendLngRange(where, args, minLng, maxLng);
    filter.appendTo(where, args);
    args.add(limit);
    String sql = "SELECT " + COLUMNS + ", " + HOUR_COLUMNS + " FROM (SELECT c.id FROM chargers c WHERE " + where
      + " ORDER BY c.id LIMIT ?) d JOIN chargers c ON c.id = d.id " + HOURS_JOIN + " ORDER BY c.id, h.day_of_week, h.open_minute";
    return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> located(rows, false));
  }

  private static void appendLngRange(StringBuilder where, List<Object> args, double from, double to) {
    if (from < -180 || to > 180) {
      // the box crosses the antimeridian: two longitude ranges
      where.append(" AND (c.lng >= ? OR c.lng <= ?)");
      args.add(from < -180 ? from + 360 : from);
      args.add(to > 180 ? to - 360 : to);
    } else if (from > to) {
      where.append(" AND (c.lng >= ? OR c.lng <= ?)");
      args.add(from);
      args.add(to);
    } else {
      where.append(" AND c.lng BETWEEN ? AND ?");
      args.add(from);
      args.add(to);
    }
  }

  /**
   * Search rows come one per opening-hours window (the hours are joined in, saving a round trip), in
   * result order; consecutive rows of one charger fold into one hit.
   */
  private static List<Located> located(RowSet<Row> rows, boolean withDistance) {
    List<Located> out = new ArrayList<>();
    Row first = null;
    List<OpeningHours.Window> windows = new ArrayList<>();
    for (Row r : rows) {
      if (first != null && !first.getLong("id").equals(r.getLong("id"))) {
        out.add(new Located(map(first, windows), withDistance ? first.getDouble("distance_km") : null));
        windows = new ArrayList<>();
      }
      if (first == null || !first.getLong("id").equals(r.getLong("id"))) {
        first = r;
      }
      if (r.getValue("day_of_week") != null) {
        windows.add(new OpeningHours.Window(r.getInteger("day_of_week"), r.getInteger("open_minute"), r.getInteger("close_minute")));
      }
    }
    if (first != null) {
      out.add(new Located(map(first, windows), withDistance ? first.getDouble("distance_km") : null));
    }
    return out;
  }

  private Future<List<Charger>> withHours(RowSet<Row> rows) {
    List<Row> list = new ArrayList<>();
    rows.forEach(list::add);
    if (list.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String marks = String.join(",", java.util.Collections.nCopies(list.size(), "?"));
    Tuple ids = Tuple.tuple();
    list.forEach(r -> ids.addLong(r.getLong("id")));
    return pool.preparedQuery(String.format(HOURS_OF, marks)).execute(ids).map(hourRows -> {
      Map<Long, List<OpeningHours.Window>> hours = new HashMap<>();
      hourRows.forEach(h -> hours.computeIfAbsent(h.getLong("charger_id"), k -> new ArrayList<>())
        .add(new OpeningHours.Window(h.getInteger("day_of_week"), h.getInteger("open_minute"), h.getInteger("close_minute"))));
      return list.stream().map(r -> map(r, hours.getOrDefault(r.getLong("id"), List.of()))).toList();
    });
  }

  private static Charger map(Row r, List<OpeningHours.Window> windows) {
    return new Charger(r.getLong("id"), r.getLong("host_id"), r.getString("name"), r.getString("description"),
      r.getString("address"), r.getDouble("lat"), r.getDouble("lng"), r.getString("connector_type"),
      r.getBigDecimal("power_kw").doubleValue(), r.getLong("price_per_hour_minor"), r.getString("currency"),
      r.getInteger("slot_minutes"), ZoneId.of(r.getString("time_zone")), new OpeningHours(List.copyOf(windows)),
      r.getString("access_instructions"), ChargerStatus.valueOf(r.getString("status")));
  }

  /** A search hit; distance only for radius searches. */
  public record Located(Charger charger, Double distanceKm) {
  }
}
