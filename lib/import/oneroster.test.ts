import { describe, expect, it } from "vitest";
import { decodeFile, MAX_FILE_BYTES, parseOneRoster } from "@/lib/import/oneroster";
import { readZip, zipFiles } from "@/lib/import/oneroster-zip";

const NOW = new Date(2026, 8, 15); // 15 Sep 2026

const users = [
  "sourcedId,status,enabledUser,role,username,givenName,familyName,email,identifier",
  "u-1,active,true,student,ada,Ada,Lovelace,ADA@school.test,S-1",
  "u-2,,true,teacher,grace,Grace,Hopper,grace@school.test,",
  "u-3,active,true,administrator,boss,Big,Boss,boss@school.test,",
  "u-4,active,true,parent,mum,Mum,Lovelace,mum@school.test,",
].join("\n");
const classes = ["sourcedId,status,title,classCode,classType", 'c-1,active,"Algebra, first year",math-101,scheduled'].join("\n");
const enrollments = [
  "sourcedId,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate,status",
  "e-1,c-1,s-1,u-1,student,false,2026-09-01,,active",
  "e-2,c-1,s-1,u-2,teacher,true,2026-09-01,,",
  "e-3,c-1,s-1,u-9,student,false,,2026-09-10,",
  "e-4,c-1,s-1,u-8,student,false,,,tobedeleted",
  "e-5,c-1,s-1,u-7,guardian,false,,,",
].join("\n");

describe("reading OneRoster CSV", () => {
  it("reads good files, whatever the column order or extra columns", () => {
    const parsed = parseOneRoster({ users, classes, enrollments }, NOW);
    expect(parsed.problems).toEqual([]);
    expect(parsed.users).toEqual([
      { line: 2, sourcedId: "u-1", role: "student", givenName: "Ada", familyName: "Lovelace", name: "Ada Lovelace", sortName: "lovelace ada", email: "ada@school.test", identifier: "S-1" },
      { line: 3, sourcedId: "u-2", role: "teacher", givenName: "Grace", familyName: "Hopper", name: "Grace Hopper", sortName: "hopper grace", email: "grace@school.test", identifier: null },
    ]);
    expect(parsed.classes).toEqual([{ line: 2, sourcedId: "c-1", code: "MATH-101", title: "Algebra, first year", termSourcedId: null, meetings: null }]);
    expect(parsed.enrollments.map((e) => [e.line, e.userSourcedId, e.role, e.active, e.beginDate?.getDate() ?? null])).toEqual([
      [2, "u-1", "student", true, 1],
      [3, "u-2", "teacher", true, 1],
      [4, "u-9", "student", false, null], // ended on 10 Sep
      [5, "u-8", "student", false, null], // tobedeleted
    ]);
    expect(parsed.skipped).toEqual([
      { file: "users.csv", count: 1, reason: "role “administrator”: only students and teachers are imported" },
      { file: "users.csv", count: 1, reason: "role “parent”: only students and teachers are imported" },
      { file: "enrollments.csv", count: 1, reason: "role “guardian”: only students and teachers are imported" },
    ]);
  });

  it("reads terms from academicSessions.csv, and a class's one term", () => {
    const academicSessions = [
      "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
      "t-1,active,,Autumn 2026,term,2026-09-01,2026-12-18,y-1,2027",
      "y-1,active,,2026-2027,schoolYear,2026-09-01,2027-07-15,,2027",
      "g-1,active,,First marking period,gradingPeriod,2026-09-01,2026-10-15,t-1,2027",
      "x-1,active,,Odd,quarter,2026-09-01,2026-10-15,,2027",
      "t-2,active,,Backwards,term,2026-12-18,2026-09-01,,2027",
      "t-3,active,,,semester,2026-02-30,,,2027",
      "t-1,active,,Again,term,2027-01-05,2027-06-30,,2027",
    ].join("\n");
    const classes = ["sourcedId,classCode,title,termSourcedIds", "c-1,MATH-1,Algebra,t-1", 'c-2,MATH-2,Geometry,"t-1,t-9"', "c-3,MATH-3,Free,"].join("\n");
    const parsed = parseOneRoster({ academicSessions, classes }, NOW);
    expect(parsed.sessions).toEqual([
      { line: 2, sourcedId: "t-1", name: "Autumn 2026", startsOn: new Date(2026, 8, 1), endsOn: new Date(2026, 11, 18) },
      { line: 3, sourcedId: "y-1", name: "2026-2027", startsOn: new Date(2026, 8, 1), endsOn: new Date(2027, 6, 15) },
    ]);
    expect(parsed.classes.map((c) => [c.code, c.termSourcedId])).toEqual([
      ["MATH-1", "t-1"],
      ["MATH-3", null],
    ]);
    expect(parsed.problems.map((p) => [p.file, p.line, p.message])).toEqual([
      ["academicSessions.csv", 5, "type “quarter” is not term, semester, schoolYear or gradingPeriod"],
      ["academicSessions.csv", 6, "endDate is before startDate"],
      [
        "academicSessions.csv",
        7,
        "title: Enter a name, like Autumn 2026.; startDate “2026-02-30” is not a date like 2026-09-01; endDate “” is not a date like 2026-09-01",
      ],
      ["academicSessions.csv", 8, "sourcedId “t-1” is also on line 2"],
      ["classes.csv", 3, "termSourcedIds lists 2 terms; a class belongs to one term in Rollbook"],
    ]);
    expect(parsed.skipped).toEqual([
      { file: "academicSessions.csv", count: 1, reason: "gradingPeriod sessions: Rollbook's terms are terms, semesters and school years" },
    ]);
  });

  it("reads an enrollments file on its own", () => {
    const parsed = parseOneRoster({ enrollments: "classSourcedId,userSourcedId,role\nc-1,u-1,student\n" }, NOW);
    expect(parsed.problems).toEqual([]);
    expect(parsed.enrollments).toHaveLength(1);
  });

  it("names a missing column, an empty file and broken CSV", () => {
    expect(parseOneRoster({ users: "sourcedId,role,givenName\nu-1,student,Ada" }).problems).toEqual([
      {
        file: "users.csv",
        line: 1,
        message:
          "users.csv has no “familyName”, “email” columns. Its first line must name the columns, e.g. sourcedId,givenName,familyName,email.",
      },
    ]);
    expect(parseOneRoster({ classes: "" }).problems).toEqual([{ file: "classes.csv", line: null, message: "classes.csv is empty." }]);
    const broken = parseOneRoster({ classes: 'sourcedId,classCode,title\nc-1,"MATH,Algebra\n' }).problems;
    expect(broken).toHaveLength(1);
    expect(broken[0]!.message).toMatch(/^classes\.csv is not valid CSV/);
  });

  it("lists every bad row by line with its reasons", () => {
    const bad = [
      "sourcedId,role,givenName,familyName,email,identifier",
      "u-1,student,Ada,Lovelace,not-an-email,S-1",
      "u-1,student,Bob,Builder,bob@school.test,",
      "u-2,student,=HYPERLINK(1),Evil,evil@school.test,",
      "u-3,student,'-Dash,Name,dash@school.test,",
      ",student,No,Id,noid@school.test,",
      "u-4,student,,,x@school.test,bad number!",
      "u-5,student,Ok,Person,ok@school.test,,",
      "u-6,student,,Nofirst,nofirst@school.test,",
      "u-7,student,Nolast,,nolast@school.test,",
      "u-8,student,Ada\u0000,Nul,nul@school.test,",
      "u-9\u0007,student,Bell,Id,bell@school.test,",
    ].join("\n");
    const parsed = parseOneRoster({ users: bad });
    expect(parsed.problems.map((p) => [p.line, p.message])).toEqual([
      [2, "email: Enter a valid email address."],
      [3, "sourcedId “u-1” is also on line 2"],
      [4, "givenName “=HYPERLINK(1)” looks like a spreadsheet formula"],
      [6, "sourcedId is empty"],
      [7, "givenName: Enter a given name.; identifier: Use letters, digits and dashes only."],
      // What the New student form refuses, a file's row does too: no given name, control characters.
      [9, "givenName: Enter a given name."],
      [11, "givenName has a control character in it (often from a copy and paste): type it again"],
      [12, "sourcedId has a control character in it (often from a copy and paste): type it again"],
    ]);
    // An apostrophe-escaped cell (as Rollbook exports write them) is read as the text after it.
    // A person with one name (no family name) is one, as the form allows.
    expect(parsed.users.map((u) => u.name)).toEqual(["-Dash Name", "Ok Person", "Nolast"]);
  });

  it("checks enrollment rows: references, dates, duplicates, status", () => {
    const bad = [
      "classSourcedId,userSourcedId,role,beginDate,endDate,status",
      ",u-1,student,,,",
      "c-1,u-1,student,2026-02-30,,",
      "c-1,u-2,student,09/01/2026,,",
      "c-1,u-3,student,2026-09-10,2026-09-01,",
      "c-1,u-4,student,,,maybe",
      "c-1,u-5,student,2026-09-01T08:30:00Z,,",
      "c-1,u-5,student,,,",
    ].join("\n");
    expect(parseOneRoster({ enrollments: bad }, NOW).problems.map((p) => [p.line, p.message])).toEqual([
      [2, "classSourcedId is empty"],
      [3, "beginDate “2026-02-30” is not a date like 2026-09-01"],
      [4, "beginDate “09/01/2026” is not a date like 2026-09-01"],
      [5, "endDate is before beginDate"],
      [6, "status “maybe” is not active or tobedeleted"],
      [8, "this user and class are also on line 7"],
    ]);
  });

  it("refuses text that isn't UTF-8 and files over the size limit; accepts a byte order mark", () => {
    const latin1 = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x5a, 0x6f, 0xeb]); // "name\nZo\xeb"
    expect(decodeFile(latin1, "users.csv")).toEqual({
      problem: { file: "users.csv", line: null, message: "users.csv is not UTF-8 text. Save it as “CSV UTF-8” and upload it again." },
    });
    expect(decodeFile(new TextEncoder().encode("\uFEFFa,b"), "users.csv")).toEqual({ text: "a,b" });
    const big = decodeFile(new Uint8Array(MAX_FILE_BYTES + 1), "enrollments.csv");
    expect("problem" in big && big.problem.message).toMatch(/^enrollments\.csv is 20\.0 MB; the limit is 20 MB a file/);
  });
});

describe("OneRoster 1.2's roles.csv and zip", () => {
  const users12 = ["sourcedId,enabledUser,username,givenName,familyName,email,identifier", "u-1,true,ada,Ada,Lovelace,ada@school.test,S-1", "u-2,true,grace,Grace,Hopper,grace@school.test,", "u-3,true,x,No,Role,x@school.test,"].join("\n");
  const roles = [
    "sourcedId,userSourcedId,roleType,role,orgSourcedId",
    "r-1,u-1,primary,student,s-1",
    "r-2,u-2,secondary,student,s-1",
    "r-3,u-2,primary,teacher,s-1",
  ].join("\n");

  it("takes each user's role from roles.csv (the primary one) when users.csv has no role column", () => {
    const parsed = parseOneRoster({ users: users12, roles }, NOW);
    expect(parsed.problems).toEqual([]);
    expect(parsed.users.map((u) => [u.sourcedId, u.role])).toEqual([
      ["u-1", "student"],
      ["u-2", "teacher"],
    ]);
    expect(parsed.skipped).toEqual([{ file: "users.csv", count: 1, reason: "role “(empty)”: only students and teachers are imported" }]);
    expect(parseOneRoster({ users: users12 }, NOW).problems).toEqual([
      { file: "users.csv", line: 1, message: "users.csv has no “role” column: add roles.csv (OneRoster 1.2), or a role column." },
    ]);
  });

  it("reads a zip by its manifest, and says why one can't be read", () => {
    const manifest = (lines: string[]) => ["propertyName,value", "manifest.version,1.0", ...lines].join("\n");
    const good = zipFiles({
      "manifest.csv": manifest(["oneroster.version,1.2", "file.users,bulk", "file.roles,bulk", "file.classes,absent"]),
      "users.csv": users12,
      "roles.csv": roles,
      "classes.csv": classes,
      "orgs.csv": "sourcedId,name,type\ns-1,School,school",
    });
    const read = readZip(good, "school.zip");
    expect("files" in read && Object.keys(read.files).sort()).toEqual(["roles", "users"]);
    const problem = (bytes: Uint8Array) => {
      const r = readZip(bytes, "school.zip");
      return "problem" in r ? r.problem : null;
    };
    expect(problem(new TextEncoder().encode("not a zip"))).toBe("school.zip is not a zip file.");
    expect(problem(zipFiles({ "users.csv": users12 }))).toBe("school.zip has no manifest.csv: a OneRoster zip names its files there.");
    expect(problem(zipFiles({ "manifest.csv": manifest(["oneroster.version,2.0"]) }))).toBe("school.zip is OneRoster “2.0”: Rollbook reads OneRoster 1.1 and 1.2.");
    expect(problem(zipFiles({ "manifest.csv": manifest(["oneroster.version,1.2", "file.users,delta"]), "users.csv": users12 }))).toBe(
      "users.csv in school.zip is a delta file: Rollbook imports bulk files (every record).",
    );
    expect(problem(zipFiles({ "manifest.csv": manifest(["oneroster.version,1.2"]), "orgs.csv": "x" }))).toMatch(/^school\.zip holds none of the files Rollbook reads/);
    // In a folder, as some systems zip them.
    const nested = readZip(zipFiles({ "export/manifest.csv": manifest(["oneroster.version,1.1"]), "export/users.csv": users }), "school.zip");
    expect("files" in nested && Object.keys(nested.files)).toEqual(["users"]);
  });
});
