-- 1.3.0: users subscribe to other users.

CREATE TABLE subscriptions (
  subscriber_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (subscriber_id, author_id)
);

CREATE INDEX idx_subscriptions_author_id ON subscriptions (author_id);
