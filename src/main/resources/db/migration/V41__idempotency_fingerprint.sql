-- What the first request under a key asked for, so the same key with another body is refused (422), not replayed.
-- Answers kept before this column existed have none and are replayed as before.
ALTER TABLE idempotency_keys ADD COLUMN request_fingerprint CHAR(64) NULL;
