-- Contacts: profiles joined from identities, their products, categories, sources, orders, consent
-- history and the hashes of erased people. rmk_event (V1) gets its contact_id from here.
-- MySQL 8 and MariaDB 10.x; DATETIME(6) as in V1.
CREATE TABLE rmk_contact (
    id               BIGINT NOT NULL AUTO_INCREMENT,
    merged_into      BIGINT,
    created_at       DATETIME(6)   NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    first_seen       DATETIME(6),
    last_seen        DATETIME(6),
    email            VARCHAR(254),
    customer_id      BIGINT,
    first_name       VARCHAR(64),
    last_name        VARCHAR(64),
    language         VARCHAR(8),
    time_zone        VARCHAR(64),
    birthday         DATE,
    details_at       DATETIME(6),
    visits           INT           DEFAULT 0 NOT NULL,
    cart_code        VARCHAR(64),
    cart_items       INT           DEFAULT 0 NOT NULL,
    cart_value       DECIMAL(12,2) DEFAULT 0 NOT NULL,
    cart_updated_at  DATETIME(6),
    checkout_step    VARCHAR(32),
    checkout_step_at DATETIME(6),
    orders_count     INT           DEFAULT 0 NOT NULL,
    total_spent      DECIMAL(14,2) DEFAULT 0 NOT NULL,
    first_order_at   DATETIME(6),
    last_order_at    DATETIME(6),
    CONSTRAINT rmk_contact_pk PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX rmk_contact_created_idx ON rmk_contact (created_at);
CREATE INDEX rmk_contact_email_idx ON rmk_contact (email);
CREATE INDEX rmk_contact_customer_idx ON rmk_contact (customer_id);
CREATE INDEX rmk_contact_merged_idx ON rmk_contact (merged_into);

-- Who a contact is: visitor cookies, the store's customer id, emails. One owner per identifier.
-- verified: recorded by the store itself (not merely typed or claimed in a browser).
CREATE TABLE rmk_contact_identity (
    kind           VARCHAR(16)  NOT NULL,
    identity_value VARCHAR(254) NOT NULL,
    contact_id     BIGINT       NOT NULL,
    verified       BOOLEAN      NOT NULL,
    first_seen     DATETIME(6) NOT NULL,
    CONSTRAINT rmk_contact_identity_pk PRIMARY KEY (kind, identity_value)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX rmk_contact_identity_contact_idx ON rmk_contact_identity (contact_id);

-- Products a contact looked at, put in the cart (cart_quantity/cart_price: the current cart's line) or bought.
CREATE TABLE rmk_contact_product (
    contact_id       BIGINT        NOT NULL,
    product_id       BIGINT        NOT NULL,
    sku              VARCHAR(100),
    views            INT           DEFAULT 0 NOT NULL,
    view_seconds     BIGINT        DEFAULT 0 NOT NULL,
    last_viewed_at   DATETIME(6),
    added_to_cart_at DATETIME(6),
    cart_quantity    INT           DEFAULT 0 NOT NULL,
    cart_price       DECIMAL(12,2),
    bought_count     INT           DEFAULT 0 NOT NULL,
    last_bought_at   DATETIME(6),
    CONSTRAINT rmk_contact_product_pk PRIMARY KEY (contact_id, product_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE rmk_contact_category (
    contact_id     BIGINT       NOT NULL,
    category_code  VARCHAR(100) NOT NULL,
    views          INT          DEFAULT 0 NOT NULL,
    bought_count   INT          DEFAULT 0 NOT NULL,
    last_viewed_at DATETIME(6),
    CONSTRAINT rmk_contact_category_pk PRIMARY KEY (contact_id, category_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Visits per channel (email, paid, social, organic_search, referral, campaign, display, affiliate, direct).
CREATE TABLE rmk_contact_source (
    contact_id BIGINT      NOT NULL,
    channel    VARCHAR(32) NOT NULL,
    visits     INT         DEFAULT 0 NOT NULL,
    last_at    DATETIME(6)NOT NULL,
    CONSTRAINT rmk_contact_source_pk PRIMARY KEY (contact_id, channel)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Orders as counted in the profile: a refund or cancellation takes an order out once.
CREATE TABLE rmk_contact_order (
    order_id   VARCHAR(64)   NOT NULL,
    contact_id BIGINT        NOT NULL,
    total      DECIMAL(14,2) DEFAULT 0 NOT NULL,
    currency   VARCHAR(3),
    status     VARCHAR(32),
    placed_at  DATETIME(6),
    counted    BOOLEAN       NOT NULL,
    updated_at DATETIME(6)  NOT NULL,
    CONSTRAINT rmk_contact_order_pk PRIMARY KEY (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX rmk_contact_order_contact_idx ON rmk_contact_order (contact_id);

-- Consent history: one row per change, the latest (recorded_at, then id) wins per contact and channel.
CREATE TABLE rmk_consent (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    contact_id  BIGINT      NOT NULL,
    channel     VARCHAR(16) NOT NULL,
    granted     BOOLEAN     NOT NULL,
    source      VARCHAR(64) NOT NULL,
    proof       TEXT,
    event_id    VARCHAR(36),
    recorded_at DATETIME(6)NOT NULL,
    CONSTRAINT rmk_consent_pk PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX rmk_consent_contact_idx ON rmk_consent (contact_id, channel, recorded_at);

-- Erased people: a keyed hash (HMAC-SHA256 with the install secret) per identifier, nothing else.
CREATE TABLE rmk_erasure (
    key_hash  VARCHAR(64) NOT NULL,
    erased_at DATETIME(6)NOT NULL,
    CONSTRAINT rmk_erasure_pk PRIMARY KEY (key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
