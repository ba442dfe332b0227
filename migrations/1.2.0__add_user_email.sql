-- 1.2.0: a new, nullable column: additive and safe on a live table.

ALTER TABLE users ADD COLUMN email TEXT;

CREATE UNIQUE INDEX idx_users_email ON users (email);
