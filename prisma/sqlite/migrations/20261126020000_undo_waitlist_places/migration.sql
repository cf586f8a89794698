-- An enrollment that took a student off a waitlist records the entry it
-- took (its id is the place in line), so an undo can put it back (issue 10).
ALTER TABLE "EnrollmentEvent" ADD COLUMN "waitlistEntryId" INTEGER;
ALTER TABLE "EnrollmentEvent" ADD COLUMN "waitlistJoinedAt" DATETIME;
