-- AlterTable
ALTER TABLE "Term" ADD COLUMN     "loadLimit" INTEGER,
ADD COLUMN     "loadLimitFrom" TIMESTAMP(3),
ADD COLUMN     "loadLimitLater" INTEGER;

