// Generated from lib/api/openapi.ts by `npm run api:types`: don't edit.
export interface paths {
    "/classes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List classes, by code */
        get: operations["listClasses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/classes/{id}/enrollments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A class's enrollments, by student name */
        get: operations["listClassEnrollments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/students/{id}/enrollments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A student's enrollments, by class code */
        get: operations["listStudentEnrollments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/classes/{id}/enrollments/{studentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Enroll a student in a class
         * @description Needs a token that may change enrollments. The body is empty (or `{}`). Enrolling an enrolled student changes nothing (200).
         */
        put: operations["enrollStudent"];
        post?: never;
        /**
         * Remove a student from a class
         * @description Needs a token that may change enrollments. The first student on the class's waitlist gets the seat.
         */
        delete: operations["removeStudent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: {
                /** @enum {string} */
                code: "bad_request" | "unauthenticated" | "invalid_token" | "revoked_token" | "forbidden" | "read_only_token" | "not_found" | "conflict" | "internal_error";
                message: string;
            };
        };
        Class: {
            id?: string;
            /** @description The class's id in your information system, if imported */
            sourcedId?: string | null;
            code?: string;
            title?: string;
            /** @description null: no limit */
            capacity?: number | null;
            enrolled?: number;
            selfEnrollment?: boolean;
            teacher?: {
                id?: string;
                name?: string;
            } | null;
            /** @description The academic session the class belongs to (null: none); its days are calendar days in the school's time zone */
            term?: {
                id?: string;
                sourcedId?: string | null;
                name?: string;
                /**
                 * Format: date
                 * @description the first day
                 */
                startDate?: string;
                /**
                 * Format: date
                 * @description the last day, included
                 */
                endDate?: string;
            } | null;
            /** @description When the class meets each week of its term, on the school's clock (24-hour), by day and start */
            meetings?: {
                /** @enum {string} */
                day: "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday";
                /** @description like 09:00 */
                start: string;
                /** @description like 10:30; 24:00 is midnight */
                end: string;
                /** @description empty when not set */
                room: string;
            }[];
        };
        ClassEnrollment: {
            student?: {
                id?: string;
                sourcedId?: string | null;
                /** @description as shown: the given and family names */
                name?: string;
                givenName?: string;
                /** @description empty for a person with one name */
                familyName?: string;
                email?: string;
                studentNumber?: string | null;
            };
            /** Format: date-time */
            enrolledAt?: string;
            /** @enum {string} */
            source?: "ADMIN" | "SELF" | "IMPORT" | "WAITLIST" | "API";
        };
        StudentEnrollment: {
            class?: {
                id?: string;
                sourcedId?: string | null;
                code?: string;
                title?: string;
            };
            /** Format: date-time */
            enrolledAt?: string;
            /** @enum {string} */
            source?: "ADMIN" | "SELF" | "IMPORT" | "WAITLIST" | "API";
        };
        Enrolled: {
            data?: {
                /** Format: date-time */
                enrolledAt?: string;
                source?: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listClasses: {
        parameters: {
            query?: {
                page?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of classes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Class"][];
                        page: number;
                        limit: number;
                        total: number;
                        pages: number;
                    };
                };
            };
            /** @description A bad query or body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, an unknown token, or a revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's user is not an admin, or the token may only read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listClassEnrollments: {
        parameters: {
            query?: {
                page?: number;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The class's Rollbook id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of enrollments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ClassEnrollment"][];
                        page: number;
                        limit: number;
                        total: number;
                        pages: number;
                    };
                };
            };
            /** @description A bad query or body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, an unknown token, or a revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's user is not an admin, or the token may only read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such class */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listStudentEnrollments: {
        parameters: {
            query?: {
                page?: number;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The student's Rollbook id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of enrollments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["StudentEnrollment"][];
                        page: number;
                        limit: number;
                        total: number;
                        pages: number;
                    };
                };
            };
            /** @description A bad query or body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, an unknown token, or a revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's user is not an admin, or the token may only read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such student */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enrollStudent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The class's Rollbook id */
                id: string;
                /** @description The student's Rollbook id */
                studentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Already enrolled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Enrolled"];
                };
            };
            /** @description Enrolled */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Enrolled"];
                };
            };
            /** @description A bad query or body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, an unknown token, or a revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's user is not an admin, or the token may only read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such class or student */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused: the class is full (the message says how full) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeStudent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The class's Rollbook id */
                id: string;
                /** @description The student's Rollbook id */
                studentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A bad query or body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, an unknown token, or a revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's user is not an admin, or the token may only read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such class or student, or not enrolled */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
