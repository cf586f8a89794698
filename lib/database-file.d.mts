export function databaseFile(): string | null;
export function backupDir(file: string): string;
