// Lighthouse (npm `lighthouse`, package-lock.json) over many pages in one Node process, attached to one
// running Chromium (the budget command starts Debian's /usr/bin/chromium with a DevTools port and passes it).
// One process and one browser instead of the CLI once a run: the CLI's start-up (Node, Lighthouse, a browser)
// is most of a run's time on a small static page.
//
//   node lighthouse.mjs PORT < jobs.json     jobs: [{"url": "...", "form": "mobile" | "desktop"}, ...]
//
// Prints one JSON line a job: {url, form, scores: {category: 0-100}, failing: [audit ids], metrics: {...}}.
// Each page is loaded fresh (Lighthouse resets the cache and storage before a run). The full-page screenshot
// and the back/forward-cache test are left out: neither counts in a score, and on the long print view the
// screenshot alone took longer than the rest of the run.
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                 "cumulative-layout-shift", "speed-index"];

const port = Number(process.argv[2]);
let input = "";
for await (const chunk of process.stdin) input += chunk;

for (const job of JSON.parse(input)) {
  const flags = {port, output: "json", logLevel: "error", onlyCategories: CATEGORIES,
                 disableFullPageScreenshot: true, skipAudits: ["bf-cache"]};
  const result = await lighthouse(job.url, flags, job.form === "desktop" ? desktopConfig : undefined);
  const lhr = result.lhr;
  const scores = Object.fromEntries(CATEGORIES.map(c => [c, Math.round(100 * (lhr.categories[c].score ?? 0))]));
  // audits that count in a score and did not pass
  const weighted = new Set(CATEGORIES.flatMap(c => lhr.categories[c].auditRefs)
    .filter(ref => ref.weight > 0).map(ref => ref.id));
  const failing = Object.values(lhr.audits)
    .filter(a => weighted.has(a.id) && a.score !== null && a.score < 1).map(a => a.id);
  const metrics = Object.fromEntries(METRICS.map(m => [m, lhr.audits[m]?.numericValue ?? null]));
  const errors = (lhr.runtimeError ? [lhr.runtimeError.message] : []).concat(lhr.runWarnings ?? []);
  process.stdout.write(JSON.stringify({url: job.url, form: job.form, scores, failing, metrics, errors}) + "\n");
}
