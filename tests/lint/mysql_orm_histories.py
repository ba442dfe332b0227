# ruff: noqa: E501  (generated statements keep their long lines, as real histories have them)
"""Two long MySQL histories written by ORMs, with the error findings a reviewer expects.

Written for ratchet after the patterns of public histories, not copied from any: a Prisma-managed
venue-booking application (``migration.sql`` files with ``-- CreateTable`` / ``-- AlterTable``
section comments and the ``/* Warnings: */`` block, backticked CamelCase names, ``DATETIME(3)``,
``DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci``, ``MODIFY`` of an ``ENUM`` that gains
or loses values, ``X_key`` unique indexes dropped and renamed with ``RENAME INDEX``, foreign keys
``ON DELETE RESTRICT ON UPDATE CASCADE``, columns made required) and a TypeORM-managed course
platform (generated statements: ``CHANGE `x` `x` ...`` restating a column, a column changed by
dropping and re-adding it, ``FK_``/``IDX_``/``REL_`` names with hashes, ``DROP FOREIGN KEY``,
``ENGINE=InnoDB``, ``datetime(6)`` timestamps). Each history is a list of files
``(name, sql, expected)``; findings are written as the rule and a piece of text found on exactly
one line of the file, which gives its line.
"""

from __future__ import annotations

from history_corpus import History
from pg_orm_histories import numbered

PRISMA_VENUES: History = numbered(
    [
        (
            "init",
            """-- CreateTable
CREATE TABLE `Member` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `email` VARCHAR(191) NOT NULL,
    `displayName` VARCHAR(191) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `Member_email_key`(`email`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Venue` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(191) NOT NULL,
    `city` VARCHAR(191) NOT NULL,
    `capacity` INTEGER NOT NULL DEFAULT 0,
    `ownerId` INTEGER NOT NULL,

    INDEX `Venue_city_idx`(`city`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Booking` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `venueId` INTEGER NOT NULL,
    `memberId` INTEGER NOT NULL,
    `startsAt` DATETIME(3) NOT NULL,
    `endsAt` DATETIME(3) NOT NULL,
    `status` ENUM('PENDING', 'CONFIRMED') NOT NULL DEFAULT 'PENDING',

    INDEX `Booking_memberId_idx`(`memberId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `Venue` ADD CONSTRAINT `Venue_ownerId_fkey` FOREIGN KEY (`ownerId`) REFERENCES `Member`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Booking` ADD CONSTRAINT `Booking_venueId_fkey` FOREIGN KEY (`venueId`) REFERENCES `Venue`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Booking` ADD CONSTRAINT `Booking_memberId_fkey` FOREIGN KEY (`memberId`) REFERENCES `Member`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "member_avatar",
            """-- AlterTable
ALTER TABLE `Member` ADD COLUMN `avatarUrl` VARCHAR(191) NULL;
""",
            (),
        ),
        (
            "booking_cancelled",
            """-- AlterTable
ALTER TABLE `Booking` MODIFY `status` ENUM('PENDING', 'CONFIRMED', 'CANCELLED') NOT NULL DEFAULT 'PENDING';
""",
            (),
        ),
        (
            "venue_description",
            """-- AlterTable
ALTER TABLE `Venue` ADD COLUMN `description` TEXT NULL,
    ADD COLUMN `published` BOOLEAN NOT NULL DEFAULT false;
""",
            (),
        ),
        (
            "member_role",
            """-- AlterTable
ALTER TABLE `Member` ADD COLUMN `role` ENUM('GUEST', 'HOST', 'ADMIN') NOT NULL DEFAULT 'GUEST';
""",
            (),
        ),
        (
            "member_phone_required",
            """/*
  Warnings:

  - Added the required column `phone` to the `Member` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE `Member` ADD COLUMN `phone` VARCHAR(32) NOT NULL;
""",
            (("add-not-null-without-default", "ADD COLUMN `phone`"),),
        ),
        (
            "review",
            """-- CreateTable
CREATE TABLE `Review` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `venueId` INTEGER NOT NULL,
    `authorId` INTEGER NOT NULL,
    `stars` TINYINT NOT NULL,
    `body` VARCHAR(191) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `Review_venueId_authorId_key`(`venueId`, `authorId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `Review` ADD CONSTRAINT `Review_venueId_fkey` FOREIGN KEY (`venueId`) REFERENCES `Venue`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Review` ADD CONSTRAINT `Review_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `Member`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "review_body_text",
            """-- AlterTable
ALTER TABLE `Review` MODIFY `body` TEXT NULL;
""",
            (),
        ),
        (
            "display_name_required",
            """/*
  Warnings:

  - Made the column `displayName` on table `Member` required. This step will fail if there are existing NULL values in that column.

*/
-- AlterTable
ALTER TABLE `Member` MODIFY `displayName` VARCHAR(191) NOT NULL;
""",
            (("set-not-null", "MODIFY `displayName`"),),
        ),
        (
            "booking_drop_pending",
            """/*
  Warnings:

  - The values [PENDING] on the enum `Booking_status` will be removed. If these variants are still used in the database, this will fail.

*/
-- AlterTable
ALTER TABLE `Booking` MODIFY `status` ENUM('CONFIRMED', 'CANCELLED') NOT NULL DEFAULT 'CONFIRMED';
""",
            (("alter-column-type", "MODIFY `status`"),),
        ),
        (
            "venue_city_index_renamed",
            """-- RenameIndex
ALTER TABLE `Venue` RENAME INDEX `Venue_city_idx` TO `Venue_city_published_idx`;
""",
            (),
        ),
        (
            "amenity",
            """-- CreateTable
CREATE TABLE `Amenity` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `label` VARCHAR(191) NOT NULL,

    UNIQUE INDEX `Amenity_label_key`(`label`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `_AmenityToVenue` (
    `A` INTEGER NOT NULL,
    `B` INTEGER NOT NULL,

    UNIQUE INDEX `_AmenityToVenue_AB_unique`(`A`, `B`),
    INDEX `_AmenityToVenue_B_index`(`B`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `_AmenityToVenue` ADD CONSTRAINT `_AmenityToVenue_A_fkey` FOREIGN KEY (`A`) REFERENCES `Amenity`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `_AmenityToVenue` ADD CONSTRAINT `_AmenityToVenue_B_fkey` FOREIGN KEY (`B`) REFERENCES `Venue`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "venue_capacity_bigint",
            """-- AlterTable
ALTER TABLE `Venue` MODIFY `capacity` BIGINT NOT NULL DEFAULT 0;
""",
            (),
        ),
        (
            "member_drop_avatar",
            """/*
  Warnings:

  - You are about to drop the column `avatarUrl` on the `Member` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE `Member` DROP COLUMN `avatarUrl`,
    ADD COLUMN `pictureId` VARCHAR(191) NULL;
""",
            (("drop-column", "DROP COLUMN `avatarUrl`"),),
        ),
        (
            "booking_price",
            """-- AlterTable
ALTER TABLE `Booking` ADD COLUMN `priceCents` INTEGER NULL,
    ADD COLUMN `currency` VARCHAR(3) NOT NULL DEFAULT 'EUR';
""",
            (),
        ),
        (
            "booking_price_decimal",
            """/*
  Warnings:

  - You are about to alter the column `priceCents` on the `Booking` table. The data in that column could be lost. The data in that column will be cast from `Int` to `Decimal(10,2)`.

*/
-- AlterTable
ALTER TABLE `Booking` MODIFY `priceCents` DECIMAL(10, 2) NULL;
""",
            (("alter-column-type", "MODIFY `priceCents`"),),
        ),
        (
            "drop_member_email_key",
            """-- DropIndex
DROP INDEX `Member_email_key` ON `Member`;

-- CreateIndex
CREATE UNIQUE INDEX `Member_email_role_key` ON `Member`(`email`, `role`);
""",
            (),
        ),
        (
            "payout",
            """-- CreateTable
CREATE TABLE `Payout` (
    `id` VARCHAR(191) NOT NULL,
    `hostId` INTEGER NOT NULL,
    `amount` DECIMAL(65, 30) NOT NULL,
    `paidAt` DATETIME(3) NULL,
    `meta` JSON NULL,

    INDEX `Payout_hostId_idx`(`hostId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `Payout` ADD CONSTRAINT `Payout_hostId_fkey` FOREIGN KEY (`hostId`) REFERENCES `Member`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "venue_fk_cascade",
            """-- DropForeignKey
ALTER TABLE `Venue` DROP FOREIGN KEY `Venue_ownerId_fkey`;

-- AddForeignKey
ALTER TABLE `Venue` ADD CONSTRAINT `Venue_ownerId_fkey` FOREIGN KEY (`ownerId`) REFERENCES `Member`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "venue_slug",
            """/*
  Warnings:

  - A unique constraint covering the columns `[slug]` on the table `Venue` will be added. If there are existing duplicate values, this will fail.
  - Added the required column `slug` to the `Venue` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE `Venue` ADD COLUMN `slug` VARCHAR(191) NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX `Venue_slug_key` ON `Venue`(`slug`);
""",
            (("add-not-null-without-default", "ADD COLUMN `slug`"),),
        ),
        (
            "member_role_values",
            """-- AlterTable
ALTER TABLE `Member` MODIFY `role` ENUM('GUEST', 'HOST', 'ADMIN', 'SUPPORT') NOT NULL DEFAULT 'GUEST';
""",
            (),
        ),
        (
            "payout_drop",
            """/*
  Warnings:

  - You are about to drop the `Payout` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropForeignKey
ALTER TABLE `Payout` DROP FOREIGN KEY `Payout_hostId_fkey`;

-- DropTable
DROP TABLE `Payout`;
""",
            (("drop-table", "DROP TABLE `Payout`"),),
        ),
        (
            "review_stars_int",
            """-- AlterTable
ALTER TABLE `Review` MODIFY `stars` INTEGER NOT NULL;
""",
            (),
        ),
        (
            "venue_name_shorter",
            """/*
  Warnings:

  - You are about to alter the column `name` on the `Venue` table. The data in that column could be lost. The data in that column will be cast from `VarChar(191)` to `VarChar(80)`.

*/
-- AlterTable
ALTER TABLE `Venue` MODIFY `name` VARCHAR(80) NOT NULL;
""",
            (("alter-column-type", "MODIFY `name`"),),
        ),
        (
            "booking_note_optional",
            """-- AlterTable
ALTER TABLE `Booking` ADD COLUMN `note` VARCHAR(500) NULL,
    MODIFY `endsAt` DATETIME(3) NULL;
""",
            (),
        ),
        (
            "member_updated_default",
            """-- AlterTable
ALTER TABLE `Member` MODIFY `updatedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3);
""",
            (),
        ),
        (
            "rename_display_name",
            """/*
  Warnings:

  - You are about to drop the column `displayName` on the `Member` table. All the data in the column will be lost.
  - Added the required column `fullName` to the `Member` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE `Member` DROP COLUMN `displayName`,
    ADD COLUMN `fullName` VARCHAR(191) NOT NULL;
""",
            (
                ("drop-column", "DROP COLUMN `displayName`"),
                ("add-not-null-without-default", "ADD COLUMN `fullName`"),
            ),
        ),
        (
            "venue_city_dropped_index",
            """-- DropIndex
DROP INDEX `Venue_city_published_idx` ON `Venue`;

-- CreateIndex
CREATE INDEX `Venue_city_capacity_idx` ON `Venue`(`city`, `capacity`);
""",
            (),
        ),
        (
            "booking_status_text",
            """/*
  Warnings:

  - You are about to alter the column `status` on the `Booking` table. The data in that column could be lost. The data in that column will be cast from `Enum(EnumId(0))` to `VarChar(20)`.

*/
-- AlterTable
ALTER TABLE `Booking` MODIFY `status` VARCHAR(20) NOT NULL DEFAULT 'CONFIRMED';
""",
            (("alter-column-type", "MODIFY `status`"),),
        ),
        (
            "seed_amenities",
            """INSERT INTO `Amenity` (`label`) VALUES ('wifi'), ('parking'), ('stage');
""",
            (),
        ),
        (
            "review_rename_table",
            """-- RenameTable
ALTER TABLE `Review` RENAME TO `VenueReview`;
""",
            (("rename-table", "RENAME TO `VenueReview`"),),
        ),
        (
            "member_pronouns",
            """-- AlterTable
ALTER TABLE `Member` ADD COLUMN `pronouns` VARCHAR(40) NULL AFTER `fullName`;
""",
            (),
        ),
        (
            "clear_amenity_links",
            """DELETE FROM `_AmenityToVenue`;
""",
            (("delete-without-where", "DELETE FROM"),),
        ),
        (
            "member_email_widen",
            """-- AlterTable
ALTER TABLE `Member` MODIFY `email` VARCHAR(255) NOT NULL;
""",
            (),
        ),
        (
            "venue_published_required_default",
            """-- AlterTable
ALTER TABLE `Venue` MODIFY `description` TEXT NOT NULL DEFAULT ('');
""",
            (("set-not-null", "MODIFY `description`"),),
        ),
        (
            "booking_drop_note",
            """/*
  Warnings:

  - You are about to drop the column `note` on the `Booking` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE `Booking` ADD COLUMN `guests` INTEGER NOT NULL DEFAULT 1,
    DROP COLUMN `note`,
    MODIFY `currency` VARCHAR(3) NOT NULL DEFAULT 'USD';
""",
            (("drop-column", "DROP COLUMN `note`"),),
        ),
        (
            "member_last_seen",
            """/*
  Warnings:

  - Added the required column `lastSeenAt` to the `Member` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE `Member` ADD COLUMN `lastSeenAt` DATETIME(3) NOT NULL,
    ADD COLUMN `locale` VARCHAR(10) NOT NULL DEFAULT 'en';
""",
            (("add-not-null-without-default", "ADD COLUMN `lastSeenAt`"),),
        ),
        (
            "booking_starts_seconds",
            """/*
  Warnings:

  - You are about to alter the column `startsAt` on the `Booking` table. The data in that column could be lost. The data in that column will be cast from `DateTime(3)` to `DateTime(0)`.

*/
-- AlterTable
ALTER TABLE `Booking` MODIFY `startsAt` DATETIME(0) NOT NULL;
""",
            (("alter-column-type", "MODIFY `startsAt`"),),
        ),
        (
            "member_role_swap_value",
            """/*
  Warnings:

  - The values [SUPPORT] on the enum `Member_role` will be removed. If these variants are still used in the database, this will fail.

*/
-- AlterTable
ALTER TABLE `Member` MODIFY `role` ENUM('GUEST', 'HOST', 'ADMIN', 'STAFF') NOT NULL DEFAULT 'GUEST';
""",
            (("alter-column-type", "MODIFY `role`"),),
        ),
        (
            "venue_review_body_short",
            """/*
  Warnings:

  - You are about to alter the column `body` on the `VenueReview` table. The data in that column could be lost. The data in that column will be cast from `Text` to `VarChar(191)`.

*/
-- AlterTable
ALTER TABLE `VenueReview` MODIFY `body` VARCHAR(191) NULL;
""",
            (("alter-column-type", "MODIFY `body`"),),
        ),
        (
            "booking_fk_renamed",
            """-- DropForeignKey
ALTER TABLE `Booking` DROP FOREIGN KEY `Booking_memberId_fkey`;

-- AddForeignKey
ALTER TABLE `Booking` ADD CONSTRAINT `Booking_guestId_fkey` FOREIGN KEY (`memberId`) REFERENCES `Member`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- RenameIndex
ALTER TABLE `Booking` RENAME INDEX `Booking_memberId_idx` TO `Booking_guestId_idx`;
""",
            (),
        ),
        (
            "waitlist",
            """-- CreateTable
CREATE TABLE `Waitlist` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `venueId` INTEGER NOT NULL,
    `email` VARCHAR(191) NOT NULL,
    `position` INTEGER NOT NULL,

    UNIQUE INDEX `Waitlist_venueId_email_key`(`venueId`, `email`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AlterTable
ALTER TABLE `Waitlist` MODIFY `email` VARCHAR(120) NOT NULL,
    DROP COLUMN `position`;

-- AddForeignKey
ALTER TABLE `Waitlist` ADD CONSTRAINT `Waitlist_venueId_fkey` FOREIGN KEY (`venueId`) REFERENCES `Venue`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "member_locale_required_drop_default",
            """-- AlterTable
ALTER TABLE `Member` ADD COLUMN `timezone` VARCHAR(64) NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE `Member` ALTER COLUMN `timezone` DROP DEFAULT;
""",
            (("add-not-null-without-default", "DROP DEFAULT"),),
        ),
    ]
)

TYPEORM_COURSES: History = numbered(
    [
        (
            "init",
            """CREATE TABLE `typeorm_metadata` (`type` varchar(255) NOT NULL, `database` varchar(255) NULL, `schema` varchar(255) NULL, `table` varchar(255) NULL, `name` varchar(255) NULL, `value` text NULL) ENGINE=InnoDB;
CREATE TABLE `learner` (`id` int NOT NULL AUTO_INCREMENT, `email` varchar(255) NOT NULL, `name` varchar(255) NOT NULL, `bio` text NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `IDX_5f0a1c2e8b7d3e4a9c6b1d2f3a` (`email`), PRIMARY KEY (`id`)) ENGINE=InnoDB;
CREATE TABLE `course` (`id` varchar(36) NOT NULL, `title` varchar(255) NOT NULL, `level` enum ('beginner', 'advanced') NOT NULL DEFAULT 'beginner', `priceCents` int NOT NULL DEFAULT '0', `authorId` int NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;
CREATE TABLE `enrolment` (`id` int NOT NULL AUTO_INCREMENT, `progress` tinyint NOT NULL DEFAULT '0', `learnerId` int NULL, `courseId` varchar(36) NULL, INDEX `IDX_9a8b7c6d5e4f3a2b1c0d9e8f7a` (`learnerId`), PRIMARY KEY (`id`)) ENGINE=InnoDB;
ALTER TABLE `course` ADD CONSTRAINT `FK_1e2d3c4b5a69788796a5b4c3d2e` FOREIGN KEY (`authorId`) REFERENCES `learner`(`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE `enrolment` ADD CONSTRAINT `FK_7c6b5a4f3e2d1c0b9a8f7e6d5c4` FOREIGN KEY (`learnerId`) REFERENCES `learner`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE `enrolment` ADD CONSTRAINT `FK_0f1e2d3c4b5a6978879a6b5c4d3` FOREIGN KEY (`courseId`) REFERENCES `course`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION;
""",
            (),
        ),
        (
            "learner_avatar",
            "ALTER TABLE `learner` ADD `avatar` varchar(255) NULL\n",
            (),
        ),
        (
            "course_level_expert",
            "ALTER TABLE `course` CHANGE `level` `level` enum ('beginner', 'advanced', 'expert') NOT NULL DEFAULT 'beginner'\n",
            (),
        ),
        (
            "learner_name_restated",
            "ALTER TABLE `learner` CHANGE `name` `name` varchar(255) NOT NULL COMMENT 'shown on certificates'\n",
            (),
        ),
        (
            "course_title_changed",
            """ALTER TABLE `course` DROP COLUMN `title`;
ALTER TABLE `course` ADD `title` varchar(120) NOT NULL;
""",
            (
                ("drop-column", "DROP COLUMN `title`"),
                ("add-not-null-without-default", "ADD `title`"),
            ),
        ),
        (
            "lesson",
            """CREATE TABLE `lesson` (`id` int NOT NULL AUTO_INCREMENT, `position` int NOT NULL, `title` varchar(255) NOT NULL, `body` longtext NOT NULL, `courseId` varchar(36) NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;
ALTER TABLE `lesson` ADD CONSTRAINT `FK_3a4b5c6d7e8f9a0b1c2d3e4f5a6` FOREIGN KEY (`courseId`) REFERENCES `course`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION;
""",
            (),
        ),
        (
            "enrolment_index_changed",
            """CREATE UNIQUE INDEX `IDX_4d5e6f7a8b9c0d1e2f3a4b5c6d` ON `enrolment` (`learnerId`, `courseId`);
DROP INDEX `IDX_9a8b7c6d5e4f3a2b1c0d9e8f7a` ON `enrolment`;
""",
            (),
        ),
        (
            "learner_bio_required",
            "ALTER TABLE `learner` CHANGE `bio` `bio` text NOT NULL\n",
            (("set-not-null", "CHANGE `bio`"),),
        ),
        (
            "course_published",
            "ALTER TABLE `course` ADD `published` tinyint NOT NULL DEFAULT 0\n",
            (),
        ),
        (
            "learner_display_name",
            "ALTER TABLE `learner` CHANGE `name` `displayName` varchar(255) NOT NULL COMMENT 'shown on certificates'\n",
            (("rename-column", "CHANGE `name`"),),
        ),
        (
            "course_author_fk_rebuilt",
            """ALTER TABLE `course` DROP FOREIGN KEY `FK_1e2d3c4b5a69788796a5b4c3d2e`;
ALTER TABLE `course` CHANGE `authorId` `authorId` int NOT NULL;
ALTER TABLE `course` ADD CONSTRAINT `FK_1e2d3c4b5a69788796a5b4c3d2e` FOREIGN KEY (`authorId`) REFERENCES `learner`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION;
""",
            (("set-not-null", "CHANGE `authorId`"),),
        ),
        (
            "lesson_duration",
            "ALTER TABLE `lesson` ADD `durationSeconds` int NULL\n",
            (),
        ),
        (
            "profile_one_to_one",
            """CREATE TABLE `profile` (`id` int NOT NULL AUTO_INCREMENT, `website` varchar(255) NULL, `learnerId` int NULL, UNIQUE INDEX `REL_6b5a4c3d2e1f0a9b8c7d6e5f4a` (`learnerId`), PRIMARY KEY (`id`)) ENGINE=InnoDB;
ALTER TABLE `profile` ADD CONSTRAINT `FK_8e7d6c5b4a3f2e1d0c9b8a7f6e5` FOREIGN KEY (`learnerId`) REFERENCES `learner`(`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;
""",
            (),
        ),
        (
            "learner_drop_avatar",
            "ALTER TABLE `learner` DROP COLUMN `avatar`\n",
            (("drop-column", "DROP COLUMN `avatar`"),),
        ),
        (
            "course_price_bigint",
            "ALTER TABLE `course` CHANGE `priceCents` `priceCents` bigint NOT NULL DEFAULT '0'\n",
            (),
        ),
        (
            "course_level_drop_expert",
            "ALTER TABLE `course` CHANGE `level` `level` enum ('beginner', 'advanced') NOT NULL DEFAULT 'beginner'\n",
            (("alter-column-type", "CHANGE `level`"),),
        ),
        (
            "tag",
            """CREATE TABLE `tag` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(64) NOT NULL, UNIQUE INDEX `IDX_2c3d4e5f6a7b8c9d0e1f2a3b4c` (`name`), PRIMARY KEY (`id`)) ENGINE=InnoDB;
CREATE TABLE `course_tags_tag` (`courseId` varchar(36) NOT NULL, `tagId` int NOT NULL, INDEX `IDX_aa11bb22cc33dd44ee55ff6677` (`courseId`), INDEX `IDX_bb22cc33dd44ee55ff66778899` (`tagId`), PRIMARY KEY (`courseId`, `tagId`)) ENGINE=InnoDB;
ALTER TABLE `course_tags_tag` ADD CONSTRAINT `FK_cc33dd44ee55ff66778899aabb0` FOREIGN KEY (`courseId`) REFERENCES `course`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE `course_tags_tag` ADD CONSTRAINT `FK_dd44ee55ff66778899aabbcc001` FOREIGN KEY (`tagId`) REFERENCES `tag`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "lesson_title_shorter",
            "ALTER TABLE `lesson` CHANGE `title` `title` varchar(100) NOT NULL\n",
            (("alter-column-type", "CHANGE `title`"),),
        ),
        (
            "learner_updated_precision",
            "ALTER TABLE `learner` CHANGE `displayName` `displayName` varchar(300) NOT NULL COMMENT 'shown on certificates'\n",
            (),
        ),
        (
            "profile_website_dropped_and_added",
            """ALTER TABLE `profile` DROP COLUMN `website`;
ALTER TABLE `profile` ADD `website` varchar(500) NULL;
""",
            (("drop-column", "DROP COLUMN `website`"),),
        ),
        (
            "enrolment_progress_optional",
            "ALTER TABLE `enrolment` CHANGE `progress` `progress` tinyint NULL DEFAULT '0'\n",
            (),
        ),
        (
            "tag_rename_table",
            "RENAME TABLE `tag` TO `topic`\n",
            (("rename-table", "RENAME TABLE"),),
        ),
        (
            "drop_profile",
            """ALTER TABLE `profile` DROP FOREIGN KEY `FK_8e7d6c5b4a3f2e1d0c9b8a7f6e5`;
DROP INDEX `REL_6b5a4c3d2e1f0a9b8c7d6e5f4a` ON `profile`;
DROP TABLE `profile`;
""",
            (("drop-table", "DROP TABLE"),),
        ),
        (
            "certificate",
            """CREATE TABLE `certificate` (`id` varchar(36) NOT NULL, `issuedAt` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, `enrolmentId` int NULL, UNIQUE INDEX `REL_1a2b3c4d5e6f7a8b9c0d1e2f3a` (`enrolmentId`), PRIMARY KEY (`id`)) ENGINE=InnoDB;
ALTER TABLE `certificate` ADD CONSTRAINT `FK_ee55ff66778899aabbccdd0011e` FOREIGN KEY (`enrolmentId`) REFERENCES `enrolment`(`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;
""",
            (),
        ),
        (
            "lesson_video_url",
            "ALTER TABLE `lesson` ADD `videoUrl` varchar(255) NOT NULL DEFAULT ''\n",
            (),
        ),
        (
            "lesson_position_drop_and_add",
            """ALTER TABLE `lesson` DROP COLUMN `position`;
ALTER TABLE `lesson` ADD `position` int NOT NULL DEFAULT 0;
""",
            (("drop-column", "DROP COLUMN `position`"),),
        ),
        (
            "backfill_published",
            "UPDATE `course` SET `published` = 1\n",
            (("update-without-where", "UPDATE"),),
        ),
        (
            "enrolment_score",
            """ALTER TABLE `enrolment` ADD `score` decimal(5,2) NULL;
ALTER TABLE `enrolment` CHANGE `score` `score` decimal(6,2) NULL;
""",
            (),
        ),
        (
            "enrolment_score_wider",
            "ALTER TABLE `enrolment` CHANGE `score` `score` decimal(8,2) NULL\n",
            (),
        ),
        (
            "learner_email_index",
            """DROP INDEX `IDX_5f0a1c2e8b7d3e4a9c6b1d2f3a` ON `learner`;
ALTER TABLE `learner` ADD UNIQUE INDEX `IDX_6a7b8c9d0e1f2a3b4c5d6e7f8a` (`email`);
""",
            (),
        ),
        (
            "learner_created_micro",
            "ALTER TABLE `learner` CHANGE `createdAt` `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'signup'\n",
            (),
        ),
        (
            "certificate_issued_precise",
            "ALTER TABLE `certificate` CHANGE `issuedAt` `issuedAt` timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)\n",
            (),
        ),
        (
            "learner_name_charset",
            'ALTER TABLE `learner` CHANGE `displayName` `displayName` varchar(300) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL COMMENT \'shown on certificates\'\n',
            (),
        ),
        (
            "lesson_duration_unsigned",
            "ALTER TABLE `lesson` CHANGE `durationSeconds` `durationSeconds` int UNSIGNED NULL\n",
            (("alter-column-type", "CHANGE `durationSeconds`"),),
        ),
        (
            "course_view",
            """CREATE VIEW `course_summary` AS SELECT `c`.`id` AS `id`, `c`.`title` AS `title` FROM `course` `c`;
INSERT INTO `typeorm_metadata`(`database`, `schema`, `table`, `type`, `name`, `value`) VALUES (DEFAULT, 'courses', DEFAULT, 'VIEW', 'course_summary', 'SELECT id, title FROM course');
""",
            (),
        ),
        (
            "course_view_changed",
            """DELETE FROM `typeorm_metadata` WHERE `type` = 'VIEW' AND `name` = 'course_summary' AND `schema` = 'courses';
DROP VIEW `course_summary`;
CREATE VIEW `course_summary` AS SELECT `c`.`id` AS `id`, `c`.`title` AS `title`, `c`.`published` AS `published` FROM `course` `c`;
INSERT INTO `typeorm_metadata`(`database`, `schema`, `table`, `type`, `name`, `value`) VALUES (DEFAULT, 'courses', DEFAULT, 'VIEW', 'course_summary', 'SELECT id, title, published FROM course');
""",
            (),
        ),
        (
            "enrolment_primary_key",
            """ALTER TABLE `enrolment` ADD `ref` varchar(36) NULL;
ALTER TABLE `enrolment` ADD CONSTRAINT `UQ_5e6f7a8b9c0d1e2f3a4b5c6d7e8` UNIQUE (`ref`);
""",
            (),
        ),
        (
            "lesson_body_nullable_then_dropped",
            """ALTER TABLE `lesson` CHANGE `body` `body` longtext NULL;
ALTER TABLE `lesson` DROP COLUMN `body`;
""",
            (("drop-column", "DROP COLUMN `body`"),),
        ),
        (
            "drop_summary_view",
            """DELETE FROM `typeorm_metadata` WHERE `type` = 'VIEW' AND `name` = 'course_summary' AND `schema` = 'courses';
DROP VIEW `course_summary`;
""",
            (("drop-view", "DROP VIEW"),),
        ),
    ]
)

FLYWAY_LEDGER: History = numbered(
    [
        (
            "baseline",
            """/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
SET FOREIGN_KEY_CHECKS = 0;
CREATE TABLE IF NOT EXISTS account (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  handle VARCHAR(64) NOT NULL,
  balance DECIMAL(12,2) NOT NULL DEFAULT 0.00,
  region CHAR(2) NULL,
  legacy_code VARCHAR(16) NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uk_account_handle (handle)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE IF NOT EXISTS entry (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  account_id BIGINT UNSIGNED NOT NULL,
  amount DECIMAL(12,2) NOT NULL,
  memo VARCHAR(255) NULL,
  booked_on DATE NOT NULL,
  PRIMARY KEY (id),
  KEY ix_entry_account (account_id),
  CONSTRAINT fk_entry_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE IF NOT EXISTS setting (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  val VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
SET FOREIGN_KEY_CHECKS = 1;
""",
            (),
        ),
        (
            "settings_seed",
            """INSERT INTO setting (name, val) VALUES ('currency', 'EUR'), ('rounding', 'half-even')
ON DUPLICATE KEY UPDATE val = VALUES(val);
""",
            (),
        ),
        (
            "entry_memo_online",
            "ALTER TABLE entry MODIFY memo VARCHAR(500) NULL, ALGORITHM=INPLACE, LOCK=NONE;\n",
            (),
        ),
        (
            "entry_category",
            """ALTER TABLE entry
  ADD COLUMN category VARCHAR(32) NULL AFTER memo,
  ADD INDEX ix_entry_category (category),
  ALGORITHM=INPLACE, LOCK=NONE;
""",
            (),
        ),
        (
            "account_add_status_procedure",
            """DROP PROCEDURE IF EXISTS ledger_add_status;
CREATE PROCEDURE ledger_add_status()
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
      WHERE table_schema = DATABASE() AND table_name = 'account' AND column_name = 'status') THEN
    ALTER TABLE account ADD COLUMN status TINYINT NOT NULL DEFAULT 1;
  END IF;
END;
CALL ledger_add_status();
DROP PROCEDURE ledger_add_status;
""",
            (("opaque-sql", "CALL ledger_add_status"),),
        ),
        (
            "entry_category_if_missing",
            """SET @has_col := (SELECT COUNT(*) FROM information_schema.columns
  WHERE table_schema = DATABASE() AND table_name = 'entry' AND column_name = 'category');
SET @ddl := IF(@has_col = 0, 'ALTER TABLE entry ADD COLUMN category VARCHAR(32) NULL AFTER memo', 'DO 0');
PREPARE add_category FROM @ddl;
EXECUTE add_category;
DEALLOCATE PREPARE add_category;
""",
            (("opaque-sql", "PREPARE add_category FROM"), ("opaque-sql", "EXECUTE add_category")),
        ),
        (
            "account_region_default",
            """ALTER TABLE account ALTER COLUMN region SET DEFAULT 'EU';
UPDATE account SET region = 'EU' WHERE region IS NULL;
""",
            (),
        ),
        (
            "account_region_required",
            "ALTER TABLE account MODIFY region CHAR(2) NOT NULL DEFAULT 'EU', ALGORITHM=INPLACE, LOCK=NONE;\n",
            (("set-not-null", "MODIFY region"),),
        ),
        (
            "entry_legacy_cleanup",
            "ALTER TABLE account DROP COLUMN legacy_code, ALGORITHM=INPLACE, LOCK=NONE;\n",
            (("drop-column", "DROP COLUMN legacy_code"),),
        ),
        (
            "balance_trigger",
            """CREATE TRIGGER entry_after_insert AFTER INSERT ON entry
FOR EACH ROW
BEGIN
  UPDATE account SET balance = balance + NEW.amount WHERE id = NEW.account_id;
END;
""",
            (),
        ),
        (
            "balance_trigger_replaced",
            """DROP TRIGGER IF EXISTS entry_after_insert;
CREATE TRIGGER entry_after_insert AFTER INSERT ON entry
FOR EACH ROW
BEGIN
  IF NEW.amount <> 0 THEN
    UPDATE account SET balance = balance + NEW.amount WHERE id = NEW.account_id;
  END IF;
END;
""",
            (),
        ),
        (
            "entry_fee",
            """ALTER TABLE entry ADD COLUMN fee DECIMAL(12,2) NOT NULL DEFAULT 0.00;
ALTER TABLE entry ALTER COLUMN fee DROP DEFAULT;
""",
            (("add-not-null-without-default", "DROP DEFAULT"),),
        ),
        (
            "account_tier_mariadb",
            """ALTER TABLE account ADD COLUMN IF NOT EXISTS tier VARCHAR(16) NULL;
ALTER TABLE account DROP COLUMN IF EXISTS nickname;
""",
            (("drop-column", "DROP COLUMN IF EXISTS nickname"),),
        ),
        (
            "account_handle_renamed",
            "ALTER TABLE account RENAME COLUMN handle TO username;\n",
            (("rename-column", "RENAME COLUMN"),),
        ),
        (
            "entry_memo_shortened",
            "ALTER TABLE entry CHANGE COLUMN memo memo VARCHAR(200) NULL;\n",
            (("alter-column-type", "CHANGE COLUMN memo"),),
        ),
        (
            "fees_function",
            """CREATE FUNCTION ledger_fee(amount DECIMAL(12,2)) RETURNS DECIMAL(12,2)
DETERMINISTIC
BEGIN
  RETURN ROUND(amount * 0.01, 2);
END;
""",
            (),
        ),
        (
            "fees_function_dropped",
            "DROP FUNCTION IF EXISTS ledger_fee;\n",
            (("drop-routine", "DROP FUNCTION"),),
        ),
        (
            "entry_archive_purge",
            """CREATE TABLE entry_archive LIKE entry;
INSERT INTO entry_archive SELECT * FROM entry WHERE booked_on < '2020-01-01';
DELETE FROM entry WHERE booked_on < '2020-01-01';
""",
            (),
        ),
        (
            "settings_reset",
            "TRUNCATE TABLE setting;\n",
            (("truncate", "TRUNCATE"),),
        ),
        (
            "account_charset",
            "ALTER TABLE account CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n",
            (("alter-column-type", "CONVERT TO"),),
        ),
        (
            "entry_orphans",
            """DELETE e FROM entry e LEFT JOIN account a ON a.id = e.account_id WHERE a.id IS NULL;
UPDATE entry e JOIN account a ON a.id = e.account_id SET e.category = 'misc' WHERE e.category IS NULL;
""",
            (),
        ),
        (
            "account_tier_index",
            "CREATE INDEX ix_account_tier ON account (tier) ALGORITHM=INPLACE LOCK=NONE;\n",
            (),
        ),
        (
            "drop_archive",
            "DROP TABLE IF EXISTS entry_archive;\n",
            (("drop-table", "DROP TABLE"),),
        ),
        (
            "account_balance_precision",
            "ALTER TABLE account MODIFY balance DECIMAL(14,2) NOT NULL DEFAULT 0.00;\n",
            (),
        ),
        (
            "audit_trail",
            """CREATE TABLE audit_trail (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  entry_id BIGINT UNSIGNED NOT NULL,
  note VARCHAR(255) NULL
) ENGINE=InnoDB;
""",
            (),
        ),
        (
            "audit_trail_tidy",
            "ALTER TABLE audit_trail DROP COLUMN IF EXISTS actor_ip, ADD COLUMN actor VARCHAR(64) NULL;\n",
            (),
        ),
        (
            "entry_booked_datetime",
            "ALTER TABLE entry MODIFY booked_on DATETIME NOT NULL;\n",
            (("alter-column-type", "MODIFY booked_on"),),
        ),
    ]
)

HISTORIES: dict[str, History] = {
    "prisma_venues": PRISMA_VENUES,
    "typeorm_courses": TYPEORM_COURSES,
    "flyway_ledger": FLYWAY_LEDGER,
}
