-- 1.5.0: give posts.title a length CHECK, which SQLite cannot add with ALTER TABLE.
-- The safe rebuild of the seed: create the new table, copy every row, drop the old one,
-- rename the new one, and recreate the old table's indexes. ratchet lint proves it keeps
-- every column, row and index (replaying 1.0.0-1.4.0), and migrate runs it with foreign
-- keys off and PRAGMA foreign_key_check before COMMIT (SQLite's 12-step procedure).
-- guard: dialect sqlite

CREATE TABLE temp_posts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title TEXT NOT NULL CHECK (length(title) <= 200),
  body TEXT NOT NULL DEFAULT '',
  published_at TIMESTAMP
);

INSERT INTO temp_posts (id, user_id, title, body, published_at)
SELECT id, user_id, title, body, published_at FROM posts;

DROP TABLE posts;

ALTER TABLE temp_posts RENAME TO posts;

CREATE INDEX idx_posts_user_id ON posts (user_id);

CREATE INDEX idx_posts_published_at ON posts (published_at);
