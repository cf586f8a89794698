-- A write transaction's last batch goes to PostgreSQL with its COMMIT
-- (lib/server/data/sql.ts, docs/decisions/031). A write in it that must
-- answer a row (statement.must: the seat a conditional update took) is sent
-- as `WITH "must" AS (<write>) ... rollbook_must(EXISTS (...), <index>)`:
-- when it answered none, this stops the request there, so the COMMIT after
-- it never runs. Not a rule of enrollment: only "this row must be there".
CREATE FUNCTION "rollbook_must"("met" boolean, "statement" integer) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF NOT "met" THEN
    RAISE EXCEPTION 'rollbook: statement % of the batch answered no row', "statement" USING ERRCODE = 'RB001';
  END IF;
  RETURN TRUE;
END $$;
