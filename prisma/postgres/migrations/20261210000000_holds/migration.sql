-- CreateTable
CREATE TABLE "Hold" (
    "id" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "office" TEXT NOT NULL,
    "placedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "placedBy" TEXT NOT NULL,
    "liftedAt" TIMESTAMP(3),
    "liftedBy" TEXT,
    "liftNote" TEXT,

    CONSTRAINT "Hold_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Hold_studentId_liftedAt_idx" ON "Hold"("studentId", "liftedAt");

-- AddForeignKey
ALTER TABLE "Hold" ADD CONSTRAINT "Hold_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

