-- 1.1.0: posts written by users.

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  published_at TIMESTAMP
);

CREATE INDEX idx_posts_user_id ON posts (user_id);
