-- Fencing for a clustered engine: each takeover of a booking shard advances its epoch here, and every group
-- commit of that shard reads the epoch (with a shared lock) inside its own transaction. An owner that was cut
-- off and replaced finds a newer epoch, rolls back and steps down; it never confirms.
CREATE TABLE shard_epochs (
  shard    INT          NOT NULL PRIMARY KEY,
  epoch    BIGINT       NOT NULL,
  owner    VARCHAR(255) NOT NULL,
  taken_at DATETIME(3)  NOT NULL
) ENGINE = InnoDB;
