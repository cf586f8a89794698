-- Scheduled backups (issue 23, docs/decisions/037).
-- CreateTable
CREATE TABLE "BackupSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "everyHours" INTEGER,
    "keep" INTEGER NOT NULL DEFAULT 14,
    "lastRunAt" DATETIME,
    "lastError" TEXT,
    "updatedAt" DATETIME NOT NULL
);

