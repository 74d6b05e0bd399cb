CREATE TABLE chargers (
  id                   BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  host_id              BIGINT        NOT NULL,
  name                 VARCHAR(120)  NOT NULL,
  description          VARCHAR(2000) NULL,
  address              VARCHAR(300)  NOT NULL DEFAULT '',
  lat                  DOUBLE        NOT NULL,
  lng                  DOUBLE        NOT NULL,
  connector_type       VARCHAR(16)   NOT NULL,
  power_kw             DECIMAL(6, 2) NOT NULL,
  price_per_hour_minor BIGINT        NOT NULL,
  currency             CHAR(3)       NOT NULL,
  slot_minutes         SMALLINT      NOT NULL,
  time_zone            VARCHAR(64)   NOT NULL,
  access_instructions  VARCHAR(2000) NULL,
  status               VARCHAR(8)    NOT NULL DEFAULT 'ONLINE',
  -- deleted listings stay for the history of their past bookings, hidden from everything else
  deleted_at           DATETIME(3)   NULL,
  created_at           DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at           DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  CONSTRAINT fk_chargers_host FOREIGN KEY (host_id) REFERENCES users (id),
  CONSTRAINT ck_chargers_status CHECK (status IN ('ONLINE', 'OFFLINE')),
  CONSTRAINT ck_chargers_slot CHECK (slot_minutes IN (15, 30, 60)),
  -- the geo search narrows by a latitude band first, then longitude, then great-circle distance
  KEY idx_chargers_geo (lat, lng),
  KEY idx_chargers_host (host_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Absent rows for a charger mean "always open". Times are local to the charger's time zone;
-- close_minute may be 1440 (midnight at the end of the day).
CREATE TABLE charger_opening_hours (
  charger_id   BIGINT   NOT NULL,
  day_of_week  TINYINT  NOT NULL,
  open_minute  SMALLINT NOT NULL,
  close_minute SMALLINT NOT NULL,
  PRIMARY KEY (charger_id, day_of_week, open_minute),
  CONSTRAINT fk_hours_charger FOREIGN KEY (charger_id) REFERENCES chargers (id) ON DELETE CASCADE,
  CONSTRAINT ck_hours_day CHECK (day_of_week BETWEEN 1 AND 7),
  CONSTRAINT ck_hours_range CHECK (open_minute >= 0 AND close_minute <= 1440 AND open_minute < close_minute)
) ENGINE = InnoDB;
