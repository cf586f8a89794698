/**
 * `GET /api/health`: "ok" while this app server is up, for a load balancer's
 * health check. It touches no database on purpose (a database outage should
 * not take every app server out of the pool at once). The benchmarks also
 * use it as their yardstick R: the cheapest request the server can answer.
 */
export const dynamic = "force-dynamic";

export function GET() {
  return new Response("ok\n", { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
