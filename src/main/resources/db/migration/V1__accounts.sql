CREATE TABLE users (
  id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email            VARCHAR(254) NOT NULL,
  email_normalized VARCHAR(254) NOT NULL,
  password_hash    VARCHAR(100) NOT NULL,
  name             VARCHAR(120) NOT NULL,
  role             VARCHAR(16)  NOT NULL,
  created_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uq_users_email (email_normalized),
  CONSTRAINT ck_users_role CHECK (role IN ('DRIVER', 'HOST', 'ADMIN'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
