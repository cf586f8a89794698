-- CreateTable
CREATE TABLE "SignInLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT,
    "how" TEXT NOT NULL,
    "linkedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    CONSTRAINT "SignInLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT NOT NULL,
    "domain" TEXT,
    "sourcedId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "askedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refusedAt" DATETIME,
    "refusedById" TEXT,
    "reason" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "SignInRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "linkByEmail" BOOLEAN NOT NULL DEFAULT false,
    "linkBySourcedId" BOOLEAN NOT NULL DEFAULT false,
    "createStudents" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "SignInSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "passwordStudents" BOOLEAN NOT NULL DEFAULT true,
    "passwordTeachers" BOOLEAN NOT NULL DEFAULT true,
    "passwordAdmins" BOOLEAN NOT NULL DEFAULT true,
    "askWhom" TEXT NOT NULL DEFAULT ''
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL,
    "studentId" TEXT,
    "teacherId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "emailNotices" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "User_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "User_teacherId_fkey" FOREIGN KEY ("teacherId") REFERENCES "Teacher" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "email", "emailNotices", "id", "name", "passwordHash", "role", "studentId", "teacherId") SELECT "createdAt", "email", "emailNotices", "id", "name", "passwordHash", "role", "studentId", "teacherId" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_studentId_key" ON "User"("studentId");
CREATE UNIQUE INDEX "User_teacherId_key" ON "User"("teacherId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SignInLink_userId_idx" ON "SignInLink"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "SignInLink_issuer_subject_key" ON "SignInLink"("issuer", "subject");

-- CreateIndex
CREATE INDEX "SignInRequest_askedAt_idx" ON "SignInRequest"("askedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SignInRequest_issuer_subject_key" ON "SignInRequest"("issuer", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "SignInRule_provider_domain_key" ON "SignInRule"("provider", "domain");

