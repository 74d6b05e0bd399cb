-- A booking writes one slot_claims row per 15-minute unit, and each row was three index entries: the primary key
-- (charger_id, slot_start) that refuses double booking, and idx_claims_booking and idx_claims_block, which only
-- freeing a booking's or block's units used. Those deletes now find the units through the primary key from the
-- booking's (or block's) charger and window, so the two secondary indexes go: one entry per unit.
ALTER TABLE slot_claims
  DROP INDEX idx_claims_booking,
  DROP INDEX idx_claims_block;
