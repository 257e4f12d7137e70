-- Journeys and email: journey definitions (built-in and edited), one run per entry of a contact,
-- one message per (run, step) with its send key and state, the links a message may redirect to,
-- what happened to a message afterwards (opens, clicks, bounces), the suppression list, and the
-- table of the persistent scheduler (db-scheduler) that holds delayed steps.
CREATE TABLE rmk_journey (
    id              BIGINT NOT NULL AUTO_INCREMENT,
    code            VARCHAR(64)   NOT NULL,
    name            VARCHAR(200)  NOT NULL,
    description     VARCHAR(2000),
    builtin         BOOLEAN       NOT NULL,
    enabled         BOOLEAN       NOT NULL,
    purpose         VARCHAR(16)   NOT NULL,
    trigger_segment VARCHAR(64),
    trigger_event   VARCHAR(64),
    steps_json      MEDIUMTEXT NOT NULL,
    holdout_percent INT           NOT NULL,
    goal_hours      INT           NOT NULL,
    reentry_days    INT           NOT NULL,
    exit_on_leave   BOOLEAN       NOT NULL,
    cursor_id       BIGINT        DEFAULT 0 NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    updated_at      DATETIME(6) NOT NULL,
    CONSTRAINT rmk_journey_pk PRIMARY KEY (id),
    CONSTRAINT rmk_journey_code_uk UNIQUE (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One entry of a contact into a journey; entry_key makes enrolment idempotent across nodes.
CREATE TABLE rmk_journey_run (
    id             BIGINT NOT NULL AUTO_INCREMENT,
    journey_id     BIGINT       NOT NULL,
    contact_id     BIGINT       NOT NULL,
    entry_key      VARCHAR(80)  NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    holdout        BOOLEAN      NOT NULL,
    stage          VARCHAR(16),
    cart_code      VARCHAR(64),
    products_json  MEDIUMTEXT,
    exit_reason    VARCHAR(255),
    entered_at     DATETIME(6) NOT NULL,
    ended_at       DATETIME(6),
    converted_at   DATETIME(6),
    order_id       VARCHAR(64),
    revenue        DECIMAL(14,2),
    CONSTRAINT rmk_journey_run_pk PRIMARY KEY (id),
    CONSTRAINT rmk_journey_run_entry_uk UNIQUE (entry_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE INDEX rmk_journey_run_journey_idx ON rmk_journey_run (journey_id, entered_at);
CREATE INDEX rmk_journey_run_contact_idx ON rmk_journey_run (contact_id, journey_id, entered_at);
CREATE INDEX rmk_journey_run_state_idx ON rmk_journey_run (state, entered_at);

-- One message per (run, step): send_key is unique, state moves SCHEDULED → SENDING → SENT (or
-- SUPPRESSED, CANCELLED, HELD_OUT, FAILED, BOUNCED, UNCERTAIN); reason says why, for people.
CREATE TABLE rmk_message (
    id              BIGINT NOT NULL AUTO_INCREMENT,
    run_id          BIGINT       NOT NULL,
    journey_id      BIGINT       NOT NULL,
    contact_id      BIGINT       NOT NULL,
    step_no         INT          NOT NULL,
    channel         VARCHAR(16)  NOT NULL,
    template        VARCHAR(64)  NOT NULL,
    send_key        VARCHAR(80)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    reason          VARCHAR(500),
    due_at          DATETIME(6) NOT NULL,
    attempts        INT          DEFAULT 0 NOT NULL,
    last_attempt_at DATETIME(6),
    sent_at         DATETIME(6),
    recipient       VARCHAR(254),
    locale          VARCHAR(16),
    subject         VARCHAR(500),
    body_html       MEDIUMTEXT,
    body_text       MEDIUMTEXT,
    opened_at       DATETIME(6),
    clicked_at      DATETIME(6),
    created_at      DATETIME(6) NOT NULL,
    updated_at      DATETIME(6) NOT NULL,
    CONSTRAINT rmk_message_pk PRIMARY KEY (id),
    CONSTRAINT rmk_message_send_key_uk UNIQUE (send_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE INDEX rmk_message_run_idx ON rmk_message (run_id, step_no);
CREATE INDEX rmk_message_contact_idx ON rmk_message (contact_id, sent_at);
CREATE INDEX rmk_message_journey_idx ON rmk_message (journey_id, state);
CREATE INDEX rmk_message_updated_idx ON rmk_message (updated_at);

-- The only URLs a message's click links may redirect to, stored when it was sent.
CREATE TABLE rmk_message_link (
    message_id BIGINT        NOT NULL,
    link_no    INT           NOT NULL,
    url        VARCHAR(2000) NOT NULL,
    CONSTRAINT rmk_message_link_pk PRIMARY KEY (message_id, link_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- What happened to a sent message: OPEN, MACHINE_OPEN, CLICK, RECOVERY, UNSUBSCRIBE, BOUNCE.
CREATE TABLE rmk_message_event (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    message_id  BIGINT       NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    detail      VARCHAR(255),
    occurred_at DATETIME(6) NOT NULL,
    CONSTRAINT rmk_message_event_pk PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE INDEX rmk_message_event_message_idx ON rmk_message_event (message_id, kind);

-- Addresses that must get no marketing (scope ALL) or no reminders (scope REMINDERS), and why.
CREATE TABLE rmk_suppression (
    email       VARCHAR(254) NOT NULL,
    contact_id  BIGINT,
    scope       VARCHAR(16)  NOT NULL,
    reason      VARCHAR(32)  NOT NULL,
    source      VARCHAR(64)  NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    CONSTRAINT rmk_suppression_pk PRIMARY KEY (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE INDEX rmk_suppression_contact_idx ON rmk_suppression (contact_id);

-- db-scheduler 15's table, under the plugin's prefix: delayed steps and the journeys' periodic work.
CREATE TABLE rmk_scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BLOB,
    execution_time       DATETIME(6) NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(50),
    last_success         DATETIME(6) NULL,
    last_failure         DATETIME(6) NULL,
    consecutive_failures INT,
    last_heartbeat       DATETIME(6) NULL,
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    CONSTRAINT rmk_scheduled_tasks_pk PRIMARY KEY (task_name, task_instance)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE INDEX rmk_scheduled_tasks_time_idx ON rmk_scheduled_tasks (execution_time);
CREATE INDEX rmk_scheduled_tasks_heartbeat_idx ON rmk_scheduled_tasks (last_heartbeat);
CREATE INDEX rmk_scheduled_tasks_priority_idx ON rmk_scheduled_tasks (priority, execution_time);
