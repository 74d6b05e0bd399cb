-- Accounts are found by their canonical email (NFKC, no invisible characters, lower case; see EmailAddress),
-- compared byte for byte: under utf8mb4_unicode_ci 'drivér35' equalled 'driver35' and logged in as it.
-- Rows stored before this were trimmed and lower-cased, which is already canonical for ASCII addresses.
ALTER TABLE users
  MODIFY email_normalized VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

-- New hashes are bcrypt over a SHA-256 pre-hash (no 72-byte cut); rows hashed before keep plain bcrypt.
ALTER TABLE users ADD COLUMN password_prehashed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ALTER COLUMN password_prehashed SET DEFAULT TRUE;

-- A password change raises the generation; tokens of an older generation stop working (but the one used
-- for the change).
ALTER TABLE users ADD COLUMN token_generation INT NOT NULL DEFAULT 0;

-- Attempts counted per key (a hash of scope + account or address) in a fixed window, shared by every node.
-- One upsert reserves an attempt atomically before any password is checked.
CREATE TABLE auth_attempts (
  key_hash    BINARY(32)  NOT NULL PRIMARY KEY,
  attempts    INT         NOT NULL,
  window_ends DATETIME(3) NOT NULL,
  KEY idx_auth_attempts_window (window_ends)
) ENGINE = InnoDB;

-- Revoked tokens (logout: jti) and per-user cut-offs (password change: every token below min_generation
-- except kept_jti). Every node reads new rows by id; rows go once the tokens they name have expired.
CREATE TABLE token_revocations (
  id             BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id        BIGINT      NOT NULL,
  jti            VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  min_generation INT         NULL,
  kept_jti       VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  expires_at     DATETIME(3) NOT NULL,
  KEY idx_token_revocations_expiry (expires_at)
) ENGINE = InnoDB;
