/**
 * A page loaded in headless Chromium and watched over the DevTools protocol (CDP, over
 * --remote-debugging-port on 127.0.0.1): every console error, uncaught exception, log entry (CSP violations
 * are reported there), network request and dialog is recorded, the page is asked which sections it has, and
 * a screenshot is taken. The browser is Debian's `chromium` (scripts/install/60-chromium.sh), or $CHROMIUM.
 */

/** What the page did while it loaded. */
export interface PageRun {
  /** Runtime.consoleAPICalled of type error/assert, and Log.entryAdded of level error. */
  errors: string[];
  /** Runtime.exceptionThrown. */
  exceptions: string[];
  /** Every URL the page requested (Network.requestWillBeSent), the page itself included. */
  requests: string[];
  /** Page.javascriptDialogOpening messages (an injected alert() would show here). */
  dialogs: string[];
  /** The value of the page expression `probe`, as JSON. */
  probe: unknown;
}

/** The Chromium binary: $CHROMIUM, else the first of chromium / chromium-browser / google-chrome on PATH. */
export function chromiumPath(): string | undefined {
  const env = Deno.env.get("CHROMIUM");
  if (env) return env;
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
      try {
        if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
      } catch { /* not here */ }
    }
  }
  return undefined;
}

/** The flags the report's browser test runs Chromium with (the task's list, plus the CDP port). */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--remote-debugging-address=127.0.0.1",
  "--remote-debugging-port=0",
];

/** Reads the browser's stderr until it names its DevTools endpoint. */
async function devtoolsUrl(stderr: ReadableStream<Uint8Array>, timeoutMs: number): Promise<string> {
  const reader = stderr.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const timer = setTimeout(() => reader.cancel(), timeoutMs);
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += value;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (m) {
        // keep draining stderr so the browser never blocks on a full pipe
        (async () => {
          try {
            while (!(await reader.read()).done) { /* drain */ }
          } catch { /* closed */ }
        })();
        return m[1];
      }
    }
  } finally {
    clearTimeout(timer);
  }
  throw new Error(`chromium did not start its DevTools endpoint:\n${seen.slice(-2000)}`);
}

/**
 * Loads `file` in a fresh headless Chromium (own profile folder), waits for the load event and `ready` (a
 * page expression that must become true), evaluates `probe`, writes a PNG screenshot of the window to
 * `screenshot` (and of the whole page to `fullPage`).
 */
export async function loadPage(file: string, opts: {
  screenshot: string;
  /** A second screenshot of the whole page (up to 20,000 CSS pixels tall). */
  fullPage?: string;
  probe: string;
  ready?: string;
  width?: number;
  height?: number;
  timeoutMs?: number;
}): Promise<PageRun> {
  const bin = chromiumPath();
  if (!bin) throw new Error("no chromium: run scripts/install/60-chromium.sh (or set CHROMIUM)");
  const profile = Deno.makeTempDirSync({ prefix: "wfpsec-chromium-" });
  const width = opts.width ?? 1400, height = opts.height ?? 2000, timeoutMs = opts.timeoutMs ?? 60_000;
  const child = new Deno.Command(bin, {
    args: [
      ...CHROMIUM_FLAGS,
      `--user-data-dir=${profile}`,
      `--window-size=${width},${height}`,
      "about:blank",
    ],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const run: PageRun = { errors: [], exceptions: [], requests: [], dialogs: [], probe: undefined };
  let ws: WebSocket | undefined;
  try {
    ws = new WebSocket(await devtoolsUrl(child.stderr, timeoutMs));
    await new Promise((ok, fail) => {
      ws!.onopen = ok;
      ws!.onerror = () => fail(new Error("cannot connect to chromium's DevTools endpoint"));
    });
    let next = 1;
    const pending = new Map<number, { ok: (v: Record<string, unknown>) => void; fail: (e: Error) => void }>();
    const waiters: { method: string; ok: () => void }[] = [];
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data as string);
      if (msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) p?.fail(new Error(`CDP: ${JSON.stringify(msg.error)}`));
        else p?.ok(msg.result ?? {});
        return;
      }
      const params = msg.params ?? {};
      switch (msg.method) {
        case "Runtime.consoleAPICalled":
          if (params.type === "error" || params.type === "assert") {
            run.errors.push(
              params.args.map((a: { value?: unknown; description?: string }) =>
                String(a.value ?? a.description)
              ).join(" "),
            );
          }
          break;
        case "Runtime.exceptionThrown":
          run.exceptions.push(
            params.exceptionDetails?.exception?.description ?? params.exceptionDetails?.text,
          );
          break;
        case "Log.entryAdded":
          if (params.entry?.level === "error") {
            run.errors.push(`${params.entry.source}: ${params.entry.text}`);
          }
          break;
        case "Network.requestWillBeSent":
          run.requests.push(params.request.url);
          break;
        case "Page.javascriptDialogOpening":
          // recorded, then dismissed: an open dialog would hold the page's load for ever
          run.dialogs.push(params.message);
          send("Page.handleJavaScriptDialog", { accept: false }).catch(() => {});
          break;
      }
      for (const w of waiters.filter((w) => w.method === msg.method)) w.ok();
    };
    let session: string | undefined;
    const send = (method: string, params: Record<string, unknown> = {}) =>
      new Promise<Record<string, unknown>>((ok, fail) => {
        const id = next++;
        pending.set(id, { ok, fail });
        ws!.send(JSON.stringify({ id, method, params, ...(session ? { sessionId: session } : {}) }));
      });
    const event = (method: string) =>
      new Promise<void>((ok, fail) => {
        const t = setTimeout(() => fail(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ method, ok: () => (clearTimeout(t), ok()) });
      });
    const { targetId } = await send("Target.createTarget", { url: "about:blank" });
    session = (await send("Target.attachToTarget", { targetId, flatten: true })).sessionId as string;
    for (const d of ["Runtime", "Log", "Page", "Network"]) await send(`${d}.enable`);
    await send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false });
    const loaded = event("Page.loadEventFired");
    await send("Page.navigate", { url: new URL(`file://${file}`).href });
    await loaded;
    const value = async (expression: string) =>
      ((await send("Runtime.evaluate", { expression, returnByValue: true })).result as { value?: unknown })
        ?.value;
    if (opts.ready) {
      const until = Date.now() + timeoutMs;
      while (!(await value(opts.ready))) {
        if (Date.now() > until) throw new Error(`page never became ready (${opts.ready})`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    run.probe = await value(opts.probe);
    const capture = async (file: string, params: Record<string, unknown>) => {
      const shot = await send("Page.captureScreenshot", { format: "png", ...params });
      const bin64 = atob(shot.data as string);
      const png = new Uint8Array(bin64.length);
      for (let i = 0; i < png.length; i++) png[i] = bin64.charCodeAt(i);
      Deno.writeFileSync(file, png);
    };
    await capture(opts.screenshot, {});
    if (opts.fullPage) {
      const size = (await send("Page.getLayoutMetrics")).cssContentSize as { width: number; height: number };
      const clip = { x: 0, y: 0, width: size.width, height: Math.min(size.height, 20_000), scale: 1 };
      await capture(opts.fullPage, { captureBeyondViewport: true, clip });
    }
    session = undefined;
    await send("Browser.close").catch(() => {});
    return run;
  } finally {
    ws?.close();
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
    await child.status;
    await removeProfile(profile);
  }
}

/**
 * Removes the throw-away profile. Chromium's helper processes (zygote, renderers) outlive the browser process
 * by a moment and may still write into it, so a removal that finds the folder refilled is retried briefly.
 */
async function removeProfile(dir: string): Promise<void> {
  for (let attempt = 0;; attempt++) {
    try {
      Deno.removeSync(dir, { recursive: true });
      return;
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return;
      if (attempt >= 20) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
