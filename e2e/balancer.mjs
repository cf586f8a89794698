// A load balancer in front of the two school-accounts app servers, as a
// school runs several behind one address: it forwards every request as a
// proxy does (X-Forwarded-Host, -Proto, -For), sends sign-in callbacks
// (/api/auth/callback/...) to the second server and everything else to the
// first, so a school account's sign-in always begins on one server and
// comes back to the other. GET /__balancer says how many went where;
// POST /__balancer/tamper changes the next callback's `state` on the way,
// as a party in the middle would.
//
//   node e2e/balancer.mjs <port> <first server's port> <second server's port>
import http from "node:http";

const [port, first, second] = process.argv.slice(2).map(Number);
const counts = { [first]: 0, [second]: 0, callbacks: 0 };
let tamper = false;

http
  .createServer((req, res) => {
    if (req.url === "/__balancer") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(counts));
    if (req.url === "/__balancer/tamper" && req.method === "POST") {
      tamper = true;
      return void res.writeHead(204).end();
    }
    const callback = (req.url ?? "").startsWith("/api/auth/callback/");
    if (callback && tamper) {
      tamper = false;
      const url = new URL(req.url ?? "/", "http://balancer");
      url.searchParams.set("state", `${url.searchParams.get("state") ?? ""}x`);
      req.url = url.pathname + url.search;
    }
    const target = callback ? second : first;
    counts[target]++;
    if (callback) counts.callbacks++;
    const headers = {
      ...req.headers,
      "x-forwarded-host": req.headers.host,
      "x-forwarded-proto": "http",
      "x-forwarded-for": req.socket.remoteAddress ?? "127.0.0.1",
    };
    const upstream = http.request({ host: "127.0.0.1", port: target, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  })
  .listen(port, "127.0.0.1");
