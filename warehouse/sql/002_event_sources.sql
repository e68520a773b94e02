-- 002: every article that reported an event. Events get a deterministic id from what they are (date,
-- place, actors, type), so several articles reporting one event share one events row; this table keeps
-- one link per (event, article), and events.source is the '; '-joined, sorted, distinct sources of an
-- event's links (ACLED's convention: one row, all sources in `source`). warehouse/load.py keeps both.

CREATE TABLE event_sources (
    event_id_cnty VARCHAR NOT NULL,
    article_id    VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,    -- the article's source; the event's own when the article is unknown
    url           VARCHAR,             -- the article's url, NULL when unknown
    run_id        VARCHAR NOT NULL,    -- the run that first linked the article to the event
    first_seen    TIMESTAMP NOT NULL,  -- when that happened (UTC)
    PRIMARY KEY (event_id_cnty, article_id)
);

-- Backfill: each existing event was written from one article, so it gets one link. The link's source
-- follows the loader's rule; first_seen is the article's, else the start of the run that wrote the row.
INSERT INTO event_sources (event_id_cnty, article_id, source, url, run_id, first_seen)
SELECT
    e.event_id_cnty,
    e.article_id,
    coalesce(nullif(a.source, ''), e.source),
    a.url,
    e.run_id,
    coalesce(a.first_seen, r.started_at, now() AT TIME ZONE 'UTC')
FROM events AS e
LEFT JOIN articles AS a ON a.id = e.article_id
LEFT JOIN runs AS r ON r.run_id = e.run_id;

-- Bring events.source in line with its links, with the same expression as warehouse/load.py. For rows
-- the pipeline wrote this changes nothing (it copied the article's source into the event); timestamp and
-- run_id stay, since no new report arrived.
UPDATE events SET source = joined.source
FROM (
    SELECT
        l.event_id_cnty,
        coalesce(string_agg(DISTINCT p.part, '; ' ORDER BY p.part) FILTER (WHERE p.part <> ''), '') AS source
    FROM event_sources AS l, unnest(string_split(l.source, '; ')) AS p(part)
    GROUP BY l.event_id_cnty
) AS joined
WHERE events.event_id_cnty = joined.event_id_cnty AND events.source IS DISTINCT FROM joined.source;
