-- CreateTable
CREATE TABLE "Hold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "studentId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "office" TEXT NOT NULL,
    "placedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "placedBy" TEXT NOT NULL,
    "liftedAt" DATETIME,
    "liftedBy" TEXT,
    "liftNote" TEXT,
    CONSTRAINT "Hold_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Hold_studentId_liftedAt_idx" ON "Hold"("studentId", "liftedAt");

