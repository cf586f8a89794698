/** How an enrollment was made, in words, for rosters and exports. */
export function sourceLabel(source: string): string {
  switch (source) {
    case "ADMIN":
      return "By an admin";
    case "SELF":
      return "Self-enrolled";
    case "IMPORT":
      return "Imported";
    case "WAITLIST":
      return "From the waitlist";
    case "API":
      return "Through the API";
    default:
      return source;
  }
}
