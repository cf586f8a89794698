// The processes a benchmark starts, from /proc: each one's tree, CPU time and memory.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export function treePids(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync("pgrep", ["-P", String(pid)]).toString().trim().split("\n").filter(Boolean).map(Number);
  } catch {
    // none
  }
  return [pid, ...children.flatMap(treePids)];
}

const ticksPerSecond = 100; // USER_HZ on Linux
/** The CPU time of one process (0 once it is gone). */
export function ownCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime, stime: fields 14 and 15 of stat (11 and 12 after the command name)
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/** The CPU time of a process and every process under it. */
export function cpuSeconds(pid: number): number {
  return treePids(pid).reduce((sum, p) => sum + ownCpuSeconds(p), 0);
}

export function rssMiB(pid: number): number {
  return Math.round(
    treePids(pid).reduce((sum, p) => {
      try {
        return sum + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
      } catch {
        return sum;
      }
    }, 0) / 1024,
  );
}
