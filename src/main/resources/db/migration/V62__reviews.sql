-- A driver's review of a booking that ended: one per booking (the primary key), the host's one answer beside it.
CREATE TABLE reviews (
  booking_id  BIGINT        NOT NULL PRIMARY KEY,
  charger_id  BIGINT        NOT NULL,
  driver_id   BIGINT        NOT NULL,
  rating      TINYINT       NOT NULL,
  comment     VARCHAR(1000) NULL,
  created_at  DATETIME(3)   NOT NULL,
  reply       VARCHAR(1000) NULL,
  replied_at  DATETIME(3)   NULL,
  KEY idx_reviews_charger (charger_id, created_at),
  CONSTRAINT fk_reviews_booking FOREIGN KEY (booking_id) REFERENCES bookings (id),
  CONSTRAINT fk_reviews_driver FOREIGN KEY (driver_id) REFERENCES users (id),
  CONSTRAINT ck_reviews_rating CHECK (rating BETWEEN 1 AND 5)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Each charger's rating, kept in the review's own transaction, so searches read one row per charger.
CREATE TABLE charger_ratings (
  charger_id   BIGINT NOT NULL PRIMARY KEY,
  rating_sum   BIGINT NOT NULL,
  rating_count INT    NOT NULL
) ENGINE = InnoDB;
