# ruff: noqa: E501  (real histories keep their long lines)
"""Three long PostgreSQL histories written by ORMs and schema tools, with the error findings a reviewer expects.

Written for ratchet after the patterns of public histories (a Prisma-managed clinic application:
``migration.sql`` files with ``-- CreateTable`` / ``-- AlterEnum`` section comments, the
``/* Warnings: */`` block, the enum swap Prisma writes when a value is removed, quoted CamelCase
names, ``X_key`` unique indexes, ``SERIAL`` ids whose sequence is dropped; a Django project as
``sqlmigrate`` prints it: ``-- Add field`` comments, a default added and dropped for a new non-null
field, ``_like`` pattern-ops indexes, deferrable foreign keys with ``SET CONSTRAINTS ... IMMEDIATE``,
field alterations, renames, removals, many-to-many tables and SQL data migrations; a Hasura
project's ``up.sql`` files: lower-case console statements on ``"public"."t"``, the
``set_current_timestamp_updated_at`` trigger, enum tables filled with ``E'...'`` strings, computed
field functions, raw SQL views), not copied from any. Each history is a list of files ``(name, sql, expected)`` where ``expected`` is the set
of ``(rule, line)`` error findings; here each finding is written as the rule and a piece of text
found on exactly one line of the file, which gives its line.
"""

from __future__ import annotations

from history_corpus import Expected, History

#: A file as written here: ``(description, sql, ((rule, text on the finding's line), ...))``.
Draft = tuple[str, str, tuple[tuple[str, str], ...]]


def _line_of(sql: str, text: str) -> int:
    lines = [number for number, line in enumerate(sql.splitlines(), start=1) if text in line]
    assert len(lines) == 1, (text, lines)
    return lines[0]


def numbered(drafts: list[Draft]) -> History:
    """The drafts as a history of files ``1.N.0__description.sql``, each finding's text made its line."""
    history: History = []
    for number, (description, sql, marks) in enumerate(drafts):
        expected: Expected = {(rule, _line_of(sql, text)) for rule, text in marks}
        history.append((f"1.{number}.0__{description}.sql", sql, expected))
    return history


PRISMA_CLINIC: History = numbered(
    [
        (
            "init",
            """-- CreateEnum
CREATE TYPE "Species" AS ENUM ('DOG', 'CAT', 'BIRD');

-- CreateEnum
CREATE TYPE "VisitStatus" AS ENUM ('BOOKED', 'DONE', 'CANCELLED');

-- CreateTable
CREATE TABLE "Owner" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "phone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Owner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pet" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(191) NOT NULL,
    "species" "Species" NOT NULL,
    "ownerId" INTEGER NOT NULL,
    "birthDate" TIMESTAMP(3),

    CONSTRAINT "Pet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Visit" (
    "id" TEXT NOT NULL,
    "petId" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "status" "VisitStatus" NOT NULL DEFAULT 'BOOKED',
    "notes" TEXT,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Owner_email_key" ON "Owner"("email");

-- CreateIndex
CREATE INDEX "Visit_startsAt_idx" ON "Visit"("startsAt");

-- AddForeignKey
ALTER TABLE "Pet" ADD CONSTRAINT "Pet_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Owner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_petId_fkey" FOREIGN KEY ("petId") REFERENCES "Pet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "vets",
            """-- AlterTable
ALTER TABLE "Visit" ADD COLUMN     "vetId" INTEGER;

-- CreateTable
CREATE TABLE "Vet" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "license" VARCHAR(32) NOT NULL,
    "specialties" TEXT[],
    "metadata" JSONB,

    CONSTRAINT "Vet_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Vet_license_key" ON "Vet"("license");

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_vetId_fkey" FOREIGN KEY ("vetId") REFERENCES "Vet"("id") ON DELETE SET NULL ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "pet_updated_at",
            """/*
  Warnings:

  - Added the required column `updatedAt` to the `Pet` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "Pet" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL;
""",
            (("add-not-null-without-default", '"updatedAt" TIMESTAMP(3) NOT NULL'),),
        ),
        (
            "more_species",
            """-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "Species" ADD VALUE 'RABBIT';
ALTER TYPE "Species" ADD VALUE 'REPTILE';
ALTER TYPE "Species" ADD VALUE 'HAMSTER';
""",
            (),
        ),
        (
            "owner_phone_required",
            """/*
  Warnings:

  - Made the column `phone` on table `Owner` required. This step will fail if there are existing NULL values in that column.

*/
-- AlterTable
ALTER TABLE "Owner" ALTER COLUMN "phone" SET NOT NULL,
ALTER COLUMN "phone" SET DEFAULT '';
""",
            (("set-not-null", 'ALTER COLUMN "phone" SET NOT NULL'),),
        ),
        (
            "pet_owner_cascade",
            """-- DropForeignKey
ALTER TABLE "Pet" DROP CONSTRAINT "Pet_ownerId_fkey";

-- AddForeignKey
ALTER TABLE "Pet" ADD CONSTRAINT "Pet_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Owner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "invoices",
            """-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'EUR',
    "taxRate" DECIMAL(5,2) NOT NULL DEFAULT 0,
    "discount" DECIMAL(10,2),
    "paidAt" TIMESTAMP(3),
    "lines" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_visitId_key" ON "Invoice"("visitId");

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "drop_bird",
            """/*
  Warnings:

  - The values [BIRD] on the enum `Species` will be removed. If these variants are still used in the database, this will fail.

*/
-- AlterEnum
BEGIN;
CREATE TYPE "Species_new" AS ENUM ('DOG', 'CAT', 'RABBIT', 'REPTILE', 'HAMSTER');
ALTER TABLE "Pet" ALTER COLUMN "species" TYPE "Species_new" USING ("species"::text::"Species_new");
ALTER TYPE "Species" RENAME TO "Species_old";
ALTER TYPE "Species_new" RENAME TO "Species";
DROP TYPE "Species_old";
COMMIT;
""",
            (
                ("transaction-control", "BEGIN;"),
                ("alter-column-type", 'ALTER COLUMN "species" TYPE'),
                ("transaction-control", "COMMIT;"),
            ),
        ),
        (
            "rename_license_index",
            """-- RenameIndex
ALTER INDEX "Vet_license_key" RENAME TO "Vet_licenseNumber_key";
""",
            (),
        ),
        (
            "owner_split_name",
            """/*
  Warnings:

  - You are about to drop the column `name` on the `Owner` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Owner" DROP COLUMN "name",
ADD COLUMN     "firstName" TEXT,
ADD COLUMN     "lastName" TEXT;
""",
            (("drop-column", 'DROP COLUMN "name"'),),
        ),
        (
            "pet_vets",
            """-- CreateTable
CREATE TABLE "_PetToVet" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "_PetToVet_AB_unique" ON "_PetToVet"("A", "B");

-- CreateIndex
CREATE INDEX "_PetToVet_B_index" ON "_PetToVet"("B");

-- AddForeignKey
ALTER TABLE "_PetToVet" ADD CONSTRAINT "_PetToVet_A_fkey" FOREIGN KEY ("A") REFERENCES "Pet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PetToVet" ADD CONSTRAINT "_PetToVet_B_fkey" FOREIGN KEY ("B") REFERENCES "Vet"("id") ON DELETE CASCADE ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "column_lengths",
            """/*
  Warnings:

  - You are about to alter the column `license` on the `Vet` table. The data in that column could be lost. The data in that column will be cast from `VarChar(32)` to `VarChar(20)`.

*/
-- AlterTable
ALTER TABLE "Pet" ALTER COLUMN "name" SET DATA TYPE TEXT;

-- AlterTable
ALTER TABLE "Vet" ALTER COLUMN "license" SET DATA TYPE VARCHAR(20);
""",
            (("alter-column-type", 'ALTER TABLE "Vet" ALTER COLUMN "license"'),),
        ),
        (
            "visit_duration",
            """-- AlterTable
ALTER TABLE "Visit" ADD COLUMN     "durationMin" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "reminderSent" BOOLEAN NOT NULL DEFAULT false;
""",
            (),
        ),
        (
            "vet_manual_ids",
            """-- AlterTable
ALTER TABLE "Vet" ALTER COLUMN "id" DROP DEFAULT;
DROP SEQUENCE "Vet_id_seq";
""",
            (("drop-sequence", 'DROP SEQUENCE "Vet_id_seq"'),),
        ),
        (
            "drop_pet_vets",
            """/*
  Warnings:

  - You are about to drop the `_PetToVet` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropForeignKey
ALTER TABLE "_PetToVet" DROP CONSTRAINT "_PetToVet_A_fkey";

-- DropForeignKey
ALTER TABLE "_PetToVet" DROP CONSTRAINT "_PetToVet_B_fkey";

-- DropTable
DROP TABLE "_PetToVet";
""",
            (("drop-table", 'DROP TABLE "_PetToVet"'),),
        ),
        (
            "invoice_status",
            """-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('DRAFT', 'SENT', 'PAID');

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "status" "InvoiceStatus" NOT NULL DEFAULT 'DRAFT';
""",
            (),
        ),
        (
            "vitals_and_tags",
            """-- AlterTable
ALTER TABLE "Visit" ADD COLUMN     "vitals" JSONB;

-- AlterTable
ALTER TABLE "Owner" ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];
""",
            (),
        ),
        (
            "clinics",
            """-- CreateTable
CREATE TABLE "Clinic" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "openedOn" DATE,

    CONSTRAINT "Clinic_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Clinic_name_city_key" ON "Clinic"("name", "city");
""",
            (),
        ),
        (
            "invoice_updated_at",
            """-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
""",
            (),
        ),
        (
            "invoice_updated_at_no_default",
            """-- AlterTable
ALTER TABLE "Invoice" ALTER COLUMN "updatedAt" DROP DEFAULT;
""",
            (),
        ),
        (
            "clinic_updated_at",
            """-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Clinic" ALTER COLUMN "updatedAt" DROP DEFAULT;
""",
            (("add-not-null-without-default", 'ALTER COLUMN "updatedAt" DROP DEFAULT'),),
        ),
        (
            "rename_birth_date",
            """-- edited by hand: Prisma would drop and re-add the column
ALTER TABLE "Pet" RENAME COLUMN "birthDate" TO "bornAt";
""",
            (("rename-column", 'RENAME COLUMN "birthDate"'),),
        ),
        (
            "amount_bigint",
            """/*
  Warnings:

  - You are about to alter the column `amountCents` on the `Invoice` table. The data in that column will be cast from `Int` to `BigInt`.

*/
-- AlterTable
ALTER TABLE "Invoice" ALTER COLUMN "amountCents" SET DATA TYPE BIGINT;
""",
            (),
        ),
        (
            "visit_timezone",
            """-- AlterTable
ALTER TABLE "Visit" ALTER COLUMN "startsAt" SET DATA TYPE TIMESTAMPTZ(3);
""",
            (("alter-column-type", '"startsAt" SET DATA TYPE TIMESTAMPTZ(3)'),),
        ),
        (
            "invoice_unique_per_status",
            """-- DropIndex
DROP INDEX "Invoice_visitId_key";

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_visitId_status_key" ON "Invoice"("visitId", "status");
""",
            (),
        ),
        (
            "pet_owner_optional",
            """-- DropForeignKey
ALTER TABLE "Pet" DROP CONSTRAINT "Pet_ownerId_fkey";

-- AlterTable
ALTER TABLE "Pet" ALTER COLUMN "ownerId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "Pet" ADD CONSTRAINT "Pet_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Owner"("id") ON DELETE SET NULL ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "visit_no_show",
            """-- AlterEnum
ALTER TYPE "VisitStatus" ADD VALUE 'NO_SHOW';
""",
            (),
        ),
        (
            "drop_cancelled",
            """/*
  Warnings:

  - The values [CANCELLED] on the enum `VisitStatus` will be removed. If these variants are still used in the database, this will fail.

*/
-- AlterEnum
CREATE TYPE "VisitStatus_new" AS ENUM ('BOOKED', 'DONE', 'NO_SHOW');
ALTER TABLE "Visit" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Visit" ALTER COLUMN "status" TYPE "VisitStatus_new" USING ("status"::text::"VisitStatus_new");
ALTER TYPE "VisitStatus" RENAME TO "VisitStatus_old";
ALTER TYPE "VisitStatus_new" RENAME TO "VisitStatus";
DROP TYPE "VisitStatus_old";
ALTER TABLE "Visit" ALTER COLUMN "status" SET DEFAULT 'BOOKED';
""",
            (("alter-column-type", 'ALTER COLUMN "status" TYPE'),),
        ),
        (
            "audit_log",
            """-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "actorId" INTEGER,
    "action" VARCHAR(64) NOT NULL,
    "payload" JSON NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at" DESC);

-- CreateIndex
CREATE INDEX "AuditLog_actorId_action_idx" ON "AuditLog"("actorId", "action");
""",
            (),
        ),
        (
            "drop_invoice_status",
            """/*
  Warnings:

  - You are about to drop the column `status` on the `Invoice` table. All the data in the column will be lost.
  - A unique constraint covering the columns `[visitId]` on the table `Invoice` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "Invoice_visitId_status_key";

-- AlterTable
ALTER TABLE "Invoice" DROP COLUMN "status";

-- DropEnum
DROP TYPE "InvoiceStatus";

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_visitId_key" ON "Invoice"("visitId");
""",
            (
                ("drop-column", 'DROP COLUMN "status"'),
                ("drop-type", 'DROP TYPE "InvoiceStatus"'),
            ),
        ),
        (
            "vet_treats",
            """-- AlterTable
ALTER TABLE "Vet" ADD COLUMN     "treats" "Species"[];
""",
            (),
        ),
        (
            "drop_reptile",
            """/*
  Warnings:

  - The values [REPTILE] on the enum `Species` will be removed. If these variants are still used in the database, this will fail.

*/
-- AlterEnum
CREATE TYPE "Species_new" AS ENUM ('DOG', 'CAT', 'RABBIT', 'HAMSTER');
ALTER TABLE "Pet" ALTER COLUMN "species" TYPE "Species_new" USING ("species"::text::"Species_new");
ALTER TABLE "Vet" ALTER COLUMN "treats" TYPE "Species_new"[] USING ("treats"::text::"Species_new"[]);
ALTER TYPE "Species" RENAME TO "Species_old";
ALTER TYPE "Species_new" RENAME TO "Species";
DROP TYPE "Species_old";
""",
            (
                ("alter-column-type", 'ALTER TABLE "Pet" ALTER COLUMN "species"'),
                ("alter-column-type", 'ALTER TABLE "Vet" ALTER COLUMN "treats"'),
            ),
        ),
        (
            "owner_first_names",
            """-- data fix written by hand
UPDATE "Owner" SET "firstName" = split_part("email", '@', 1) WHERE "firstName" IS NULL;
""",
            (),
        ),
        (
            "reset_reminders",
            """-- every reminder goes out again with the new mailer
UPDATE "Visit" SET "reminderSent" = false;
""",
            (("update-without-where", 'UPDATE "Visit"'),),
        ),
        (
            "pet_microchip",
            """-- AlterTable
ALTER TABLE "Pet" ADD COLUMN     "microchip" TEXT;

-- backfill
UPDATE "Pet" SET "microchip" = '';
""",
            (),
        ),
        (
            "trim_audit_log",
            """DELETE FROM "AuditLog" WHERE "at" < now() - interval '90 days';
""",
            (),
        ),
        (
            "empty",
            "-- This is an empty migration.\n",
            (),
        ),
        (
            "vet_schedule",
            """-- CreateTable
CREATE TABLE "VetSchedule" (
    "vetId" INTEGER NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opensAt" TEXT NOT NULL,
    "closesAt" TEXT NOT NULL,

    CONSTRAINT "VetSchedule_pkey" PRIMARY KEY ("vetId","weekday")
);

-- AddForeignKey
ALTER TABLE "VetSchedule" ADD CONSTRAINT "VetSchedule_vetId_fkey" FOREIGN KEY ("vetId") REFERENCES "Vet"("id") ON DELETE CASCADE ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "audit_log_uuid",
            """/*
  Warnings:

  - The primary key for the `AuditLog` table will be changed. If it partially fails, the table could be left without primary key constraint.

*/
-- AlterTable
ALTER TABLE "AuditLog" DROP CONSTRAINT "AuditLog_pkey",
ALTER COLUMN "id" DROP DEFAULT,
ALTER COLUMN "id" SET DATA TYPE TEXT,
ADD CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id");
DROP SEQUENCE "AuditLog_id_seq";
""",
            (
                ("alter-column-type", 'ALTER COLUMN "id" SET DATA TYPE TEXT'),
                ("drop-sequence", 'DROP SEQUENCE "AuditLog_id_seq"'),
            ),
        ),
        (
            "specialties_index",
            """-- CreateIndex
CREATE INDEX "Vet_specialties_idx" ON "Vet" USING GIN ("specialties");
""",
            (),
        ),
        (
            "owner_email_citext",
            """-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "citext";

-- AlterTable
ALTER TABLE "Owner" ALTER COLUMN "email" SET DATA TYPE CITEXT;
""",
            (("alter-column-type", "SET DATA TYPE CITEXT"),),
        ),
        (
            "done_to_completed",
            """-- edited by hand: keep the rows, rename the label
ALTER TYPE "VisitStatus" RENAME VALUE 'DONE' TO 'COMPLETED';
""",
            (("rename-enum-value", "RENAME VALUE 'DONE'"),),
        ),
        (
            "tax_precision",
            """/*
  Warnings:

  - You are about to alter the column `discount` on the `Invoice` table. The data in that column could be lost. The data in that column will be cast from `Decimal(10,2)` to `Decimal(10,4)`.

*/
-- AlterTable
ALTER TABLE "Invoice" ALTER COLUMN "taxRate" SET DATA TYPE DECIMAL(7,4),
ALTER COLUMN "discount" SET DATA TYPE DECIMAL(10,4);
""",
            (("alter-column-type", 'ALTER COLUMN "discount" SET DATA TYPE DECIMAL(10,4)'),),
        ),
        (
            "vet_clinic",
            """/*
  Warnings:

  - Added the required column `clinicId` to the `Vet` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "Vet" ADD COLUMN     "clinicId" INTEGER NOT NULL;

-- AddForeignKey
ALTER TABLE "Vet" ADD CONSTRAINT "Vet_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
""",
            (("add-not-null-without-default", '"clinicId" INTEGER NOT NULL'),),
        ),
        (
            "vet_rank",
            """-- AlterTable
ALTER TABLE "Vet" ADD COLUMN     "rank" SERIAL NOT NULL;
""",
            (),
        ),
        (
            "pet_uid",
            """-- AlterTable
ALTER TABLE "Pet" ADD COLUMN     "uid" UUID NOT NULL DEFAULT gen_random_uuid();

-- CreateIndex
CREATE UNIQUE INDEX "Pet_uid_key" ON "Pet"("uid");
""",
            (),
        ),
        (
            "currency_optional",
            """-- AlterTable
ALTER TABLE "Invoice" ALTER COLUMN "currency" DROP NOT NULL,
ALTER COLUMN "currency" DROP DEFAULT;
""",
            (),
        ),
        (
            "activity_log",
            """/*
  Warnings:

  - You are about to drop the `AuditLog` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropTable
DROP TABLE "AuditLog";

-- CreateTable
CREATE TABLE "ActivityLog" (
    "id" TEXT NOT NULL,
    "actorId" INTEGER,
    "action" VARCHAR(64) NOT NULL,
    "payload" JSON NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivityLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActivityLog_at_idx" ON "ActivityLog"("at" DESC);
""",
            (("drop-table", 'DROP TABLE "AuditLog"'),),
        ),
        (
            "rename_species_type",
            """-- edited by hand
ALTER TYPE "Species" RENAME TO "AnimalKind";
ALTER TABLE "Pet" RENAME CONSTRAINT "Pet_ownerId_fkey" TO "Pet_owner_fkey";
""",
            (),
        ),
        (
            "vet_load_view",
            """-- CreateView (by hand)
CREATE VIEW "VetLoad" AS
SELECT v."id" AS "vetId", count(x."id") AS "visits"
FROM "Vet" v LEFT JOIN "Visit" x ON x."vetId" = v."id"
GROUP BY v."id";
""",
            (),
        ),
        (
            "vet_load_view_v2",
            """DROP VIEW "VetLoad";
CREATE VIEW "VetLoad" AS
SELECT v."id" AS "vetId", count(x."id") AS "visits", max(x."startsAt") AS "lastVisit"
FROM "Vet" v LEFT JOIN "Visit" x ON x."vetId" = v."id"
GROUP BY v."id";
""",
            (),
        ),
        (
            "touch_owner",
            """-- trigger kept by hand beside @updatedAt
CREATE OR REPLACE FUNCTION "touch_updated_at"() RETURNS TRIGGER AS $$
BEGIN
  NEW."updatedAt" = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Owner_touch" BEFORE UPDATE ON "Owner"
FOR EACH ROW EXECUTE FUNCTION "touch_updated_at"();
""",
            (),
        ),
        (
            "owner_updated_default",
            """-- AlterTable
ALTER TABLE "Owner" ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;
""",
            (),
        ),
        (
            "vet_metadata_required",
            """/*
  Warnings:

  - Made the column `metadata` on table `Vet` required. This step will fail if there are existing NULL values in that column.

*/
-- AlterTable
ALTER TABLE "Vet" ALTER COLUMN "metadata" SET DEFAULT '{}',
ALTER COLUMN "metadata" SET NOT NULL;
""",
            (("set-not-null", 'ALTER COLUMN "metadata" SET NOT NULL'),),
        ),
        (
            "visit_priority",
            """-- AlterTable
ALTER TABLE "Visit" ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Visit_vetId_priority_idx" ON "Visit"("vetId", "priority");
""",
            (),
        ),
        (
            "payload_jsonb",
            """/*
  Warnings:

  - Changed the type of `payload` on the `ActivityLog` table. No cast exists, the column would be dropped and recreated, which cannot be done if there is data, since the column is required.

*/
-- AlterTable
ALTER TABLE "ActivityLog" ALTER COLUMN "payload" SET DATA TYPE JSONB;
""",
            (("alter-column-type", '"payload" SET DATA TYPE JSONB'),),
        ),
        (
            "specialties_varchar",
            """-- AlterTable
ALTER TABLE "Vet" ALTER COLUMN "specialties" SET DATA TYPE VARCHAR(64)[];
""",
            (("alter-column-type", "SET DATA TYPE VARCHAR(64)[]"),),
        ),
        (
            "owner_tags_required",
            """-- AlterTable
ALTER TABLE "Owner" ALTER COLUMN "tags" SET NOT NULL;
""",
            (("set-not-null", '"tags" SET NOT NULL'),),
        ),
        (
            "public_schema_names",
            """-- AlterTable
ALTER TABLE "public"."Clinic" ADD COLUMN     "timezone" TEXT NOT NULL DEFAULT 'UTC';

-- CreateIndex
CREATE INDEX "Clinic_city_idx" ON "public"."Clinic"("city");
""",
            (),
        ),
        (
            "drop_specialties_index",
            """-- DropIndex
DROP INDEX "Vet_specialties_idx";
""",
            (),
        ),
        (
            "pet_name_shorter",
            """/*
  Warnings:

  - You are about to alter the column `name` on the `Pet` table. The data in that column could be lost. The data in that column will be cast from `Text` to `VarChar(100)`.

*/
-- AlterTable
ALTER TABLE "Pet" ALTER COLUMN "name" SET DATA TYPE VARCHAR(100);
""",
            (("alter-column-type", '"name" SET DATA TYPE VARCHAR(100)'),),
        ),
        (
            "drop_pet_uid",
            """/*
  Warnings:

  - You are about to drop the column `uid` on the `Pet` table. All the data in the column will be lost.

*/
-- DropIndex
DROP INDEX "Pet_uid_key";

-- AlterTable
ALTER TABLE "Pet" DROP COLUMN "uid";
""",
            (("drop-column", 'DROP COLUMN "uid"'),),
        ),
        (
            "stock",
            """-- CreateEnum
CREATE TYPE "Unit" AS ENUM ('PIECE', 'ML', 'MG');

-- CreateTable
CREATE TABLE "Medicine" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "unit" "Unit" NOT NULL DEFAULT 'PIECE',
    "clinicId" INTEGER NOT NULL,
    "inStock" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "Medicine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Prescription" (
    "id" SERIAL NOT NULL,
    "visitId" TEXT NOT NULL,
    "medicineId" INTEGER NOT NULL,
    "dose" DECIMAL(8,3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Prescription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Medicine_clinicId_name_key" ON "Medicine"("clinicId", "name");

-- AddForeignKey
ALTER TABLE "Medicine" ADD CONSTRAINT "Medicine_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prescription" ADD CONSTRAINT "Prescription_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prescription" ADD CONSTRAINT "Prescription_medicineId_fkey" FOREIGN KEY ("medicineId") REFERENCES "Medicine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "medicine_units",
            """-- AlterEnum
ALTER TYPE "Unit" ADD VALUE 'G';
ALTER TYPE "Unit" ADD VALUE 'TABLET';
""",
            (),
        ),
        (
            "in_stock_int",
            """/*
  Warnings:

  - You are about to alter the column `inStock` on the `Medicine` table. The data in that column could be lost. The data in that column will be cast from `DoublePrecision` to `Integer`.

*/
-- AlterTable
ALTER TABLE "Medicine" ALTER COLUMN "inStock" SET DATA TYPE INTEGER;
""",
            (("alter-column-type", '"inStock" SET DATA TYPE INTEGER'),),
        ),
        (
            "prescription_required_fields",
            """/*
  Warnings:

  - Added the required column `prescribedBy` to the `Prescription` table without a default value. This is not possible if the table is not empty.
  - Added the required column `updatedAt` to the `Prescription` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "Prescription" ADD COLUMN     "prescribedBy" INTEGER NOT NULL,
ADD COLUMN     "repeats" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL;

-- AddForeignKey
ALTER TABLE "Prescription" ADD CONSTRAINT "Prescription_prescribedBy_fkey" FOREIGN KEY ("prescribedBy") REFERENCES "Vet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
""",
            (
                ("add-not-null-without-default", '"prescribedBy" INTEGER NOT NULL'),
                ("add-not-null-without-default", '"updatedAt" TIMESTAMP(3) NOT NULL'),
            ),
        ),
        (
            "drop_touch_trigger",
            """DROP TRIGGER "Owner_touch" ON "Owner";
DROP FUNCTION "touch_updated_at"();
""",
            (),
        ),
        (
            "medicine_unit_swap",
            """/*
  Warnings:

  - The values [MG] on the enum `Unit` will be removed. If these variants are still used in the database, this will fail.

*/
-- AlterEnum
BEGIN;
CREATE TYPE "Unit_new" AS ENUM ('PIECE', 'ML', 'G', 'TABLET');
ALTER TABLE "public"."Medicine" ALTER COLUMN "unit" DROP DEFAULT;
ALTER TABLE "public"."Medicine" ALTER COLUMN "unit" TYPE "Unit_new" USING ("unit"::text::"Unit_new");
ALTER TYPE "Unit" RENAME TO "Unit_old";
ALTER TYPE "Unit_new" RENAME TO "Unit";
DROP TYPE "public"."Unit_old";
ALTER TABLE "public"."Medicine" ALTER COLUMN "unit" SET DEFAULT 'PIECE';
COMMIT;
""",
            (
                ("transaction-control", "BEGIN;"),
                ("alter-column-type", 'ALTER COLUMN "unit" TYPE'),
                ("transaction-control", "COMMIT;"),
            ),
        ),
        (
            "drop_vet_load",
            """-- DropView (by hand)
DROP VIEW "VetLoad";
""",
            (("drop-view", 'DROP VIEW "VetLoad"'),),
        ),
        (
            "visit_index_rename",
            """-- RenameIndex
ALTER INDEX "Visit_vetId_priority_idx" RENAME TO "Visit_vet_priority_idx";

-- RenameIndex
ALTER INDEX "Visit_startsAt_idx" RENAME TO "Visit_starts_idx";
""",
            (),
        ),
        (
            "prescription_dose_wider",
            """-- AlterTable
ALTER TABLE "Prescription" ALTER COLUMN "dose" SET DATA TYPE DECIMAL(12,3);
""",
            (),
        ),
        (
            "aliases_required",
            """-- AlterTable
ALTER TABLE "Medicine" ADD COLUMN     "barcode" TEXT,
ALTER COLUMN "aliases" SET NOT NULL;
""",
            (("set-not-null", 'ALTER COLUMN "aliases" SET NOT NULL'),),
        ),
        (
            "clinic_new_table_required",
            """-- CreateTable
CREATE TABLE "Room" (
    "id" SERIAL NOT NULL,
    "clinicId" INTEGER NOT NULL,
    "label" TEXT,

    CONSTRAINT "Room_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "Room" ALTER COLUMN "label" SET NOT NULL;

-- AlterTable
ALTER TABLE "Visit" ADD COLUMN     "roomId" INTEGER;

-- AddForeignKey
ALTER TABLE "Room" ADD CONSTRAINT "Room_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE SET NULL ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "visit_room_required",
            """/*
  Warnings:

  - Made the column `roomId` on table `Visit` required. This step will fail if there are existing NULL values in that column.

*/
-- DropForeignKey
ALTER TABLE "Visit" DROP CONSTRAINT "Visit_roomId_fkey";

-- AlterTable
ALTER TABLE "Visit" ALTER COLUMN "roomId" SET NOT NULL;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
""",
            (("set-not-null", '"roomId" SET NOT NULL'),),
        ),
        (
            "pet_notes",
            """-- AlterTable
ALTER TABLE "Pet" ADD COLUMN     "notes" TEXT,
ADD COLUMN     "weights" DOUBLE PRECISION[],
ADD COLUMN     "neutered" BOOLEAN NOT NULL DEFAULT false;
""",
            (),
        ),
        (
            "drop_prescription_table",
            """/*
  Warnings:

  - You are about to drop the column `unit` on the `Medicine` table. All the data in the column will be lost.
  - You are about to drop the `Prescription` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropForeignKey
ALTER TABLE "Prescription" DROP CONSTRAINT "Prescription_medicineId_fkey";

-- DropForeignKey
ALTER TABLE "Prescription" DROP CONSTRAINT "Prescription_prescribedBy_fkey";

-- DropForeignKey
ALTER TABLE "Prescription" DROP CONSTRAINT "Prescription_visitId_fkey";

-- AlterTable
ALTER TABLE "Medicine" DROP COLUMN "unit";

-- DropTable
DROP TABLE "Prescription";

-- DropEnum
DROP TYPE "Unit";
""",
            (
                ("drop-column", 'DROP COLUMN "unit"'),
                ("drop-table", 'DROP TABLE "Prescription"'),
                ("drop-type", 'DROP TYPE "Unit"'),
            ),
        ),
        (
            "owner_visits_count",
            """-- AlterTable
ALTER TABLE "Owner" ADD COLUMN     "visitCount" INTEGER NOT NULL DEFAULT 0;

-- backfill the counter just added
UPDATE "Owner" o SET "visitCount" = (SELECT count(*) FROM "Pet" p JOIN "Visit" v ON v."petId" = p."id" WHERE p."ownerId" = o."id");
""",
            (),
        ),
        (
            "room_capacity",
            """-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "capacity" SMALLINT NOT NULL DEFAULT 1;
""",
            (),
        ),
        (
            "room_capacity_int",
            """-- AlterTable
ALTER TABLE "Room" ALTER COLUMN "capacity" SET DATA TYPE INTEGER;
""",
            (),
        ),
        (
            "room_label_unique",
            """-- CreateIndex
CREATE UNIQUE INDEX "Room_clinicId_label_key" ON "Room"("clinicId", "label");
""",
            (),
        ),
        (
            "activity_actor",
            """-- AddForeignKey
ALTER TABLE "ActivityLog" ADD CONSTRAINT "ActivityLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Owner"("id") ON DELETE SET NULL ON UPDATE CASCADE;
""",
            (),
        ),
    ]
)

DJANGO_TICKETS: History = numbered(
    [
        (
            "initial",
            """--
-- Create model Venue
--
CREATE TABLE "ticketing_venue" ("id" serial NOT NULL PRIMARY KEY, "name" varchar(120) NOT NULL, "slug" varchar(50) NOT NULL UNIQUE, "capacity" integer NOT NULL CHECK ("capacity" >= 0), "address" text NOT NULL);
--
-- Create model Event
--
CREATE TABLE "ticketing_event" ("id" serial NOT NULL PRIMARY KEY, "title" varchar(200) NOT NULL, "starts_at" timestamp with time zone NOT NULL, "published" boolean NOT NULL, "venue_id" integer NOT NULL);
ALTER TABLE "ticketing_event" ADD CONSTRAINT "ticketing_event_venue_id_3f1c2a9e_fk_ticketing_venue_id" FOREIGN KEY ("venue_id") REFERENCES "ticketing_venue" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "ticketing_venue_slug_8d0b6e21_like" ON "ticketing_venue" ("slug" varchar_pattern_ops);
CREATE INDEX "ticketing_event_venue_id_3f1c2a9e" ON "ticketing_event" ("venue_id");
""",
            (),
        ),
        (
            "attendee_ticket",
            """--
-- Create model Attendee
--
CREATE TABLE "ticketing_attendee" ("id" serial NOT NULL PRIMARY KEY, "email" varchar(254) NOT NULL, "full_name" varchar(150) NOT NULL);
--
-- Create model Ticket
--
CREATE TABLE "ticketing_ticket" ("id" serial NOT NULL PRIMARY KEY, "code" varchar(32) NOT NULL UNIQUE, "price" numeric(8, 2) NOT NULL, "sold_at" timestamp with time zone NULL, "event_id" integer NOT NULL, "holder_id" integer NULL);
ALTER TABLE "ticketing_ticket" ADD CONSTRAINT "ticketing_ticket_event_id_7b2d4e11_fk_ticketing_event_id" FOREIGN KEY ("event_id") REFERENCES "ticketing_event" ("id") DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "ticketing_ticket" ADD CONSTRAINT "ticketing_ticket_holder_id_0c9a5f3b_fk_ticketing_attendee_id" FOREIGN KEY ("holder_id") REFERENCES "ticketing_attendee" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "ticketing_ticket_code_4e5f6a7b_like" ON "ticketing_ticket" ("code" varchar_pattern_ops);
CREATE INDEX "ticketing_ticket_event_id_7b2d4e11" ON "ticketing_ticket" ("event_id");
CREATE INDEX "ticketing_ticket_holder_id_0c9a5f3b" ON "ticketing_ticket" ("holder_id");
""",
            (),
        ),
        (
            "venue_seats",
            """--
-- Add field seats to venue
--
ALTER TABLE "ticketing_venue" ADD COLUMN "seats" integer DEFAULT 0 NOT NULL;
ALTER TABLE "ticketing_venue" ALTER COLUMN "seats" DROP DEFAULT;
""",
            (("add-not-null-without-default", '"seats" DROP DEFAULT'),),
        ),
        (
            "venue_website",
            """--
-- Add field website to venue
--
ALTER TABLE "ticketing_venue" ADD COLUMN "website" varchar(200) NULL;
--
-- Add field currency to ticket
--
ALTER TABLE "ticketing_ticket" ADD COLUMN "currency" varchar(3) DEFAULT 'EUR' NOT NULL;
""",
            (),
        ),
        (
            "event_title_longer",
            """--
-- Alter field title on event
--
ALTER TABLE "ticketing_event" ALTER COLUMN "title" TYPE varchar(255);
""",
            (),
        ),
        (
            "ticket_code_shorter",
            """--
-- Alter field code on ticket
--
ALTER TABLE "ticketing_ticket" ALTER COLUMN "code" TYPE varchar(16);
""",
            (("alter-column-type", '"code" TYPE varchar(16)'),),
        ),
        (
            "rename_full_name",
            """--
-- Rename field full_name on attendee to name
--
ALTER TABLE "ticketing_attendee" RENAME COLUMN "full_name" TO "name";
""",
            (("rename-column", 'RENAME COLUMN "full_name"'),),
        ),
        (
            "remove_published",
            """--
-- Remove field published from event
--
ALTER TABLE "ticketing_event" DROP COLUMN "published" CASCADE;
--
-- Add field cancelled to event
--
ALTER TABLE "ticketing_event" ADD COLUMN "cancelled" boolean DEFAULT false NOT NULL;
""",
            (("drop-column", 'DROP COLUMN "published"'),),
        ),
        (
            "event_organizers",
            """--
-- Add field organizers to event
--
CREATE TABLE "ticketing_event_organizers" ("id" serial NOT NULL PRIMARY KEY, "event_id" integer NOT NULL, "attendee_id" integer NOT NULL);
ALTER TABLE "ticketing_event_organizers" ADD CONSTRAINT "ticketing_event_organizers_event_id_attendee_id_2a7c9d1e_uniq" UNIQUE ("event_id", "attendee_id");
ALTER TABLE "ticketing_event_organizers" ADD CONSTRAINT "ticketing_event_organizers_event_id_5d8e0b2f_fk_ticketing_event_id" FOREIGN KEY ("event_id") REFERENCES "ticketing_event" ("id") DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "ticketing_event_organizers" ADD CONSTRAINT "ticketing_event_organizers_attendee_id_9f1a3c6d_fk_ticketing_attendee_id" FOREIGN KEY ("attendee_id") REFERENCES "ticketing_attendee" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "ticketing_event_organizers_event_id_5d8e0b2f" ON "ticketing_event_organizers" ("event_id");
CREATE INDEX "ticketing_event_organizers_attendee_id_9f1a3c6d" ON "ticketing_event_organizers" ("attendee_id");
""",
            (),
        ),
        (
            "ticket_unique_together",
            """--
-- Alter unique_together for ticket (1 constraint(s))
--
ALTER TABLE "ticketing_ticket" ADD CONSTRAINT "ticketing_ticket_event_id_holder_id_6a1b2c3d_uniq" UNIQUE ("event_id", "holder_id");
""",
            (),
        ),
        (
            "website_required",
            """--
-- Alter field website on venue
--
ALTER TABLE "ticketing_venue" ALTER COLUMN "website" SET DEFAULT '';
UPDATE "ticketing_venue" SET "website" = '' WHERE "website" IS NULL; SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE "ticketing_venue" ALTER COLUMN "website" SET NOT NULL;
ALTER TABLE "ticketing_venue" ALTER COLUMN "website" DROP DEFAULT;
""",
            (("set-not-null", '"website" SET NOT NULL'),),
        ),
        (
            "holder_protect",
            """--
-- Alter field holder on ticket
--
SET CONSTRAINTS "ticketing_ticket_holder_id_0c9a5f3b_fk_ticketing_attendee_id" IMMEDIATE; ALTER TABLE "ticketing_ticket" DROP CONSTRAINT "ticketing_ticket_holder_id_0c9a5f3b_fk_ticketing_attendee_id";
ALTER TABLE "ticketing_ticket" ADD CONSTRAINT "ticketing_ticket_holder_id_0c9a5f3b_fk_ticketing_attendee_id" FOREIGN KEY ("holder_id") REFERENCES "ticketing_attendee" ("id") DEFERRABLE INITIALLY DEFERRED;
""",
            (),
        ),
        (
            "fix_prices",
            """--
-- Raw SQL operation
--
UPDATE "ticketing_ticket" SET "price" = 0 WHERE "price" < 0;
INSERT INTO "ticketing_venue" ("name", "slug", "capacity", "address", "seats", "website") VALUES ('Online', 'online', 0, '', 0, '');
""",
            (),
        ),
        (
            "trim_titles",
            """--
-- Raw SQL operation
--
UPDATE "ticketing_event" SET "title" = btrim("title");
""",
            (("update-without-where", 'UPDATE "ticketing_event"'),),
        ),
        (
            "noop_choices",
            """--
-- Alter field currency on ticket
--
-- (no-op)
""",
            (),
        ),
        (
            "kept_transaction",
            """BEGIN;
--
-- Create model Category
--
CREATE TABLE "ticketing_category" ("id" serial NOT NULL PRIMARY KEY, "label" varchar(60) NOT NULL UNIQUE);
CREATE INDEX "ticketing_category_label_1e2f3a4b_like" ON "ticketing_category" ("label" varchar_pattern_ops);
INSERT INTO "ticketing_category" ("id", "label") VALUES (1, 'General');
COMMIT;
""",
            (("transaction-control", "BEGIN;"), ("transaction-control", "COMMIT;")),
        ),
        (
            "ticket_category",
            """--
-- Add field category to ticket
--
ALTER TABLE "ticketing_ticket" ADD COLUMN "category_id" integer DEFAULT 1 NOT NULL CONSTRAINT "ticketing_ticket_category_id_8c7b6a5d_fk_ticketing_category_id" REFERENCES "ticketing_category"("id") DEFERRABLE INITIALLY DEFERRED; SET CONSTRAINTS "ticketing_ticket_category_id_8c7b6a5d_fk_ticketing_category_id" IMMEDIATE;
ALTER TABLE "ticketing_ticket" ALTER COLUMN "category_id" DROP DEFAULT;
CREATE INDEX "ticketing_ticket_category_id_8c7b6a5d" ON "ticketing_ticket" ("category_id");
""",
            (("add-not-null-without-default", '"category_id" DROP DEFAULT'),),
        ),
        (
            "delete_organizers",
            """--
-- Remove field organizers from event
--
DROP TABLE "ticketing_event_organizers" CASCADE;
""",
            (("drop-table", 'DROP TABLE "ticketing_event_organizers"'),),
        ),
        (
            "rename_attendee_guest",
            """--
-- Rename model Attendee to Guest
--
ALTER TABLE "ticketing_attendee" RENAME TO "ticketing_guest";
SET CONSTRAINTS "ticketing_ticket_holder_id_0c9a5f3b_fk_ticketing_attendee_id" IMMEDIATE; ALTER TABLE "ticketing_ticket" DROP CONSTRAINT "ticketing_ticket_holder_id_0c9a5f3b_fk_ticketing_attendee_id";
ALTER TABLE "ticketing_ticket" ADD CONSTRAINT "ticketing_ticket_holder_id_0c9a5f3b_fk_ticketing_guest_id" FOREIGN KEY ("holder_id") REFERENCES "ticketing_guest" ("id") DEFERRABLE INITIALLY DEFERRED;
""",
            (("rename-table", 'RENAME TO "ticketing_guest"'),),
        ),
        (
            "big_auto_venue",
            """--
-- Alter field id on venue
--
SET CONSTRAINTS "ticketing_event_venue_id_3f1c2a9e_fk_ticketing_venue_id" IMMEDIATE; ALTER TABLE "ticketing_event" DROP CONSTRAINT "ticketing_event_venue_id_3f1c2a9e_fk_ticketing_venue_id";
ALTER TABLE "ticketing_venue" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;
ALTER SEQUENCE IF EXISTS "ticketing_venue_id_seq" AS bigint;
ALTER TABLE "ticketing_event" ALTER COLUMN "venue_id" TYPE bigint USING "venue_id"::bigint;
ALTER TABLE "ticketing_event" ADD CONSTRAINT "ticketing_event_venue_id_3f1c2a9e_fk_ticketing_venue_id" FOREIGN KEY ("venue_id") REFERENCES "ticketing_venue" ("id") DEFERRABLE INITIALLY DEFERRED;
""",
            (),
        ),
        (
            "event_organizer_fk",
            """--
-- Add field organizer to event
--
ALTER TABLE "ticketing_event" ADD COLUMN "organizer_id" integer NULL CONSTRAINT "ticketing_event_organizer_id_5c2e1f0a_fk_ticketing_guest_id" REFERENCES "ticketing_guest"("id") DEFERRABLE INITIALLY DEFERRED; SET CONSTRAINTS "ticketing_event_organizer_id_5c2e1f0a_fk_ticketing_guest_id" IMMEDIATE;
CREATE INDEX "ticketing_event_organizer_id_5c2e1f0a" ON "ticketing_event" ("organizer_id");
""",
            (),
        ),
        (
            "capacity_small",
            """--
-- Alter field capacity on venue
--
ALTER TABLE "ticketing_venue" ALTER COLUMN "capacity" TYPE smallint USING "capacity"::smallint;
""",
            (("alter-column-type", '"capacity" TYPE smallint'),),
        ),
        (
            "slug_text",
            """--
-- Alter field slug on venue
--
ALTER TABLE "ticketing_venue" ALTER COLUMN "slug" TYPE text USING "slug"::text;
DROP INDEX IF EXISTS "ticketing_venue_slug_8d0b6e21_like";
CREATE INDEX "ticketing_venue_slug_8d0b6e21_like" ON "ticketing_venue" ("slug" text_pattern_ops);
""",
            (),
        ),
        (
            "address_shorter",
            """--
-- Alter field address on venue
--
ALTER TABLE "ticketing_venue" ALTER COLUMN "address" TYPE varchar(500) USING "address"::varchar(500);
""",
            (("alter-column-type", '"address" TYPE varchar(500)'),),
        ),
        (
            "event_indexes",
            """--
-- Create index ticketing_e_starts__a1b2c3_idx on field(s) starts_at, venue of model event
--
CREATE INDEX "ticketing_e_starts__a1b2c3_idx" ON "ticketing_event" ("starts_at", "venue_id");
--
-- Create index upcoming_events on field(s) starts_at of model event
--
CREATE INDEX "upcoming_events" ON "ticketing_event" ("starts_at") WHERE NOT "cancelled";
""",
            (),
        ),
        (
            "ticket_price_check",
            """--
-- Create constraint price_non_negative on model ticket
--
ALTER TABLE "ticketing_ticket" ADD CONSTRAINT "price_non_negative" CHECK ("price" >= 0);
--
-- Create constraint one_ticket_per_code_event on model ticket
--
CREATE UNIQUE INDEX "one_unsold_code" ON "ticketing_ticket" ("event_id", "code") WHERE "sold_at" IS NULL;
""",
            (),
        ),
        (
            "drop_unique_together",
            """--
-- Alter unique_together for ticket (0 constraint(s))
--
ALTER TABLE "ticketing_ticket" DROP CONSTRAINT "ticketing_ticket_event_id_holder_id_6a1b2c3d_uniq";
--
-- Remove index upcoming_events from event
--
DROP INDEX IF EXISTS "upcoming_events";
""",
            (),
        ),
        (
            "sold_at_nullable",
            """--
-- Alter field starts_at on event
--
ALTER TABLE "ticketing_event" ALTER COLUMN "starts_at" DROP NOT NULL;
""",
            (),
        ),
        (
            "concurrent_index",
            """-- guard: no-transaction
--
-- Concurrently create index ticketing_t_sold_at_d4e5f6_idx on field(s) sold_at of model ticket
--
CREATE INDEX CONCURRENTLY "ticketing_t_sold_at_d4e5f6_idx" ON "ticketing_ticket" ("sold_at");
""",
            (),
        ),
        (
            "concurrent_index_forgot",
            """--
-- Concurrently create index ticketing_g_email_0a1b2c_idx on field(s) email of model guest
--
CREATE INDEX CONCURRENTLY "ticketing_g_email_0a1b2c_idx" ON "ticketing_guest" ("email");
""",
            (("needs-no-transaction", "CREATE INDEX CONCURRENTLY"),),
        ),
        (
            "run_python",
            """--
-- Raw Python operation
--
-- THIS OPERATION CANNOT BE WRITTEN AS SQL
""",
            (),
        ),
        (
            "guest_email_unique",
            """--
-- Alter field email on guest
--
ALTER TABLE "ticketing_guest" ADD CONSTRAINT "ticketing_guest_email_1a2b3c4d_uniq" UNIQUE ("email");
CREATE INDEX "ticketing_guest_email_1a2b3c4d_like" ON "ticketing_guest" ("email" varchar_pattern_ops);
""",
            (),
        ),
        (
            "code_not_unique",
            """--
-- Alter field code on ticket
--
ALTER TABLE "ticketing_ticket" DROP CONSTRAINT "ticketing_ticket_code_key";
DROP INDEX IF EXISTS "ticketing_ticket_code_4e5f6a7b_like";
""",
            (),
        ),
        (
            "waitlist",
            """--
-- Create model Waitlist
--
CREATE TABLE "ticketing_waitlist" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "joined_at" timestamp with time zone NOT NULL, "event_id" integer NOT NULL, "guest_id" integer NOT NULL, "notes" jsonb NOT NULL);
ALTER TABLE "ticketing_waitlist" ADD CONSTRAINT "ticketing_waitlist_event_id_2b3c4d5e_fk_ticketing_event_id" FOREIGN KEY ("event_id") REFERENCES "ticketing_event" ("id") DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "ticketing_waitlist" ADD CONSTRAINT "ticketing_waitlist_guest_id_3c4d5e6f_fk_ticketing_guest_id" FOREIGN KEY ("guest_id") REFERENCES "ticketing_guest" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "ticketing_waitlist_event_id_2b3c4d5e" ON "ticketing_waitlist" ("event_id");
CREATE INDEX "ticketing_waitlist_guest_id_3c4d5e6f" ON "ticketing_waitlist" ("guest_id");
--
-- Add field tags to waitlist
--
ALTER TABLE "ticketing_waitlist" ADD COLUMN "tags" varchar(30)[] DEFAULT '{}' NOT NULL;
ALTER TABLE "ticketing_waitlist" ALTER COLUMN "tags" DROP DEFAULT;
""",
            (),
        ),
        (
            "rename_holder",
            """--
-- Rename field holder on ticket to guest
--
ALTER TABLE "ticketing_ticket" RENAME COLUMN "holder_id" TO "guest_id";
""",
            (("rename-column", 'RENAME COLUMN "holder_id"'),),
        ),
        (
            "event_extra",
            """--
-- Add field extra to event
--
ALTER TABLE "ticketing_event" ADD COLUMN "extra" jsonb DEFAULT '{}'::jsonb NOT NULL;
ALTER TABLE "ticketing_event" ALTER COLUMN "extra" DROP DEFAULT;
--
-- Add field created to event
--
ALTER TABLE "ticketing_event" ADD COLUMN "created" timestamp with time zone DEFAULT (STATEMENT_TIMESTAMP()) NOT NULL;
""",
            (("add-not-null-without-default", '"extra" DROP DEFAULT'),),
        ),
        (
            "price_wider",
            """--
-- Alter field price on ticket
--
ALTER TABLE "ticketing_ticket" ALTER COLUMN "price" TYPE numeric(10, 2);
""",
            (),
        ),
        (
            "price_fewer_digits",
            """--
-- Alter field price on ticket
--
ALTER TABLE "ticketing_ticket" ALTER COLUMN "price" TYPE numeric(6, 2);
""",
            (("alter-column-type", '"price" TYPE numeric(6, 2)'),),
        ),
        (
            "starts_on_date",
            """--
-- Alter field joined_at on waitlist
--
ALTER TABLE "ticketing_waitlist" ALTER COLUMN "joined_at" TYPE date USING "joined_at"::date;
""",
            (("alter-column-type", '"joined_at" TYPE date'),),
        ),
        (
            "guest_public_id",
            """--
-- Add field public_id to guest
--
ALTER TABLE "ticketing_guest" ADD COLUMN "public_id" uuid NULL;
--
-- Raw SQL operation
--
UPDATE "ticketing_guest" SET "public_id" = gen_random_uuid() WHERE "public_id" IS NULL;
""",
            (),
        ),
        (
            "guest_public_id_required",
            """--
-- Alter field public_id on guest
--
ALTER TABLE "ticketing_guest" ALTER COLUMN "public_id" SET NOT NULL;
ALTER TABLE "ticketing_guest" ADD CONSTRAINT "ticketing_guest_public_id_key" UNIQUE ("public_id");
""",
            (("set-not-null", '"public_id" SET NOT NULL'),),
        ),
        (
            "clear_waitlist",
            """--
-- Raw SQL operation
--
DELETE FROM "ticketing_waitlist";
""",
            (("delete-without-where", 'DELETE FROM "ticketing_waitlist"'),),
        ),
        (
            "waitlist_table_name",
            """--
-- Rename table for waitlist to waitlist
--
ALTER TABLE "ticketing_waitlist" RENAME TO "waitlist";
""",
            (("rename-table", 'RENAME TO "waitlist"'),),
        ),
        (
            "rename_index",
            """--
-- Rename index ticketing_e_starts__a1b2c3_idx on event to event_start_venue_idx
--
ALTER INDEX "ticketing_e_starts__a1b2c3_idx" RENAME TO "event_start_venue_idx";
""",
            (),
        ),
        (
            "ticket_quantity_total",
            """--
-- Add field quantity to ticket
--
ALTER TABLE "ticketing_ticket" ADD COLUMN "quantity" integer DEFAULT 1 NOT NULL;
ALTER TABLE "ticketing_ticket" ALTER COLUMN "quantity" SET DEFAULT 1;
--
-- Add field total to ticket
--
ALTER TABLE "ticketing_ticket" ADD COLUMN "total" numeric(12, 2) GENERATED ALWAYS AS (("price" * "quantity")) STORED;
""",
            (),
        ),
        (
            "remove_price_check",
            """--
-- Remove constraint price_non_negative from model ticket
--
ALTER TABLE "ticketing_ticket" DROP CONSTRAINT "price_non_negative";
""",
            (),
        ),
        (
            "second_kept_transaction",
            """BEGIN;
--
-- Add field sponsor to event
--
ALTER TABLE "ticketing_event" ADD COLUMN "sponsor" varchar(100) NULL;
--
-- Delete model Category
--
SET CONSTRAINTS "ticketing_ticket_category_id_8c7b6a5d_fk_ticketing_category_id" IMMEDIATE; ALTER TABLE "ticketing_ticket" DROP CONSTRAINT "ticketing_ticket_category_id_8c7b6a5d_fk_ticketing_category_id";
ALTER TABLE "ticketing_ticket" DROP COLUMN "category_id" CASCADE;
DROP TABLE "ticketing_category" CASCADE;
COMMIT;
""",
            (
                ("transaction-control", "BEGIN;"),
                ("drop-column", 'DROP COLUMN "category_id"'),
                ("drop-table", 'DROP TABLE "ticketing_category"'),
                ("transaction-control", "COMMIT;"),
            ),
        ),
        (
            "venue_name_index",
            """--
-- Alter field name on venue
--
CREATE INDEX "ticketing_venue_name_6f7a8b9c" ON "ticketing_venue" ("name");
CREATE INDEX "ticketing_venue_name_6f7a8b9c_like" ON "ticketing_venue" ("name" varchar_pattern_ops);
""",
            (),
        ),
        (
            "checkins",
            """--
-- Create model CheckIn
--
CREATE TABLE "ticketing_checkin" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "scanned_at" timestamp with time zone NOT NULL, "gate" varchar(10) NOT NULL, "ticket_id" integer NOT NULL UNIQUE);
ALTER TABLE "ticketing_checkin" ADD CONSTRAINT "ticketing_checkin_ticket_id_4d5e6f70_fk_ticketing_ticket_id" FOREIGN KEY ("ticket_id") REFERENCES "ticketing_ticket" ("id") DEFERRABLE INITIALLY DEFERRED;
--
-- Add field device to checkin
--
ALTER TABLE "ticketing_checkin" ADD COLUMN "device" varchar(40) DEFAULT 'gate' NOT NULL;
ALTER TABLE "ticketing_checkin" ALTER COLUMN "device" DROP DEFAULT;
""",
            (),
        ),
        (
            "gate_longer_and_back",
            """--
-- Alter field gate on checkin
--
ALTER TABLE "ticketing_checkin" ALTER COLUMN "gate" TYPE varchar(20);
--
-- Alter field sponsor on event
--
ALTER TABLE "ticketing_event" ALTER COLUMN "sponsor" TYPE varchar(50);
""",
            (("alter-column-type", '"sponsor" TYPE varchar(50)'),),
        ),
        (
            "remove_sold_at_index",
            """--
-- Remove index ticketing_t_sold_at_d4e5f6_idx from ticket
--
DROP INDEX IF EXISTS "ticketing_t_sold_at_d4e5f6_idx";
--
-- Remove field sold_at from ticket
--
ALTER TABLE "ticketing_ticket" DROP COLUMN "sold_at" CASCADE;
""",
            (("drop-column", 'DROP COLUMN "sold_at"'),),
        ),
        (
            "guest_name_backfill",
            """--
-- Add field display_name to guest
--
ALTER TABLE "ticketing_guest" ADD COLUMN "display_name" varchar(150) NULL;
--
-- Raw SQL operation
--
UPDATE "ticketing_guest" SET "display_name" = "name";
ALTER TABLE "ticketing_guest" ALTER COLUMN "display_name" SET NOT NULL;
""",
            (("add-not-null-without-default", '"display_name" SET NOT NULL'),),
        ),
        (
            "delete_checkins",
            """--
-- Delete model CheckIn
--
DROP TABLE "ticketing_checkin" CASCADE;
""",
            (("drop-table", 'DROP TABLE "ticketing_checkin"'),),
        ),
        (
            "event_slug",
            """--
-- Add field slug to event
--
ALTER TABLE "ticketing_event" ADD COLUMN "slug" varchar(50) DEFAULT '' NOT NULL;
ALTER TABLE "ticketing_event" ALTER COLUMN "slug" DROP DEFAULT;
CREATE INDEX "ticketing_event_slug_7e8f9a0b" ON "ticketing_event" ("slug");
CREATE INDEX "ticketing_event_slug_7e8f9a0b_like" ON "ticketing_event" ("slug" varchar_pattern_ops);
""",
            (("add-not-null-without-default", '"slug" DROP DEFAULT'),),
        ),
        (
            "seats_bigint",
            """--
-- Alter field seats on venue
--
ALTER TABLE "ticketing_venue" ALTER COLUMN "seats" TYPE bigint USING "seats"::bigint;
--
-- Alter field seats on venue
--
ALTER TABLE "ticketing_venue" ADD CONSTRAINT "ticketing_venue_seats_check" CHECK ("seats" >= 0);
""",
            (),
        ),
    ]
)

HASURA_HELPDESK: History = numbered(
    [
        (
            "init_tickets",
            """CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TABLE "public"."agents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "created_at" timestamptz NOT NULL DEFAULT now(), PRIMARY KEY ("id") , UNIQUE ("email"));
COMMENT ON TABLE "public"."agents" IS E'people who answer tickets';
CREATE TABLE "public"."tickets" ("id" serial NOT NULL, "subject" varchar(50) NOT NULL, "body" text NOT NULL, "opened_at" timestamp NOT NULL DEFAULT now(), "agent_id" uuid, "priority" integer NOT NULL DEFAULT 3, "estimate" numeric(10,2), PRIMARY KEY ("id") , FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON UPDATE restrict ON DELETE set null);
""",
            (),
        ),
        (
            "ticket_updated_at",
            """alter table "public"."tickets" add column "updated_at" timestamptz
 null default now();

CREATE OR REPLACE FUNCTION "public"."set_current_timestamp_updated_at"()
RETURNS TRIGGER AS $$
DECLARE
  _new record;
BEGIN
  _new := NEW;
  _new."updated_at" = NOW();
  RETURN _new;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "set_public_tickets_updated_at"
BEFORE UPDATE ON "public"."tickets"
FOR EACH ROW
EXECUTE PROCEDURE "public"."set_current_timestamp_updated_at"();
COMMENT ON TRIGGER "set_public_tickets_updated_at" ON "public"."tickets"
IS 'trigger to set value of column "updated_at" to current timestamp on row update';

alter table "public"."tickets" alter column "updated_at" set not null;
""",
            (),
        ),
        (
            "ticket_state_enum_table",
            """CREATE TABLE "public"."ticket_state" ("value" text NOT NULL, "comment" text, PRIMARY KEY ("value") );
INSERT INTO "public"."ticket_state"("value", "comment") VALUES (E'open', E'waiting for an agent');
INSERT INTO "public"."ticket_state"("value", "comment") VALUES (E'pending', E'waiting for the customer');
INSERT INTO "public"."ticket_state"("value", "comment") VALUES (E'closed', null);
""",
            (),
        ),
        (
            "ticket_state_column",
            """alter table "public"."tickets" add column "state" text
 not null default 'open';

alter table "public"."tickets"
  add constraint "tickets_state_fkey"
  foreign key ("state")
  references "public"."ticket_state"
  ("value") on update restrict on delete restrict;
""",
            (),
        ),
        (
            "customers",
            """CREATE TABLE "public"."customers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "phone" text, "plan" text NOT NULL DEFAULT 'free', PRIMARY KEY ("id") );
COMMENT ON COLUMN "public"."customers"."plan" IS E'billing plan, free or pro';
""",
            (),
        ),
        (
            "ticket_customer_required",
            """alter table "public"."tickets" add column "customer_id" uuid
 not null;
""",
            (("add-not-null-without-default", 'add column "customer_id"'),),
        ),
        (
            "subject_longer",
            """alter table "public"."tickets" alter column "subject" type text;
""",
            (),
        ),
        (
            "rename_display_name",
            """alter table "public"."agents" rename column "display_name" to "name";
""",
            (("rename-column", 'rename column "display_name"'),),
        ),
        (
            "ticket_age_field",
            """CREATE OR REPLACE FUNCTION public.ticket_age(ticket_row tickets)
RETURNS interval
LANGUAGE sql
STABLE
AS $function$
  SELECT now() - ticket_row.opened_at
$function$;
""",
            (),
        ),
        (
            "customer_phone_required",
            """alter table "public"."customers" alter column "phone" set not null;
""",
            (("set-not-null", '"phone" set not null'),),
        ),
        (
            "opened_at_tz",
            """alter table "public"."tickets" alter column "opened_at" type timestamptz;
""",
            (("alter-column-type", '"opened_at" type timestamptz'),),
        ),
        (
            "customer_email",
            """alter table "public"."customers" add column "email" text
 null unique;
""",
            (),
        ),
        (
            "priority_index",
            """CREATE  INDEX "tickets_priority_idx" on
  "public"."tickets" using btree ("priority");
""",
            (),
        ),
        (
            "estimate_any_precision",
            """alter table "public"."tickets" alter column "estimate" type numeric;
""",
            (),
        ),
        (
            "replies",
            """CREATE TABLE "public"."replies" ("id" bigserial NOT NULL, "ticket_id" integer NOT NULL, "author" uuid NOT NULL, "body" text NOT NULL, "internal" boolean NOT NULL DEFAULT false, "created_at" timestamptz NOT NULL DEFAULT now(), PRIMARY KEY ("id") , FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON UPDATE restrict ON DELETE cascade);
CREATE INDEX "replies_ticket_id_idx" ON "public"."replies" ("ticket_id");
""",
            (),
        ),
        (
            "drop_ticket_age",
            """DROP FUNCTION public.ticket_age(tickets);
""",
            (("drop-routine", "DROP FUNCTION public.ticket_age"),),
        ),
        (
            "replies_author_agent",
            """alter table "public"."replies"
  add constraint "replies_author_fkey"
  foreign key ("author")
  references "public"."agents"
  ("id") on update restrict on delete restrict;
""",
            (),
        ),
        (
            "sessions",
            """CREATE TABLE "public"."sessions" ("token" text NOT NULL, "agent_id" uuid NOT NULL, "expires_at" timestamptz NOT NULL, PRIMARY KEY ("token") );
""",
            (),
        ),
        (
            "truncate_sessions",
            """TRUNCATE "public"."sessions";
""",
            (("truncate", 'TRUNCATE "public"."sessions"'),),
        ),
        (
            "customer_phone_optional",
            """alter table "public"."customers" alter column "phone" drop not null;
""",
            (),
        ),
        (
            "rename_replies",
            """alter table "public"."replies" rename to "messages";
""",
            (("rename-table", 'rename to "messages"'),),
        ),
        (
            "lower_emails",
            """update "public"."agents" set "email" = lower("email");
""",
            (("update-without-where", 'update "public"."agents"'),),
        ),
        (
            "plan_short",
            """alter table "public"."customers" alter column "plan" type varchar(10);
""",
            (("alter-column-type", '"plan" type varchar(10)'),),
        ),
        (
            "tags",
            """alter table "public"."tickets" add column "tags" jsonb
 not null default jsonb_build_array();
""",
            (),
        ),
        (
            "drop_priority",
            """DROP INDEX IF EXISTS "public"."tickets_priority_idx";
alter table "public"."tickets" drop column "priority" cascade;
""",
            (("drop-column", 'drop column "priority"'),),
        ),
        (
            "open_tickets_view",
            """CREATE OR REPLACE VIEW "public"."open_tickets" AS
 SELECT t.id, t.subject, t.agent_id, t.opened_at
   FROM tickets t
  WHERE t.state = 'open'::text;
""",
            (),
        ),
        (
            "open_tickets_view_customer",
            """DROP VIEW IF EXISTS "public"."open_tickets";
CREATE VIEW "public"."open_tickets" AS
 SELECT t.id, t.subject, t.agent_id, t.customer_id, t.opened_at
   FROM tickets t
  WHERE t.state = ANY (ARRAY['open'::text, 'pending'::text]);
""",
            (),
        ),
        (
            "sla_hours",
            """alter table "public"."customers" add column "sla_hours" integer
 null;

update "public"."customers" set "sla_hours" = 48;

alter table "public"."customers" alter column "sla_hours" set not null;
""",
            (("add-not-null-without-default", '"sla_hours" set not null'),),
        ),
        (
            "archive_schema",
            """create schema "archive";
""",
            (),
        ),
        (
            "move_sessions",
            """alter table "public"."sessions" set schema "archive";
""",
            (("rename-table", 'set schema "archive"'),),
        ),
        (
            "drop_state_closed",
            """DELETE FROM "public"."ticket_state" WHERE "value" = 'closed';
""",
            (),
        ),
        (
            "drop_open_tickets",
            """DROP VIEW "public"."open_tickets";
""",
            (("drop-view", 'DROP VIEW "public"."open_tickets"'),),
        ),
        (
            "messages_internal_default",
            """alter table "public"."messages" alter column "internal" drop default;
alter table "public"."messages" alter column "created_at" set default clock_timestamp();
""",
            (),
        ),
        (
            "customer_email_unique_drop",
            """alter table "public"."customers" drop constraint "customers_email_key";
""",
            (),
        ),
        (
            "drop_sessions",
            """DROP table "archive"."sessions";
""",
            (("drop-table", 'DROP table "archive"."sessions"'),),
        ),
        (
            "purge_messages",
            """DELETE FROM "public"."messages";
""",
            (("delete-without-where", 'DELETE FROM "public"."messages"'),),
        ),
        (
            "agent_level",
            """alter table "public"."agents" add column "level" int4
 not null default '1';
alter table "public"."agents" add constraint "agents_level_check" check (level >= 1 and level <= 3);
""",
            (),
        ),
        (
            "estimate_int",
            """alter table "public"."tickets" alter column "estimate" type int4 using "estimate"::int4;
""",
            (("alter-column-type", '"estimate" type int4'),),
        ),
        (
            "untrack_trigger",
            """DROP TRIGGER IF EXISTS "set_public_tickets_updated_at" ON "public"."tickets";
""",
            (),
        ),
    ]
)

ORM_HISTORIES: dict[str, History] = {
    "prisma_clinic": PRISMA_CLINIC,
    "django_tickets": DJANGO_TICKETS,
    "hasura_helpdesk": HASURA_HELPDESK,
}
