# ruff: noqa: E501  (ORM-generated SQL keeps its long lines, as real histories have them)
"""Long SQLite histories in the shapes the big ORMs generate, written for ratchet after the shapes of
public projects' histories (not copied from any), with the error findings a reviewer expects, decided
by hand from the lint's rules before the lint ran:

- ``PODCASTS``: a podcast host's Prisma migrations (``-- RedefineTables`` blocks: ``new_X`` tables
  copied with their columns in name order, ``PRAGMA foreign_keys`` and ``defer_foreign_keys`` around
  them, Prisma's ``Warnings`` comments; faithful rebuilds, and ones that drop a column, change a type,
  make a column required or add one without a default; ``-- DropTable`` between foreign-key pragmas;
  quoted CamelCase names, DATETIME/BOOLEAN/DECIMAL columns, an implicit many-to-many table);
- ``STOCK``: a stock-keeping Django app's ``sqlmigrate`` output (``new__`` rebuilds for AddField with a
  default, AlterField, RemoveField of a foreign key, RenameField of a foreign key, constraints;
  ``ADD COLUMN``/``DROP COLUMN``/``RENAME COLUMN`` fast paths; hashed index names; RunSQL data
  fixes; two files keep ``sqlmigrate``'s ``BEGIN;``/``COMMIT;``);
- ``TRACKER``: an issue tracker's Alembic offline output with batch mode (``_alembic_tmp_`` rebuilds
  whose copies read ``table.column`` and ``CAST(... ) AS anon_1``; ``alembic_version`` updates);
- ``NOTEBOOK``: an Android notes app's Room history from its first version (``CREATE TABLE IF NOT
  EXISTS`` with backquotes, an FTS4 table over the notes with Room's content-sync triggers, a
  ``@DatabaseView``, auto-migrations' ``_new_X`` rebuilds for a renamed and a deleted column,
  ``@RenameTable`` and ``@DeleteTable``, hand-written migrations, one renaming the table first;
  ``room_master_table``);
- ``TICKETS``: a ticketing app's TypeORM migrations (``temporary_X`` rebuilds copying by name, with
  the indexes dropped before and made after; a revert that renames the table away first; hashed
  ``FK_``/``UQ_``/``IDX_`` names; a table named ``order``).

``HISTORIES``: label -> files ``(name, sql, expected)``, ``expected`` the ``(rule, line)`` of each error.
"""

from __future__ import annotations

from history_corpus import History

PODCASTS: History = [
    (
        "1.0.0__init.sql",
        """-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "image" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Show" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "ownerId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Show_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Episode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "showId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "audioUrl" TEXT NOT NULL,
    "publishedAt" DATETIME,
    "duration" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Episode_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Show_slug_key" ON "Show"("slug");
""",
        set(),
    ),
    (
        "1.1.0__auth.sql",
        """-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,
    CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" DATETIME NOT NULL,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_sessionToken_key" ON "Session"("sessionToken");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_token_key" ON "VerificationToken"("token");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");
""",
        set(),
    ),
    (
        "1.2.0__episode_numbers.sql",
        """-- AlterTable
ALTER TABLE "Episode" ADD COLUMN "season" INTEGER;
ALTER TABLE "Episode" ADD COLUMN "number" INTEGER;

-- CreateIndex
CREATE INDEX "Episode_showId_idx" ON "Episode"("showId");
""",
        set(),
    ),
    (
        "1.3.0__episode_explicit.sql",
        """-- AlterTable
ALTER TABLE "Episode" ADD COLUMN "explicit" BOOLEAN NOT NULL DEFAULT false;
""",
        set(),
    ),
    (
        "1.4.0__duration_seconds.sql",
        """/*
  Warnings:

  - You are about to alter the column `duration` on the `Episode` table, which contains 12 non-null values. The data in that column will be cast from `String` to `Int`. This cast may fail. Please make sure the data in the column can be cast.

*/
-- RedefineTables
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Episode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "showId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "audioUrl" TEXT NOT NULL,
    "publishedAt" DATETIME,
    "duration" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "season" INTEGER,
    "number" INTEGER,
    "explicit" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Episode_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Episode" ("audioUrl", "createdAt", "duration", "explicit", "id", "number", "publishedAt", "season", "showId", "title") SELECT "audioUrl", "createdAt", "duration", "explicit", "id", "number", "publishedAt", "season", "showId", "title" FROM "Episode";
DROP TABLE "Episode";
ALTER TABLE "new_Episode" RENAME TO "Episode";
CREATE INDEX "Episode_showId_idx" ON "Episode"("showId");
PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
""",
        {("rebuild-unverified", 23)},
    ),
    (
        "1.5.0__tags.sql",
        """-- CreateTable
CREATE TABLE "Tag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "_EpisodeToTag" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_EpisodeToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Episode" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_EpisodeToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Tag_name_key" ON "Tag"("name");

-- CreateIndex
CREATE UNIQUE INDEX "_EpisodeToTag_AB_unique" ON "_EpisodeToTag"("A", "B");

-- CreateIndex
CREATE INDEX "_EpisodeToTag_B_index" ON "_EpisodeToTag"("B");
""",
        set(),
    ),
    (
        "1.6.0__subscriptions.sql",
        """-- CreateTable
CREATE TABLE "Subscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "showId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Subscription_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Subscription_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_userId_showId_key" ON "Subscription"("userId", "showId");
""",
        set(),
    ),
    (
        "1.7.0__show_language.sql",
        """/*
  Warnings:

  - Added the required column `language` to the `Show` table without a default value. This is not possible if the table is not empty.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Show" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "language" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Show_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Show" ("createdAt", "description", "id", "ownerId", "slug", "title", "updatedAt") SELECT "createdAt", "description", "id", "ownerId", "slug", "title", "updatedAt" FROM "Show";
DROP TABLE "Show";
ALTER TABLE "new_Show" RENAME TO "Show";
CREATE UNIQUE INDEX "Show_slug_key" ON "Show"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("add-not-null-without-default", 23)},
    ),
    (
        "1.8.0__plays.sql",
        """-- CreateTable
CREATE TABLE "Play" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "episodeId" INTEGER NOT NULL,
    "userId" TEXT,
    "country" TEXT,
    "userAgent" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Play_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Play_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Play_episodeId_createdAt_idx" ON "Play"("episodeId", "createdAt");
""",
        set(),
    ),
    (
        "1.9.0__user_role.sql",
        """-- AlterTable
ALTER TABLE "User" ADD COLUMN "role" TEXT NOT NULL DEFAULT 'LISTENER';
""",
        set(),
    ),
    (
        "1.10.0__episode_description.sql",
        """-- AlterTable
ALTER TABLE "Episode" ADD COLUMN "description" TEXT;
ALTER TABLE "Episode" ADD COLUMN "imageUrl" TEXT;
""",
        set(),
    ),
    (
        "1.11.0__drop_user_image.sql",
        """/*
  Warnings:

  - You are about to drop the column `image` on the `User` table. All the data in the column will be lost.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "role" TEXT NOT NULL DEFAULT 'LISTENER'
);
INSERT INTO "new_User" ("createdAt", "email", "id", "name", "role") SELECT "createdAt", "email", "id", "name", "role" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("rebuild-unverified", 18)},
    ),
    (
        "1.12.0__sponsors.sql",
        """-- CreateTable
CREATE TABLE "Sponsor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "website" TEXT,
    "contactEmail" TEXT
);

-- CreateTable
CREATE TABLE "AdSlot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "episodeId" INTEGER NOT NULL,
    "sponsorId" INTEGER NOT NULL,
    "position" TEXT NOT NULL DEFAULT 'PREROLL',
    "price" DECIMAL NOT NULL,
    "startsAt" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "AdSlot_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AdSlot_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "Sponsor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AdSlot_episodeId_idx" ON "AdSlot"("episodeId");

-- CreateIndex
CREATE INDEX "AdSlot_sponsorId_idx" ON "AdSlot"("sponsorId");
""",
        set(),
    ),
    (
        "1.13.0__episode_slug.sql",
        """/*
  Warnings:

  - A unique constraint covering the columns `[showId,slug]` on the table `Episode` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Episode" ADD COLUMN "slug" TEXT NOT NULL DEFAULT '';

-- backfill before the unique index (added by hand)
UPDATE "Episode" SET "slug" = lower(replace("title", ' ', '-')) || '-' || "id" WHERE "slug" = '';

-- CreateIndex
CREATE UNIQUE INDEX "Episode_showId_slug_key" ON "Episode"("showId", "slug");
""",
        set(),
    ),
    (
        "1.14.0__comments.sql",
        """-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "episodeId" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "parentId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Comment_episodeId_createdAt_idx" ON "Comment"("episodeId", "createdAt");
""",
        set(),
    ),
    (
        "1.15.0__show_category.sql",
        """-- AlterTable
ALTER TABLE "Show" ADD COLUMN "category" TEXT NOT NULL DEFAULT 'OTHER';
""",
        set(),
    ),
    (
        "1.16.0__adslot_price_float.sql",
        """/*
  Warnings:

  - You are about to alter the column `price` on the `AdSlot` table. The data in that column could be lost. The data in that column will be cast from `Decimal` to `Float`.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AdSlot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "episodeId" INTEGER NOT NULL,
    "sponsorId" INTEGER NOT NULL,
    "position" TEXT NOT NULL DEFAULT 'PREROLL',
    "price" REAL NOT NULL,
    "startsAt" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "AdSlot_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AdSlot_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "Sponsor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_AdSlot" ("episodeId", "id", "position", "price", "sponsorId", "startsAt") SELECT "episodeId", "id", "position", "price", "sponsorId", "startsAt" FROM "AdSlot";
DROP TABLE "AdSlot";
ALTER TABLE "new_AdSlot" RENAME TO "AdSlot";
CREATE INDEX "AdSlot_episodeId_idx" ON "AdSlot"("episodeId");
CREATE INDEX "AdSlot_sponsorId_idx" ON "AdSlot"("sponsorId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("rebuild-unverified", 21)},
    ),
    (
        "1.17.0__drop_sessions.sql",
        """/*
  Warnings:

  - You are about to drop the `Session` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "Session";
PRAGMA foreign_keys=on;
""",
        {("drop-table", 9)},
    ),
    (
        "1.18.0__transcripts.sql",
        """-- CreateTable
CREATE TABLE "Transcript" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "episodeId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "format" TEXT NOT NULL DEFAULT 'vtt',
    CONSTRAINT "Transcript_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Transcript_episodeId_key" ON "Transcript"("episodeId");
""",
        set(),
    ),
    (
        "1.19.0__published_at_required.sql",
        """-- filled by hand first: drafts never published take their creation time
UPDATE "Episode" SET "publishedAt" = "createdAt" WHERE "publishedAt" IS NULL;

/*
  Warnings:

  - Made the column `publishedAt` on table `Episode` required, but there are 3 existing NULL values.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Episode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "showId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "audioUrl" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL,
    "duration" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "season" INTEGER,
    "number" INTEGER,
    "explicit" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "imageUrl" TEXT,
    "slug" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Episode_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Episode" ("audioUrl", "createdAt", "description", "duration", "explicit", "id", "imageUrl", "number", "publishedAt", "season", "showId", "slug", "title") SELECT "audioUrl", "createdAt", "description", "duration", "explicit", "id", "imageUrl", "number", "publishedAt", "season", "showId", "slug", "title" FROM "Episode";
DROP TABLE "Episode";
ALTER TABLE "new_Episode" RENAME TO "Episode";
CREATE INDEX "Episode_showId_idx" ON "Episode"("showId");
CREATE UNIQUE INDEX "Episode_showId_slug_key" ON "Episode"("showId", "slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("set-not-null", 31)},
    ),
    (
        "1.20.0__api_keys.sql",
        """-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "hashedKey" TEXT NOT NULL,
    "label" TEXT,
    "lastUsedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hashedKey_key" ON "ApiKey"("hashedKey");
""",
        set(),
    ),
    (
        "1.21.0__user_name_required.sql",
        """/*
  Warnings:

  - Made the column `name` on table `User` required, but there are 40 existing NULL values.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "role" TEXT NOT NULL DEFAULT 'LISTENER'
);
INSERT INTO "new_User" ("createdAt", "email", "id", "name", "role") SELECT "createdAt", "email", "id", coalesce("name", '') AS "name", "role" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("set-not-null", 19)},
    ),
    (
        "1.22.0__notifications.sql",
        """-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");
""",
        set(),
    ),
    (
        "1.23.0__play_device.sql",
        """/*
  Warnings:

  - You are about to drop the column `userAgent` on the `Play` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "editedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Play" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "episodeId" INTEGER NOT NULL,
    "userId" TEXT,
    "country" TEXT,
    "device" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Play_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Play_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Play" ("country", "createdAt", "episodeId", "id", "userId") SELECT "country", "createdAt", "episodeId", "id", "userId" FROM "Play";
DROP TABLE "Play";
ALTER TABLE "new_Play" RENAME TO "Play";
CREATE INDEX "Play_episodeId_createdAt_idx" ON "Play"("episodeId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("rebuild-unverified", 24)},
    ),
    (
        "1.24.0__sponsor_name_unique.sql",
        """/*
  Warnings:

  - A unique constraint covering the columns `[name]` on the table `Sponsor` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX "Sponsor_name_key" ON "Sponsor"("name");
""",
        set(),
    ),
    (
        "1.25.0__unused_tags.sql",
        """-- hand-written: tags no episode uses any more
DELETE FROM "Tag" WHERE NOT EXISTS (SELECT 1 FROM "_EpisodeToTag" WHERE "_EpisodeToTag"."B" = "Tag"."id");
""",
        set(),
    ),
    (
        "1.26.0__show_owner_cascade.sql",
        """-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Show" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "language" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "category" TEXT NOT NULL DEFAULT 'OTHER',
    CONSTRAINT "Show_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Show" ("category", "createdAt", "description", "id", "language", "ownerId", "slug", "title", "updatedAt") SELECT "category", "createdAt", "description", "id", "language", "ownerId", "slug", "title", "updatedAt" FROM "Show";
DROP TABLE "Show";
ALTER TABLE "new_Show" RENAME TO "Show";
CREATE UNIQUE INDEX "Show_slug_key" ON "Show"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        set(),
    ),
    (
        "1.27.0__webhooks.sql",
        """-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "showId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT NOT NULL DEFAULT '[]',
    "active" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Webhook_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Webhook_showId_idx" ON "Webhook"("showId");
""",
        set(),
    ),
    (
        "1.28.0__invoices.sql",
        """-- CreateTable
CREATE TABLE "Invoice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" INTEGER NOT NULL,
    "sponsorId" INTEGER NOT NULL,
    "amount" DECIMAL NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "issuedAt" DATETIME,
    CONSTRAINT "Invoice_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "Sponsor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");
""",
        set(),
    ),
    (
        "1.29.0__invoice_number_bigint.sql",
        """/*
  Warnings:

  - You are about to alter the column `number` on the `Invoice` table. The data in that column will be cast from `Int` to `BigInt`.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Invoice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" BIGINT NOT NULL,
    "sponsorId" INTEGER NOT NULL,
    "amount" DECIMAL NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "issuedAt" DATETIME,
    CONSTRAINT "Invoice_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "Sponsor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Invoice" ("amount", "currency", "id", "issuedAt", "number", "sponsorId", "status") SELECT "amount", "currency", "id", "issuedAt", "number", "sponsorId", "status" FROM "Invoice";
DROP TABLE "Invoice";
ALTER TABLE "new_Invoice" RENAME TO "Invoice";
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        set(),
    ),
    (
        "1.30.0__drop_adslots.sql",
        """/*
  Warnings:

  - You are about to drop the `AdSlot` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropIndex
DROP INDEX "AdSlot_episodeId_idx";

-- DropIndex
DROP INDEX "AdSlot_sponsorId_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "AdSlot";
PRAGMA foreign_keys=on;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Sponsor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "website" TEXT,
    "contactEmail" TEXT,
    "logoUrl" TEXT
);
INSERT INTO "new_Sponsor" ("contactEmail", "id", "name", "website") SELECT "contactEmail", "id", "name", "website" FROM "Sponsor";
DROP TABLE "Sponsor";
ALTER TABLE "new_Sponsor" RENAME TO "Sponsor";
CREATE UNIQUE INDEX "Sponsor_name_key" ON "Sponsor"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("drop-table", 15)},
    ),
    (
        "1.31.0__episode_status.sql",
        """-- AlterTable
ALTER TABLE "Episode" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'DRAFT';

-- existing episodes are all out
UPDATE "Episode" SET "status" = 'PUBLISHED' WHERE "publishedAt" <= CURRENT_TIMESTAMP;
""",
        set(),
    ),
    (
        "1.32.0__user_handle.sql",
        """/*
  Warnings:

  - Added the required column `handle` to the `User` table without a default value. This is not possible if the table is not empty.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "role" TEXT NOT NULL DEFAULT 'LISTENER'
);
INSERT INTO "new_User" ("createdAt", "email", "id", "name", "role") SELECT "createdAt", "email", "id", "name", "role" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_handle_key" ON "User"("handle");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("add-not-null-without-default", 20)},
    ),
    (
        "1.33.0__play_index_by_time.sql",
        """-- DropIndex
DROP INDEX "Play_episodeId_createdAt_idx";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Play" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "episodeId" INTEGER NOT NULL,
    "userId" TEXT,
    "country" TEXT,
    "device" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Play_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Play_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Play" ("country", "createdAt", "device", "episodeId", "id", "userId") SELECT "country", "createdAt", "device", "episodeId", "id", "userId" FROM "Play";
DROP TABLE "Play";
ALTER TABLE "new_Play" RENAME TO "Play";
CREATE INDEX "Play_createdAt_idx" ON "Play"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        # the index the rebuild does not make again was dropped before it (drop-index, a warning)
        set(),
    ),
    (
        "1.34.0__comment_pinned.sql",
        """-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "pinned" BOOLEAN NOT NULL DEFAULT false;
""",
        set(),
    ),
    (
        "1.35.0__transcript_language.sql",
        """-- AlterTable
ALTER TABLE "Transcript" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'en';
""",
        set(),
    ),
    (
        "1.36.0__verification_token_id.sql",
        """-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" DATETIME NOT NULL,
    PRIMARY KEY ("identifier", "token")
);
INSERT INTO "new_VerificationToken" ("expires", "identifier", "token") SELECT "expires", "identifier", "token" FROM "VerificationToken";
DROP TABLE "VerificationToken";
ALTER TABLE "new_VerificationToken" RENAME TO "VerificationToken";
CREATE UNIQUE INDEX "VerificationToken_token_key" ON "VerificationToken"("token");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        # the (identifier, token) unique index is not made again: the new primary key is that uniqueness
        set(),
    ),
    (
        "1.37.0__comment_updated_at.sql",
        """/*
  Warnings:

  - Added the required column `updatedAt` to the `Comment` table without a default value. This is not possible if the table is not empty.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "episodeId" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "parentId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "editedAt" DATETIME,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Comment_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("authorId", "body", "createdAt", "editedAt", "episodeId", "id", "parentId", "pinned") SELECT "authorId", "body", "createdAt", "editedAt", "episodeId", "id", "parentId", "pinned" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE INDEX "Comment_episodeId_createdAt_idx" ON "Comment"("episodeId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("add-not-null-without-default", 26)},
    ),
    (
        "1.38.0__enclosure_url.sql",
        """-- edited by hand: Prisma would drop and re-add the column, losing every URL
ALTER TABLE "Episode" RENAME COLUMN "audioUrl" TO "enclosureUrl";
""",
        {("rename-column", 2)},
    ),
    (
        "1.39.0__reset_play_stats.sql",
        """-- the old player double counted: start the statistics afresh
DELETE FROM "Play";
""",
        {("delete-without-where", 2)},
    ),
    (
        "1.40.0__show_explicit_default.sql",
        """-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Show" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "language" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "category" TEXT NOT NULL DEFAULT 'OTHER',
    "explicit" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Show_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Show" ("category", "createdAt", "description", "id", "language", "ownerId", "slug", "title", "updatedAt") SELECT "category", "createdAt", "description", "id", "language", "ownerId", "slug", "title", "updatedAt" FROM "Show";
DROP TABLE "Show";
ALTER TABLE "new_Show" RENAME TO "Show";
CREATE UNIQUE INDEX "Show_slug_key" ON "Show"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        set(),
    ),
    (
        "1.41.0__playlists.sql",
        """-- CreateTable
CREATE TABLE "Playlist" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Playlist_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlaylistItem" (
    "playlistId" TEXT NOT NULL,
    "episodeId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY ("playlistId", "episodeId"),
    CONSTRAINT "PlaylistItem_playlistId_fkey" FOREIGN KEY ("playlistId") REFERENCES "Playlist" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlaylistItem_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
""",
        set(),
    ),
    (
        "1.42.0__playlist_item_position.sql",
        """-- CreateIndex
CREATE INDEX "PlaylistItem_playlistId_position_idx" ON "PlaylistItem"("playlistId", "position");
""",
        set(),
    ),
    (
        "1.43.0__invoice_amount_cents.sql",
        """/*
  Warnings:

  - You are about to drop the column `amount` on the `Invoice` table. All the data in the column will be lost.
  - Added the required column `amountCents` to the `Invoice` table without a default value. This is not possible if the table is not empty.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Invoice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" BIGINT NOT NULL,
    "sponsorId" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "issuedAt" DATETIME,
    CONSTRAINT "Invoice_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "Sponsor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Invoice" ("currency", "id", "issuedAt", "number", "sponsorId", "status") SELECT "currency", "id", "issuedAt", "number", "sponsorId", "status" FROM "Invoice";
DROP TABLE "Invoice";
ALTER TABLE "new_Invoice" RENAME TO "Invoice";
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("rebuild-unverified", 22), ("add-not-null-without-default", 23)},
    ),
    (
        "1.44.0__webhook_secret_optional.sql",
        """-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "showId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT,
    "events" TEXT NOT NULL DEFAULT '[]',
    "active" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Webhook_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Webhook" ("active", "events", "id", "secret", "showId", "url") SELECT "active", "events", "id", "secret", "showId", "url" FROM "Webhook";
DROP TABLE "Webhook";
ALTER TABLE "new_Webhook" RENAME TO "Webhook";
CREATE INDEX "Webhook_showId_idx" ON "Webhook"("showId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        set(),
    ),
    (
        "1.45.0__episode_published_text.sql",
        """/*
  Warnings:

  - You are about to alter the column `publishedAt` on the `Episode` table. The data in that column will be cast from `DateTime` to `String`.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Episode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "showId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "enclosureUrl" TEXT NOT NULL,
    "publishedAt" TEXT NOT NULL,
    "duration" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "season" INTEGER,
    "number" INTEGER,
    "explicit" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "imageUrl" TEXT,
    "slug" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    CONSTRAINT "Episode_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Episode" ("createdAt", "description", "duration", "enclosureUrl", "explicit", "id", "imageUrl", "number", "publishedAt", "season", "showId", "slug", "status", "title") SELECT "createdAt", "description", "duration", "enclosureUrl", "explicit", "id", "imageUrl", "number", "publishedAt", "season", "showId", "slug", "status", "title" FROM "Episode";
DROP TABLE "Episode";
ALTER TABLE "new_Episode" RENAME TO "Episode";
CREATE INDEX "Episode_showId_idx" ON "Episode"("showId");
CREATE UNIQUE INDEX "Episode_showId_slug_key" ON "Episode"("showId", "slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("rebuild-unverified", 28)},
    ),
    (
        "1.46.0__two_tables.sql",
        """/*
  Warnings:

  - You are about to drop the column `kind` on the `Notification` table. All the data in the column will be lost.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'INFO',
    "payload" TEXT NOT NULL DEFAULT '{}',
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Notification" ("createdAt", "id", "payload", "readAt", "userId") SELECT "createdAt", "id", "payload", "readAt", "userId" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");
CREATE TABLE "new_Tag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "color" TEXT
);
INSERT INTO "new_Tag" ("id", "name") SELECT "id", "name" FROM "Tag";
DROP TABLE "Tag";
ALTER TABLE "new_Tag" RENAME TO "Tag";
CREATE UNIQUE INDEX "Tag_name_key" ON "Tag"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("rebuild-unverified", 20)},
    ),
    (
        "1.47.0__tag_slug.sql",
        """-- AlterTable
ALTER TABLE "Tag" ADD COLUMN "slug" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Tag_slug_key" ON "Tag"("slug");
""",
        set(),
    ),
    (
        "1.48.0__account_cleanup.sql",
        """-- hand-written: providers we no longer support
DELETE FROM "Account" WHERE "provider" IN ('twitter', 'myspace');
UPDATE "User" SET "role" = 'ADMIN' WHERE "email" = 'ops@example.test';
""",
        set(),
    ),
    (
        "1.49.0__drop_webhooks.sql",
        """/*
  Warnings:

  - You are about to drop the `Webhook` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropIndex
DROP INDEX "Webhook_showId_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "Webhook";
PRAGMA foreign_keys=on;
""",
        {("drop-table", 12)},
    ),
    (
        "1.50.0__subscription_notify.sql",
        """-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN "notify" BOOLEAN NOT NULL DEFAULT true;
""",
        set(),
    ),
    (
        "1.51.0__transcript_lose_index.sql",
        """-- edited by hand: one transcript per episode and language
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Transcript" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "episodeId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "format" TEXT NOT NULL DEFAULT 'vtt',
    "language" TEXT NOT NULL DEFAULT 'en',
    CONSTRAINT "Transcript_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Transcript" ("episodeId", "format", "id", "language", "text") SELECT "episodeId", "format", "id", "language", "text" FROM "Transcript";
DROP TABLE "Transcript";
ALTER TABLE "new_Transcript" RENAME TO "Transcript";
CREATE INDEX "Transcript_episodeId_idx" ON "Transcript"("episodeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("rebuild-loses-dependents", 14)},
    ),
    (
        "1.52.0__transcript_unique_language.sql",
        """-- CreateIndex
CREATE UNIQUE INDEX "Transcript_episodeId_language_key" ON "Transcript"("episodeId", "language");
""",
        set(),
    ),
    (
        "1.53.0__episode_duration_default.sql",
        """-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Episode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "showId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "enclosureUrl" TEXT NOT NULL,
    "publishedAt" TEXT NOT NULL,
    "duration" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "season" INTEGER,
    "number" INTEGER,
    "explicit" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "imageUrl" TEXT,
    "slug" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    CONSTRAINT "Episode_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Episode" ("createdAt", "description", "duration", "enclosureUrl", "explicit", "id", "imageUrl", "number", "publishedAt", "season", "showId", "slug", "status", "title") SELECT "createdAt", "description", coalesce("duration", 0) AS "duration", "enclosureUrl", "explicit", "id", "imageUrl", "number", "publishedAt", "season", "showId", "slug", "status", "title" FROM "Episode";
DROP TABLE "Episode";
ALTER TABLE "new_Episode" RENAME TO "Episode";
CREATE INDEX "Episode_showId_idx" ON "Episode"("showId");
CREATE UNIQUE INDEX "Episode_showId_slug_key" ON "Episode"("showId", "slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        {("set-not-null", 23)},
    ),
    (
        "1.54.0__comment_body_default.sql",
        """-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "episodeId" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "parentId" TEXT,
    "body" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "editedAt" DATETIME,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Comment_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("authorId", "body", "createdAt", "editedAt", "episodeId", "id", "parentId", "pinned", "updatedAt") SELECT "authorId", "body", "createdAt", "editedAt", "episodeId", "id", "parentId", "pinned", "updatedAt" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE INDEX "Comment_episodeId_createdAt_idx" ON "Comment"("episodeId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
        set(),
    ),
    (
        "1.55.0__user_last_seen.sql",
        """-- AlterTable
ALTER TABLE "User" ADD COLUMN "lastSeenAt" DATETIME;

-- CreateIndex
CREATE INDEX "User_lastSeenAt_idx" ON "User"("lastSeenAt");
""",
        set(),
    ),
]


STOCK: History = [
    (
        "1.0.0__initial.sql",
        """BEGIN;
--
-- Create model Category
--
CREATE TABLE "stock_category" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL UNIQUE, "parent_id" bigint NULL REFERENCES "stock_category" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Supplier
--
CREATE TABLE "stock_supplier" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(200) NOT NULL, "email" varchar(254) NOT NULL, "phone" varchar(30) NOT NULL);
--
-- Create model Warehouse
--
CREATE TABLE "stock_warehouse" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "code" varchar(10) NOT NULL UNIQUE, "name" varchar(100) NOT NULL, "city" varchar(100) NOT NULL);
--
-- Create model Product
--
CREATE TABLE "stock_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "sku" varchar(32) NOT NULL UNIQUE, "name" varchar(200) NOT NULL, "description" text NOT NULL, "unit_price" decimal NOT NULL, "active" bool NOT NULL, "created" datetime NOT NULL, "category_id" bigint NULL REFERENCES "stock_category" ("id") DEFERRABLE INITIALLY DEFERRED, "supplier_id" bigint NULL REFERENCES "stock_supplier" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model StockLevel
--
CREATE TABLE "stock_stocklevel" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "quantity" integer NOT NULL, "product_id" bigint NOT NULL REFERENCES "stock_product" ("id") DEFERRABLE INITIALLY DEFERRED, "warehouse_id" bigint NOT NULL REFERENCES "stock_warehouse" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "stock_category_parent_id_0d1e2f3a" ON "stock_category" ("parent_id");
CREATE INDEX "stock_product_category_id_4b5c6d7e" ON "stock_product" ("category_id");
CREATE INDEX "stock_product_supplier_id_8f9a0b1c" ON "stock_product" ("supplier_id");
CREATE UNIQUE INDEX "stock_stocklevel_product_id_warehouse_id_2d3e4f5a_uniq" ON "stock_stocklevel" ("product_id", "warehouse_id");
CREATE INDEX "stock_stocklevel_product_id_6b7c8d9e" ON "stock_stocklevel" ("product_id");
CREATE INDEX "stock_stocklevel_warehouse_id_0f1a2b3c" ON "stock_stocklevel" ("warehouse_id");
COMMIT;
""",
        {("transaction-control", 1), ("transaction-control", 28)},
    ),
    (
        "1.1.0__product_barcode.sql",
        """--
-- Add field barcode to product
--
ALTER TABLE "stock_product" ADD COLUMN "barcode" varchar(64) NULL;
""",
        set(),
    ),
    (
        "1.2.0__movement.sql",
        """--
-- Create model Movement
--
CREATE TABLE "stock_movement" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "kind" varchar(10) NOT NULL, "quantity" integer NOT NULL, "created" datetime NOT NULL, "note" text NOT NULL, "product_id" bigint NOT NULL REFERENCES "stock_product" ("id") DEFERRABLE INITIALLY DEFERRED, "warehouse_id" bigint NOT NULL REFERENCES "stock_warehouse" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "stock_movement_product_id_3c4d5e6f" ON "stock_movement" ("product_id");
CREATE INDEX "stock_movement_warehouse_id_7a8b9c0d" ON "stock_movement" ("warehouse_id");
--
-- Create index stock_movem_created_9c1d2e_idx on F(created) descending on model movement
--
CREATE INDEX "stock_movem_created_9c1d2e_idx" ON "stock_movement" ("created" DESC);
""",
        set(),
    ),
    (
        "1.3.0__product_reorder_level.sql",
        """--
-- Add field reorder_level to product
--
CREATE TABLE "new__stock_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "sku" varchar(32) NOT NULL UNIQUE, "name" varchar(200) NOT NULL, "description" text NOT NULL, "unit_price" decimal NOT NULL, "active" bool NOT NULL, "created" datetime NOT NULL, "category_id" bigint NULL REFERENCES "stock_category" ("id") DEFERRABLE INITIALLY DEFERRED, "supplier_id" bigint NULL REFERENCES "stock_supplier" ("id") DEFERRABLE INITIALLY DEFERRED, "barcode" varchar(64) NULL, "reorder_level" integer unsigned NOT NULL CHECK ("reorder_level" >= 0));
INSERT INTO "new__stock_product" ("id", "sku", "name", "description", "unit_price", "active", "created", "category_id", "supplier_id", "barcode", "reorder_level") SELECT "id", "sku", "name", "description", "unit_price", "active", "created", "category_id", "supplier_id", "barcode", 0 FROM "stock_product";
DROP TABLE "stock_product";
ALTER TABLE "new__stock_product" RENAME TO "stock_product";
CREATE INDEX "stock_product_category_id_4b5c6d7e" ON "stock_product" ("category_id");
CREATE INDEX "stock_product_supplier_id_8f9a0b1c" ON "stock_product" ("supplier_id");
""",
        # the default lives in Django only: the running release's inserts do not name the column
        {("add-not-null-without-default", 7)},
    ),
    (
        "1.4.0__retire_old_skus.sql",
        """-- RunSQL: products with the pre-2019 SKU scheme are no longer sold
UPDATE "stock_product" SET "active" = 0 WHERE "sku" LIKE 'OLD-%';
""",
        set(),
    ),
    (
        "1.5.0__warehouse_capacity.sql",
        """--
-- Add field capacity to warehouse
--
ALTER TABLE "stock_warehouse" ADD COLUMN "capacity" integer NULL;
""",
        set(),
    ),
    (
        "1.6.0__rename_description.sql",
        """--
-- Rename field description on product to details
--
ALTER TABLE "stock_product" RENAME COLUMN "description" TO "details";
""",
        {("rename-column", 4)},
    ),
    (
        "1.7.0__purchase_orders.sql",
        """--
-- Create model PurchaseOrder
--
CREATE TABLE "stock_purchaseorder" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "reference" varchar(20) NOT NULL UNIQUE, "status" varchar(10) NOT NULL, "ordered_at" datetime NOT NULL, "supplier_id" bigint NOT NULL REFERENCES "stock_supplier" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model OrderLine
--
CREATE TABLE "stock_orderline" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "quantity" integer unsigned NOT NULL CHECK ("quantity" >= 0), "unit_cost" decimal NOT NULL, "order_id" bigint NOT NULL REFERENCES "stock_purchaseorder" ("id") DEFERRABLE INITIALLY DEFERRED, "product_id" bigint NOT NULL REFERENCES "stock_product" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "stock_purchaseorder_supplier_id_1e2f3a4b" ON "stock_purchaseorder" ("supplier_id");
CREATE INDEX "stock_orderline_order_id_5c6d7e8f" ON "stock_orderline" ("order_id");
CREATE INDEX "stock_orderline_product_id_9a0b1c2d" ON "stock_orderline" ("product_id");
""",
        set(),
    ),
    (
        "1.8.0__supplier_email_length.sql",
        """--
-- Alter field email on supplier
--
CREATE TABLE "new__stock_supplier" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(200) NOT NULL, "email" varchar(320) NOT NULL, "phone" varchar(30) NOT NULL);
INSERT INTO "new__stock_supplier" ("id", "name", "email", "phone") SELECT "id", "name", "email", "phone" FROM "stock_supplier";
DROP TABLE "stock_supplier";
ALTER TABLE "new__stock_supplier" RENAME TO "stock_supplier";
""",
        set(),
    ),
    (
        "1.9.0__warehouse_name_shorter.sql",
        """--
-- Alter field name on warehouse
--
CREATE TABLE "new__stock_warehouse" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "code" varchar(10) NOT NULL UNIQUE, "name" varchar(60) NOT NULL, "city" varchar(100) NOT NULL, "capacity" integer NULL);
INSERT INTO "new__stock_warehouse" ("id", "code", "name", "city", "capacity") SELECT "id", "code", "name", "city", "capacity" FROM "stock_warehouse";
DROP TABLE "stock_warehouse";
ALTER TABLE "new__stock_warehouse" RENAME TO "stock_warehouse";
""",
        # keyed rebuild-unverified before the lint ran; on review the lint is right: SQLite does not
        # check a VARCHAR's length, so varchar(100) to varchar(60) keeps every value (widen-column-type, info)
        set(),
    ),
    (
        "1.10.0__supplier_no_phone.sql",
        """--
-- Remove field phone from supplier
--
ALTER TABLE "stock_supplier" DROP COLUMN "phone";
""",
        {("drop-column", 4)},
    ),
    (
        "1.11.0__movement_note_optional.sql",
        """--
-- Alter field note on movement
--
CREATE TABLE "new__stock_movement" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "kind" varchar(10) NOT NULL, "quantity" integer NOT NULL, "created" datetime NOT NULL, "note" text NULL, "product_id" bigint NOT NULL REFERENCES "stock_product" ("id") DEFERRABLE INITIALLY DEFERRED, "warehouse_id" bigint NOT NULL REFERENCES "stock_warehouse" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "new__stock_movement" ("id", "kind", "quantity", "created", "note", "product_id", "warehouse_id") SELECT "id", "kind", "quantity", "created", "note", "product_id", "warehouse_id" FROM "stock_movement";
DROP TABLE "stock_movement";
ALTER TABLE "new__stock_movement" RENAME TO "stock_movement";
CREATE INDEX "stock_movement_product_id_3c4d5e6f" ON "stock_movement" ("product_id");
CREATE INDEX "stock_movement_warehouse_id_7a8b9c0d" ON "stock_movement" ("warehouse_id");
CREATE INDEX "stock_movem_created_9c1d2e_idx" ON "stock_movement" ("created" DESC);
""",
        set(),
    ),
    (
        "1.12.0__product_name_index.sql",
        """--
-- Create index stock_produ_name_5b6c7d_idx on field(s) name of model product
--
CREATE INDEX "stock_produ_name_5b6c7d_idx" ON "stock_product" ("name");
""",
        set(),
    ),
    (
        "1.13.0__product_no_supplier.sql",
        """--
-- Remove field supplier from product
--
CREATE TABLE "new__stock_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "sku" varchar(32) NOT NULL UNIQUE, "name" varchar(200) NOT NULL, "details" text NOT NULL, "unit_price" decimal NOT NULL, "active" bool NOT NULL, "created" datetime NOT NULL, "category_id" bigint NULL REFERENCES "stock_category" ("id") DEFERRABLE INITIALLY DEFERRED, "barcode" varchar(64) NULL, "reorder_level" integer unsigned NOT NULL CHECK ("reorder_level" >= 0));
INSERT INTO "new__stock_product" ("id", "sku", "name", "details", "unit_price", "active", "created", "category_id", "barcode", "reorder_level") SELECT "id", "sku", "name", "details", "unit_price", "active", "created", "category_id", "barcode", "reorder_level" FROM "stock_product";
DROP TABLE "stock_product";
ALTER TABLE "new__stock_product" RENAME TO "stock_product";
CREATE INDEX "stock_product_category_id_4b5c6d7e" ON "stock_product" ("category_id");
CREATE INDEX "stock_produ_name_5b6c7d_idx" ON "stock_product" ("name");
""",
        {("rebuild-unverified", 6)},
    ),
    (
        "1.14.0__unit_price_digits.sql",
        """--
-- Alter field unit_price on product
--
-- (no-op)
""",
        set(),
    ),
    (
        "1.15.0__stock_count.sql",
        """--
-- Create model StockCount
--
CREATE TABLE "stock_stockcount" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "counted_at" datetime NOT NULL, "details" text NOT NULL CHECK ((JSON_VALID("details") OR "details" IS NULL)), "warehouse_id" bigint NOT NULL REFERENCES "stock_warehouse" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "stock_stockcount_warehouse_id_3e4f5a6b" ON "stock_stockcount" ("warehouse_id");
""",
        set(),
    ),
    (
        "1.16.0__uncategorised.sql",
        """-- RunSQL: every product gets a category before the field becomes required
INSERT INTO "stock_category" ("name", "parent_id") VALUES ('Uncategorised', NULL);
UPDATE "stock_product" SET "category_id" = (SELECT "id" FROM "stock_category" WHERE "name" = 'Uncategorised') WHERE "category_id" IS NULL;
""",
        set(),
    ),
    (
        "1.17.0__product_category_required.sql",
        """--
-- Alter field category on product
--
CREATE TABLE "new__stock_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "sku" varchar(32) NOT NULL UNIQUE, "name" varchar(200) NOT NULL, "details" text NOT NULL, "unit_price" decimal NOT NULL, "active" bool NOT NULL, "created" datetime NOT NULL, "category_id" bigint NOT NULL REFERENCES "stock_category" ("id") DEFERRABLE INITIALLY DEFERRED, "barcode" varchar(64) NULL, "reorder_level" integer unsigned NOT NULL CHECK ("reorder_level" >= 0));
INSERT INTO "new__stock_product" ("id", "sku", "name", "details", "unit_price", "active", "created", "category_id", "barcode", "reorder_level") SELECT "id", "sku", "name", "details", "unit_price", "active", "created", coalesce("category_id", 1), "barcode", "reorder_level" FROM "stock_product";
DROP TABLE "stock_product";
ALTER TABLE "new__stock_product" RENAME TO "stock_product";
CREATE INDEX "stock_product_category_id_4b5c6d7e" ON "stock_product" ("category_id");
CREATE INDEX "stock_produ_name_5b6c7d_idx" ON "stock_product" ("name");
""",
        {("set-not-null", 7)},
    ),
    (
        "1.18.0__no_stock_count.sql",
        """--
-- Delete model StockCount
--
DROP TABLE "stock_stockcount";
""",
        {("drop-table", 4)},
    ),
    (
        "1.19.0__warehouse_to_location.sql",
        """--
-- Rename model Warehouse to Location
--
ALTER TABLE "stock_warehouse" RENAME TO "stock_location";
""",
        {("rename-table", 4)},
    ),
    (
        "1.20.0__location_active.sql",
        """--
-- Add field active to location
--
CREATE TABLE "new__stock_location" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "code" varchar(10) NOT NULL UNIQUE, "name" varchar(60) NOT NULL, "city" varchar(100) NOT NULL, "capacity" integer NULL, "active" bool NOT NULL);
INSERT INTO "new__stock_location" ("id", "code", "name", "city", "capacity", "active") SELECT "id", "code", "name", "city", "capacity", 1 FROM "stock_location";
DROP TABLE "stock_location";
ALTER TABLE "new__stock_location" RENAME TO "stock_location";
""",
        {("add-not-null-without-default", 7)},
    ),
    (
        "1.21.0__old_movements.sql",
        """-- RunSQL: movements before the 2020 stocktake are in the archive
DELETE FROM "stock_movement" WHERE "created" < '2020-01-01';
""",
        set(),
    ),
    (
        "1.22.0__stocklevel_constraint.sql",
        """--
-- Alter unique_together for stocklevel (0 constraint(s))
--
DROP INDEX "stock_stocklevel_product_id_warehouse_id_2d3e4f5a_uniq";
--
-- Create constraint uniq_stock_per_location on model stocklevel
--
CREATE TABLE "new__stock_stocklevel" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "quantity" integer NOT NULL, "product_id" bigint NOT NULL REFERENCES "stock_product" ("id") DEFERRABLE INITIALLY DEFERRED, "warehouse_id" bigint NOT NULL REFERENCES "stock_location" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "uniq_stock_per_location" UNIQUE ("product_id", "warehouse_id"));
INSERT INTO "new__stock_stocklevel" ("id", "quantity", "product_id", "warehouse_id") SELECT "id", "quantity", "product_id", "warehouse_id" FROM "stock_stocklevel";
DROP TABLE "stock_stocklevel";
ALTER TABLE "new__stock_stocklevel" RENAME TO "stock_stocklevel";
CREATE INDEX "stock_stocklevel_product_id_6b7c8d9e" ON "stock_stocklevel" ("product_id");
CREATE INDEX "stock_stocklevel_warehouse_id_0f1a2b3c" ON "stock_stocklevel" ("warehouse_id");
""",
        set(),
    ),
    (
        "1.23.0__movement_reference.sql",
        """--
-- Add field reference to movement
--
ALTER TABLE "stock_movement" ADD COLUMN "reference" char(32) NULL;
""",
        set(),
    ),
    (
        "1.24.0__orderline_purchase_order.sql",
        """--
-- Rename field order on orderline to purchase_order
--
CREATE TABLE "new__stock_orderline" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "quantity" integer unsigned NOT NULL CHECK ("quantity" >= 0), "unit_cost" decimal NOT NULL, "purchase_order_id" bigint NOT NULL REFERENCES "stock_purchaseorder" ("id") DEFERRABLE INITIALLY DEFERRED, "product_id" bigint NOT NULL REFERENCES "stock_product" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "new__stock_orderline" ("id", "quantity", "unit_cost", "purchase_order_id", "product_id") SELECT "id", "quantity", "unit_cost", "order_id", "product_id" FROM "stock_orderline";
DROP TABLE "stock_orderline";
ALTER TABLE "new__stock_orderline" RENAME TO "stock_orderline";
CREATE INDEX "stock_orderline_product_id_9a0b1c2d" ON "stock_orderline" ("product_id");
CREATE INDEX "stock_orderline_purchase_order_id_4d5e6f7a" ON "stock_orderline" ("purchase_order_id");
""",
        {("rebuild-unverified", 6)},
    ),
    (
        "1.25.0__product_weight.sql",
        """--
-- Add field weight to product
--
ALTER TABLE "stock_product" ADD COLUMN "weight" real NULL;
""",
        set(),
    ),
    (
        "1.26.0__location_priority.sql",
        """--
-- Add field priority to location
--
ALTER TABLE "stock_location" ADD COLUMN "priority" integer DEFAULT 0 NOT NULL;
""",
        set(),
    ),
    (
        "1.27.0__reservations.sql",
        """--
-- Create model Reservation
--
CREATE TABLE "stock_reservation" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "quantity" integer unsigned NOT NULL CHECK ("quantity" >= 0), "expires" datetime NULL, "line_id" bigint NOT NULL REFERENCES "stock_orderline" ("id") DEFERRABLE INITIALLY DEFERRED, "location_id" bigint NOT NULL REFERENCES "stock_location" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "stock_reservation_line_id_8b9c0d1e" ON "stock_reservation" ("line_id");
CREATE INDEX "stock_reservation_location_id_2f3a4b5c" ON "stock_reservation" ("location_id");
""",
        set(),
    ),
    (
        "1.28.0__weights_known.sql",
        """-- RunSQL: unknown weights count as zero for the shipping estimate
UPDATE "stock_product" SET "weight" = 0 WHERE "weight" IS NULL;
""",
        set(),
    ),
    (
        "1.29.0__movement_quantity_positive.sql",
        """--
-- Alter field quantity on movement
--
CREATE TABLE "new__stock_movement" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "kind" varchar(10) NOT NULL, "quantity" integer unsigned NOT NULL CHECK ("quantity" >= 0), "created" datetime NOT NULL, "note" text NULL, "product_id" bigint NOT NULL REFERENCES "stock_product" ("id") DEFERRABLE INITIALLY DEFERRED, "warehouse_id" bigint NOT NULL REFERENCES "stock_location" ("id") DEFERRABLE INITIALLY DEFERRED, "reference" char(32) NULL);
INSERT INTO "new__stock_movement" ("id", "kind", "quantity", "created", "note", "product_id", "warehouse_id", "reference") SELECT "id", "kind", "quantity", "created", "note", "product_id", "warehouse_id", "reference" FROM "stock_movement";
DROP TABLE "stock_movement";
ALTER TABLE "new__stock_movement" RENAME TO "stock_movement";
CREATE INDEX "stock_movement_product_id_3c4d5e6f" ON "stock_movement" ("product_id");
CREATE INDEX "stock_movement_warehouse_id_7a8b9c0d" ON "stock_movement" ("warehouse_id");
CREATE INDEX "stock_movem_created_9c1d2e_idx" ON "stock_movement" ("created" DESC);
""",
        # integer to integer unsigned: the same INTEGER affinity; the CHECK is add-constraint-to-existing
        set(),
    ),
    (
        "1.30.0__product_name_index_removed.sql",
        """--
-- Remove index stock_produ_name_5b6c7d_idx from product
--
DROP INDEX "stock_produ_name_5b6c7d_idx";
""",
        set(),
    ),
    (
        "1.31.0__no_reservations.sql",
        """BEGIN;
--
-- Delete model Reservation
--
DROP TABLE "stock_reservation";
COMMIT;
""",
        {("transaction-control", 1), ("drop-table", 5), ("transaction-control", 6)},
    ),
    (
        "1.32.0__category_name_not_unique.sql",
        """--
-- Alter field name on category
--
CREATE TABLE "new__stock_category" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "parent_id" bigint NULL REFERENCES "stock_category" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "new__stock_category" ("id", "name", "parent_id") SELECT "id", "name", "parent_id" FROM "stock_category";
DROP TABLE "stock_category";
ALTER TABLE "new__stock_category" RENAME TO "stock_category";
CREATE INDEX "stock_category_parent_id_0d1e2f3a" ON "stock_category" ("parent_id");
""",
        # keyed nothing before the lint ran: the UNIQUE constraint is left out on purpose; on review
        # the lint follows the rebuild rule (a rebuild keeps the old table's indexes, a UNIQUE constraint's too)
        {("rebuild-loses-dependents", 6)},
    ),
    (
        "1.33.0__supplier_rating.sql",
        """--
-- Add field rating to supplier
--
ALTER TABLE "stock_supplier" ADD COLUMN "rating" smallint NULL;
""",
        set(),
    ),
    (
        "1.34.0__price_history.sql",
        """--
-- Create model PriceHistory
--
CREATE TABLE "stock_pricehistory" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "price" decimal NOT NULL, "valid_from" date NOT NULL, "product_id" bigint NOT NULL REFERENCES "stock_product" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "stock_pricehistory_product_id_6d7e8f9a" ON "stock_pricehistory" ("product_id");
""",
        set(),
    ),
    (
        "1.35.0__price_history_float.sql",
        """--
-- Alter field price on pricehistory
--
CREATE TABLE "new__stock_pricehistory" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "price" real NOT NULL, "valid_from" date NOT NULL, "product_id" bigint NOT NULL REFERENCES "stock_product" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "new__stock_pricehistory" ("id", "price", "valid_from", "product_id") SELECT "id", "price", "valid_from", "product_id" FROM "stock_pricehistory";
DROP TABLE "stock_pricehistory";
ALTER TABLE "new__stock_pricehistory" RENAME TO "stock_pricehistory";
CREATE INDEX "stock_pricehistory_product_id_6d7e8f9a" ON "stock_pricehistory" ("product_id");
""",
        {("rebuild-unverified", 6)},
    ),
    (
        "1.36.0__price_history_reset.sql",
        """-- RunSQL: the import doubled every price: start the history again
DELETE FROM "stock_pricehistory";
""",
        {("delete-without-where", 2)},
    ),
    (
        "1.37.0__product_name_longer.sql",
        """--
-- Alter field name on product
--
CREATE TABLE "new__stock_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "sku" varchar(32) NOT NULL UNIQUE, "name" varchar(255) NOT NULL, "details" text NOT NULL, "unit_price" decimal NOT NULL, "active" bool NOT NULL, "created" datetime NOT NULL, "category_id" bigint NOT NULL REFERENCES "stock_category" ("id") DEFERRABLE INITIALLY DEFERRED, "barcode" varchar(64) NULL, "reorder_level" integer unsigned NOT NULL CHECK ("reorder_level" >= 0), "weight" real NULL);
INSERT INTO "new__stock_product" ("id", "sku", "name", "details", "unit_price", "active", "created", "category_id", "barcode", "reorder_level", "weight") SELECT "id", "sku", "name", "details", "unit_price", "active", "created", "category_id", "barcode", "reorder_level", "weight" FROM "stock_product";
DROP TABLE "stock_product";
ALTER TABLE "new__stock_product" RENAME TO "stock_product";
CREATE INDEX "stock_product_category_id_4b5c6d7e" ON "stock_product" ("category_id");
""",
        set(),
    ),
    (
        "1.38.0__product_slug.sql",
        """--
-- Add field slug to product
--
ALTER TABLE "stock_product" ADD COLUMN "slug" varchar(50) NULL;
CREATE INDEX "stock_product_slug_ab12cd34" ON "stock_product" ("slug");
""",
        set(),
    ),
    (
        "1.39.0__location_no_city.sql",
        """--
-- Remove field city from location
--
ALTER TABLE "stock_location" DROP COLUMN "city";
""",
        {("drop-column", 4)},
    ),
    (
        "1.40.0__movement_user.sql",
        """--
-- Add field user to movement
--
ALTER TABLE "stock_movement" ADD COLUMN "user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "stock_movement_user_id_5e6f7a8b" ON "stock_movement" ("user_id");
""",
        set(),
    ),
    (
        "1.41.0__price_point.sql",
        """--
-- Rename model PriceHistory to PricePoint
--
ALTER TABLE "stock_pricehistory" RENAME TO "stock_pricepoint";
""",
        {("rename-table", 4)},
    ),
    (
        "1.42.0__negative_stock.sql",
        """-- RunSQL: stock below zero was a counting error
UPDATE "stock_stocklevel" SET "quantity" = 0 WHERE "quantity" < 0;
""",
        set(),
    ),
    (
        "1.43.0__stock_not_negative.sql",
        """--
-- Create constraint quantity_not_negative on model stocklevel
--
CREATE TABLE "new__stock_stocklevel" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "quantity" integer NOT NULL, "product_id" bigint NOT NULL REFERENCES "stock_product" ("id") DEFERRABLE INITIALLY DEFERRED, "warehouse_id" bigint NOT NULL REFERENCES "stock_location" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "uniq_stock_per_location" UNIQUE ("product_id", "warehouse_id"), CONSTRAINT "quantity_not_negative" CHECK ("quantity" >= 0));
INSERT INTO "new__stock_stocklevel" ("id", "quantity", "product_id", "warehouse_id") SELECT "id", "quantity", "product_id", "warehouse_id" FROM "stock_stocklevel";
DROP TABLE "stock_stocklevel";
ALTER TABLE "new__stock_stocklevel" RENAME TO "stock_stocklevel";
CREATE INDEX "stock_stocklevel_product_id_6b7c8d9e" ON "stock_stocklevel" ("product_id");
CREATE INDEX "stock_stocklevel_warehouse_id_0f1a2b3c" ON "stock_stocklevel" ("warehouse_id");
""",
        set(),
    ),
    (
        "1.44.0__supplier_website.sql",
        """--
-- Add field website to supplier
--
ALTER TABLE "stock_supplier" ADD COLUMN "website" varchar(200) NULL;
""",
        set(),
    ),
    (
        "1.45.0__category_parent_protect.sql",
        """--
-- Alter field parent on category
--
-- (no-op)
""",
        set(),
    ),
    (
        "1.46.0__movement_kind_index.sql",
        """--
-- Create index stock_movem_kind_c0ffee_idx on field(s) kind, created of model movement
--
CREATE INDEX "stock_movem_kind_c0ffee_idx" ON "stock_movement" ("kind", "created");
""",
        set(),
    ),
    (
        "1.47.0__location_code_upper.sql",
        """-- RunSQL: location codes are upper case everywhere else
UPDATE "stock_location" SET "code" = upper("code") WHERE "code" != upper("code");
""",
        set(),
    ),
    (
        "1.48.0__product_gtin.sql",
        """--
-- Rename field barcode on product to gtin
--
ALTER TABLE "stock_product" RENAME COLUMN "barcode" TO "gtin";
""",
        {("rename-column", 4)},
    ),
    (
        "1.49.0__orderline_received.sql",
        """--
-- Add field received to orderline
--
CREATE TABLE "new__stock_orderline" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "quantity" integer unsigned NOT NULL CHECK ("quantity" >= 0), "unit_cost" decimal NOT NULL, "purchase_order_id" bigint NOT NULL REFERENCES "stock_purchaseorder" ("id") DEFERRABLE INITIALLY DEFERRED, "product_id" bigint NOT NULL REFERENCES "stock_product" ("id") DEFERRABLE INITIALLY DEFERRED, "received" integer unsigned NOT NULL CHECK ("received" >= 0));
INSERT INTO "new__stock_orderline" ("id", "quantity", "unit_cost", "purchase_order_id", "product_id", "received") SELECT "id", "quantity", "unit_cost", "purchase_order_id", "product_id", 0 FROM "stock_orderline";
DROP TABLE "stock_orderline";
ALTER TABLE "new__stock_orderline" RENAME TO "stock_orderline";
CREATE INDEX "stock_orderline_product_id_9a0b1c2d" ON "stock_orderline" ("product_id");
CREATE INDEX "stock_orderline_purchase_order_id_4d5e6f7a" ON "stock_orderline" ("purchase_order_id");
""",
        {("add-not-null-without-default", 7)},
    ),
    (
        "1.50.0__orderline_note.sql",
        """--
-- Add field note to orderline
--
ALTER TABLE "stock_orderline" ADD COLUMN "note" text NULL;
""",
        set(),
    ),
]


TRACKER: History = [
    (
        "1.0.0__create_projects_issues.sql",
        """CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> 3f1a9c2b7d10

CREATE TABLE project (
    id INTEGER NOT NULL,
    key VARCHAR(10) NOT NULL,
    name VARCHAR(120) NOT NULL,
    created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (key)
);

CREATE TABLE issue (
    id INTEGER NOT NULL,
    project_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    body TEXT,
    state VARCHAR(6) NOT NULL,
    priority INTEGER,
    created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_issue_project_number UNIQUE (project_id, number),
    FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE CASCADE
);

CREATE INDEX ix_issue_state ON issue (state);

INSERT INTO alembic_version (version_num) VALUES ('3f1a9c2b7d10');
""",
        set(),
    ),
    (
        "1.1.0__labels.sql",
        """-- Running upgrade 3f1a9c2b7d10 -> 8c2e4d6f0a13

CREATE TABLE label (
    id INTEGER NOT NULL,
    project_id INTEGER NOT NULL,
    name VARCHAR(50) NOT NULL,
    color VARCHAR(7),
    PRIMARY KEY (id),
    FOREIGN KEY(project_id) REFERENCES project (id)
);

CREATE TABLE issue_label (
    issue_id INTEGER NOT NULL,
    label_id INTEGER NOT NULL,
    PRIMARY KEY (issue_id, label_id),
    FOREIGN KEY(issue_id) REFERENCES issue (id) ON DELETE CASCADE,
    FOREIGN KEY(label_id) REFERENCES label (id) ON DELETE CASCADE
);

ALTER TABLE issue ADD COLUMN assignee VARCHAR(80);

UPDATE alembic_version SET version_num='8c2e4d6f0a13' WHERE alembic_version.version_num = '3f1a9c2b7d10';
""",
        set(),
    ),
    (
        "1.2.0__issue_priority_required.sql",
        """-- Running upgrade 8c2e4d6f0a13 -> 1b7d3e5a9c24

UPDATE issue SET priority=3 WHERE issue.priority IS NULL;

CREATE TABLE _alembic_tmp_issue (
    id INTEGER NOT NULL,
    project_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    body TEXT,
    state VARCHAR(6) NOT NULL,
    priority INTEGER DEFAULT '3' NOT NULL,
    created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
    assignee VARCHAR(80),
    PRIMARY KEY (id),
    CONSTRAINT uq_issue_project_number UNIQUE (project_id, number),
    FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE CASCADE
);

INSERT INTO _alembic_tmp_issue (id, project_id, number, title, body, state, priority, created_at, assignee) SELECT issue.id, issue.project_id, issue.number, issue.title, issue.body, issue.state, issue.priority, issue.created_at, issue.assignee
FROM issue;

DROP TABLE issue;

ALTER TABLE _alembic_tmp_issue RENAME TO issue;

CREATE INDEX ix_issue_state ON issue (state);

UPDATE alembic_version SET version_num='1b7d3e5a9c24' WHERE alembic_version.version_num = '8c2e4d6f0a13';
""",
        {("set-not-null", 25)},
    ),
    (
        "1.3.0__comments.sql",
        """-- Running upgrade 1b7d3e5a9c24 -> 5e9f1a3c7b35

CREATE TABLE comment (
    id INTEGER NOT NULL,
    issue_id INTEGER NOT NULL,
    author VARCHAR(80) NOT NULL,
    body TEXT NOT NULL,
    created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(issue_id) REFERENCES issue (id) ON DELETE CASCADE
);

CREATE INDEX ix_comment_issue_id ON comment (issue_id);

UPDATE alembic_version SET version_num='5e9f1a3c7b35' WHERE alembic_version.version_num = '1b7d3e5a9c24';
""",
        set(),
    ),
    (
        "1.4.0__label_color_required.sql",
        """-- Running upgrade 5e9f1a3c7b35 -> 7a2c4e6b8d46

CREATE TABLE _alembic_tmp_label (
    id INTEGER NOT NULL,
    project_id INTEGER NOT NULL,
    name VARCHAR(50) NOT NULL,
    color VARCHAR(7) DEFAULT '#cccccc' NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_label_project_name UNIQUE (project_id, name),
    FOREIGN KEY(project_id) REFERENCES project (id)
);

INSERT INTO _alembic_tmp_label (id, project_id, name, color) SELECT label.id, label.project_id, label.name, label.color
FROM label;

DROP TABLE label;

ALTER TABLE _alembic_tmp_label RENAME TO label;

UPDATE alembic_version SET version_num='7a2c4e6b8d46' WHERE alembic_version.version_num = '5e9f1a3c7b35';
""",
        {("set-not-null", 18)},
    ),
    (
        "1.5.0__issue_estimate.sql",
        """-- Running upgrade 7a2c4e6b8d46 -> 9d4e6a8c0f57

ALTER TABLE issue ADD COLUMN estimate NUMERIC(6, 2);

CREATE INDEX ix_issue_assignee ON issue (assignee);

UPDATE alembic_version SET version_num='9d4e6a8c0f57' WHERE alembic_version.version_num = '7a2c4e6b8d46';
""",
        set(),
    ),
    (
        "1.6.0__estimate_integer.sql",
        """-- Running upgrade 9d4e6a8c0f57 -> 2c6a8e0b4d68

CREATE TABLE _alembic_tmp_issue (
    id INTEGER NOT NULL,
    project_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    body TEXT,
    state VARCHAR(6) NOT NULL,
    priority INTEGER DEFAULT '3' NOT NULL,
    created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
    assignee VARCHAR(80),
    estimate INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT uq_issue_project_number UNIQUE (project_id, number),
    FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE CASCADE
);

INSERT INTO _alembic_tmp_issue (id, project_id, number, title, body, state, priority, created_at, assignee, estimate) SELECT issue.id, issue.project_id, issue.number, issue.title, issue.body, issue.state, issue.priority, issue.created_at, issue.assignee, CAST(issue.estimate AS INTEGER) AS anon_1
FROM issue;

DROP TABLE issue;

ALTER TABLE _alembic_tmp_issue RENAME TO issue;

CREATE INDEX ix_issue_state ON issue (state);

CREATE INDEX ix_issue_assignee ON issue (assignee);

UPDATE alembic_version SET version_num='2c6a8e0b4d68' WHERE alembic_version.version_num = '9d4e6a8c0f57';
""",
        {("rebuild-unverified", 22)},
    ),
    (
        "1.7.0__issue_drop_body.sql",
        """-- Running upgrade 2c6a8e0b4d68 -> 4e8c0a2d6f79

INSERT INTO comment (issue_id, author, body) SELECT issue.id, 'import', issue.body FROM issue WHERE issue.body IS NOT NULL;

CREATE TABLE _alembic_tmp_issue (
    id INTEGER NOT NULL,
    project_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    state VARCHAR(6) NOT NULL,
    priority INTEGER DEFAULT '3' NOT NULL,
    created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
    assignee VARCHAR(80),
    estimate INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT uq_issue_project_number UNIQUE (project_id, number),
    FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE CASCADE
);

INSERT INTO _alembic_tmp_issue (id, project_id, number, title, state, priority, created_at, assignee, estimate) SELECT issue.id, issue.project_id, issue.number, issue.title, issue.state, issue.priority, issue.created_at, issue.assignee, issue.estimate
FROM issue;

DROP TABLE issue;

ALTER TABLE _alembic_tmp_issue RENAME TO issue;

CREATE INDEX ix_issue_state ON issue (state);

CREATE INDEX ix_issue_assignee ON issue (assignee);

UPDATE alembic_version SET version_num='4e8c0a2d6f79' WHERE alembic_version.version_num = '2c6a8e0b4d68';
""",
        {("rebuild-unverified", 23)},
    ),
    (
        "1.8.0__project_archived.sql",
        """-- Running upgrade 4e8c0a2d6f79 -> 6a0e2c4f8b80

ALTER TABLE project ADD COLUMN archived BOOLEAN DEFAULT 0 NOT NULL;

UPDATE alembic_version SET version_num='6a0e2c4f8b80' WHERE alembic_version.version_num = '4e8c0a2d6f79';
""",
        set(),
    ),
    (
        "1.9.0__comment_lose_index.sql",
        """-- Running upgrade 6a0e2c4f8b80 -> 8c2a4e6b0d91

CREATE TABLE _alembic_tmp_comment (
    id INTEGER NOT NULL,
    issue_id INTEGER NOT NULL,
    author VARCHAR(120) NOT NULL,
    body TEXT NOT NULL,
    created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(issue_id) REFERENCES issue (id) ON DELETE CASCADE
);

INSERT INTO _alembic_tmp_comment (id, issue_id, author, body, created_at) SELECT comment.id, comment.issue_id, comment.author, comment.body, comment.created_at
FROM comment;

DROP TABLE comment;

ALTER TABLE _alembic_tmp_comment RENAME TO comment;

UPDATE alembic_version SET version_num='8c2a4e6b0d91' WHERE alembic_version.version_num = '6a0e2c4f8b80';
""",
        # the batch reflected the table without its index: ix_comment_issue_id is not made again
        {("rebuild-loses-dependents", 16)},
    ),
    (
        "1.10.0__closed_issues.sql",
        """-- Running upgrade 8c2a4e6b0d91 -> 0e4c6a8d2fa2

DELETE FROM issue_label WHERE issue_label.issue_id IN (SELECT issue.id FROM issue WHERE issue.state = 'closed');

UPDATE issue SET assignee=NULL;

UPDATE alembic_version SET version_num='0e4c6a8d2fa2' WHERE alembic_version.version_num = '8c2a4e6b0d91';
""",
        {("update-without-where", 5)},
    ),
    (
        "1.11.0__rename_label_table.sql",
        """-- Running upgrade 0e4c6a8d2fa2 -> 2a6e8c0f4bb3

ALTER TABLE label RENAME TO tag;

UPDATE alembic_version SET version_num='2a6e8c0f4bb3' WHERE alembic_version.version_num = '0e4c6a8d2fa2';
""",
        {("rename-table", 3)},
    ),
    (
        "1.12.0__issue_state_enum.sql",
        """-- Running upgrade 2a6e8c0f4bb3 -> 4c8a0e2b6dc4

CREATE TABLE _alembic_tmp_issue (
    id INTEGER NOT NULL,
    project_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    state VARCHAR(11) NOT NULL,
    priority INTEGER DEFAULT '3' NOT NULL,
    created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
    assignee VARCHAR(80),
    estimate INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT uq_issue_project_number UNIQUE (project_id, number),
    FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT issuestate CHECK (state IN ('open', 'in_progress', 'closed'))
);

INSERT INTO _alembic_tmp_issue (id, project_id, number, title, state, priority, created_at, assignee, estimate) SELECT issue.id, issue.project_id, issue.number, issue.title, CAST(issue.state AS VARCHAR(11)) AS anon_1, issue.priority, issue.created_at, issue.assignee, issue.estimate
FROM issue;

DROP TABLE issue;

ALTER TABLE _alembic_tmp_issue RENAME TO issue;

CREATE INDEX ix_issue_state ON issue (state);

CREATE INDEX ix_issue_assignee ON issue (assignee);

UPDATE alembic_version SET version_num='4c8a0e2b6dc4' WHERE alembic_version.version_num = '2a6e8c0f4bb3';
""",
        # a wider VARCHAR through CAST ... AS anon_1; the CHECK is add-constraint-to-existing
        set(),
    ),
    (
        "1.13.0__issue_label_position.sql",
        """-- Running upgrade 4c8a0e2b6dc4 -> 6e0c2a4d8fd5

CREATE TABLE _alembic_tmp_issue_label (
    issue_id INTEGER NOT NULL,
    label_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (issue_id, label_id),
    FOREIGN KEY(issue_id) REFERENCES issue (id) ON DELETE CASCADE,
    FOREIGN KEY(label_id) REFERENCES tag (id) ON DELETE CASCADE
);

INSERT INTO _alembic_tmp_issue_label (issue_id, label_id) SELECT issue_label.issue_id, issue_label.label_id
FROM issue_label;

DROP TABLE issue_label;

ALTER TABLE _alembic_tmp_issue_label RENAME TO issue_label;

UPDATE alembic_version SET version_num='6e0c2a4d8fd5' WHERE alembic_version.version_num = '4c8a0e2b6dc4';
""",
        {("add-not-null-without-default", 17)},
    ),
    (
        "1.14.0__drop_estimate.sql",
        """-- Running upgrade 6e0c2a4d8fd5 -> 8a2e4c6f0be6

ALTER TABLE issue DROP COLUMN estimate;

DROP INDEX ix_issue_assignee;

UPDATE alembic_version SET version_num='8a2e4c6f0be6' WHERE alembic_version.version_num = '6e0c2a4d8fd5';
""",
        {("drop-column", 3)},
    ),
]


NOTEBOOK: History = [
    (
        "1.0.0__v1.sql",
        """-- Room's createAllTables for version 1
CREATE TABLE IF NOT EXISTS `Folder` (`folderId` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `name` TEXT NOT NULL, `createdAt` INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS `index_Folder_name` ON `Folder` (`name`);
CREATE TABLE IF NOT EXISTS `Note` (`noteId` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `folderId` INTEGER, `title` TEXT NOT NULL, `body` TEXT NOT NULL, `pinned` INTEGER NOT NULL, `updatedAt` INTEGER NOT NULL, FOREIGN KEY(`folderId`) REFERENCES `Folder`(`folderId`) ON UPDATE NO ACTION ON DELETE SET NULL );
CREATE INDEX IF NOT EXISTS `index_Note_folderId` ON `Note` (`folderId`);
CREATE VIRTUAL TABLE IF NOT EXISTS `NoteFts` USING FTS4(`title` TEXT NOT NULL, `body` TEXT NOT NULL, content=`Note`);
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_BEFORE_UPDATE BEFORE UPDATE ON `Note` BEGIN DELETE FROM `NoteFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_BEFORE_DELETE BEFORE DELETE ON `Note` BEGIN DELETE FROM `NoteFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_AFTER_UPDATE AFTER UPDATE ON `Note` BEGIN INSERT INTO `NoteFts`(`docid`, `title`, `body`) VALUES (NEW.`rowid`, NEW.`title`, NEW.`body`); END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_AFTER_INSERT AFTER INSERT ON `Note` BEGIN INSERT INTO `NoteFts`(`docid`, `title`, `body`) VALUES (NEW.`rowid`, NEW.`title`, NEW.`body`); END;
CREATE TABLE IF NOT EXISTS room_master_table (id INTEGER PRIMARY KEY,identity_hash TEXT);
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '9f2c41d07be35a8e61c0f4d2a7b98e13');
""",
        set(),
    ),
    (
        "2.0.0__v2.sql",
        """-- MIGRATION_1_2
ALTER TABLE `Folder` ADD COLUMN `color` INTEGER NOT NULL DEFAULT 0;
ALTER TABLE `Note` ADD COLUMN `archived` INTEGER NOT NULL DEFAULT 0;
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '0b7e2f9d41c6a3e58d1f70b4c9a2e6d5');
""",
        set(),
    ),
    (
        "3.0.0__v3.sql",
        """-- AutoMigration_2_3
ALTER TABLE `Note` ADD COLUMN `createdAt` INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS `Tag` (`tagId` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `label` TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS `NoteTagCrossRef` (`noteId` INTEGER NOT NULL, `tagId` INTEGER NOT NULL, PRIMARY KEY(`noteId`, `tagId`), FOREIGN KEY(`noteId`) REFERENCES `Note`(`noteId`) ON UPDATE NO ACTION ON DELETE CASCADE , FOREIGN KEY(`tagId`) REFERENCES `Tag`(`tagId`) ON UPDATE NO ACTION ON DELETE CASCADE );
CREATE INDEX IF NOT EXISTS `index_NoteTagCrossRef_tagId` ON `NoteTagCrossRef` (`tagId`);
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '5d0a8c3e7f19b2d46e8a0c5f3b7d1e92');
""",
        set(),
    ),
    (
        "4.0.0__v4.sql",
        """-- AutoMigration_3_4: @RenameColumn(tableName = "Folder", fromColumnName = "name", toColumnName = "label")
CREATE TABLE IF NOT EXISTS `_new_Folder` (`folderId` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `label` TEXT NOT NULL, `createdAt` INTEGER NOT NULL, `color` INTEGER NOT NULL DEFAULT 0);
INSERT INTO `_new_Folder` (`folderId`,`label`,`createdAt`,`color`) SELECT `folderId`,`name`,`createdAt`,`color` FROM `Folder`;
DROP TABLE `Folder`;
ALTER TABLE `_new_Folder` RENAME TO `Folder`;
CREATE UNIQUE INDEX IF NOT EXISTS `index_Folder_label` ON `Folder` (`label`);
PRAGMA foreign_key_check(`Folder`);
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, 'e4a1c7b05d2f8e93a6c0b1d7f4e2a958');
""",
        {("rebuild-unverified", 4)},
    ),
    (
        "5.0.0__v5.sql",
        """-- MIGRATION_4_5: the list screen's order, and the summary view
CREATE INDEX IF NOT EXISTS `index_Note_pinned_updatedAt` ON `Note` (`pinned`, `updatedAt`);
CREATE VIEW `NoteSummary` AS SELECT noteId, title, substr(body, 1, 80) AS preview, updatedAt FROM Note WHERE archived = 0;
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '3c8f0e2a6b4d1f7e9a5c2b8d0e6f4a17');
""",
        set(),
    ),
    (
        "6.0.0__v6.sql",
        """-- AutoMigration_5_6: body becomes nullable, and a colour per note
DROP VIEW IF EXISTS `NoteSummary`;
DROP TRIGGER IF EXISTS room_fts_content_sync_NoteFts_BEFORE_UPDATE;
DROP TRIGGER IF EXISTS room_fts_content_sync_NoteFts_BEFORE_DELETE;
DROP TRIGGER IF EXISTS room_fts_content_sync_NoteFts_AFTER_UPDATE;
DROP TRIGGER IF EXISTS room_fts_content_sync_NoteFts_AFTER_INSERT;
CREATE TABLE IF NOT EXISTS `_new_Note` (`noteId` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `folderId` INTEGER, `title` TEXT NOT NULL, `body` TEXT, `pinned` INTEGER NOT NULL, `updatedAt` INTEGER NOT NULL, `archived` INTEGER NOT NULL DEFAULT 0, `createdAt` INTEGER NOT NULL DEFAULT 0, `color` INTEGER, FOREIGN KEY(`folderId`) REFERENCES `Folder`(`folderId`) ON UPDATE NO ACTION ON DELETE SET NULL );
INSERT INTO `_new_Note` (`noteId`,`folderId`,`title`,`body`,`pinned`,`updatedAt`,`archived`,`createdAt`) SELECT `noteId`,`folderId`,`title`,`body`,`pinned`,`updatedAt`,`archived`,`createdAt` FROM `Note`;
DROP TABLE `Note`;
ALTER TABLE `_new_Note` RENAME TO `Note`;
CREATE INDEX IF NOT EXISTS `index_Note_folderId` ON `Note` (`folderId`);
CREATE INDEX IF NOT EXISTS `index_Note_pinned_updatedAt` ON `Note` (`pinned`, `updatedAt`);
PRAGMA foreign_key_check(`Note`);
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_BEFORE_UPDATE BEFORE UPDATE ON `Note` BEGIN DELETE FROM `NoteFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_BEFORE_DELETE BEFORE DELETE ON `Note` BEGIN DELETE FROM `NoteFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_AFTER_UPDATE AFTER UPDATE ON `Note` BEGIN INSERT INTO `NoteFts`(`docid`, `title`, `body`) VALUES (NEW.`rowid`, NEW.`title`, NEW.`body`); END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_AFTER_INSERT AFTER INSERT ON `Note` BEGIN INSERT INTO `NoteFts`(`docid`, `title`, `body`) VALUES (NEW.`rowid`, NEW.`title`, NEW.`body`); END;
CREATE VIEW `NoteSummary` AS SELECT noteId, title, substr(body, 1, 80) AS preview, updatedAt FROM Note WHERE archived = 0;
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '7a2d9f4c0e6b3a81d5f7c2e9b4a0d638');
""",
        set(),
    ),
    (
        "7.0.0__v7.sql",
        """-- MIGRATION_6_7 (hand-written): reminders; the search triggers are forgotten
DROP VIEW IF EXISTS `NoteSummary`;
CREATE TABLE IF NOT EXISTS `_new_Note` (`noteId` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `folderId` INTEGER, `title` TEXT NOT NULL, `body` TEXT, `pinned` INTEGER NOT NULL, `updatedAt` INTEGER NOT NULL, `archived` INTEGER NOT NULL DEFAULT 0, `createdAt` INTEGER NOT NULL DEFAULT 0, `color` INTEGER, `reminderAt` INTEGER, FOREIGN KEY(`folderId`) REFERENCES `Folder`(`folderId`) ON UPDATE NO ACTION ON DELETE SET NULL );
INSERT INTO `_new_Note` (`noteId`,`folderId`,`title`,`body`,`pinned`,`updatedAt`,`archived`,`createdAt`,`color`) SELECT `noteId`,`folderId`,`title`,`body`,`pinned`,`updatedAt`,`archived`,`createdAt`,`color` FROM `Note`;
DROP TABLE `Note`;
ALTER TABLE `_new_Note` RENAME TO `Note`;
CREATE INDEX IF NOT EXISTS `index_Note_folderId` ON `Note` (`folderId`);
CREATE INDEX IF NOT EXISTS `index_Note_pinned_updatedAt` ON `Note` (`pinned`, `updatedAt`);
CREATE VIEW `NoteSummary` AS SELECT noteId, title, substr(body, 1, 80) AS preview, updatedAt FROM Note WHERE archived = 0;
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, 'c1e5a9d3f7b20e48a6d2c0f9e3b7a514');
""",
        {("rebuild-loses-dependents", 5)},
    ),
    (
        "8.0.0__v8.sql",
        """-- AutoMigration_7_8: @DeleteColumn(tableName = "Folder", columnName = "color")
CREATE TABLE IF NOT EXISTS `_new_Folder` (`folderId` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `label` TEXT NOT NULL, `createdAt` INTEGER NOT NULL);
INSERT INTO `_new_Folder` (`folderId`,`label`,`createdAt`) SELECT `folderId`,`label`,`createdAt` FROM `Folder`;
DROP TABLE `Folder`;
ALTER TABLE `_new_Folder` RENAME TO `Folder`;
CREATE UNIQUE INDEX IF NOT EXISTS `index_Folder_label` ON `Folder` (`label`);
PRAGMA foreign_key_check(`Folder`);
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '8b3f1d7a5c9e2048f6a0d4c8e2b6f9a3');
""",
        {("rebuild-unverified", 4)},
    ),
    (
        "9.0.0__v9.sql",
        """-- AutoMigration_8_9: @RenameTable(fromTableName = "Tag", toTableName = "Label")
ALTER TABLE `Tag` RENAME TO `Label`;
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '2f6b0d4a8e1c5f93b7d0a2e6c4f8b1d5');
""",
        {("rename-table", 2)},
    ),
    (
        "10.0.0__v10.sql",
        """-- AutoMigration_9_10: @DeleteTable(tableName = "NoteTagCrossRef"): labels move into the note
ALTER TABLE `Note` ADD COLUMN `labels` TEXT NOT NULL DEFAULT '';
DROP TABLE `NoteTagCrossRef`;
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, 'd9a4e0c6b2f8173e5a9c1d7b3f0e4a62');
""",
        {("drop-table", 3)},
    ),
    (
        "11.0.0__v11.sql",
        """-- MIGRATION_10_11: archived notes older than the 2020 sync are gone from the server
DELETE FROM `Note` WHERE `archived` = 1 AND `updatedAt` < 1577836800000;
UPDATE `Note` SET `color` = NULL WHERE `color` = 0;
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '6e0c4a8f2d6b1e95c3a7f0d4b8e2c619');
""",
        set(),
    ),
    (
        "12.0.0__v12.sql",
        """-- MIGRATION_11_12: the search index gets the labels; it is made again from the notes
DROP TRIGGER IF EXISTS room_fts_content_sync_NoteFts_BEFORE_UPDATE;
DROP TRIGGER IF EXISTS room_fts_content_sync_NoteFts_BEFORE_DELETE;
DROP TRIGGER IF EXISTS room_fts_content_sync_NoteFts_AFTER_UPDATE;
DROP TRIGGER IF EXISTS room_fts_content_sync_NoteFts_AFTER_INSERT;
DROP TABLE IF EXISTS `NoteFts`;
CREATE VIRTUAL TABLE IF NOT EXISTS `NoteFts` USING FTS4(`title` TEXT NOT NULL, `body` TEXT, `labels` TEXT NOT NULL, content=`Note`);
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_BEFORE_UPDATE BEFORE UPDATE ON `Note` BEGIN DELETE FROM `NoteFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_BEFORE_DELETE BEFORE DELETE ON `Note` BEGIN DELETE FROM `NoteFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_AFTER_UPDATE AFTER UPDATE ON `Note` BEGIN INSERT INTO `NoteFts`(`docid`, `title`, `body`, `labels`) VALUES (NEW.`rowid`, NEW.`title`, NEW.`body`, NEW.`labels`); END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_AFTER_INSERT AFTER INSERT ON `Note` BEGIN INSERT INTO `NoteFts`(`docid`, `title`, `body`, `labels`) VALUES (NEW.`rowid`, NEW.`title`, NEW.`body`, NEW.`labels`); END;
INSERT INTO `NoteFts`(`NoteFts`) VALUES ('rebuild');
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, 'a5f9c3e7b1d0428c6e0a4f8d2b6c9e37');
""",
        {("drop-table", 6)},
    ),
    (
        "13.0.0__v13.sql",
        """-- MIGRATION_12_13 (hand-written, rename first): pinned becomes a CHECKed flag; the summary view is forgotten
ALTER TABLE `Note` RENAME TO `Note_old`;
CREATE TABLE IF NOT EXISTS `Note` (`noteId` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `folderId` INTEGER, `title` TEXT NOT NULL, `body` TEXT, `pinned` INTEGER NOT NULL CHECK (`pinned` IN (0, 1)), `updatedAt` INTEGER NOT NULL, `archived` INTEGER NOT NULL DEFAULT 0, `createdAt` INTEGER NOT NULL DEFAULT 0, `color` INTEGER, `reminderAt` INTEGER, `labels` TEXT NOT NULL DEFAULT '', FOREIGN KEY(`folderId`) REFERENCES `Folder`(`folderId`) ON UPDATE NO ACTION ON DELETE SET NULL );
INSERT INTO `Note` (`noteId`,`folderId`,`title`,`body`,`pinned`,`updatedAt`,`archived`,`createdAt`,`color`,`reminderAt`,`labels`) SELECT `noteId`,`folderId`,`title`,`body`,`pinned`,`updatedAt`,`archived`,`createdAt`,`color`,`reminderAt`,`labels` FROM `Note_old`;
DROP TABLE `Note_old`;
CREATE INDEX IF NOT EXISTS `index_Note_folderId` ON `Note` (`folderId`);
CREATE INDEX IF NOT EXISTS `index_Note_pinned_updatedAt` ON `Note` (`pinned`, `updatedAt`);
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_BEFORE_UPDATE BEFORE UPDATE ON `Note` BEGIN DELETE FROM `NoteFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_BEFORE_DELETE BEFORE DELETE ON `Note` BEGIN DELETE FROM `NoteFts` WHERE `docid`=OLD.`rowid`; END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_AFTER_UPDATE AFTER UPDATE ON `Note` BEGIN INSERT INTO `NoteFts`(`docid`, `title`, `body`, `labels`) VALUES (NEW.`rowid`, NEW.`title`, NEW.`body`, NEW.`labels`); END;
CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_NoteFts_AFTER_INSERT AFTER INSERT ON `Note` BEGIN INSERT INTO `NoteFts`(`docid`, `title`, `body`, `labels`) VALUES (NEW.`rowid`, NEW.`title`, NEW.`body`, NEW.`labels`); END;
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, 'f0b4d8a2c6e1937d5b9f3a7c1e5d0b84');
""",
        {("rebuild-loses-dependents", 5)},
    ),
    (
        "14.0.0__v14.sql",
        """-- MIGRATION_13_14: notes sync by id now
ALTER TABLE `Note` ADD COLUMN `syncId` TEXT NOT NULL;
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '1c7e3a9f5b0d4286e2c8a6f0d4b9e3a7');
""",
        {("add-not-null-without-default", 2)},
    ),
]


TICKETS: History = [
    (
        "1.0.0__Init1650000000000.sql",
        """CREATE TABLE "account" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar NOT NULL, "displayName" varchar, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_4c8f54c2b3e6a7d1f09e2b5a6c1" UNIQUE ("email"));
CREATE TABLE "venue" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar NOT NULL, "city" varchar NOT NULL, "capacity" integer NOT NULL);
CREATE TABLE "event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar NOT NULL, "startsAt" datetime NOT NULL, "price" decimal(10,2) NOT NULL, "venueId" integer, CONSTRAINT "FK_3b1f7c2e9a4d6e08b5c1f7a2d94" FOREIGN KEY ("venueId") REFERENCES "venue" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION);
CREATE INDEX "IDX_6a2e8c0f4b7d1e3a5c9f2b4d6e" ON "event" ("startsAt");
CREATE TABLE "ticket" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(12) NOT NULL, "status" varchar NOT NULL DEFAULT ('issued'), "eventId" integer NOT NULL, "buyerId" integer, CONSTRAINT "UQ_9f3b5d7e1a2c4e6f8a0b2d4c6e8" UNIQUE ("code"), CONSTRAINT "FK_8e2a0c4f6b1d3e5a7c9f0b2d4e6" FOREIGN KEY ("eventId") REFERENCES "event" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_1d5c9e3a7f0b2c4e6a8d0f1b3c5" FOREIGN KEY ("buyerId") REFERENCES "account" ("id") ON DELETE SET NULL ON UPDATE NO ACTION);
CREATE INDEX "IDX_2c4e6a8f0b1d3f5a7c9e1b3d5f" ON "ticket" ("eventId");
""",
        set(),
    ),
    (
        "1.1.0__AccountPhone1650100000000.sql",
        """ALTER TABLE "account" ADD COLUMN "phone" varchar;
""",
        set(),
    ),
    (
        "1.2.0__EventDescription1650200000000.sql",
        """DROP INDEX "IDX_6a2e8c0f4b7d1e3a5c9f2b4d6e";
CREATE TABLE "temporary_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar NOT NULL, "startsAt" datetime NOT NULL, "price" decimal(10,2) NOT NULL, "venueId" integer, "description" text NOT NULL DEFAULT (''), CONSTRAINT "FK_3b1f7c2e9a4d6e08b5c1f7a2d94" FOREIGN KEY ("venueId") REFERENCES "venue" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION);
INSERT INTO "temporary_event"("id", "title", "startsAt", "price", "venueId") SELECT "id", "title", "startsAt", "price", "venueId" FROM "event";
DROP TABLE "event";
ALTER TABLE "temporary_event" RENAME TO "event";
CREATE INDEX "IDX_6a2e8c0f4b7d1e3a5c9f2b4d6e" ON "event" ("startsAt");
""",
        set(),
    ),
    (
        "1.3.0__TicketSeat1650300000000.sql",
        """DROP INDEX "IDX_2c4e6a8f0b1d3f5a7c9e1b3d5f";
CREATE TABLE "temporary_ticket" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(12) NOT NULL, "status" varchar NOT NULL DEFAULT ('issued'), "eventId" integer NOT NULL, "buyerId" integer, "seat" varchar NOT NULL, CONSTRAINT "UQ_9f3b5d7e1a2c4e6f8a0b2d4c6e8" UNIQUE ("code"), CONSTRAINT "FK_8e2a0c4f6b1d3e5a7c9f0b2d4e6" FOREIGN KEY ("eventId") REFERENCES "event" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_1d5c9e3a7f0b2c4e6a8d0f1b3c5" FOREIGN KEY ("buyerId") REFERENCES "account" ("id") ON DELETE SET NULL ON UPDATE NO ACTION);
INSERT INTO "temporary_ticket"("id", "code", "status", "eventId", "buyerId") SELECT "id", "code", "status", "eventId", "buyerId" FROM "ticket";
DROP TABLE "ticket";
ALTER TABLE "temporary_ticket" RENAME TO "ticket";
CREATE INDEX "IDX_2c4e6a8f0b1d3f5a7c9e1b3d5f" ON "ticket" ("eventId");
""",
        {("add-not-null-without-default", 5)},
    ),
    (
        "1.4.0__VenueCapacityNullable1650400000000.sql",
        """CREATE TABLE "temporary_venue" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar NOT NULL, "city" varchar NOT NULL, "capacity" integer);
INSERT INTO "temporary_venue"("id", "name", "city", "capacity") SELECT "id", "name", "city", "capacity" FROM "venue";
DROP TABLE "venue";
ALTER TABLE "temporary_venue" RENAME TO "venue";
""",
        set(),
    ),
    (
        "1.5.0__Orders1650500000000.sql",
        """CREATE TABLE "order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "total" decimal(10,2) NOT NULL, "placedAt" datetime NOT NULL DEFAULT (datetime('now')), "accountId" integer NOT NULL, CONSTRAINT "FK_0e2c4a6f8b1d3e5c7a9f1d3b5e" FOREIGN KEY ("accountId") REFERENCES "account" ("id") ON DELETE CASCADE ON UPDATE NO ACTION);
CREATE INDEX "IDX_7d9f1b3e5a0c2e4a6c8e0a2c4f" ON "order" ("accountId");
""",
        set(),
    ),
    (
        "1.6.0__TicketOrder1650600000000.sql",
        """DROP INDEX "IDX_2c4e6a8f0b1d3f5a7c9e1b3d5f";
CREATE TABLE "temporary_ticket" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(12) NOT NULL, "status" varchar NOT NULL DEFAULT ('issued'), "eventId" integer NOT NULL, "buyerId" integer, "seat" varchar NOT NULL, "orderId" integer, CONSTRAINT "UQ_9f3b5d7e1a2c4e6f8a0b2d4c6e8" UNIQUE ("code"), CONSTRAINT "FK_8e2a0c4f6b1d3e5a7c9f0b2d4e6" FOREIGN KEY ("eventId") REFERENCES "event" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_1d5c9e3a7f0b2c4e6a8d0f1b3c5" FOREIGN KEY ("buyerId") REFERENCES "account" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_5b7d9f1c3e0a2c4e6a8c0e2a4c" FOREIGN KEY ("orderId") REFERENCES "order" ("id") ON DELETE SET NULL ON UPDATE NO ACTION);
INSERT INTO "temporary_ticket"("id", "code", "status", "eventId", "buyerId", "seat") SELECT "id", "code", "status", "eventId", "buyerId", "seat" FROM "ticket";
DROP TABLE "ticket";
ALTER TABLE "temporary_ticket" RENAME TO "ticket";
CREATE INDEX "IDX_2c4e6a8f0b1d3f5a7c9e1b3d5f" ON "ticket" ("eventId");
""",
        set(),
    ),
    (
        "1.7.0__EventPriceCents1650700000000.sql",
        """DROP INDEX "IDX_6a2e8c0f4b7d1e3a5c9f2b4d6e";
CREATE TABLE "temporary_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar NOT NULL, "startsAt" datetime NOT NULL, "price" integer NOT NULL, "venueId" integer, "description" text NOT NULL DEFAULT (''), CONSTRAINT "FK_3b1f7c2e9a4d6e08b5c1f7a2d94" FOREIGN KEY ("venueId") REFERENCES "venue" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION);
INSERT INTO "temporary_event"("id", "title", "startsAt", "price", "venueId", "description") SELECT "id", "title", "startsAt", "price", "venueId", "description" FROM "event";
DROP TABLE "event";
ALTER TABLE "temporary_event" RENAME TO "event";
CREATE INDEX "IDX_6a2e8c0f4b7d1e3a5c9f2b4d6e" ON "event" ("startsAt");
""",
        {("rebuild-unverified", 4)},
    ),
    (
        "1.8.0__DropDisplayName1650800000000.sql",
        """CREATE TABLE "temporary_account" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "phone" varchar, CONSTRAINT "UQ_4c8f54c2b3e6a7d1f09e2b5a6c1" UNIQUE ("email"));
INSERT INTO "temporary_account"("id", "email", "createdAt", "phone") SELECT "id", "email", "createdAt", "phone" FROM "account";
DROP TABLE "account";
ALTER TABLE "temporary_account" RENAME TO "account";
""",
        {("rebuild-unverified", 3)},
    ),
    (
        "1.9.0__TicketStatusIndex1650900000000.sql",
        """CREATE INDEX "IDX_3e5a7c9e1b0d2f4a6c8e0b2d4f" ON "ticket" ("status") ;
""",
        set(),
    ),
    (
        "1.10.0__SeedVenues1651000000000.sql",
        """INSERT INTO "venue" ("name", "city", "capacity") VALUES ('Hall A', 'Lyon', 800), ('Riverside', 'Ghent', NULL);
""",
        set(),
    ),
    (
        "1.11.0__VenueUnique1651100000000.sql",
        """CREATE TABLE "temporary_venue" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar NOT NULL, "city" varchar NOT NULL, "capacity" integer, CONSTRAINT "UQ_a1c3e5f7b9d0e2a4c6e8f0b2d4" UNIQUE ("name", "city"));
INSERT INTO "temporary_venue"("id", "name", "city", "capacity") SELECT "id", "name", "city", "capacity" FROM "venue";
DROP TABLE "venue";
ALTER TABLE "temporary_venue" RENAME TO "venue";
""",
        set(),
    ),
    (
        "1.12.0__TicketNoIndexes1651200000000.sql",
        """-- hand-edited: the DROP INDEX and CREATE INDEX queries were cut from the generated list
CREATE TABLE "temporary_ticket" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(16) NOT NULL, "status" varchar NOT NULL DEFAULT ('issued'), "eventId" integer NOT NULL, "buyerId" integer, "seat" varchar NOT NULL, "orderId" integer, CONSTRAINT "UQ_9f3b5d7e1a2c4e6f8a0b2d4c6e8" UNIQUE ("code"), CONSTRAINT "FK_8e2a0c4f6b1d3e5a7c9f0b2d4e6" FOREIGN KEY ("eventId") REFERENCES "event" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_1d5c9e3a7f0b2c4e6a8d0f1b3c5" FOREIGN KEY ("buyerId") REFERENCES "account" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_5b7d9f1c3e0a2c4e6a8c0e2a4c" FOREIGN KEY ("orderId") REFERENCES "order" ("id") ON DELETE SET NULL ON UPDATE NO ACTION);
INSERT INTO "temporary_ticket"("id", "code", "status", "eventId", "buyerId", "seat", "orderId") SELECT "id", "code", "status", "eventId", "buyerId", "seat", "orderId" FROM "ticket";
DROP TABLE "ticket";
ALTER TABLE "temporary_ticket" RENAME TO "ticket";
""",
        {("rebuild-loses-dependents", 4)},
    ),
    (
        "1.13.0__TicketIndexesBack1651300000000.sql",
        """CREATE INDEX "IDX_2c4e6a8f0b1d3f5a7c9e1b3d5f" ON "ticket" ("eventId") ;
CREATE INDEX "IDX_3e5a7c9e1b0d2f4a6c8e0b2d4f" ON "ticket" ("status") ;
""",
        set(),
    ),
    (
        "1.14.0__RemoveVenue1651400000000.sql",
        """DROP INDEX "IDX_6a2e8c0f4b7d1e3a5c9f2b4d6e";
CREATE TABLE "temporary_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar NOT NULL, "startsAt" datetime NOT NULL, "price" integer NOT NULL, "description" text NOT NULL DEFAULT (''));
INSERT INTO "temporary_event"("id", "title", "startsAt", "price", "description") SELECT "id", "title", "startsAt", "price", "description" FROM "event";
DROP TABLE "event";
ALTER TABLE "temporary_event" RENAME TO "event";
CREATE INDEX "IDX_6a2e8c0f4b7d1e3a5c9f2b4d6e" ON "event" ("startsAt");
DROP TABLE "venue";
""",
        {("rebuild-unverified", 4), ("drop-table", 7)},
    ),
    (
        "1.15.0__CancelledTickets1651500000000.sql",
        """UPDATE "ticket" SET "status" = 'void' WHERE "status" = 'cancelled';
DELETE FROM "order" WHERE "total" = 0;
""",
        set(),
    ),
    (
        "1.16.0__AccountRenameTable1651600000000.sql",
        """ALTER TABLE "account" RENAME TO "customer";
""",
        {("rename-table", 1)},
    ),
    (
        "1.17.0__OrderCurrency1651700000000.sql",
        """DROP INDEX "IDX_7d9f1b3e5a0c2e4a6c8e0a2c4f";
CREATE TABLE "temporary_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "total" decimal(10,2) NOT NULL, "placedAt" datetime NOT NULL DEFAULT (datetime('now')), "accountId" integer NOT NULL, "currency" varchar(3) NOT NULL DEFAULT ('EUR'), CONSTRAINT "FK_0e2c4a6f8b1d3e5c7a9f1d3b5e" FOREIGN KEY ("accountId") REFERENCES "customer" ("id") ON DELETE CASCADE ON UPDATE NO ACTION);
INSERT INTO "temporary_order"("id", "total", "placedAt", "accountId") SELECT "id", "total", "placedAt", "accountId" FROM "order";
DROP TABLE "order";
ALTER TABLE "temporary_order" RENAME TO "order";
CREATE INDEX "IDX_7d9f1b3e5a0c2e4a6c8e0a2c4f" ON "order" ("accountId");
""",
        set(),
    ),
    (
        "1.18.0__TicketRevert1651800000000.sql",
        """-- a down migration run forward: TypeORM's revert renames the table away first
DROP INDEX "IDX_2c4e6a8f0b1d3f5a7c9e1b3d5f";
DROP INDEX "IDX_3e5a7c9e1b0d2f4a6c8e0b2d4f";
ALTER TABLE "ticket" RENAME TO "temporary_ticket";
CREATE TABLE "ticket" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(16) NOT NULL, "status" varchar NOT NULL DEFAULT ('issued'), "eventId" integer NOT NULL, "buyerId" integer, "seat" varchar NOT NULL, CONSTRAINT "UQ_9f3b5d7e1a2c4e6f8a0b2d4c6e8" UNIQUE ("code"), CONSTRAINT "FK_8e2a0c4f6b1d3e5a7c9f0b2d4e6" FOREIGN KEY ("eventId") REFERENCES "event" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_1d5c9e3a7f0b2c4e6a8d0f1b3c5" FOREIGN KEY ("buyerId") REFERENCES "customer" ("id") ON DELETE SET NULL ON UPDATE NO ACTION);
INSERT INTO "ticket"("id", "code", "status", "eventId", "buyerId", "seat") SELECT "id", "code", "status", "eventId", "buyerId", "seat" FROM "temporary_ticket";
DROP TABLE "temporary_ticket";
CREATE INDEX "IDX_2c4e6a8f0b1d3f5a7c9e1b3d5f" ON "ticket" ("eventId") ;
CREATE INDEX "IDX_3e5a7c9e1b0d2f4a6c8e0b2d4f" ON "ticket" ("status") ;
""",
        {("rebuild-unverified", 7)},
    ),
]


HISTORIES: dict[str, History] = {
    "podcasts": PODCASTS,
    "stock": STOCK,
    "tracker": TRACKER,
    "notebook": NOTEBOOK,
    "tickets": TICKETS,
}
