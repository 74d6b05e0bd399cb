-- Who cancelled a booking (DRIVER or HOST) and why; empty until it is cancelled.
ALTER TABLE bookings
  ADD COLUMN cancelled_by_role VARCHAR(8)   NULL,
  ADD COLUMN cancel_reason     VARCHAR(500) NULL,
  ADD CONSTRAINT ck_bookings_cancelled_by_role CHECK (cancelled_by_role IS NULL OR cancelled_by_role IN ('DRIVER', 'HOST'));

-- The database's own guard against a driver holding two overlapping confirmed bookings, on any chargers:
-- one row per driver per 15-minute unit that a confirmed booking occupies, written in the same transaction
-- as the booking and its slot_claims (while the overlap rule is on). The primary key refuses a second
-- claim on a unit whatever the servers believe. Cancelling deletes the claims. The key is named (and
-- serves as the primary key) so that a refusal says which guard spoke: a driver's, not a charger's.
CREATE TABLE driver_claims (
  driver_id  BIGINT   NOT NULL,
  slot_start DATETIME NOT NULL,
  booking_id BIGINT   NOT NULL,
  UNIQUE KEY uq_driver_claims_unit (driver_id, slot_start),
  KEY idx_driver_claims_booking (booking_id)
) ENGINE = InnoDB;

-- Bookings made before this rule existed: their units are claimed for their drivers, the earlier booking
-- first where a driver already holds overlapping ones (those stay as they are; new ones cannot overlap).
INSERT IGNORE INTO driver_claims (driver_id, slot_start, booking_id)
SELECT b.driver_id, c.slot_start, b.id
FROM bookings b
JOIN slot_claims c ON c.booking_id = b.id
WHERE b.status = 'CONFIRMED'
ORDER BY b.id, c.slot_start;
