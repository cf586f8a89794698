export const ACTION_BODY_LIMIT_BYTES: number;
export interface RequestContext {
  id: string;
  /** A write to a page: a server action, as far as the server script can tell. */
  action: boolean;
  actionBegan?: boolean;
  refused?: string;
}
export function withRequest<T>(context: RequestContext, work: () => T): T;
export function currentRequest(): RequestContext | undefined;
export function actionBegins(): void;
export class BadRequestError extends Error {
  reason: string;
}
export function requestRefused(): string | undefined;
export function refuseRequest(reason: string): never;
export function requestAtFault(context: RequestContext | undefined): boolean;
export const DOCUMENT_HEADER: string;
