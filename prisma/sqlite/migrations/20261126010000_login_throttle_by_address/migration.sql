-- Failed sign-ins are now counted by client address and by email at an
-- address (decision 015). The old per-email counts are dropped: they only
-- ever lived 15 minutes.
DROP TABLE "LoginThrottle";
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" DATETIME NOT NULL,
    "blockedUntil" DATETIME
);
CREATE INDEX "LoginThrottle_lastFailureAt_idx" ON "LoginThrottle"("lastFailureAt");
