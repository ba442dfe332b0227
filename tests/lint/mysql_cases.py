"""MySQL migration files written from real-world patterns, with the findings a careful reviewer expects.

Each case is ``(name, sql, expected)``: ``expected`` holds the ``(rule, line)`` of every error and
warning the file deserves (``mysql-implicit-commit`` aside, which every multi-statement DDL file
gets). Every file is linted after ``BASE``. The patterns: stored procedures with ``BEGIN ... END``
(the ``ADD COLUMN IF NOT EXISTS`` emulation of MySQL 5.7 histories), the ``PREPARE``/``EXECUTE``
idiom over ``information_schema``, ``ALTER TABLE ... MODIFY``/``CHANGE``, ``ALGORITHM=``/``LOCK=``,
table options, triggers, events and data fixes. Used by ``test_lint_mysql_cases.py`` and by
``bench/mysql_parser_measure.py`` (the word classifier against sqlglot's MySQL parser).
"""

from __future__ import annotations

BASE = """CREATE TABLE users (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(191) NOT NULL,
  name VARCHAR(100) NULL,
  status TINYINT NOT NULL DEFAULT 0,
  UNIQUE KEY uq_users_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE orders (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  total DECIMAL(10,2) NOT NULL DEFAULT 0,
  note VARCHAR(255),
  KEY idx_orders_user (user_id),
  CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
"""

CASES: list[tuple[str, str, set[tuple[str, int]]]] = [
    (
        "add_column_online",
        "ALTER TABLE users ADD COLUMN last_login DATETIME NULL AFTER status, ALGORITHM=INPLACE, LOCK=NONE;\n",
        set(),
    ),
    (
        "add_column_with_default",
        "ALTER TABLE users\n  ADD COLUMN is_admin TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'admin flag';\n",
        set(),
    ),
    (
        "add_not_null_no_default",
        "ALTER TABLE orders ADD COLUMN currency CHAR(3) NOT NULL;\n",
        {("add-not-null-without-default", 1)},
    ),
    ("add_index", "CREATE INDEX idx_users_name ON users (name);\n", set()),
    (
        "add_index_online",
        "ALTER TABLE users ADD INDEX idx_users_status (status), ALGORITHM=INPLACE, LOCK=NONE;\n",
        set(),
    ),
    ("add_unique", "ALTER TABLE users ADD UNIQUE KEY uq_users_name (name);\n", {("add-unique-to-existing", 1)}),
    (
        "add_fk",
        "ALTER TABLE orders ADD CONSTRAINT fk_orders_user2 FOREIGN KEY (user_id) REFERENCES users (id);\n",
        {("add-constraint-to-existing", 1)},
    ),
    ("modify_type", "ALTER TABLE users MODIFY COLUMN name VARCHAR(50) NULL;\n", {("alter-column-type", 1)}),
    ("modify_not_null", "ALTER TABLE orders MODIFY note VARCHAR(255) NOT NULL;\n", {("set-not-null", 1)}),
    ("change_rename", "ALTER TABLE users CHANGE COLUMN name full_name VARCHAR(100) NULL;\n", {("rename-column", 1)}),
    ("change_same_name", "ALTER TABLE users CHANGE name name VARCHAR(150) NULL;\n", set()),
    ("change_same_name_narrower", "ALTER TABLE users CHANGE name name VARCHAR(50) NULL;\n", {("alter-column-type", 1)}),
    ("drop_column", "ALTER TABLE orders DROP COLUMN note;\n", {("drop-column", 1)}),
    ("drop_fk", "ALTER TABLE orders DROP FOREIGN KEY fk_orders_user;\n", {("drop-constraint", 1)}),
    ("drop_index", "ALTER TABLE orders DROP INDEX idx_orders_user;\n", {("drop-index", 1)}),
    ("rename_table", "RENAME TABLE orders TO purchases;\n", {("rename-table", 1)}),
    ("alter_rename_table", "ALTER TABLE orders RENAME TO purchases;\n", {("rename-table", 1)}),
    ("rename_column", "ALTER TABLE users RENAME COLUMN name TO display_name;\n", {("rename-column", 1)}),
    ("set_default", "ALTER TABLE users ALTER COLUMN status SET DEFAULT 1;\n", set()),
    ("drop_default", "ALTER TABLE orders ALTER COLUMN total DROP DEFAULT;\n", {("drop-default", 1)}),
    (
        "new_table_then_changes",
        "CREATE TABLE coupons (\n  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,\n  code VARCHAR(32) NOT NULL\n)"
        " ENGINE=InnoDB;\nALTER TABLE coupons ADD COLUMN amount INT NOT NULL;\n"
        "ALTER TABLE coupons ADD UNIQUE KEY uq_coupons_code (code);\n",
        set(),
    ),
    (
        "create_if_not_exists_then_drop_column",
        "CREATE TABLE IF NOT EXISTS audit (id INT PRIMARY KEY, payload TEXT, legacy TEXT);\n"
        "ALTER TABLE audit DROP COLUMN legacy;\n",
        {("drop-column", 2)},
    ),
    (
        "drop_if_exists_brand_new",
        "DROP TABLE IF EXISTS report_cache;\nCREATE TABLE report_cache (k VARCHAR(64) PRIMARY KEY, v TEXT);\n",
        set(),
    ),
    (
        "drop_if_exists_existing",
        "DROP TABLE IF EXISTS orders;\nCREATE TABLE orders (id BIGINT PRIMARY KEY);\n",
        {("drop-table", 1)},
    ),
    (
        "procedure_add_column_if_missing",
        "CREATE PROCEDURE add_users_phone()\nBEGIN\n  IF NOT EXISTS (SELECT * FROM information_schema.columns\n"
        "    WHERE table_schema = DATABASE() AND table_name = 'users' AND column_name = 'phone') THEN\n"
        "    ALTER TABLE users ADD COLUMN phone VARCHAR(32) NULL;\n  END IF;\nEND;\n"
        "CALL add_users_phone();\nDROP PROCEDURE add_users_phone;\n",
        {("opaque-sql", 8)},
    ),
    (
        "procedure_with_loop",
        "CREATE PROCEDURE backfill_status()\nBEGIN\n  DECLARE done INT DEFAULT 0;\n"
        "  WHILE done = 0 DO\n    UPDATE users SET status = 1 WHERE status = 0 LIMIT 1000;\n"
        "    IF ROW_COUNT() = 0 THEN SET done = 1; END IF;\n  END WHILE;\nEND;\n",
        set(),
    ),
    (
        "prepare_execute_idiom",
        "SET @dbname = DATABASE();\nSET @exists = (SELECT COUNT(*) FROM information_schema.columns\n"
        "  WHERE table_schema = @dbname AND table_name = 'users' AND column_name = 'locale');\n"
        "SET @sql = IF(@exists = 0, 'ALTER TABLE users ADD COLUMN locale VARCHAR(8) NULL', 'SELECT 1');\n"
        "PREPARE stmt FROM @sql;\nEXECUTE stmt;\nDEALLOCATE PREPARE stmt;\n",
        {("opaque-sql", 5), ("opaque-sql", 6)},
    ),
    (
        "select_into_then_prepare",
        "SELECT COUNT(*) INTO @exist FROM information_schema.columns\n"
        "  WHERE table_schema = DATABASE() AND column_name = 'api_token' AND table_name = 'users';\n"
        "SET @q = IF(@exist <= 0, 'ALTER TABLE users ADD COLUMN api_token VARCHAR(255) NULL', 'SELECT 1');\n"
        "PREPARE s1 FROM @q;\nEXECUTE s1;\nDROP PREPARE s1;\n",
        {("opaque-sql", 4), ("opaque-sql", 5)},
    ),
    (
        "trigger_single_statement",
        "CREATE TRIGGER users_bi BEFORE INSERT ON users FOR EACH ROW SET NEW.status = IFNULL(NEW.status, 0);\n",
        set(),
    ),
    (
        "trigger_begin_end",
        "CREATE TRIGGER orders_au AFTER UPDATE ON orders FOR EACH ROW\nBEGIN\n  IF NEW.total <> OLD.total THEN\n"
        "    INSERT INTO order_log (order_id, total) VALUES (NEW.id, NEW.total);\n  END IF;\nEND;\n",
        set(),
    ),
    ("drop_trigger", "DROP TRIGGER IF EXISTS users_bi;\n", {("drop-trigger", 1)}),
    (
        "event",
        "CREATE EVENT purge_sessions ON SCHEDULE EVERY 1 DAY\n  DO DELETE FROM sessions WHERE expires_at < NOW();\n",
        set(),
    ),
    ("engine", "ALTER TABLE orders ENGINE=InnoDB;\n", set()),
    ("default_charset", "ALTER TABLE orders DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n", set()),
    (
        "convert_charset",
        "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n",
        {("alter-column-type", 1)},
    ),
    (
        "bulk_load_keys",
        "ALTER TABLE orders DISABLE KEYS;\nINSERT INTO orders (user_id, total) VALUES (1, 5.00);\n"
        "ALTER TABLE orders ENABLE KEYS;\n",
        set(),
    ),
    ("backfill_with_where", "UPDATE users SET status = 1 WHERE status IS NULL;\n", set()),
    ("update_all", "UPDATE orders SET note = NULL;\n", {("update-without-where", 1)}),
    ("delete_all", "DELETE FROM orders;\n", {("delete-without-where", 1)}),
    ("truncate", "TRUNCATE TABLE orders;\n", {("truncate", 1)}),
    ("insert_ignore", "INSERT IGNORE INTO users (email, name) VALUES ('a@x', 'a');\n", set()),
    ("replace_into", "REPLACE INTO users (id, email) VALUES (1, 'a@x');\n", {("replace-into", 1)}),
    (
        "upsert",
        "INSERT INTO users (id, email) VALUES (1, 'a@x') ON DUPLICATE KEY UPDATE email = VALUES(email);\n",
        set(),
    ),
    (
        "drop_primary_key",
        "ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, user_id);\n",
        {("drop-constraint", 1), ("add-unique-to-existing", 1)},
    ),
    ("drop_view", "DROP VIEW IF EXISTS active_users;\n", {("drop-view", 1)}),
    (
        "replace_view",
        "CREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users WHERE status = 1;\n",
        set(),
    ),
    ("drop_database", "DROP DATABASE legacy;\n", {("drop-schema", 1)}),
    ("grant", "GRANT SELECT ON app.* TO 'reporting'@'%';\n", set()),
    # an executable comment is the SQL in it: the server runs it (ratchet sends it, as the mysql client
    # does), and the lint judges what it holds
    (
        "executable_comment",
        "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n",
        set(),
    ),
    ("executable_comment_drop", "/*!50003 DROP TABLE users */;\n", {("drop-table", 1)}),
]
