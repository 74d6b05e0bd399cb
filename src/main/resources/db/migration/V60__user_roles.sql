-- One account may host and drive: every role a user holds, comma-separated (DRIVER, HOST, ADMIN), beside the
-- role they signed up with (`role`, kept as the account's first role).
ALTER TABLE users ADD COLUMN roles VARCHAR(64) NOT NULL DEFAULT '';
UPDATE users SET roles = role;
