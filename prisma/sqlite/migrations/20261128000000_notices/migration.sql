-- CreateTable
CREATE TABLE "Notice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "studentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "courseId" TEXT,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    CONSTRAINT "Notice_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "toAddress" TEXT NOT NULL,
    "toName" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'WAITING',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" DATETIME,
    "lastError" TEXT
);

-- CreateTable
CREATE TABLE "Reminder" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "dueAt" DATETIME NOT NULL
);

-- AlterTable
ALTER TABLE "User" ADD COLUMN "emailNotices" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "Notice_studentId_id_idx" ON "Notice"("studentId", "id");

-- CreateIndex
CREATE INDEX "Notice_studentId_readAt_idx" ON "Notice"("studentId", "readAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_state_dueAt_idx" ON "OutboxEmail"("state", "dueAt");

-- CreateIndex
CREATE INDEX "Reminder_dueAt_idx" ON "Reminder"("dueAt");
