-- Segments: definitions (built-in and custom), materialised membership with its enter/exit log
-- (what journeys start from), size history, per-product/category usage periods (replenishment),
-- the catalog's newest product per category (new products for past buyers), the funnel stage on
-- each contact, and the indexes the time-based conditions sweep.
-- MySQL 8 and MariaDB 10.x.
ALTER TABLE rmk_contact ADD COLUMN stage VARCHAR(16);
ALTER TABLE rmk_contact ADD COLUMN stage_at DATETIME(6);
CREATE INDEX rmk_contact_cart_idx ON rmk_contact (cart_updated_at);
CREATE INDEX rmk_contact_checkout_idx ON rmk_contact (checkout_step_at);
CREATE INDEX rmk_contact_last_order_idx ON rmk_contact (last_order_at);
CREATE INDEX rmk_contact_last_seen_idx ON rmk_contact (last_seen);
CREATE INDEX rmk_contact_stage_idx ON rmk_contact (stage);

ALTER TABLE rmk_contact_product ADD COLUMN category_code VARCHAR(100);
CREATE INDEX rmk_contact_product_viewed_idx ON rmk_contact_product (last_viewed_at);
CREATE INDEX rmk_contact_product_bought_idx ON rmk_contact_product (last_bought_at);
CREATE INDEX rmk_contact_order_placed_idx ON rmk_contact_order (placed_at);

-- What a custom rule's event conditions filter on ("viewed product X 3 times in 7 days").
ALTER TABLE rmk_event ADD COLUMN product_id BIGINT;
ALTER TABLE rmk_event ADD COLUMN category_code VARCHAR(100);
CREATE INDEX rmk_event_contact_type_idx ON rmk_event (contact_id, event_type, occurred_at);

CREATE TABLE rmk_segment (
    id            BIGINT NOT NULL AUTO_INCREMENT,
    code          VARCHAR(64)   NOT NULL,
    name          VARCHAR(200)  NOT NULL,
    description   VARCHAR(2000),
    builtin       BOOLEAN       NOT NULL,
    rule_json     TEXT,
    settings_json TEXT,
    enabled       BOOLEAN       NOT NULL,
    member_count  BIGINT        NOT NULL DEFAULT 0,
    created_at    DATETIME(6)   NOT NULL,
    updated_at    DATETIME(6)   NOT NULL,
    swept_at      DATETIME(6),
    rebuilt_at    DATETIME(6),
    rebuild_state VARCHAR(16),
    rebuild_done  BIGINT,
    rebuild_total BIGINT,
    CONSTRAINT rmk_segment_pk PRIMARY KEY (id),
    CONSTRAINT rmk_segment_code_uk UNIQUE (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE rmk_segment_member (
    segment_id BIGINT NOT NULL,
    contact_id BIGINT NOT NULL,
    entered_at DATETIME(6) NOT NULL,
    CONSTRAINT rmk_segment_member_pk PRIMARY KEY (segment_id, contact_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE INDEX rmk_segment_member_contact_idx ON rmk_segment_member (contact_id);
-- Members pages, newest first.
CREATE INDEX rmk_segment_member_entered_idx ON rmk_segment_member (segment_id, entered_at, contact_id);

-- Every entry and exit, in order: journeys read it from their last id.
CREATE TABLE rmk_segment_change (
    id         BIGINT NOT NULL AUTO_INCREMENT,
    segment_id BIGINT  NOT NULL,
    contact_id BIGINT  NOT NULL,
    entered    BOOLEAN NOT NULL,
    changed_at DATETIME(6) NOT NULL,
    CONSTRAINT rmk_segment_change_pk PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE INDEX rmk_segment_change_segment_idx ON rmk_segment_change (segment_id, id);
CREATE INDEX rmk_segment_change_contact_idx ON rmk_segment_change (contact_id);

CREATE TABLE rmk_segment_size (
    segment_id  BIGINT NOT NULL,
    measured_at DATETIME(6) NOT NULL,
    member_count BIGINT NOT NULL,
    CONSTRAINT rmk_segment_size_pk PRIMARY KEY (segment_id, measured_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- How long a product (scope PRODUCT, key: product id) or a category (scope CATEGORY, key: code) lasts.
CREATE TABLE rmk_usage_period (
    scope     VARCHAR(16)  NOT NULL,
    scope_key VARCHAR(100) NOT NULL,
    days      INT          NOT NULL,
    CONSTRAINT rmk_usage_period_pk PRIMARY KEY (scope, scope_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The store catalog's newest product per category, refreshed by the plugin from the store.
CREATE TABLE rmk_category_news (
    category_code   VARCHAR(100) NOT NULL,
    newest_added_at DATETIME(6) NOT NULL,
    CONSTRAINT rmk_category_news_pk PRIMARY KEY (category_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
