-- The outbox: events written in the store's own transaction, relayed to the transport, then deleted.
-- A row is free when claimed_until is null or in the past; a relay node claims rows by setting
-- claimed_by / claimed_until (its lease), and a quarantined row keeps claimed_until far ahead.
CREATE TABLE rmk_outbox (
    id            BIGSERIAL    NOT NULL,
    event_id      VARCHAR(36)  NOT NULL,
    partition_key VARCHAR(200) NOT NULL,
    event_type    VARCHAR(64)  NOT NULL,
    occurred_at   TIMESTAMP    NOT NULL,
    payload       TEXT         NOT NULL,
    created_at    TIMESTAMP    NOT NULL,
    claimed_by    VARCHAR(64),
    claimed_until TIMESTAMP,
    attempts      INT          NOT NULL DEFAULT 0,
    CONSTRAINT rmk_outbox_pk PRIMARY KEY (id)
);

-- Claiming: free rows (claimed_until null or past), oldest first.
CREATE INDEX rmk_outbox_claim_idx ON rmk_outbox (claimed_until, id);
