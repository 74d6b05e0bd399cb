-- The limit on a driver's upcoming bookings, refused by MySQL too (as slot_claims refuses a charger's overlaps and
-- driver_claims a driver's): each upcoming booking of a driver holds one of the driver's seats 0..N-1, N being
-- booking.maxUpcomingPerDriver. The driver's ledger owner hands out the lowest seat free in its memory, so two
-- deciders that both believe the driver under the limit (a stale owner, a lapsed reservation) pick the same seat,
-- and only one of them can hold it. A booking takes its seat with an upsert (no gap locks): the seat of a booking
-- that had ended by taken_at passes to it, one still held is left as it is and the transaction rolls back. A
-- cancelled (expired, no-show) booking frees its seat in its own transaction.
CREATE TABLE driver_seats (
  driver_id  BIGINT   NOT NULL,
  seat       INT      NOT NULL,
  booking_id BIGINT   NOT NULL,
  ends_at    DATETIME NOT NULL,
  taken_at   DATETIME NOT NULL,
  CONSTRAINT uq_driver_seats_seat UNIQUE (driver_id, seat),
  KEY idx_driver_seats_booking (booking_id)
) ENGINE = InnoDB;

-- Bookings not yet ended take seats in the order they start (a driver above today's limit keeps them all).
INSERT INTO driver_seats (driver_id, seat, booking_id, ends_at, taken_at)
SELECT driver_id, ROW_NUMBER() OVER (PARTITION BY driver_id ORDER BY start_at, id) - 1, id, end_at, created_at
FROM bookings
WHERE status IN ('CONFIRMED', 'PENDING_PAYMENT') AND end_at > UTC_TIMESTAMP();
