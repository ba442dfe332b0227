# ruff: noqa: E501  (generated MODIFY statements keep their long lines, as real histories have them)
"""Realistic MySQL migration histories with the error findings a reviewer expects.

Written for ratchet after the patterns of public Flyway and golang-migrate MySQL histories
(backticked dumps with table options, ``MODIFY`` that restates a column with its charset,
comment and position, enum values appended, ``CHANGE`` renames, ``LOCK TABLES`` around data,
multi-table ``UPDATE ... JOIN``), not copied from any. Each history is a list of files
``(name, sql, expected)`` where ``expected`` is the set of ``(rule, line)`` error findings.
Used by ``test_lint_mysql_corpus.py``, which measures precision and recall of error findings.
"""

from __future__ import annotations

from history_corpus import History, union
from mysql_audit_histories import AUDIT_HISTORIES
from mysql_orm_histories import HISTORIES as ORM_HISTORIES

STORE: History = [
    (
        "1.0.0__init.sql",
        """SET NAMES utf8mb4;
CREATE TABLE `customers` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(120) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `full_name` varchar(100) DEFAULT NULL COMMENT 'as typed',
  `phone` varchar(30) DEFAULT NULL,
  `notes` text,
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_customers_email` (`email`)
) ENGINE=InnoDB AUTO_INCREMENT=1 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE `orders` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `customer_id` int unsigned NOT NULL,
  `state` enum('new','paid','sent') NOT NULL DEFAULT 'new',
  `total` decimal(10,2) NOT NULL DEFAULT '0.00',
  `coupon` varchar(20) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_orders_customer` (`customer_id`),
  KEY `idx_orders_state` (`state`),
  CONSTRAINT `fk_orders_customer` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""",
        set(),
    ),
    (
        "1.1.0__widen_names.sql",
        """ALTER TABLE `customers`
    MODIFY COLUMN `full_name` varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL DEFAULT NULL COMMENT 'as typed' AFTER `email`,
    MODIFY COLUMN `email` varchar(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL;
""",
        set(),
    ),
    (
        "1.2.0__order_columns.sql",
        """ALTER TABLE orders ADD COLUMN (shipped_at datetime NULL, tracking varchar(64) NULL);
ALTER TABLE orders ADD COLUMN currency char(3) NOT NULL DEFAULT 'EUR' AFTER total, ALGORITHM=INSTANT;
""",
        set(),
    ),
    (
        "1.3.0__state_cancelled.sql",
        "ALTER TABLE orders MODIFY state enum('new','paid','sent','cancelled') NOT NULL DEFAULT 'new';\n",
        set(),
    ),
    (
        "1.4.0__order_channel.sql",
        """ALTER TABLE orders ADD COLUMN channel varchar(20) NULL;
UPDATE orders SET channel = 'web' WHERE channel IS NULL;
ALTER TABLE orders MODIFY channel varchar(20) NOT NULL;
""",
        {("add-not-null-without-default", 3)},
    ),
    (
        "1.5.0__phone_required.sql",
        """UPDATE customers SET phone = '' WHERE phone IS NULL;
ALTER TABLE customers MODIFY phone varchar(30) NOT NULL DEFAULT '';
""",
        {("set-not-null", 2)},
    ),
    (
        "1.6.0__shorter_coupon.sql",
        "ALTER TABLE orders MODIFY coupon varchar(12) DEFAULT NULL;\n",
        {("alter-column-type", 1)},
    ),
    (
        "1.7.0__bigint_ids.sql",
        """ALTER TABLE orders DROP FOREIGN KEY fk_orders_customer;
ALTER TABLE customers MODIFY id bigint unsigned NOT NULL AUTO_INCREMENT;
ALTER TABLE orders MODIFY customer_id bigint unsigned NOT NULL;
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);
""",
        set(),
    ),
    (
        "1.8.0__data_fixes.sql",
        """UPDATE orders o JOIN customers c ON c.id = o.customer_id SET o.coupon = NULL;
DELETE FROM orders WHERE state = 'new' AND total = 0;
INSERT IGNORE INTO customers (email, phone) VALUES ('ops@example.test', '');
""",
        set(),
    ),
    (
        "1.9.0__rename_full_name.sql",
        "ALTER TABLE customers CHANGE COLUMN full_name display_name varchar(255) NULL;\n",
        {("rename-column", 1)},
    ),
    (
        "1.10.0__drop_notes.sql",
        """ALTER TABLE customers DROP COLUMN notes;
ALTER TABLE orders DROP INDEX idx_orders_state;
""",
        {("drop-column", 1)},
    ),
    (
        "1.11.0__seed_currencies.sql",
        """CREATE TABLE currencies (code char(3) NOT NULL PRIMARY KEY, name varchar(40) NOT NULL) ENGINE=InnoDB;
LOCK TABLES `currencies` WRITE;
INSERT INTO `currencies` VALUES ('EUR','Euro'),('USD','US dollar');
UNLOCK TABLES;
""",
        # table locks stop ratchet's progress record after each statement: the file cannot run as it is
        {("transaction-control", 2), ("transaction-control", 4)},
    ),
    (
        "1.12.0__order_source.sql",
        """ALTER TABLE orders ADD COLUMN source varchar(10) NOT NULL DEFAULT 'web';
ALTER TABLE orders ALTER COLUMN source DROP DEFAULT;
""",
        {("add-not-null-without-default", 2)},
    ),
    (
        "1.13.0__restate_total.sql",
        "ALTER TABLE orders MODIFY total decimal(12,2);\n",
        set(),
    ),
    (
        "1.14.0__hide_index.sql",
        "ALTER TABLE customers ALTER INDEX uq_customers_email IGNORED;\n",
        set(),
    ),
    (
        "1.15.0__drop_state_sent.sql",
        """UPDATE orders SET state = 'paid' WHERE state = 'sent';
ALTER TABLE orders MODIFY state enum('new','paid','cancelled') NOT NULL DEFAULT 'new';
""",
        {("alter-column-type", 2)},
    ),
    (
        "1.16.0__reset_tracking.sql",
        "UPDATE orders SET tracking = NULL;\n",
        {("update-without-where", 1)},
    ),
    (
        "1.17.0__phone_is_short.sql",
        "ALTER TABLE customers MODIFY phone varchar(20) NOT NULL DEFAULT '';\n",
        {("alter-column-type", 1)},
    ),
]

BLOG: History = [
    (
        "1.0.0__create_tables.sql",
        """create table if not exists users (
  id int(11) not null auto_increment primary key,
  username varchar(50) not null,
  bio varchar(500) null,
  karma int(11) not null default 0,
  is_admin tinyint(1) not null default 0
);
create table if not exists posts (
  id int(11) not null auto_increment,
  user_id int(11) not null,
  title varchar(200) not null,
  body text,
  primary key (id),
  index posts_user_id (user_id)
);
""",
        set(),
    ),
    ("1.1.0__longer_titles.sql", "alter table posts modify column title varchar(255) not null;\n", set()),
    ("1.2.0__body_mediumtext.sql", "alter table posts modify body mediumtext;\n", set()),
    (
        "1.3.0__admin_boolean.sql",
        "alter table users modify is_admin boolean not null default false;\n",
        set(),
    ),
    (
        "1.4.0__karma_unsigned.sql",
        "alter table users modify karma int(10) unsigned not null default 0;\n",
        {("alter-column-type", 1)},
    ),
    (
        "1.5.0__rename_body.sql",
        "alter table posts change body content mediumtext null;\n",
        {("rename-column", 1)},
    ),
    (
        "1.6.0__published.sql",
        """alter table posts add published tinyint(1) null;
update posts set published = 1;
alter table posts change published published tinyint(1) not null default 1;
""",
        set(),
    ),
    (
        "1.7.0__bio_required.sql",
        "alter table users modify bio varchar(500) not null;\n",
        {("set-not-null", 1)},
    ),
    (
        "1.8.0__drop_posts.sql",
        "drop table posts;\n",
        {("drop-table", 1)},
    ),
    (
        "1.9.0__accounts.sql",
        "rename table users to accounts;\n",
        {("rename-table", 1)},
    ),
]

# The utf8 to utf8mb4 conversion many MySQL histories went through, with views and events.
EMOJI: History = [
    (
        "1.0.0__posts.sql",
        """CREATE TABLE posts (
  id INT AUTO_INCREMENT PRIMARY KEY,
  title VARCHAR(191) CHARACTER SET utf8 COLLATE utf8_general_ci NOT NULL,
  body TEXT CHARACTER SET utf8,
  views INT UNSIGNED NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE VIEW popular_posts AS SELECT id, title FROM posts WHERE views > 100;
CREATE EVENT reset_negative_views ON SCHEDULE EVERY 1 DAY DO UPDATE posts SET views = 0 WHERE views > 1000000;
""",
        set(),
    ),
    (
        "1.1.0__utf8mb4.sql",
        """ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
ALTER TABLE posts MODIFY title VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL;
ALTER TABLE posts MODIFY body TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
""",
        # utf8_general_ci to utf8mb4_unicode_ci compares otherwise ('strasse' and 'straße' collide)
        {("alter-column-type", 2), ("alter-column-type", 3)},
    ),
    (
        "1.2.0__popular_views.sql",
        "ALTER VIEW popular_posts AS SELECT id, title, views FROM posts WHERE views > 100;\nFLUSH PRIVILEGES;\n",
        set(),
    ),
    ("1.3.0__event_schedule.sql", "ALTER EVENT reset_negative_views ON SCHEDULE EVERY 2 DAY;\n", set()),
    (
        "1.4.0__signed_views.sql",
        "ALTER TABLE posts MODIFY views INT NOT NULL DEFAULT 0;\n",
        {("alter-column-type", 1)},
    ),
    (
        "1.5.0__title_latin1.sql",
        "ALTER TABLE posts MODIFY title VARCHAR(191) CHARACTER SET latin1 NOT NULL;\n",
        {("alter-column-type", 1)},
    ),
]

HISTORIES: dict[str, History] = union({"store": STORE, "blog": BLOG, "emoji": EMOJI}, ORM_HISTORIES, AUDIT_HISTORIES)
