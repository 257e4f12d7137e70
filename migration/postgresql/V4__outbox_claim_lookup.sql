-- The relay reads back, releases and retries the rows of its claim by claimed_by: without an
-- index each of those scanned the whole outbox, so draining slowed as the backlog grew.
CREATE INDEX rmk_outbox_claimed_by_idx ON rmk_outbox (claimed_by, id);
