-- 1.6.0: the feed now reads subscriptions by subscriber only; the author index is unused.
-- guard: allow drop-index:idx_subscriptions_author_id reason="unused since the feed rewrite; measured: no query plan uses it"

ALTER TABLE subscriptions ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;

DROP INDEX idx_subscriptions_author_id;
