// Lighthouse's performance and accessibility scores of pages, on its default mobile profile
// (simulated slow 4G and a 4× slower CPU), in Debian's Chromium (CHROMIUM_PATH to change it).
// Each page is audited `runs` times and the median run reported, as Lighthouse recommends
// (computeMedianRun: the run nearest the median first paint and time to interactive).
import { launch } from "chrome-launcher";
import lighthouse, { type Result } from "lighthouse";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";

const chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface PageAudit {
  path: string;
  /** 0–100, or null when Lighthouse could not score the category. */
  performance: number | null;
  accessibility: number | null;
  /** First and largest contentful paint, total blocking time (ms), layout shift. */
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Accessibility audits that failed, by id. */
  failedA11y: string[];
  /** The CPU speed Lighthouse measured (about 1 000+ on a desktop of the day; low values skew the simulation). */
  benchmarkIndex: number;
}

async function auditOnce(url: string, port: number, cookie: string | undefined): Promise<Result> {
  const result = await lighthouse(url, {
    port,
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
    extraHeaders: cookie ? { Cookie: cookie } : null,
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
  // A redirect (a session the page did not accept) would score another page.
  if (lhr.finalDisplayedUrl !== url) throw new Error(`Lighthouse on ${url} ended on ${lhr.finalDisplayedUrl}`);
  return lhr;
}

function summary(path: string, lhr: Result): PageAudit {
  const score = (id: string) => {
    const value = lhr.categories[id]?.score;
    return value == null ? null : Math.round(100 * value);
  };
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const a11yAudits = lhr.categories.accessibility?.auditRefs.map((ref) => ref.id) ?? [];
  return {
    path,
    performance: score("performance"),
    accessibility: score("accessibility"),
    fcp: metric("first-contentful-paint"),
    lcp: metric("largest-contentful-paint"),
    tbt: metric("total-blocking-time"),
    cls: metric("cumulative-layout-shift"),
    failedA11y: a11yAudits.filter((id) => lhr.audits[id]?.score === 0),
    benchmarkIndex: lhr.environment.benchmarkIndex,
  };
}

/** Audits each page (`cookie` sends a session) `runs` times in one Chromium and summarises the median run. */
export async function auditPages({
  base,
  pages,
  runs,
}: {
  base: string;
  pages: Array<{ path: string; cookie?: string }>;
  runs: number;
}): Promise<PageAudit[]> {
  const chrome = await launch({ chromePath, chromeFlags: ["--headless=new", "--no-sandbox"] });
  try {
    const audits: PageAudit[] = [];
    for (const page of pages) {
      const results: Result[] = [];
      for (let run = 0; run < runs; run++) results.push(await auditOnce(`${base}${page.path}`, chrome.port, page.cookie));
      audits.push(summary(page.path, computeMedianRun(results)));
    }
    return audits;
  } finally {
    chrome.kill();
  }
}
