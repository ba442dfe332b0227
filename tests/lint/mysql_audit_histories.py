# ruff: noqa: E501  (generated statements keep their long lines, as real histories have them)
"""Eight MySQL/MariaDB histories written blind (every expected error decided before the lint ran).

Written for ratchet after the patterns of public histories, not copied from any: a Laravel shop
that starts from ``schema:dump`` (mysqldump's executable comments, ``DROP TABLE IF EXISTS`` before
each table, the ``migrations`` rows) followed by the lower-case statements Laravel's grammar writes
(``add`` and ``drop`` without ``COLUMN``, ``modify``, ``rename column``, ``after``); a Symfony CMS in
Doctrine's MySQL output (``CHANGE x x`` restating a column to add a ``(DC2Type:...)`` comment,
``DROP FOREIGN KEY`` / ``RENAME INDEX`` around a column rename, ``LONGTEXT`` to ``JSON``); a Rails
help desk on MySQL (``structure.sql``, ``add_reference`` with ``null: false``, ``change_column_null``
as ``CHANGE``, ``add_timestamps``, enum columns reordered); golang-migrate up files of a metrics
service (``CREATE TABLE IF NOT EXISTS``, generated columns, ``ON UPDATE CURRENT_TIMESTAMP``,
``ALGORITHM=INPLACE, LOCK=NONE`` / ``INSTANT``, ``CONVERT TO CHARACTER SET``, ``DROP COLUMN IF
EXISTS``); a Flyway HR database (helper procedures made, called and dropped in every file,
``PREPARE``/``EXECUTE`` over ``information_schema``, ``utf8`` to ``utf8mb4``, ``SET`` and ``ENUM``
changes, triggers, events, functions); a Prisma inventory (primary keys redefined, ``DEFAULT
(uuid())``); sqlx files (``-- Add migration script here``); and, in a second blind round, a
hand-written MariaDB history (``CREATE OR REPLACE TABLE``, ``CHECK (c IS NOT NULL)``, ``ALTER TABLE
IF EXISTS``, ``ALTER ONLINE``, ``WAIT n``, sequences, ``RENAME TABLE`` of two tables, ``ADD (...)``,
``FIRST``, ``CHANGE COLUMN IF EXISTS``, ``WHERE 1``). Each history is a list of files
``(name, sql, expected)``; findings are written as the rule and a piece of text found on exactly
one line of the file, which gives its line.
"""

from __future__ import annotations

from history_corpus import History
from pg_orm_histories import numbered

LARAVEL_SHOP: History = numbered(
    [
        (
            "schema_dump",
            """/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;
DROP TABLE IF EXISTS `failed_jobs`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `failed_jobs` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `uuid` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `connection` text COLLATE utf8mb4_unicode_ci NOT NULL,
  `queue` text COLLATE utf8mb4_unicode_ci NOT NULL,
  `payload` longtext COLLATE utf8mb4_unicode_ci NOT NULL,
  `exception` longtext COLLATE utf8mb4_unicode_ci NOT NULL,
  `failed_at` timestamp NOT NULL DEFAULT current_timestamp(),
  PRIMARY KEY (`id`),
  UNIQUE KEY `failed_jobs_uuid_unique` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `migrations`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `migrations` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `migration` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `batch` int(11) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=9 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `users`;
CREATE TABLE `users` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `email` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `email_verified_at` timestamp NULL DEFAULT NULL,
  `password` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `remember_token` varchar(100) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `users_email_unique` (`email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
DROP TABLE IF EXISTS `password_resets`;
CREATE TABLE `password_resets` (
  `email` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `token` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  KEY `password_resets_email_index` (`email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
DROP TABLE IF EXISTS `sessions`;
CREATE TABLE `sessions` (
  `id` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `user_id` bigint(20) unsigned DEFAULT NULL,
  `ip_address` varchar(45) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `user_agent` text COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `payload` longtext COLLATE utf8mb4_unicode_ci NOT NULL,
  `last_activity` int(11) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `sessions_user_id_index` (`user_id`),
  KEY `sessions_last_activity_index` (`last_activity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
DROP TABLE IF EXISTS `products`;
CREATE TABLE `products` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `description` varchar(255) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `price` decimal(8,2) NOT NULL,
  `legacy_sku` varchar(64) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `weight` int(11) DEFAULT NULL,
  `dimensions` varchar(64) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
DROP TABLE IF EXISTS `orders`;
CREATE TABLE `orders` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `user_id` bigint(20) unsigned NOT NULL,
  `total` decimal(10,2) NOT NULL DEFAULT 0.00,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `orders_user_id_index` (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
DROP TABLE IF EXISTS `order_items`;
CREATE TABLE `order_items` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `order_id` bigint(20) unsigned NOT NULL,
  `product_id` bigint(20) unsigned NOT NULL,
  `quantity` int(11) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `order_items_order_id_index` (`order_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;
INSERT INTO `migrations` VALUES (1,'2014_10_12_000000_create_users_table',1);
INSERT INTO `migrations` VALUES (2,'2014_10_12_100000_create_password_resets_table',1);
INSERT INTO `migrations` VALUES (3,'2019_08_19_000000_create_failed_jobs_table',1);
INSERT INTO `migrations` VALUES (4,'2021_03_02_101500_create_products_table',2);
""",
            (),
        ),
        (
            "create_personal_access_tokens_table",
            """create table `personal_access_tokens` (`id` bigint unsigned not null auto_increment primary key, `tokenable_type` varchar(255) not null, `tokenable_id` bigint unsigned not null, `name` varchar(255) not null, `token` varchar(64) not null, `abilities` text null, `last_used_at` timestamp null, `created_at` timestamp null, `updated_at` timestamp null) default character set utf8mb4 collate 'utf8mb4_unicode_ci';
alter table `personal_access_tokens` add index `personal_access_tokens_tokenable_type_tokenable_id_index`(`tokenable_type`, `tokenable_id`);
alter table `personal_access_tokens` add unique `personal_access_tokens_token_unique`(`token`);
""",
            (),
        ),
        (
            "add_phone_to_users",
            "alter table `users` add `phone` varchar(255) null after `email`;\n",
            (),
        ),
        (
            "add_stock_to_products",
            "alter table `products` add `stock` int unsigned not null default '0' after `price`;\n",
            (),
        ),
        (
            "add_status_to_orders",
            """alter table `orders` add `shipped_at` timestamp null;
alter table `orders` add `status` varchar(255) not null;
""",
            (("add-not-null-without-default", "add `status`"),),
        ),
        (
            "shorten_user_name",
            "alter table `users` modify `name` varchar(100) not null;\n",
            (("alter-column-type", "modify `name`"),),
        ),
        (
            "product_description_text",
            "alter table `products` modify `description` text null;\n",
            (),
        ),
        (
            "orders_user_foreign",
            "alter table `orders` add constraint `orders_user_id_foreign` foreign key (`user_id`) references `users` (`id`) on delete cascade;\n",
            (),
        ),
        (
            "unique_user_phone",
            "alter table `users` add unique `users_phone_unique`(`phone`);\n",
            (),
        ),
        (
            "rename_phone",
            "alter table `users` rename column `phone` to `phone_number`;\n",
            (("rename-column", "rename column"),),
        ),
        (
            "drop_orders_user_foreign",
            "alter table `orders` drop foreign key `orders_user_id_foreign`;\n",
            (),
        ),
        (
            "drop_legacy_sku",
            "alter table `products` drop `legacy_sku`;\n",
            (("drop-column", "drop `legacy_sku`"),),
        ),
        (
            "drop_product_measures",
            "alter table `products` drop `weight`, drop `dimensions`;\n",
            (("drop-column", "drop `weight`"),),
        ),
        (
            "create_categories_table",
            """create table `categories` (`id` bigint unsigned not null auto_increment primary key, `name` varchar(255) not null, `parent_id` bigint unsigned null, `created_at` timestamp null, `updated_at` timestamp null) default character set utf8mb4 collate 'utf8mb4_unicode_ci';
alter table `products` add `category_id` bigint unsigned null after `id`;
alter table `products` add constraint `products_category_id_foreign` foreign key (`category_id`) references `categories` (`id`) on delete set null;
""",
            (),
        ),
        (
            "default_order_status",
            "alter table `orders` modify `status` varchar(255) not null default 'pending';\n",
            (),
        ),
        (
            "unsigned_quantity",
            "alter table `order_items` modify `quantity` int unsigned not null;\n",
            (("alter-column-type", "modify `quantity`"),),
        ),
        (
            "add_is_admin_to_users",
            "alter table `users` add `is_admin` tinyint(1) not null default '0';\n",
            (),
        ),
        (
            "orders_total_in_cents",
            """alter table `orders` add `total_cents` bigint not null default '0';
update `orders` set `total_cents` = round(`total` * 100);
alter table `orders` drop `total`;
""",
            (("drop-column", "drop `total`"),),
        ),
        (
            "products_fulltext",
            "alter table `products` add fulltext `products_name_description_fulltext`(`name`, `description`);\n",
            (),
        ),
        (
            "email_verified_datetime",
            "alter table `users` modify `email_verified_at` datetime null;\n",
            (("alter-column-type", "modify `email_verified_at`"),),
        ),
        (
            "rename_order_items",
            "rename table `order_items` to `order_lines`;\n",
            (("rename-table", "rename table"),),
        ),
        (
            "comment_remember_token",
            "alter table `users` modify `remember_token` varchar(100) null default null comment 'session token';\n",
            (),
        ),
        (
            "wider_price",
            "alter table `products` modify `price` decimal(12, 2) not null;\n",
            (),
        ),
        (
            "price_four_decimals",
            "alter table `products` modify `price` decimal(12, 4) not null;\n",
            (("alter-column-type", "modify `price`"),),
        ),
        (
            "create_product_tag_table",
            """create table `tags` (`id` bigint unsigned not null auto_increment primary key, `name` varchar(50) not null) default character set utf8mb4 collate 'utf8mb4_unicode_ci';
create table `product_tag` (`product_id` bigint unsigned not null, `tag_id` bigint unsigned not null, primary key (`product_id`, `tag_id`)) default character set utf8mb4 collate 'utf8mb4_unicode_ci';
alter table `product_tag` add constraint `product_tag_product_id_foreign` foreign key (`product_id`) references `products` (`id`) on delete cascade;
alter table `product_tag` add constraint `product_tag_tag_id_foreign` foreign key (`tag_id`) references `tags` (`id`) on delete cascade;
""",
            (),
        ),
        (
            "drop_password_resets",
            "drop table if exists `password_resets`;\n",
            (("drop-table", "drop table"),),
        ),
        (
            "create_password_reset_tokens_table",
            "create table `password_reset_tokens` (`email` varchar(255) not null, `token` varchar(255) not null, `created_at` timestamp null, primary key (`email`)) default character set utf8mb4 collate 'utf8mb4_unicode_ci';\n",
            (),
        ),
        (
            "user_settings",
            "alter table `users` add `settings` json null;\n",
            (),
        ),
        (
            "session_user_agent",
            "alter table `sessions` modify `user_agent` mediumtext null;\n",
            (),
        ),
        (
            "clear_failed_jobs",
            "delete from `failed_jobs`;\n",
            (("delete-without-where", "delete from"),),
        ),
        (
            "reset_tokens",
            "truncate table `personal_access_tokens`;\n",
            (("truncate", "truncate"),),
        ),
        (
            "orders_status_index",
            "alter table `orders` add index `orders_status_created_at_index`(`status`, `created_at`);\n",
            (),
        ),
        (
            "staff_admins",
            "update `users` set `is_admin` = 1 where `email` like '%@shop.test';\n",
            (),
        ),
        (
            "phone_required",
            "alter table `users` modify `phone_number` varchar(255) not null default '';\n",
            (("set-not-null", "modify `phone_number`"),),
        ),
    ]
)

DOCTRINE_CMS: History = numbered(
    [
        (
            "init",
            """CREATE TABLE `user` (id INT AUTO_INCREMENT NOT NULL, email VARCHAR(180) NOT NULL, roles LONGTEXT NOT NULL COMMENT '(DC2Type:array)', password VARCHAR(255) NOT NULL, UNIQUE INDEX UNIQ_8D93D649E7927C74 (email), PRIMARY KEY(id)) DEFAULT CHARACTER SET utf8mb4 COLLATE `utf8mb4_unicode_ci` ENGINE = InnoDB;
CREATE TABLE article (id INT AUTO_INCREMENT NOT NULL, author_id INT NOT NULL, title VARCHAR(255) NOT NULL, slug VARCHAR(255) NOT NULL, body LONGTEXT NOT NULL, published_at DATETIME DEFAULT NULL COMMENT '(DC2Type:datetime_immutable)', created_at DATETIME NOT NULL, UNIQUE INDEX UNIQ_23A0E66989D9B62 (slug), INDEX IDX_23A0E66F675F31B (author_id), PRIMARY KEY(id)) DEFAULT CHARACTER SET utf8mb4 COLLATE `utf8mb4_unicode_ci` ENGINE = InnoDB;
CREATE TABLE comment (id INT AUTO_INCREMENT NOT NULL, article_id INT NOT NULL, author_name VARCHAR(100) NOT NULL, content LONGTEXT NOT NULL, is_approved TINYINT(1) NOT NULL, INDEX IDX_9474526C7294869C (article_id), PRIMARY KEY(id)) DEFAULT CHARACTER SET utf8mb4 COLLATE `utf8mb4_unicode_ci` ENGINE = InnoDB;
CREATE TABLE messenger_messages (id BIGINT AUTO_INCREMENT NOT NULL, body LONGTEXT NOT NULL, headers LONGTEXT NOT NULL, queue_name VARCHAR(190) NOT NULL, created_at DATETIME NOT NULL, available_at DATETIME NOT NULL, delivered_at DATETIME DEFAULT NULL, INDEX IDX_75EA56E0FB7336F0 (queue_name), INDEX IDX_75EA56E0E3BD61CE (available_at), INDEX IDX_75EA56E016BA31DB (delivered_at), PRIMARY KEY(id)) DEFAULT CHARACTER SET utf8mb4 COLLATE `utf8mb4_unicode_ci` ENGINE = InnoDB;
ALTER TABLE article ADD CONSTRAINT FK_23A0E66F675F31B FOREIGN KEY (author_id) REFERENCES `user` (id);
ALTER TABLE comment ADD CONSTRAINT FK_9474526C7294869C FOREIGN KEY (article_id) REFERENCES article (id);
""",
            (),
        ),
        (
            "article_summary",
            "ALTER TABLE article ADD summary VARCHAR(500) DEFAULT NULL;\n",
            (),
        ),
        (
            "article_created_immutable",
            "ALTER TABLE article CHANGE created_at created_at DATETIME NOT NULL COMMENT '(DC2Type:datetime_immutable)';\n",
            (),
        ),
        (
            "roles_json",
            "ALTER TABLE `user` CHANGE roles roles JSON NOT NULL;\n",
            (("alter-column-type", "CHANGE roles roles"),),
        ),
        (
            "tags",
            """CREATE TABLE tag (id INT AUTO_INCREMENT NOT NULL, name VARCHAR(50) NOT NULL, PRIMARY KEY(id)) DEFAULT CHARACTER SET utf8mb4 COLLATE `utf8mb4_unicode_ci` ENGINE = InnoDB;
CREATE TABLE article_tag (article_id INT NOT NULL, tag_id INT NOT NULL, INDEX IDX_919694F97294869C (article_id), INDEX IDX_919694F9BAD26311 (tag_id), PRIMARY KEY(article_id, tag_id)) DEFAULT CHARACTER SET utf8mb4 COLLATE `utf8mb4_unicode_ci` ENGINE = InnoDB;
ALTER TABLE article_tag ADD CONSTRAINT FK_919694F97294869C FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE;
ALTER TABLE article_tag ADD CONSTRAINT FK_919694F9BAD26311 FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE;
""",
            (),
        ),
        (
            "comment_author_email",
            "ALTER TABLE comment ADD author_email VARCHAR(180) NOT NULL;\n",
            (("add-not-null-without-default", "ADD author_email"),),
        ),
        (
            "comment_cascade",
            """ALTER TABLE comment DROP FOREIGN KEY FK_9474526C7294869C;
ALTER TABLE comment ADD CONSTRAINT FK_9474526C7294869C FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE;
""",
            (),
        ),
        (
            "article_writer",
            """ALTER TABLE article DROP FOREIGN KEY FK_23A0E66F675F31B;
ALTER TABLE article CHANGE author_id writer_id INT NOT NULL;
ALTER TABLE article ADD CONSTRAINT FK_23A0E661BC7E6B6 FOREIGN KEY (writer_id) REFERENCES `user` (id);
ALTER TABLE article RENAME INDEX idx_23a0e66f675f31b TO IDX_23A0E661BC7E6B6;
""",
            (("rename-column", "CHANGE author_id writer_id"),),
        ),
        (
            "comment_approved_default",
            "ALTER TABLE comment CHANGE is_approved is_approved TINYINT(1) DEFAULT 0 NOT NULL;\n",
            (),
        ),
        (
            "article_summary_shorter",
            "ALTER TABLE article CHANGE summary summary VARCHAR(255) DEFAULT NULL;\n",
            (("alter-column-type", "CHANGE summary summary"),),
        ),
        (
            "article_cover",
            """CREATE TABLE media (id INT AUTO_INCREMENT NOT NULL, path VARCHAR(255) NOT NULL, size INT NOT NULL, PRIMARY KEY(id)) DEFAULT CHARACTER SET utf8mb4 COLLATE `utf8mb4_unicode_ci` ENGINE = InnoDB;
ALTER TABLE article ADD cover_id INT DEFAULT NULL;
ALTER TABLE article ADD CONSTRAINT FK_23A0E66922726E9 FOREIGN KEY (cover_id) REFERENCES media (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX UNIQ_23A0E66922726E9 ON article (cover_id);
""",
            (),
        ),
        (
            "user_verified",
            "ALTER TABLE `user` ADD is_verified TINYINT(1) NOT NULL;\n",
            (("add-not-null-without-default", "ADD is_verified"),),
        ),
        (
            "messenger_immutable_dates",
            "ALTER TABLE messenger_messages CHANGE created_at created_at DATETIME NOT NULL COMMENT '(DC2Type:datetime_immutable)', CHANGE available_at available_at DATETIME NOT NULL COMMENT '(DC2Type:datetime_immutable)', CHANGE delivered_at delivered_at DATETIME DEFAULT NULL COMMENT '(DC2Type:datetime_immutable)';\n",
            (),
        ),
        (
            "user_identifier_index",
            """DROP INDEX UNIQ_8D93D649E7927C74 ON `user`;
CREATE UNIQUE INDEX UNIQ_IDENTIFIER_EMAIL ON `user` (email);
""",
            (),
        ),
        (
            "comment_drop_author_name",
            "ALTER TABLE comment DROP author_name;\n",
            (("drop-column", "DROP author_name"),),
        ),
        (
            "article_status",
            "ALTER TABLE article ADD status VARCHAR(20) DEFAULT 'draft' NOT NULL;\n",
            (),
        ),
        (
            "article_status_no_default",
            "ALTER TABLE article CHANGE status status VARCHAR(20) NOT NULL;\n",
            (),
        ),
        (
            "drop_article_tag",
            """ALTER TABLE article_tag DROP FOREIGN KEY FK_919694F97294869C;
ALTER TABLE article_tag DROP FOREIGN KEY FK_919694F9BAD26311;
DROP TABLE article_tag;
""",
            (("drop-table", "DROP TABLE article_tag"),),
        ),
        (
            "tag_name_longer",
            "ALTER TABLE tag CHANGE name name VARCHAR(64) NOT NULL;\n",
            (),
        ),
        (
            "reset_password_request",
            """CREATE TABLE reset_password_request (id INT AUTO_INCREMENT NOT NULL, user_id INT NOT NULL, selector VARCHAR(20) NOT NULL, hashed_token VARCHAR(100) NOT NULL, requested_at DATETIME NOT NULL COMMENT '(DC2Type:datetime_immutable)', expires_at DATETIME NOT NULL COMMENT '(DC2Type:datetime_immutable)', INDEX IDX_7CE748AA76ED395 (user_id), PRIMARY KEY(id)) DEFAULT CHARACTER SET utf8mb4 COLLATE `utf8mb4_unicode_ci` ENGINE = InnoDB;
ALTER TABLE reset_password_request ADD CONSTRAINT FK_7CE748AA76ED395 FOREIGN KEY (user_id) REFERENCES `user` (id);
""",
            (),
        ),
        (
            "user_created_at",
            """ALTER TABLE `user` ADD created_at DATETIME DEFAULT NULL COMMENT '(DC2Type:datetime_immutable)';
UPDATE `user` SET created_at = NOW();
ALTER TABLE `user` CHANGE created_at created_at DATETIME NOT NULL COMMENT '(DC2Type:datetime_immutable)';
""",
            (("add-not-null-without-default", "CHANGE created_at created_at"),),
        ),
        (
            "media_size_bigint",
            "ALTER TABLE media CHANGE size size BIGINT NOT NULL;\n",
            (),
        ),
        (
            "comment_content_body",
            "ALTER TABLE comment CHANGE content body LONGTEXT NOT NULL;\n",
            (("rename-column", "CHANGE content body"),),
        ),
        (
            "drop_reset_password_request",
            """ALTER TABLE reset_password_request DROP FOREIGN KEY FK_7CE748AA76ED395;
DROP TABLE reset_password_request;
""",
            (("drop-table", "DROP TABLE reset_password_request"),),
        ),
        (
            "user_email_longer",
            "ALTER TABLE `user` CHANGE email email VARCHAR(255) NOT NULL;\n",
            (),
        ),
        (
            "article_published_micro",
            "ALTER TABLE article CHANGE published_at published_at DATETIME(6) DEFAULT NULL COMMENT '(DC2Type:datetime_immutable)';\n",
            (),
        ),
        (
            "comment_article_slug",
            """ALTER TABLE comment ADD article_slug VARCHAR(255) DEFAULT NULL;
UPDATE comment c INNER JOIN article a ON a.id = c.article_id SET c.article_slug = a.slug;
""",
            (),
        ),
        (
            "messenger_queue_restated",
            "ALTER TABLE messenger_messages CHANGE queue_name queue_name VARCHAR(190) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;\n",
            (),
        ),
    ]
)

RAILS_HELPDESK: History = numbered(
    [
        (
            "structure",
            """/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `ar_internal_metadata` (
  `key` varchar(255) NOT NULL,
  `value` varchar(255) DEFAULT NULL,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  PRIMARY KEY (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
/*!40101 SET character_set_client = @saved_cs_client */;
CREATE TABLE `schema_migrations` (
  `version` varchar(255) NOT NULL,
  PRIMARY KEY (`version`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `accounts` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `name` varchar(255) NOT NULL,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `agents` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `account_id` bigint NOT NULL,
  `name` varchar(255) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `index_agents_on_account_id` (`account_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `tickets` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `account_id` bigint NOT NULL,
  `subject` varchar(255) NOT NULL,
  `body` text,
  `priority` int DEFAULT '0',
  `state` varchar(255) DEFAULT 'open',
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `index_tickets_on_account_id` (`account_id`),
  CONSTRAINT `fk_rails_1a2b3c4d5e` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `legacy_imports` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `payload` text,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO `schema_migrations` (version) VALUES
('20230101000001'),
('20230105000002');
""",
            (),
        ),
        (
            "add_agent_to_tickets",
            """ALTER TABLE `tickets` ADD `agent_id` bigint NOT NULL;
CREATE INDEX `index_tickets_on_agent_id` ON `tickets` (`agent_id`);
ALTER TABLE `tickets` ADD CONSTRAINT `fk_rails_9f8e7d6c5b` FOREIGN KEY (`agent_id`) REFERENCES `agents` (`id`);
""",
            (("add-not-null-without-default", "ADD `agent_id`"),),
        ),
        (
            "add_closed_at_to_tickets",
            "ALTER TABLE `tickets` ADD `closed_at` datetime(6);\n",
            (),
        ),
        (
            "priority_not_null",
            "ALTER TABLE `tickets` CHANGE `priority` `priority` int DEFAULT 0 NOT NULL;\n",
            (("set-not-null", "CHANGE `priority`"),),
        ),
        (
            "state_default_new",
            "ALTER TABLE `tickets` ALTER COLUMN `state` SET DEFAULT 'new';\n",
            (),
        ),
        (
            "add_settings_to_accounts",
            "ALTER TABLE `accounts` ADD `settings` json;\n",
            (),
        ),
        (
            "add_timestamps_to_agents",
            "ALTER TABLE `agents` ADD `created_at` datetime(6) NOT NULL, ADD `updated_at` datetime(6) NOT NULL;\n",
            (("add-not-null-without-default", "ADD `created_at`"),),
        ),
        (
            "rename_body_to_description",
            "ALTER TABLE `tickets` RENAME COLUMN `body` TO `description`;\n",
            (("rename-column", "RENAME COLUMN"),),
        ),
        (
            "priority_bigint",
            "ALTER TABLE `tickets` CHANGE `priority` `priority` bigint DEFAULT 0 NOT NULL;\n",
            (),
        ),
        (
            "create_comments",
            """CREATE TABLE `comments` (`id` bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, `ticket_id` bigint NOT NULL, `body` text NOT NULL, `created_at` datetime(6) NOT NULL, `updated_at` datetime(6) NOT NULL, INDEX `index_comments_on_ticket_id` (`ticket_id`), CONSTRAINT `fk_rails_2b3c4d5e6f`
FOREIGN KEY (`ticket_id`)
  REFERENCES `tickets` (`id`)
);
""",
            (),
        ),
        (
            "index_tickets_state_created",
            "CREATE INDEX `index_tickets_on_state_and_created_at` ON `tickets` (`state`, `created_at`) ALGORITHM = INPLACE LOCK = NONE;\n",
            (),
        ),
        (
            "remove_closed_at",
            "ALTER TABLE `tickets` DROP COLUMN `closed_at`;\n",
            (("drop-column", "DROP COLUMN"),),
        ),
        (
            "rename_agents",
            "RENAME TABLE `agents` TO `staff_members`;\n",
            (("rename-table", "RENAME TABLE"),),
        ),
        (
            "subject_limit",
            "ALTER TABLE `tickets` CHANGE `subject` `subject` varchar(120) NOT NULL;\n",
            (("alter-column-type", "CHANGE `subject`"),),
        ),
        (
            "backfill_state",
            "UPDATE `tickets` SET `state` = 'open' WHERE `state` IS NULL;\n",
            (),
        ),
        (
            "state_not_null",
            "ALTER TABLE `tickets` CHANGE `state` `state` varchar(255) DEFAULT 'new' NOT NULL;\n",
            (("set-not-null", "CHANGE `state`"),),
        ),
        (
            "remove_state_index",
            "DROP INDEX `index_tickets_on_state_and_created_at` ON `tickets`;\n",
            (),
        ),
        (
            "add_escalated",
            "ALTER TABLE `tickets` ADD `escalated` tinyint(1) DEFAULT FALSE NOT NULL, ALGORITHM=INSTANT;\n",
            (),
        ),
        (
            "add_plan_to_accounts",
            "ALTER TABLE `accounts` ADD `plan` enum('free','pro') DEFAULT 'free' NOT NULL;\n",
            (),
        ),
        (
            "plan_team",
            "ALTER TABLE `accounts` CHANGE `plan` `plan` enum('free','team','pro') DEFAULT 'free' NOT NULL;\n",
            (),
        ),
        (
            "plan_reordered",
            "ALTER TABLE `accounts` CHANGE `plan` `plan` enum('pro','team','free') DEFAULT 'free' NOT NULL;\n",
            (("alter-column-type", "CHANGE `plan`"),),
        ),
        (
            "add_internal_to_comments",
            "ALTER TABLE `comments` ADD `internal` tinyint(1) DEFAULT 0 NOT NULL;\n",
            (),
        ),
        (
            "drop_legacy_imports",
            "DROP TABLE `legacy_imports`;\n",
            (("drop-table", "DROP TABLE"),),
        ),
        (
            "staff_email",
            """ALTER TABLE `staff_members` ADD `email` varchar(255) DEFAULT '' NOT NULL;
CREATE UNIQUE INDEX `index_staff_members_on_email` ON `staff_members` (`email`);
""",
            (),
        ),
        (
            "description_mediumtext",
            "ALTER TABLE `tickets` MODIFY `description` mediumtext;\n",
            (),
        ),
        (
            "comment_body_limit",
            "ALTER TABLE `comments` CHANGE `body` `body` varchar(2000) NOT NULL;\n",
            (("alter-column-type", "CHANGE `body`"),),
        ),
    ]
)

GOMIGRATE_METRICS: History = numbered(
    [
        (
            "init",
            """CREATE TABLE IF NOT EXISTS devices (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    serial VARCHAR(64) NOT NULL,
    name VARCHAR(100) NULL,
    firmware VARCHAR(20) NOT NULL DEFAULT '0.0.0',
    legacy_id INT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uniq_devices_serial (serial)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS readings (
    id INT NOT NULL AUTO_INCREMENT,
    value DOUBLE NOT NULL,
    unit VARCHAR(8) NOT NULL,
    kind ENUM('temp','humidity') NOT NULL,
    taken_at DATETIME NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE alerts (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    device_serial VARCHAR(64) NOT NULL,
    threshold DECIMAL(8,2) NOT NULL,
    message VARCHAR(255) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""",
            (),
        ),
        (
            "readings_bigint_id",
            "ALTER TABLE readings MODIFY id BIGINT NOT NULL AUTO_INCREMENT;\n",
            (),
        ),
        (
            "devices_location",
            "ALTER TABLE devices ADD COLUMN location VARCHAR(255) NULL AFTER name, ALGORITHM=INPLACE, LOCK=NONE;\n",
            (),
        ),
        (
            "readings_fahrenheit",
            "ALTER TABLE readings ADD COLUMN value_f DOUBLE AS (value * 9 / 5 + 32) VIRTUAL;\n",
            (),
        ),
        (
            "readings_day",
            "ALTER TABLE readings ADD COLUMN day DATE GENERATED ALWAYS AS (DATE(taken_at)) STORED, ADD INDEX idx_readings_day (day);\n",
            (),
        ),
        (
            "readings_pressure",
            "ALTER TABLE readings MODIFY kind ENUM('temp','humidity','pressure') NOT NULL;\n",
            (),
        ),
        (
            "readings_drop_humidity",
            "ALTER TABLE readings MODIFY kind ENUM('temp','pressure') NOT NULL;\n",
            (("alter-column-type", "MODIFY kind"),),
        ),
        (
            "devices_name_required",
            "ALTER TABLE devices MODIFY name VARCHAR(100) NOT NULL DEFAULT '';\n",
            (("set-not-null", "MODIFY name"),),
        ),
        (
            "firmware_releases",
            """CREATE TABLE IF NOT EXISTS firmware_releases (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    version VARCHAR(20) NOT NULL
) ENGINE=InnoDB;
ALTER TABLE firmware_releases ADD COLUMN checksum CHAR(64) NOT NULL;
""",
            (("add-not-null-without-default", "ADD COLUMN checksum"),),
        ),
        (
            "tmp_import",
            """DROP TABLE IF EXISTS tmp_import;
CREATE TABLE tmp_import (
    serial VARCHAR(64) NOT NULL,
    raw JSON NULL
) ENGINE=InnoDB;
""",
            (),
        ),
        (
            "alerts_drop_muted",
            "ALTER TABLE alerts DROP COLUMN IF EXISTS muted;\n",
            (),
        ),
        (
            "devices_drop_legacy_id",
            "ALTER TABLE devices DROP COLUMN IF EXISTS legacy_id;\n",
            (("drop-column", "DROP COLUMN IF EXISTS legacy_id"),),
        ),
        (
            "readings_device",
            """ALTER TABLE readings
    ADD COLUMN device_id BIGINT UNSIGNED NULL,
    ADD CONSTRAINT fk_readings_device FOREIGN KEY (device_id) REFERENCES devices (id);
""",
            (),
        ),
        (
            "devices_site",
            "ALTER TABLE devices CHANGE COLUMN location site VARCHAR(255) NULL;\n",
            (("rename-column", "CHANGE COLUMN location site"),),
        ),
        (
            "readings_millis",
            "ALTER TABLE readings MODIFY taken_at DATETIME(3) NOT NULL;\n",
            (),
        ),
        (
            "readings_float",
            "ALTER TABLE readings MODIFY value FLOAT NOT NULL;\n",
            (("alter-column-type", "MODIFY value"),),
        ),
        (
            "alerts_threshold_smaller",
            "ALTER TABLE alerts MODIFY threshold DECIMAL(6,2) NOT NULL;\n",
            (("alter-column-type", "MODIFY threshold"),),
        ),
        (
            "devices_updated_comment",
            "ALTER TABLE devices MODIFY updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP COMMENT 'last change';\n",
            (),
        ),
        (
            "alerts_updated_at",
            "ALTER TABLE alerts ADD COLUMN updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP;\n",
            (),
        ),
        (
            "readings_source",
            "ALTER TABLE readings ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'sensor', ALGORITHM=INSTANT;\n",
            (),
        ),
        (
            "readings_drop_fahrenheit",
            "ALTER TABLE readings DROP COLUMN value_f;\n",
            (("drop-column", "DROP COLUMN value_f"),),
        ),
        (
            "readings_device_taken_index",
            "CREATE INDEX idx_readings_device_taken ON readings (device_id, taken_at) ALGORITHM=INPLACE LOCK=NONE;\n",
            (),
        ),
        (
            "readings_day_kind_index",
            "ALTER TABLE readings DROP INDEX idx_readings_day, ADD INDEX idx_readings_day_kind (day, kind);\n",
            (),
        ),
        (
            "devices_default_collation",
            "ALTER TABLE devices DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;\n",
            (),
        ),
        (
            "alerts_binary_collation",
            "ALTER TABLE alerts CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;\n",
            (("alter-column-type", "CONVERT TO"),),
        ),
        (
            "readings_unit_ascii",
            "ALTER TABLE readings MODIFY unit VARCHAR(8) CHARACTER SET ascii NOT NULL;\n",
            (("alter-column-type", "MODIFY unit"),),
        ),
        (
            "devices_firmware_longer",
            "ALTER TABLE devices MODIFY firmware VARCHAR(32) NOT NULL DEFAULT '0.0.0';\n",
            # found after the blind run: the restatement takes the table's new default, utf8mb4_bin
            (("alter-column-type", "MODIFY firmware"),),
        ),
        (
            "alerts_row_format",
            "ALTER TABLE alerts ENGINE=InnoDB, ROW_FORMAT=DYNAMIC;\n",
            (),
        ),
        (
            "readings_statistics",
            "ANALYZE TABLE readings;\n",
            (),
        ),
    ]
)

FLYWAY_HR: History = numbered(
    [
        (
            "baseline",
            """CREATE TABLE department (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(8) NOT NULL,
  name VARCHAR(100) NOT NULL,
  UNIQUE KEY uq_department_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;
CREATE TABLE employee (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  first_name VARCHAR(50) CHARACTER SET utf8 NOT NULL,
  last_name VARCHAR(50) CHARACTER SET utf8 NOT NULL,
  email VARCHAR(100) NOT NULL,
  dept_id INT NULL,
  salary DECIMAL(10,2) NULL,
  hired_on DATE NOT NULL,
  status ENUM('active','leave','gone') NOT NULL DEFAULT 'active',
  flags SET('remote','contractor') NOT NULL DEFAULT '',
  notes TEXT
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;
CREATE TABLE salary_history (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  employee_id INT NOT NULL,
  old_salary DECIMAL(10,2) NULL,
  new_salary DECIMAL(10,2) NULL,
  changed_at DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
""",
            (),
        ),
        (
            "employee_dept_index",
            """DROP PROCEDURE IF EXISTS add_index_if_missing;
CREATE PROCEDURE add_index_if_missing()
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.statistics
      WHERE table_schema = DATABASE() AND table_name = 'employee' AND index_name = 'ix_employee_dept') THEN
    CREATE INDEX ix_employee_dept ON employee (dept_id);
  END IF;
END;
CALL add_index_if_missing();
DROP PROCEDURE add_index_if_missing;
""",
            (("opaque-sql", "CALL add_index_if_missing"),),
        ),
        (
            "employee_hired_index",
            """SELECT COUNT(*) INTO @exists FROM information_schema.statistics
  WHERE table_schema = DATABASE() AND table_name = 'employee' AND index_name = 'ix_employee_hired';
SET @sql = IF(@exists = 0, 'CREATE INDEX ix_employee_hired ON employee (hired_on)', 'SELECT 1');
PREPARE stmt FROM @sql;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
""",
            (("opaque-sql", "PREPARE stmt FROM"), ("opaque-sql", "EXECUTE stmt")),
        ),
        (
            "salary_history_index",
            """DROP PROCEDURE IF EXISTS add_index_if_missing;
CREATE PROCEDURE add_index_if_missing()
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.statistics
      WHERE table_schema = DATABASE() AND table_name = 'salary_history' AND index_name = 'ix_salary_history_employee') THEN
    CREATE INDEX ix_salary_history_employee ON salary_history (employee_id, changed_at);
  END IF;
END;
CALL add_index_if_missing();
DROP PROCEDURE add_index_if_missing;
""",
            (("opaque-sql", "CALL add_index_if_missing"),),
        ),
        (
            "employee_names_utf8mb4",
            """ALTER TABLE employee
  MODIFY first_name VARCHAR(50) CHARACTER SET utf8mb4 NOT NULL,
  MODIFY last_name VARCHAR(50) CHARACTER SET utf8mb4 NOT NULL;
""",
            (),
        ),
        (
            "department_utf8mb4",
            "ALTER TABLE department CONVERT TO CHARACTER SET utf8mb4;\n",
            (),
        ),
        (
            "employee_flag_intern",
            "ALTER TABLE employee MODIFY flags SET('remote','contractor','intern') NOT NULL DEFAULT '';\n",
            (),
        ),
        (
            "employee_status_no_gone",
            "ALTER TABLE employee MODIFY status ENUM('active','leave') NOT NULL DEFAULT 'active';\n",
            (("alter-column-type", "MODIFY status"),),
        ),
        (
            "salary_audit_trigger",
            """CREATE TRIGGER employee_salary_audit AFTER UPDATE ON employee
FOR EACH ROW
BEGIN
  IF NOT (OLD.salary <=> NEW.salary) THEN
    INSERT INTO salary_history (employee_id, old_salary, new_salary, changed_at)
    VALUES (OLD.id, OLD.salary, NEW.salary, NOW());
  END IF;
END;
""",
            (),
        ),
        (
            "salary_audit_trigger_v2",
            """DROP TRIGGER IF EXISTS employee_salary_audit;
CREATE TRIGGER employee_salary_audit AFTER UPDATE ON employee
FOR EACH ROW
BEGIN
  IF NOT (OLD.salary <=> NEW.salary) OR NOT (OLD.dept_id <=> NEW.dept_id) THEN
    INSERT INTO salary_history (employee_id, old_salary, new_salary, changed_at)
    VALUES (OLD.id, OLD.salary, NEW.salary, NOW());
  END IF;
END;
""",
            (),
        ),
        (
            "active_employee_view",
            "CREATE OR REPLACE VIEW v_active_employee AS SELECT id, first_name, last_name, dept_id FROM employee WHERE status = 'active';\n",
            (),
        ),
        (
            "salary_required",
            """UPDATE employee SET salary = 0 WHERE salary IS NULL;
ALTER TABLE employee MODIFY salary DECIMAL(10,2) NOT NULL DEFAULT 0;
""",
            (("set-not-null", "MODIFY salary"),),
        ),
        (
            "full_name_function",
            "CREATE FUNCTION full_name(f VARCHAR(50), l VARCHAR(50)) RETURNS VARCHAR(101) DETERMINISTIC RETURN CONCAT(f, ' ', l);\n",
            (),
        ),
        (
            "full_name_function_v2",
            """DROP FUNCTION IF EXISTS full_name;
CREATE FUNCTION full_name(f VARCHAR(50), l VARCHAR(50)) RETURNS VARCHAR(101) DETERMINISTIC RETURN CONCAT_WS(' ', f, l);
""",
            (),
        ),
        (
            "drop_legacy_badge_if_present",
            """SET @sql := (SELECT IF(COUNT(*) > 0, 'ALTER TABLE employee DROP COLUMN legacy_badge', 'DO 0')
  FROM information_schema.columns
  WHERE table_schema = DATABASE() AND table_name = 'employee' AND column_name = 'legacy_badge');
PREPARE drop_badge FROM @sql;
EXECUTE drop_badge;
DEALLOCATE PREPARE drop_badge;
""",
            (("opaque-sql", "PREPARE drop_badge FROM"), ("opaque-sql", "EXECUTE drop_badge")),
        ),
        (
            "employee_manager",
            """ALTER TABLE employee
  ADD COLUMN manager_id INT NULL,
  ADD CONSTRAINT fk_employee_manager FOREIGN KEY (manager_id) REFERENCES employee (id);
""",
            (),
        ),
        (
            "employee_drop_manager",
            """ALTER TABLE employee DROP FOREIGN KEY fk_employee_manager;
ALTER TABLE employee DROP COLUMN manager_id;
""",
            (("drop-column", "DROP COLUMN manager_id"),),
        ),
        (
            "purge_event",
            "CREATE EVENT purge_salary_history ON SCHEDULE EVERY 1 MONTH DO DELETE FROM salary_history WHERE changed_at < NOW() - INTERVAL 7 YEAR;\n",
            (),
        ),
        (
            "purge_event_disabled",
            "ALTER EVENT purge_salary_history DISABLE;\n",
            (),
        ),
        (
            "departments_seed",
            "INSERT INTO department (code, name) VALUES ('ENG', 'Engineering'), ('OPS', 'Operations') ON DUPLICATE KEY UPDATE name = VALUES(name);\n",
            (),
        ),
        (
            "department_people",
            "REPLACE INTO department (code, name) VALUES ('HR', 'People');\n",
            (),
        ),
        (
            "employee_email_binary",
            "ALTER TABLE employee MODIFY email VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;\n",
            (("alter-column-type", "MODIFY email"),),
        ),
        (
            "employee_badge",
            """CREATE PROCEDURE hr_add_badge()
BEGIN
  DECLARE CONTINUE HANDLER FOR 1060 BEGIN END;
  ALTER TABLE employee ADD COLUMN badge VARCHAR(20) NULL;
END;
CALL hr_add_badge();
DROP PROCEDURE hr_add_badge;
""",
            (("opaque-sql", "CALL hr_add_badge"),),
        ),
        (
            "employee_badge_required",
            "ALTER TABLE employee MODIFY badge VARCHAR(20) NOT NULL;\n",
            (("set-not-null", "MODIFY badge"),),
        ),
        (
            "salary_history_bigint_unsigned",
            "ALTER TABLE salary_history MODIFY id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT;\n",
            (("alter-column-type", "MODIFY id"),),
        ),
        (
            "drop_department_old",
            """SET foreign_key_checks = 0;
DROP TABLE IF EXISTS department_old;
SET foreign_key_checks = 1;
""",
            (("drop-table", "DROP TABLE IF EXISTS department_old"),),
        ),
        (
            "department_code_key",
            "ALTER TABLE department RENAME INDEX uq_department_code TO uk_department_code;\n",
            (),
        ),
        (
            "employee_archive",
            """CREATE TABLE employee_archive LIKE employee;
INSERT INTO employee_archive SELECT * FROM employee WHERE status = 'leave';
""",
            (),
        ),
        (
            "drop_active_view",
            "DROP VIEW v_active_employee;\n",
            (("drop-view", "DROP VIEW"),),
        ),
        (
            "employee_to_staff",
            "ALTER TABLE employee RENAME TO staff;\n",
            (("rename-table", "RENAME TO staff"),),
        ),
    ]
)

PRISMA_INVENTORY: History = numbered(
    [
        (
            "init",
            """-- CreateTable
CREATE TABLE `Warehouse` (
    `id` VARCHAR(191) NOT NULL,
    `name` VARCHAR(191) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Item` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `sku` VARCHAR(191) NOT NULL,
    `warehouseId` VARCHAR(191) NOT NULL,
    `qty` INTEGER NOT NULL DEFAULT 0,
    `price` DECIMAL(10, 2) NOT NULL,
    `kind` ENUM('RAW', 'FINISHED') NOT NULL,
    `note` VARCHAR(191) NULL,

    UNIQUE INDEX `Item_sku_key`(`sku`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `StockMove` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `itemId` INTEGER NOT NULL,
    `delta` INTEGER NOT NULL,

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Tag` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `label` VARCHAR(191) NOT NULL,

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ItemTag` (
    `itemId` INTEGER NOT NULL,
    `tagId` INTEGER NOT NULL,
    `scope` VARCHAR(32) NOT NULL DEFAULT 'global',

    PRIMARY KEY (`itemId`, `tagId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Bin` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `zone` VARCHAR(8) NULL,

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `Item` ADD CONSTRAINT `Item_warehouseId_fkey` FOREIGN KEY (`warehouseId`) REFERENCES `Warehouse`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `StockMove` ADD CONSTRAINT `StockMove_itemId_fkey` FOREIGN KEY (`itemId`) REFERENCES `Item`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "item_barcode",
            """-- AlterTable
ALTER TABLE `Item` ADD COLUMN `barcode` VARCHAR(191) NULL;

-- CreateIndex
CREATE UNIQUE INDEX `Item_barcode_key` ON `Item`(`barcode`);
""",
            (),
        ),
        (
            "stock_move_cuid",
            """/*
  Warnings:

  - The primary key for the `StockMove` table will be changed. If it partially fails, the table could be left without primary key constraint.

*/
-- AlterTable
ALTER TABLE `StockMove` DROP PRIMARY KEY,
    MODIFY `id` VARCHAR(191) NOT NULL,
    ADD PRIMARY KEY (`id`);
""",
            (("alter-column-type", "MODIFY `id`"),),
        ),
        (
            "item_note_text",
            """-- AlterTable
ALTER TABLE `Item` MODIFY `note` TEXT NULL;
""",
            (),
        ),
        (
            "drop_stock_move",
            """/*
  Warnings:

  - You are about to drop the `StockMove` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropForeignKey
ALTER TABLE `StockMove` DROP FOREIGN KEY `StockMove_itemId_fkey`;

-- DropTable
DROP TABLE `StockMove`;
""",
            (("drop-table", "DROP TABLE `StockMove`"),),
        ),
        (
            "item_updated_at",
            """/*
  Warnings:

  - Added the required column `updatedAt` to the `Item` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE `Item` ADD COLUMN `updatedAt` DATETIME(3) NOT NULL;
""",
            (("add-not-null-without-default", "ADD COLUMN `updatedAt`"),),
        ),
        (
            "item_kind_scrap",
            """-- AlterTable
ALTER TABLE `Item` MODIFY `kind` ENUM('RAW', 'FINISHED', 'SCRAP') NOT NULL;
""",
            (),
        ),
        (
            "item_tag_scope_key",
            """-- AlterTable
ALTER TABLE `ItemTag` DROP PRIMARY KEY,
    ADD PRIMARY KEY (`itemId`, `tagId`, `scope`);
""",
            (),
        ),
        (
            "bin_zone_key",
            """-- AlterTable
ALTER TABLE `Bin` DROP PRIMARY KEY,
    ADD PRIMARY KEY (`id`, `zone`);
""",
            (("set-not-null", "ADD PRIMARY KEY (`id`, `zone`)"),),
        ),
        (
            "bin_renamed",
            "RENAME TABLE `Bin` TO `StorageBin`;\n",
            (("rename-table", "RENAME TABLE"),),
        ),
        (
            "item_gtin_key",
            """-- RenameIndex
ALTER TABLE `Item` RENAME INDEX `Item_barcode_key` TO `Item_gtin_key`;
""",
            (),
        ),
        (
            "warehouse_code",
            """-- AlterTable
ALTER TABLE `Warehouse` ADD COLUMN `code` VARCHAR(191) NOT NULL DEFAULT '';
""",
            (),
        ),
        (
            "warehouse_name_shorter",
            """/*
  Warnings:

  - You are about to alter the column `name` on the `Warehouse` table. The data in that column could be lost. The data in that column will be cast from `VarChar(191)` to `VarChar(100)`.

*/
-- AlterTable
ALTER TABLE `Warehouse` MODIFY `name` VARCHAR(100) NOT NULL;
""",
            (("alter-column-type", "MODIFY `name`"),),
        ),
        (
            "warehouse_public_id",
            "ALTER TABLE `Warehouse` ADD COLUMN `publicId` VARCHAR(36) NOT NULL DEFAULT (uuid());\n",
            (),
        ),
        (
            "item_sku_per_warehouse",
            """-- DropIndex
DROP INDEX `Item_sku_key` ON `Item`;

-- CreateIndex
CREATE UNIQUE INDEX `Item_sku_warehouseId_key` ON `Item`(`sku`, `warehouseId`);
""",
            (),
        ),
        (
            "item_attrs",
            """-- AlterTable
ALTER TABLE `Item` ADD COLUMN `attrs` JSON NULL;
""",
            (),
        ),
        (
            "item_drop_note",
            """/*
  Warnings:

  - You are about to drop the column `note` on the `Item` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE `Item` DROP COLUMN `note`;
""",
            (("drop-column", "DROP COLUMN `note`"),),
        ),
        (
            "item_price_double",
            """-- AlterTable
ALTER TABLE `Item` MODIFY `price` DOUBLE NOT NULL;
""",
            (("alter-column-type", "MODIFY `price`"),),
        ),
        (
            "audit_log",
            """-- CreateTable
CREATE TABLE `AuditLog` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `action` VARCHAR(191) NOT NULL,
    `payload` JSON NULL,
    `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `AuditLog_at_idx`(`at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
""",
            (),
        ),
        (
            "audit_payload_required",
            """/*
  Warnings:

  - Made the column `payload` on table `AuditLog` required. This step will fail if there are existing NULL values in that column.

*/
-- AlterTable
ALTER TABLE `AuditLog` MODIFY `payload` JSON NOT NULL;
""",
            (("set-not-null", "MODIFY `payload`"),),
        ),
        (
            "empty",
            "-- This is an empty migration.\n",
            (),
        ),
    ]
)

SQLX_AUTH: History = numbered(
    [
        (
            "users",
            """-- Add migration script here
CREATE TABLE users (
    id BINARY(16) NOT NULL PRIMARY KEY,
    username VARCHAR(32) NOT NULL UNIQUE,
    password_hash VARCHAR(255) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE sessions (
    id VARCHAR(128) NOT NULL PRIMARY KEY,
    user_id BINARY(16) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
""",
            (),
        ),
        (
            "placeholder",
            "-- Add migration script here\n",
            (),
        ),
        (
            "user_email",
            "ALTER TABLE users ADD COLUMN email VARCHAR(255);\n",
            (),
        ),
        (
            "user_email_required",
            """UPDATE users SET email = CONCAT(username, '@example.invalid') WHERE email IS NULL;
ALTER TABLE users MODIFY email VARCHAR(255) NOT NULL;
""",
            (("set-not-null", "MODIFY email"),),
        ),
        (
            "session_expiry",
            """ALTER TABLE sessions ADD COLUMN expires_at TIMESTAMP NULL;
UPDATE sessions SET expires_at = created_at + INTERVAL 30 DAY;
ALTER TABLE sessions MODIFY expires_at TIMESTAMP NOT NULL;
""",
            (("add-not-null-without-default", "MODIFY expires_at"),),
        ),
        (
            "api_keys",
            """CREATE TABLE api_keys (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id BINARY(16) NOT NULL,
    key_hash BINARY(32) NOT NULL,
    label VARCHAR(64) NULL,
    UNIQUE KEY uq_api_keys_hash (key_hash)
);
""",
            (),
        ),
        (
            "user_role",
            "ALTER TABLE users ADD COLUMN role ENUM('user', 'admin') NOT NULL DEFAULT 'user';\n",
            (),
        ),
        (
            "username_longer",
            "ALTER TABLE users MODIFY username VARCHAR(64) NOT NULL;\n",
            (),
        ),
        (
            "expired_sessions",
            "DELETE FROM sessions WHERE expires_at < NOW();\n",
            (),
        ),
        (
            "api_key_name",
            "ALTER TABLE api_keys DROP COLUMN label, ADD COLUMN name VARCHAR(64) NULL;\n",
            (("drop-column", "DROP COLUMN label"),),
        ),
        (
            "role_no_default",
            "ALTER TABLE users ALTER COLUMN role DROP DEFAULT;\n",
            (),
        ),
        (
            "session_id_fixed",
            "ALTER TABLE sessions MODIFY id CHAR(64) NOT NULL;\n",
            (("alter-column-type", "MODIFY id"),),
        ),
        (
            "user_last_seen",
            "ALTER TABLE users ADD COLUMN last_seen DATETIME(6) NULL, ADD INDEX idx_users_last_seen (last_seen);\n",
            (),
        ),
        (
            "revoke_all_keys",
            "DELETE FROM api_keys;\n",
            (("delete-without-where", "DELETE FROM api_keys"),),
        ),
        (
            "user_display_name",
            """ALTER TABLE users ADD COLUMN display_name VARCHAR(64) NOT NULL DEFAULT '' AFTER username;
ALTER TABLE users ALTER COLUMN display_name DROP DEFAULT;
""",
            (("add-not-null-without-default", "DROP DEFAULT"),),
        ),
        (
            "username_key_named",
            "ALTER TABLE users DROP INDEX username, ADD UNIQUE INDEX uq_users_username (username);\n",
            (),
        ),
    ]
)

MARIADB_OPS: History = numbered(
    [
        (
            "init",
            """CREATE TABLE acct (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(100) NOT NULL,
  nick VARCHAR(30) NULL,
  score INT NOT NULL DEFAULT 0,
  bio TEXT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE ledger (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  acct_id INT NOT NULL,
  amount DECIMAL(10,2) NOT NULL,
  memo VARCHAR(100) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE tmp_stage (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
""",
            (),
        ),
        (
            "stage_replaced",
            "CREATE OR REPLACE TABLE tmp_stage (id INT NOT NULL PRIMARY KEY, payload JSON NULL) ENGINE=InnoDB;\n",
            (("drop-table", "CREATE OR REPLACE TABLE"),),
        ),
        (
            "nick_checked",
            "ALTER TABLE acct ADD CONSTRAINT chk_nick CHECK (nick IS NOT NULL);\n",
            (("set-not-null", "chk_nick"),),
        ),
        (
            "email_checked",
            "ALTER TABLE acct ADD CONSTRAINT chk_email CHECK (email IS NOT NULL);\n",
            (),
        ),
        (
            "ledger_posted_at",
            "ALTER TABLE IF EXISTS ledger ADD COLUMN IF NOT EXISTS posted_at DATETIME NULL;\n",
            (),
        ),
        (
            "ledger_currency_first",
            "ALTER TABLE ledger ADD COLUMN currency CHAR(3) NOT NULL FIRST;\n",
            (("add-not-null-without-default", "ADD COLUMN currency"),),
        ),
        (
            "acct_nick_lower_and_level",
            "ALTER TABLE acct ADD (nick_lower VARCHAR(30) NULL, lvl TINYINT NOT NULL);\n",
            (("add-not-null-without-default", "ADD (nick_lower"),),
        ),
        (
            "renames",
            "RENAME TABLE tmp_stage TO stage_old, acct TO account;\n",
            (("rename-table", "RENAME TABLE"),),
        ),
        (
            "nick_longer",
            "ALTER TABLE account MODIFY COLUMN IF EXISTS nick VARCHAR(60) NULL;\n",
            (),
        ),
        (
            "score_default",
            "ALTER TABLE account ALTER COLUMN score SET DEFAULT 10, ALGORITHM=INSTANT;\n",
            (),
        ),
        (
            "invoice_sequence",
            "CREATE SEQUENCE invoice_seq START WITH 1000 INCREMENT BY 1;\n",
            (),
        ),
        (
            "invoice_sequence_dropped",
            "DROP SEQUENCE invoice_seq;\n",
            (("drop-sequence", "DROP SEQUENCE"),),
        ),
        (
            "ledger_index_wait",
            "ALTER TABLE ledger WAIT 5 ADD INDEX ix_ledger_acct (acct_id);\n",
            (),
        ),
        (
            "ledger_note_online",
            "ALTER ONLINE TABLE ledger ADD COLUMN note2 VARCHAR(10) NULL;\n",
            (),
        ),
        (
            "account_if_missing",
            """CREATE TABLE IF NOT EXISTS account (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(100) NOT NULL
) ENGINE=InnoDB;
""",
            (),
        ),
        (
            "memo_shorter",
            "ALTER TABLE ledger CHANGE COLUMN IF EXISTS memo memo VARCHAR(50) NULL;\n",
            (("alter-column-type", "CHANGE COLUMN IF EXISTS memo"),),
        ),
        (
            "ledger_purge",
            "DELETE FROM ledger WHERE 1;\n",
            (("delete-without-where", "DELETE FROM ledger"),),
        ),
        (
            "account_copy",
            """CREATE TABLE account_copy LIKE account;
INSERT INTO account_copy SELECT * FROM account;
""",
            (),
        ),
        (
            "drop_copies",
            "DROP TABLE IF EXISTS account_copy, stage_old;\n",
            (("drop-table", "DROP TABLE IF EXISTS"),),
        ),
        (
            "drop_nick_lower",
            "ALTER TABLE account DROP COLUMN IF EXISTS nick_lower;\n",
            (("drop-column", "DROP COLUMN IF EXISTS nick_lower"),),
        ),
        (
            "session_settings",
            """SET SESSION innodb_lock_wait_timeout = 50;
SET @@session.sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION';
""",
            (),
        ),
        (
            "score_to_points",
            "ALTER TABLE account RENAME COLUMN score TO points;\n",
            (("rename-column", "RENAME COLUMN score"),),
        ),
        (
            "amount_nonzero",
            "ALTER TABLE ledger MODIFY amount DECIMAL(10,2) NOT NULL CHECK (amount <> 0);\n",
            (),
        ),
        (
            "account_version_and_tag",
            """ALTER TABLE account
  ADD COLUMN ver INT NOT NULL DEFAULT 0,
  ADD COLUMN tag VARCHAR(10) NOT NULL;
""",
            (("add-not-null-without-default", "ADD COLUMN tag"),),
        ),
    ]
)

AUDIT_HISTORIES: dict[str, History] = {
    "laravel_shop": LARAVEL_SHOP,
    "doctrine_cms": DOCTRINE_CMS,
    "rails_helpdesk": RAILS_HELPDESK,
    "gomigrate_metrics": GOMIGRATE_METRICS,
    "flyway_hr": FLYWAY_HR,
    "prisma_inventory": PRISMA_INVENTORY,
    "sqlx_auth": SQLX_AUTH,
    "mariadb_ops": MARIADB_OPS,
}
