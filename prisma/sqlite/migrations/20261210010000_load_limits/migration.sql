-- AlterTable
ALTER TABLE "Term" ADD COLUMN "loadLimit" INTEGER;
ALTER TABLE "Term" ADD COLUMN "loadLimitFrom" DATETIME;
ALTER TABLE "Term" ADD COLUMN "loadLimitLater" INTEGER;

