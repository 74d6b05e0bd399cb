-- The booking lifecycle: holds awaiting payment (PENDING_PAYMENT, until hold_expires_at), holds that lapsed
-- (EXPIRED), confirmed bookings nobody came to (NO_SHOW), and check-ins. A hold claims its units in slot_claims
-- and driver_claims like a confirmed booking, so MySQL refuses overlaps with it; expiry and no-show delete them.
ALTER TABLE bookings DROP CONSTRAINT ck_bookings_status;
ALTER TABLE bookings
  ADD CONSTRAINT ck_bookings_status CHECK (status IN ('CONFIRMED', 'CANCELLED', 'PENDING_PAYMENT', 'EXPIRED', 'NO_SHOW')),
  ADD COLUMN hold_expires_at DATETIME(3) NULL,
  ADD COLUMN checked_in_at   DATETIME(3) NULL,
  ADD COLUMN check_in_source VARCHAR(8)  NULL,
  ADD CONSTRAINT ck_bookings_check_in_source CHECK (check_in_source IS NULL OR check_in_source IN ('DRIVER', 'CHARGER')),
  ADD KEY idx_bookings_status_start (status, start_at),
  ADD KEY idx_bookings_hold (status, hold_expires_at);

-- One row per state change of a booking, written in the same transaction as the change itself.
CREATE TABLE booking_events (
  id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  booking_id BIGINT       NOT NULL,
  event      VARCHAR(24)  NOT NULL,
  at         DATETIME(3)  NOT NULL,
  detail     VARCHAR(200) NULL,
  KEY idx_booking_events_booking (booking_id, id)
) ENGINE = InnoDB;

-- The order created at the payment provider for a hold, and the payment that paid it. Money in minor units.
-- status: CREATED (order made, unpaid), PAID (confirmed the booking), LATE (paid after the hold ended: refunded).
CREATE TABLE payments (
  booking_id   BIGINT      NOT NULL PRIMARY KEY,
  provider     VARCHAR(16) NOT NULL,
  order_id     VARCHAR(64) NOT NULL,
  payment_id   VARCHAR(64) NULL,
  amount_minor BIGINT      NOT NULL,
  currency     CHAR(3)     NOT NULL,
  status       VARCHAR(8)  NOT NULL,
  created_at   DATETIME(3) NOT NULL,
  paid_at      DATETIME(3) NULL,
  CONSTRAINT ck_payments_status CHECK (status IN ('CREATED', 'PAID', 'LATE')),
  CONSTRAINT ck_payments_amount CHECK (amount_minor >= 0),
  UNIQUE KEY uq_payments_order (order_id),
  UNIQUE KEY uq_payments_payment (payment_id)
) ENGINE = InnoDB;

-- Money going back to a driver: by the cancellation policy, or in full for a late payment. PENDING until the
-- provider has answered; PROCESSED or FAILED after (a failed one is retried).
CREATE TABLE refunds (
  booking_id         BIGINT      NOT NULL PRIMARY KEY,
  payment_id         VARCHAR(64) NOT NULL,
  amount_minor       BIGINT      NOT NULL,
  currency           CHAR(3)     NOT NULL,
  status             VARCHAR(12) NOT NULL,
  provider_refund_id VARCHAR(64) NULL,
  attempts           INT         NOT NULL DEFAULT 0,
  -- one sender at a time: whoever sends it holds it until then, so a refund is never sent twice side by side
  sending_until      DATETIME(3) NULL,
  created_at         DATETIME(3) NOT NULL,
  updated_at         DATETIME(3) NOT NULL,
  CONSTRAINT ck_refunds_status CHECK (status IN ('PENDING', 'PROCESSED', 'FAILED')),
  CONSTRAINT ck_refunds_amount CHECK (amount_minor > 0),
  KEY idx_refunds_status (status, updated_at)
) ENGINE = InnoDB;
