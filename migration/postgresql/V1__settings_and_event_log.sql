-- The plugin's settings (install id, per-install secret) and the captured-event log.
CREATE TABLE rmk_setting (
    setting_key   VARCHAR(100)  NOT NULL,
    setting_value VARCHAR(4000),
    updated_at    TIMESTAMP     NOT NULL,
    CONSTRAINT rmk_setting_pk PRIMARY KEY (setting_key)
);

CREATE TABLE rmk_event (
    event_id    VARCHAR(36) NOT NULL,
    event_type  VARCHAR(64) NOT NULL,
    occurred_at TIMESTAMP   NOT NULL,
    received_at TIMESTAMP   NOT NULL,
    contact_id  BIGINT,
    visitor_id  VARCHAR(64),
    customer_id BIGINT,
    source      VARCHAR(16) NOT NULL,
    payload     TEXT        NOT NULL,
    CONSTRAINT rmk_event_pk PRIMARY KEY (event_id)
);

CREATE INDEX rmk_event_contact_idx ON rmk_event (contact_id, occurred_at);
CREATE INDEX rmk_event_occurred_idx ON rmk_event (occurred_at);
