-- AlterTable
ALTER TABLE "User" ALTER COLUMN "passwordHash" DROP NOT NULL;

-- CreateTable
CREATE TABLE "SignInLink" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT,
    "how" TEXT NOT NULL,
    "linkedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "SignInLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInRequest" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT NOT NULL,
    "domain" TEXT,
    "sourcedId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "askedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refusedAt" TIMESTAMP(3),
    "refusedById" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "SignInRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInRule" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "linkByEmail" BOOLEAN NOT NULL DEFAULT false,
    "linkBySourcedId" BOOLEAN NOT NULL DEFAULT false,
    "createStudents" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SignInRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "passwordStudents" BOOLEAN NOT NULL DEFAULT true,
    "passwordTeachers" BOOLEAN NOT NULL DEFAULT true,
    "passwordAdmins" BOOLEAN NOT NULL DEFAULT true,
    "askWhom" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "SignInSettings_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "SignInLink" ADD CONSTRAINT "SignInLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

