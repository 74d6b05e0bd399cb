-- What a user is told about their bookings: one row per user, booking and kind (a reminder, a confirmation or a
-- cancellation is told once, however many nodes notice it), newest first per user, unread ones counted.
CREATE TABLE notifications (
  id         BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id    BIGINT        NOT NULL,
  kind       VARCHAR(32)   NOT NULL,
  booking_id BIGINT        NOT NULL,
  title      VARCHAR(200)  NOT NULL,
  body       VARCHAR(1000) NOT NULL,
  created_at DATETIME(3)   NOT NULL,
  read_at    DATETIME(3)   NULL,
  UNIQUE KEY uq_notifications_once (user_id, booking_id, kind),
  KEY idx_notifications_user (user_id, id),
  KEY idx_notifications_unread (user_id, read_at),
  KEY idx_notifications_booking (booking_id, kind),
  CONSTRAINT fk_notifications_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The transactional outbox of notification mail: written in the notification's own transaction, sent by one
-- worker per node. A worker claims rows with a token and a lease (claimed_until); a row whose lease lapsed (its
-- node died mid-send) is claimed again. A failed send waits next_attempt_at (exponential backoff); after the
-- last attempt the row is FAILED and stays for the operator.
CREATE TABLE mail_outbox (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  notification_id BIGINT       NOT NULL,
  recipient       VARCHAR(254) NOT NULL,
  subject         VARCHAR(200) NOT NULL,
  text_body       TEXT         NOT NULL,
  status          VARCHAR(8)   NOT NULL,
  attempts        INT          NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(3)  NOT NULL,
  claim_token     CHAR(36)     NULL,
  claimed_until   DATETIME(3)  NULL,
  last_error      VARCHAR(300) NULL,
  created_at      DATETIME(3)  NOT NULL,
  sent_at         DATETIME(3)  NULL,
  UNIQUE KEY uq_outbox_notification (notification_id),
  KEY idx_outbox_due (status, next_attempt_at),
  KEY idx_outbox_claim (claim_token),
  CONSTRAINT fk_outbox_notification FOREIGN KEY (notification_id) REFERENCES notifications (id),
  CONSTRAINT ck_outbox_status CHECK (status IN ('PENDING', 'SENT', 'FAILED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The reminder job looks for confirmed bookings starting soon.
ALTER TABLE bookings ADD KEY idx_bookings_start (start_at);
