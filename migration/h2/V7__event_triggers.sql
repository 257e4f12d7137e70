-- Event-triggered journeys: the events of one type that happened lately (an index for the engine's
-- look-back), and which of them each journey has already considered, so that every event is
-- weighed once per journey however often the look-back reads it.
CREATE INDEX rmk_event_type_idx ON rmk_event (event_type, occurred_at);

CREATE TABLE rmk_journey_trigger (
    journey_id  BIGINT      NOT NULL,
    event_id    VARCHAR(36) NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    started     BOOLEAN     NOT NULL,
    CONSTRAINT rmk_journey_trigger_pk PRIMARY KEY (journey_id, event_id)
);
CREATE INDEX rmk_journey_trigger_occurred_idx ON rmk_journey_trigger (occurred_at);
