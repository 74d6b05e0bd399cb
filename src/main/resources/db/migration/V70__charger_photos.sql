-- Photos of a charger, at most photos.maxPerCharger (5) each: the count is checked under the charger row's lock.
-- The image itself is a file under the photos folder, named by file_name; stored re-encoded (no metadata), so
-- content_type is what is served, original_type what the host uploaded.
CREATE TABLE charger_photos (
  id            BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  charger_id    BIGINT      NOT NULL,
  file_name     VARCHAR(64) NOT NULL,
  content_type  VARCHAR(16) NOT NULL,
  original_type VARCHAR(16) NOT NULL,
  width         INT         NOT NULL,
  height        INT         NOT NULL,
  bytes         INT         NOT NULL,
  created_at    DATETIME(3) NOT NULL,
  CONSTRAINT fk_photos_charger FOREIGN KEY (charger_id) REFERENCES chargers (id),
  CONSTRAINT ck_photos_type CHECK (content_type IN ('image/jpeg', 'image/png')),
  UNIQUE KEY uq_photos_file (file_name),
  KEY idx_photos_charger (charger_id, id)
) ENGINE = InnoDB;
