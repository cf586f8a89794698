export function databaseFile(): string | null;
export function backupDir(file: string | null): string;
export const BACKUP_NAME: RegExp;
export function postgresDumpUrl(): string;
