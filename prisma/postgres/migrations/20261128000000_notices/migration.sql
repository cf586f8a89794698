-- CreateEnum
CREATE TYPE "NoticeKind" AS ENUM ('PROMOTED', 'ADDED', 'REMOVED', 'UNWAITLISTED', 'CANCELLED', 'RESCHEDULED', 'CLOSING');

-- CreateEnum
CREATE TYPE "OutboxState" AS ENUM ('WAITING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailNotices" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "Notice" (
    "id" SERIAL NOT NULL,
    "studentId" TEXT NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "courseId" TEXT,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" SERIAL NOT NULL,
    "toAddress" TEXT NOT NULL,
    "toName" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "state" "OutboxState" NOT NULL DEFAULT 'WAITING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "key" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Notice_studentId_id_idx" ON "Notice"("studentId", "id");

-- CreateIndex
CREATE INDEX "Notice_studentId_readAt_idx" ON "Notice"("studentId", "readAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_state_dueAt_idx" ON "OutboxEmail"("state", "dueAt");

-- CreateIndex
CREATE INDEX "Reminder_dueAt_idx" ON "Reminder"("dueAt");

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

