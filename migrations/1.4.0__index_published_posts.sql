-- 1.4.0: index the feed query. The guard refuses to run on a database that lacks
-- the posts table (for example one restored from a backup older than 1.1.0).
-- guard: require SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'posts'
-- guard: dialect sqlite

CREATE INDEX idx_posts_published_at ON posts (published_at);
