-- 003: incremental and versioned runs. An article remembers the extractor version that last coded it,
-- so `reprocess` can find what an older extractor coded; a run records its kind, what it skipped and
-- removed, and the process that ran it (so `status` can tell a run that died from one still going).

ALTER TABLE articles ADD COLUMN extractor_version VARCHAR;  -- NULL: loaded before 003, version unknown

ALTER TABLE runs ADD COLUMN kind VARCHAR DEFAULT 'run';     -- 'run' or 'reprocess'
ALTER TABLE runs ADD COLUMN articles_skipped INTEGER;       -- unchanged since they were last coded
ALTER TABLE runs ADD COLUMN events_removed INTEGER;         -- no longer reported by a re-coded article
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN host VARCHAR;
