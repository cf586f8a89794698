import { meetingLabels, type Meeting } from "@/lib/meetings";

/** When a class meets, a line per group of days: "Mon, Wed 09:00–10:30, Room 12". */
export function MeetingList({ meetings }: { meetings: Meeting[] }) {
  const labels = meetingLabels(meetings);
  if (labels.length === 1) return <>{labels[0]}</>;
  return (
    <ul>
      {labels.map((label) => (
        <li key={label}>{label}</li>
      ))}
    </ul>
  );
}
