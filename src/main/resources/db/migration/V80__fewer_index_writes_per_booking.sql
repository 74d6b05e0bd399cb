-- Every booking writes a row to bookings and two to notifications; each secondary index is one more entry per row.
-- These three were not needed by any query:
-- * idx_bookings_start (start_at): the reminder job's query (status = 'CONFIRMED' AND start_at in a range, ordered
--   by start_at) is served by idx_bookings_status_start (status, start_at), as are the no-show sweeps.
-- * idx_bookings_hold (status, hold_expires_at): only the db-lock engine's sweep of due holds reads it, and
--   idx_bookings_status_start narrows that to the PENDING_PAYMENT rows, which are only the live holds (minutes long).
-- * idx_notifications_booking (booking_id, kind): the reminder job's NOT EXISTS looks notifications up by booking and
--   kind; the once-per-user-booking-and-kind key now leads with those columns and serves it. The user's list, unread
--   count and the foreign key keep idx_notifications_user and idx_notifications_unread.
ALTER TABLE bookings
  DROP INDEX idx_bookings_start,
  DROP INDEX idx_bookings_hold;

ALTER TABLE notifications
  DROP INDEX uq_notifications_once,
  DROP INDEX idx_notifications_booking,
  ADD UNIQUE KEY uq_notifications_once (booking_id, kind, user_id);
