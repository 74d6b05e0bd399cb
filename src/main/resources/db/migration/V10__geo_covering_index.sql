-- The geo search reads candidates from this index alone: the bounding box is a range on lat, and lng,
-- the soft-delete mark and every search filter sit in the same entries (with the primary key InnoDB
-- adds), so only the final page of chargers is read from the table. It supersedes the (lat, lng) index,
-- which is its prefix. Measured in bench/SEARCH.md.
CREATE INDEX idx_chargers_geo_cover
  ON chargers (lat, lng, deleted_at, status, connector_type, power_kw, price_per_hour_minor);
DROP INDEX idx_chargers_geo ON chargers;
