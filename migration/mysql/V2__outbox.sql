-- The outbox: events written in the store's own transaction, relayed to the transport, then deleted.
-- A row is free when claimed_until is null or in the past; a relay node claims rows by setting
-- claimed_by / claimed_until (its lease), and a quarantined row keeps claimed_until far ahead.
-- MySQL 8 and MariaDB 10.x; DATETIME(6) holds UTC bound by the plugin (no session time zone applies).
CREATE TABLE rmk_outbox (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    event_id      VARCHAR(36)  NOT NULL,
    partition_key VARCHAR(200) NOT NULL,
    event_type    VARCHAR(64)  NOT NULL,
    occurred_at   DATETIME(6)  NOT NULL,
    payload       LONGTEXT     NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    claimed_by    VARCHAR(64),
    claimed_until DATETIME(6),
    attempts      INT          NOT NULL DEFAULT 0,
    CONSTRAINT rmk_outbox_pk PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Claiming: free rows (claimed_until null or past), oldest first.
CREATE INDEX rmk_outbox_claim_idx ON rmk_outbox (claimed_until, id);
