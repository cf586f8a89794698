-- CreateEnum
CREATE TYPE "ChangeSetKind" AS ENUM ('SAVE', 'IMPORT', 'API', 'UNDO');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('CHECKING', 'CHECKED', 'APPLYING', 'APPLIED', 'FAILED');

-- AlterEnum
ALTER TYPE "EnrollmentSource" ADD VALUE 'API';

-- AlterTable
ALTER TABLE "Student" ADD COLUMN     "sourcedId" TEXT;

-- AlterTable
ALTER TABLE "Teacher" ADD COLUMN     "sourcedId" TEXT;

-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "sourcedId" TEXT;

-- AlterTable
ALTER TABLE "EnrollmentEvent" ADD COLUMN     "changeSetId" INTEGER,
ADD COLUMN     "enrolledAt" TIMESTAMP(3),
ADD COLUMN     "enrolledSource" "EnrollmentSource";

-- CreateTable
CREATE TABLE "ChangeSet" (
    "id" SERIAL NOT NULL,
    "kind" "ChangeSetKind" NOT NULL,
    "actorId" TEXT,
    "summary" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneBy" INTEGER,

    CONSTRAINT "ChangeSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'CHECKING',
    "files" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "preview" TEXT,
    "error" TEXT,
    "changeSetId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "canWrite" BOOLEAN NOT NULL DEFAULT false,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "EnrollmentEvent_changeSetId_idx" ON "EnrollmentEvent"("changeSetId");

-- AddForeignKey
ALTER TABLE "EnrollmentEvent" ADD CONSTRAINT "EnrollmentEvent_changeSetId_fkey" FOREIGN KEY ("changeSetId") REFERENCES "ChangeSet"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

