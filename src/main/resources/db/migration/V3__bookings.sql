-- Ids of bookings and blocks are handed out in blocks from here (hi/lo), so an engine shard can name
-- the rows of a whole group commit before it sends them, on one node or many.
CREATE TABLE id_sequences (
  name       VARCHAR(32) NOT NULL PRIMARY KEY,
  next_value BIGINT      NOT NULL
) ENGINE = InnoDB;
INSERT INTO id_sequences (name, next_value) VALUES ('booking', 1), ('block', 1);

CREATE TABLE bookings (
  id           BIGINT      NOT NULL PRIMARY KEY,
  charger_id   BIGINT      NOT NULL,
  driver_id    BIGINT      NOT NULL,
  start_at     DATETIME    NOT NULL,
  end_at       DATETIME    NOT NULL,
  status       VARCHAR(16) NOT NULL,
  price_minor  BIGINT      NOT NULL,
  currency     CHAR(3)     NOT NULL,
  created_at   DATETIME(3) NOT NULL,
  cancelled_at DATETIME(3) NULL,
  cancelled_by BIGINT      NULL,
  CONSTRAINT fk_bookings_charger FOREIGN KEY (charger_id) REFERENCES chargers (id),
  CONSTRAINT fk_bookings_driver FOREIGN KEY (driver_id) REFERENCES users (id),
  CONSTRAINT ck_bookings_status CHECK (status IN ('CONFIRMED', 'CANCELLED')),
  CONSTRAINT ck_bookings_window CHECK (end_at > start_at),
  KEY idx_bookings_charger (charger_id, start_at),
  KEY idx_bookings_driver (driver_id, start_at)
) ENGINE = InnoDB;

CREATE TABLE charger_blocks (
  id         BIGINT       NOT NULL PRIMARY KEY,
  charger_id BIGINT       NOT NULL,
  start_at   DATETIME     NOT NULL,
  end_at     DATETIME     NOT NULL,
  reason     VARCHAR(200) NOT NULL DEFAULT '',
  status     VARCHAR(16)  NOT NULL,
  created_at DATETIME(3)  NOT NULL,
  CONSTRAINT fk_blocks_charger FOREIGN KEY (charger_id) REFERENCES chargers (id),
  CONSTRAINT ck_blocks_status CHECK (status IN ('ACTIVE', 'REMOVED')),
  CONSTRAINT ck_blocks_window CHECK (end_at > start_at),
  KEY idx_blocks_charger (charger_id, start_at)
) ENGINE = InnoDB;

-- The database's own guard against double booking: one row per charger per 15-minute unit that a
-- confirmed booking or an active block occupies. The primary key refuses a second claim on a unit,
-- whatever the server believes. Cancelling deletes the claims.
CREATE TABLE slot_claims (
  charger_id BIGINT   NOT NULL,
  slot_start DATETIME NOT NULL,
  booking_id BIGINT   NULL,
  block_id   BIGINT   NULL,
  PRIMARY KEY (charger_id, slot_start),
  CONSTRAINT ck_claims_owner CHECK ((booking_id IS NULL) <> (block_id IS NULL)),
  KEY idx_claims_booking (booking_id),
  KEY idx_claims_block (block_id)
) ENGINE = InnoDB;

-- The first answer to a request with an Idempotency-Key, replayed on retries.
CREATE TABLE idempotency_keys (
  user_id     BIGINT       NOT NULL,
  idem_key    VARCHAR(128) NOT NULL,
  status_code SMALLINT     NOT NULL,
  response    TEXT         NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (user_id, idem_key),
  KEY idx_idem_created (created_at)
) ENGINE = InnoDB;
