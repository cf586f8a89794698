-- AlterTable
ALTER TABLE "Student" ADD COLUMN "sourcedId" TEXT;

-- AlterTable
ALTER TABLE "Teacher" ADD COLUMN "sourcedId" TEXT;

-- AlterTable
ALTER TABLE "Course" ADD COLUMN "sourcedId" TEXT;

-- CreateTable
CREATE TABLE "ChangeSet" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "summary" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneBy" INTEGER
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdById" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'CHECKING',
    "files" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "preview" TEXT,
    "error" TEXT,
    "changeSetId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "canWrite" BOOLEAN NOT NULL DEFAULT false,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EnrollmentEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "type" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "studentName" TEXT NOT NULL,
    "courseCode" TEXT NOT NULL,
    "actorId" TEXT,
    "source" TEXT NOT NULL,
    "reason" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enrolledAt" DATETIME,
    "enrolledSource" TEXT,
    "changeSetId" INTEGER,
    CONSTRAINT "EnrollmentEvent_changeSetId_fkey" FOREIGN KEY ("changeSetId") REFERENCES "ChangeSet" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_EnrollmentEvent" ("actorId", "at", "courseCode", "courseId", "id", "reason", "source", "studentId", "studentName", "type") SELECT "actorId", "at", "courseCode", "courseId", "id", "reason", "source", "studentId", "studentName", "type" FROM "EnrollmentEvent";
DROP TABLE "EnrollmentEvent";
ALTER TABLE "new_EnrollmentEvent" RENAME TO "EnrollmentEvent";
CREATE INDEX "EnrollmentEvent_courseId_at_idx" ON "EnrollmentEvent"("courseId", "at");
CREATE INDEX "EnrollmentEvent_studentId_at_idx" ON "EnrollmentEvent"("studentId", "at");
CREATE INDEX "EnrollmentEvent_changeSetId_idx" ON "EnrollmentEvent"("changeSetId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ChangeSet_undoneBy_key" ON "ChangeSet"("undoneBy");

-- CreateIndex
CREATE INDEX "ChangeSet_actorId_id_idx" ON "ChangeSet"("actorId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Student_sourcedId_key" ON "Student"("sourcedId");

-- CreateIndex
CREATE UNIQUE INDEX "Teacher_sourcedId_key" ON "Teacher"("sourcedId");

-- CreateIndex
CREATE UNIQUE INDEX "Course_sourcedId_key" ON "Course"("sourcedId");

