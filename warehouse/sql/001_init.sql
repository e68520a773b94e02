-- 001: the warehouse's first schema. Timestamps are UTC, stored without a zone.
-- The events columns mirror schemas.event (ACLED_COLUMNS, then EXTENSION_COLUMNS, then run_id);
-- tests/test_warehouse.py holds them in step with the pydantic model and warehouse/columns.py.

CREATE TABLE articles (
    id             VARCHAR PRIMARY KEY,
    url            VARCHAR,
    source         VARCHAR,
    title          VARCHAR,
    text           VARCHAR NOT NULL,
    published      VARCHAR,            -- ISO 8601 text as given: a date or a datetime, with its offset
    published_date DATE,
    content_hash   VARCHAR NOT NULL,
    first_seen     TIMESTAMP NOT NULL,
    last_seen      TIMESTAMP NOT NULL,
    run_id         VARCHAR NOT NULL    -- the run that last saw the article
);

CREATE TABLE events (
    -- ACLED's 31 columns, in ACLED's order; enums hold their text values
    event_id_cnty      VARCHAR PRIMARY KEY,
    event_date         DATE NOT NULL,
    year               INTEGER NOT NULL,
    time_precision     INTEGER NOT NULL,
    disorder_type      VARCHAR NOT NULL,
    event_type         VARCHAR NOT NULL,
    sub_event_type     VARCHAR NOT NULL,
    actor1             VARCHAR NOT NULL,
    assoc_actor_1      VARCHAR NOT NULL,
    inter1             VARCHAR NOT NULL,
    actor2             VARCHAR NOT NULL,
    assoc_actor_2      VARCHAR NOT NULL,
    inter2             VARCHAR,
    interaction        VARCHAR NOT NULL,
    civilian_targeting VARCHAR NOT NULL,
    iso                INTEGER NOT NULL,
    region             VARCHAR NOT NULL,
    country            VARCHAR NOT NULL,
    admin1             VARCHAR NOT NULL,
    admin2             VARCHAR NOT NULL,
    admin3             VARCHAR NOT NULL,
    location           VARCHAR NOT NULL,
    latitude           DOUBLE NOT NULL,
    longitude          DOUBLE NOT NULL,
    geo_precision      INTEGER NOT NULL,
    source             VARCHAR NOT NULL,
    source_scale       VARCHAR NOT NULL,
    notes              VARCHAR NOT NULL,
    fatalities         INTEGER NOT NULL,
    tags               VARCHAR NOT NULL,
    timestamp          BIGINT NOT NULL,
    -- this project's extensions
    article_id             VARCHAR NOT NULL,
    weapon_type            VARCHAR,
    weapon_count           INTEGER,
    weapon_count_qualifier VARCHAR,
    weapons                STRUCT(weapon_type VARCHAR, count INTEGER, count_qualifier VARCHAR)[] NOT NULL,
    target                 VARCHAR,
    target_category        VARCHAR,
    injuries               INTEGER,
    injuries_qualifier     VARCHAR,
    fatalities_qualifier   VARCHAR,
    evidence               STRUCT(
                               "field" VARCHAR, sentence VARCHAR, "start" INTEGER, "end" INTEGER,
                               "match" VARCHAR, match_start INTEGER, match_end INTEGER
                           )[] NOT NULL,
    extractor_version      VARCHAR NOT NULL,
    run_id                 VARCHAR NOT NULL    -- the run that last inserted or changed the row
);

CREATE TABLE rejected (
    id          VARCHAR PRIMARY KEY,           -- hash of stage, reason and payload
    run_id      VARCHAR NOT NULL,              -- the run that first recorded it
    stage       VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    source      VARCHAR,
    article_id  VARCHAR,
    payload     VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);

CREATE TABLE runs (
    run_id            VARCHAR PRIMARY KEY,
    started_at        TIMESTAMP NOT NULL,
    finished_at       TIMESTAMP,
    status            VARCHAR NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    extractor_version VARCHAR NOT NULL,
    sources           VARCHAR[] NOT NULL,
    articles_read     INTEGER,                 -- the counts stay NULL until finish_run sets them
    articles_rejected INTEGER,
    events_found      INTEGER,
    events_loaded     INTEGER,                 -- new rows in events
    events_rejected   INTEGER
);

CREATE VIEW acled_export AS
SELECT
    event_id_cnty, event_date, year, time_precision, disorder_type, event_type, sub_event_type,
    actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting,
    iso, region, country, admin1, admin2, admin3, location, latitude, longitude, geo_precision,
    source, source_scale, notes, fatalities, tags, timestamp
FROM events;

CREATE VIEW events_export AS
SELECT
    event_id_cnty, event_date, year, time_precision, disorder_type, event_type, sub_event_type,
    actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting,
    iso, region, country, admin1, admin2, admin3, location, latitude, longitude, geo_precision,
    source, source_scale, notes, fatalities, tags, timestamp,
    article_id, weapon_type, weapon_count, weapon_count_qualifier,
    to_json(weapons)::VARCHAR AS weapons,
    target, target_category, injuries, injuries_qualifier, fatalities_qualifier,
    to_json(evidence)::VARCHAR AS evidence,
    extractor_version
FROM events;
