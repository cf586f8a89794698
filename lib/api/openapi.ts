/**
 * The JSON API's description (OpenAPI 3.1), served at /api/v1/openapi.json.
 * Every operation has an operationId, for client generators; the types in
 * lib/api/schema.d.ts are generated from it (npm run api:types) and a test
 * fails when they are stale.
 */
const error = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});
const pageParams = [
  { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
];
const id = (name: string, what: string) => ({ name, in: "path", required: true, description: `The ${what}'s Rollbook id`, schema: { type: "string" } });
const paged = (item: string) => ({
  type: "object",
  required: ["data", "page", "limit", "total", "pages"],
  properties: {
    data: { type: "array", items: { $ref: `#/components/schemas/${item}` } },
    page: { type: "integer" },
    limit: { type: "integer" },
    total: { type: "integer" },
    pages: { type: "integer" },
  },
});
const common = {
  "400": error("A bad query or body"),
  "401": error("No token, an unknown token, or a revoked token"),
  "403": error("The token's user is not an admin, or the token may only read"),
};

export const openApi = {
  openapi: "3.1.0",
  info: {
    title: "Rollbook API",
    version: "1.0.0",
    license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    description:
      "Classes and enrollments for integrations. Every call needs an API token (an admin makes one on the API tokens page): `Authorization: Bearer rb_…`. Writes follow the same rules as the pages: capacity, the waitlist, and a history event per change.",
  },
  servers: [{ url: "/api/v1" }],
  security: [{ bearer: [] }],
  paths: {
    "/classes": {
      get: {
        operationId: "listClasses",
        summary: "List classes, by code",
        parameters: pageParams,
        responses: { "200": { description: "A page of classes", content: { "application/json": { schema: paged("Class") } } }, ...common },
      },
    },
    "/classes/{id}/enrollments": {
      get: {
        operationId: "listClassEnrollments",
        summary: "A class's enrollments, by student name",
        parameters: [id("id", "class"), ...pageParams],
        responses: {
          "200": { description: "A page of enrollments", content: { "application/json": { schema: paged("ClassEnrollment") } } },
          ...common,
          "404": error("No such class"),
        },
      },
    },
    "/students/{id}/enrollments": {
      get: {
        operationId: "listStudentEnrollments",
        summary: "A student's enrollments, by class code",
        parameters: [id("id", "student"), ...pageParams],
        responses: {
          "200": { description: "A page of enrollments", content: { "application/json": { schema: paged("StudentEnrollment") } } },
          ...common,
          "404": error("No such student"),
        },
      },
    },
    "/classes/{id}/enrollments/{studentId}": {
      put: {
        operationId: "enrollStudent",
        summary: "Enroll a student in a class",
        description: "Needs a token that may change enrollments. The body is empty (or `{}`). Enrolling an enrolled student changes nothing (200).",
        parameters: [id("id", "class"), id("studentId", "student")],
        responses: {
          "201": { description: "Enrolled", content: { "application/json": { schema: { $ref: "#/components/schemas/Enrolled" } } } },
          "200": { description: "Already enrolled", content: { "application/json": { schema: { $ref: "#/components/schemas/Enrolled" } } } },
          ...common,
          "404": error("No such class or student"),
          "409": error("Refused: the class is full (the message says how full)"),
        },
      },
      delete: {
        operationId: "removeStudent",
        summary: "Remove a student from a class",
        description: "Needs a token that may change enrollments. The first student on the class's waitlist gets the seat.",
        parameters: [id("id", "class"), id("studentId", "student")],
        responses: { "204": { description: "Removed" }, ...common, "404": error("No such class or student, or not enrolled") },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["code", "message"],
            properties: {
              code: {
                type: "string",
                enum: ["bad_request", "unauthenticated", "invalid_token", "revoked_token", "forbidden", "read_only_token", "not_found", "conflict", "internal_error"],
              },
              message: { type: "string" },
            },
          },
        },
      },
      Class: {
        type: "object",
        properties: {
          id: { type: "string" },
          sourcedId: { type: ["string", "null"], description: "The class's id in your information system, if imported" },
          code: { type: "string" },
          title: { type: "string" },
          capacity: { type: ["integer", "null"], description: "null: no limit" },
          enrolled: { type: "integer" },
          selfEnrollment: { type: "boolean" },
          teacher: { type: ["object", "null"], properties: { id: { type: "string" }, name: { type: "string" } } },
          term: {
            type: ["object", "null"],
            description: "The academic session the class belongs to (null: none); its days are calendar days in the school's time zone",
            properties: {
              id: { type: "string" },
              sourcedId: { type: ["string", "null"] },
              name: { type: "string" },
              startDate: { type: "string", format: "date", description: "the first day" },
              endDate: { type: "string", format: "date", description: "the last day, included" },
            },
          },
          meetings: {
            type: "array",
            description: "When the class meets each week of its term, on the school's clock (24-hour), by day and start",
            items: {
              type: "object",
              required: ["day", "start", "end", "room"],
              properties: {
                day: { type: "string", enum: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] },
                start: { type: "string", pattern: "^\\d{2}:\\d{2}$", description: "like 09:00" },
                end: { type: "string", pattern: "^\\d{2}:\\d{2}$", description: "like 10:30; 24:00 is midnight" },
                room: { type: "string", description: "empty when not set" },
              },
            },
          },
        },
      },
      ClassEnrollment: {
        type: "object",
        properties: {
          student: {
            type: "object",
            properties: {
              id: { type: "string" },
              sourcedId: { type: ["string", "null"] },
              name: { type: "string", description: "as shown: the given and family names" },
              givenName: { type: "string" },
              familyName: { type: "string", description: "empty for a person with one name" },
              email: { type: "string" },
              studentNumber: { type: ["string", "null"] },
            },
          },
          enrolledAt: { type: "string", format: "date-time" },
          source: { type: "string", enum: ["ADMIN", "SELF", "IMPORT", "WAITLIST", "API"] },
        },
      },
      StudentEnrollment: {
        type: "object",
        properties: {
          class: {
            type: "object",
            properties: { id: { type: "string" }, sourcedId: { type: ["string", "null"] }, code: { type: "string" }, title: { type: "string" } },
          },
          enrolledAt: { type: "string", format: "date-time" },
          source: { type: "string", enum: ["ADMIN", "SELF", "IMPORT", "WAITLIST", "API"] },
        },
      },
      Enrolled: {
        type: "object",
        properties: {
          data: {
            type: "object",
            properties: { enrolledAt: { type: "string", format: "date-time" }, source: { type: "string" } },
          },
        },
      },
    },
  },
} as const;
