// The benchmark report: the metric definitions and targets, the Markdown table, and the SVG chart of
// the ratios. Pure functions of a result object written by run.mjs (also saved as JSON under
// procwire-sample/target/bench), so a report can be re-rendered from saved results.

/**
 * What is measured. {@code better} says which direction wins; a ratio is a Java worker's figure divided
 * by another worker's, in the metric's own unit, and {@code targets} (by the other worker's key) are
 * bounds on that ratio (≤ for lower-is-better metrics, ≥ for higher-is-better ones).
 */
export const METRICS = [
  { key: "spawn", short: "ready", label: "spawn → ready (parent `manager.spawn`)", unit: "ms", better: "lower", targets: { node: 1.0 } },
  { key: "init", short: "$init", label: "spawn → `$init` (bare spawn)", unit: "ms", better: "lower", targets: { node: 0.6 } },
  { key: "shutdown", short: "shutdown", label: "shutdown (`manager.shutdown` → exit)", unit: "ms", better: "lower", targets: { node: 1.0 } },
  { key: "seq", short: "seq µs", label: "sequential round trip, 6-field map", unit: "µs/call", better: "lower", targets: { node: 0.75, c: 1.15 } },
  { key: "conc", short: "conc/s", label: "concurrent small requests, 256 in flight", unit: "calls/s", better: "higher", targets: { node: 1.3 } },
  { key: "echo16", short: "16MiB GB/s", label: "16 MiB raw echo, both directions", unit: "GB/s", better: "higher", targets: { node: 1.2, c: 0.85 } },
  { key: "s1k", short: "1KiB chunks/s", label: "stream of 1 KiB chunks", unit: "chunks/s", better: "higher", targets: { node: 4.5, c: 0.95 } },
  { key: "s1m", short: "1MiB GB/s", label: "stream of 1 MiB chunks", unit: "GB/s", better: "higher", targets: { node: 1.2 } },
  { key: "events", short: "events/s", label: "events, worker → parent", unit: "events/s", better: "higher", targets: { node: 3.6, c: 0.95 } },
  { key: "arrowEcho", short: "arrowEcho Mrows/s", label: "Arrow echo, Int64 + Float32 table (`arrowEcho`)", unit: "M rows/s", better: "higher", targets: { node: 1.5 } },
  { key: "arrowRaw", short: "raw Mrows/s", label: "raw echo of the same Arrow bytes (`echoRaw`)", unit: "M rows/s", better: "higher", targets: {} },
  { key: "embeddings", short: "embeddings Mrows/s", label: "Arrow embeddings, Int64 + 384 × Float32 per row (`embeddings`)", unit: "M rows/s", better: "higher", targets: { node: 1.5 } },
  { key: "rssIdle", short: "RSS idle", label: "RSS idle (after spawn)", unit: "MiB", better: "lower", targets: { node: 0.5 } },
  { key: "rssAfter", short: "RSS after", label: "RSS after the message workloads", unit: "MiB", better: "lower", targets: { node: 0.4 } },
  { key: "rssArrow", short: "RSS after Arrow", label: "RSS after the Arrow workloads", unit: "MiB", better: "lower", targets: {} },
  { key: "threadsIdle", short: "threads idle", label: "threads idle (after spawn)", unit: "threads", better: "lower", targets: {} },
  { key: "threadsAfter", short: "threads after", label: "threads after the message workloads", unit: "threads", better: "lower", targets: {} },
];

/**
 * What Arrow itself costs a worker: its CPU time per `arrowEcho` call divided by its CPU time per raw
 * echo of the same IPC bytes (the median of the per-repetition ratios), with the target on Java's.
 */
export const ARROW_COST = { better: "lower", target: 1.2 };

/** The target of JDK 25 against the default JDK on every metric: at least as good. */
export const JDK_PARITY = 1.0;

/** Column names of results saved without labels (before the JDK 25 worker ran in the same run). */
const NAMES = { java: "Java", java25: "Java 25", node: "Node", c: "C floor" };

const isJava = (key) => key.startsWith("java");

/** The name of worker {@code key} in the report: "Java 17" for the Java worker on JDK 17. */
export function labelOf(result, key) {
  return result.labels?.[key] ?? NAMES[key] ?? key;
}

/**
 * The ratios the report shows, {num, den, label, target(metric)} each: every Java worker's against the
 * reference Node worker, then against the C floor, then JDK 25's against the default JDK's.
 */
export function comparisons(result) {
  const { workers } = result;
  const out = [];
  for (const other of ["node", "c"].filter((k) => workers.includes(k))) {
    for (const java of workers.filter(isJava)) {
      out.push({ num: java, den: other, label: `${labelOf(result, java)} / ${labelOf(result, other)}`, target: (m) => m.targets[other] });
    }
  }
  if (workers.includes("java") && workers.includes("java25")) {
    out.push({ num: "java25", den: "java", label: `${labelOf(result, "java25")} / ${labelOf(result, "java")}`, target: () => JDK_PARITY });
  }
  return out;
}

export function median(values) {
  const v = values.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Worker {@code num}'s median of {@code metric} over worker {@code den}'s; undefined without both. */
export function ratio(medians, metric, num, den) {
  const a = medians[num]?.[metric.key];
  const b = medians[den]?.[metric.key];
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

/** Whether {@code r} meets {@code target} for {@code metric}; undefined without both. */
export function meets(metric, r, target) {
  if (r === undefined || target === undefined) return undefined;
  return metric.better === "lower" ? r <= target : r >= target;
}

export function formatValue(v) {
  if (v === undefined || v === null) return "–";
  if (v >= 100_000) return Math.round(v).toLocaleString("en-US");
  if (v >= 1_000) return Math.round(v).toLocaleString("en-US");
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  if (v >= 1) return v.toFixed(2);
  return v.toFixed(3);
}

function formatRatio(r) {
  return r === undefined ? "–" : r >= 10 ? r.toFixed(1) : r.toFixed(2);
}

function targetText(metric, t) {
  return t === undefined ? "" : `${metric.better === "lower" ? "≤" : "≥"} ${t}`;
}

function verdict(ok) {
  return ok === undefined ? "" : ok ? "met" : "**missed**";
}

/** The results table and the generated section of BENCHMARKS.md. */
export function renderMarkdown(result, { svgRelative, rawResults }) {
  const { env, medians, samples, workers, counts } = result;
  const name = (key) => labelOf(result, key);
  const cols = workers.map(name);
  const javas = Object.entries(env.javas ?? {});
  const others = comparisons(result);
  const parity = others.find((o) => o.den === "java");

  const head = ["metric", "unit", ...cols, ...others.flatMap((o) => [o.label, "target"])];
  const rows = [head, head.map(() => "---")];
  for (const m of METRICS) {
    if (!workers.some((w) => medians[w]?.[m.key] !== undefined)) continue;
    const row = [m.label, m.unit, ...workers.map((w) => formatValue(medians[w]?.[m.key]))];
    for (const o of others) {
      const r = ratio(medians, m, o.num, o.den);
      const t = o.target(m);
      row.push(formatRatio(r), [targetText(m, t), verdict(meets(m, r, t))].filter(Boolean).join(" "));
    }
    rows.push(row);
  }
  const table = rows.map((r) => `| ${r.join(" | ")} |`).join("\n");

  const spreadHead = ["metric", ...cols.map((c) => `${c} min – max (n)`)];
  const spread = [spreadHead, spreadHead.map(() => "---")];
  for (const m of METRICS) {
    if (!workers.some((w) => samples[w]?.[m.key])) continue;
    spread.push([
      `${m.label} (${m.unit})`,
      ...workers.map((w) => {
        const s = samples[w]?.[m.key];
        return s ? `${formatValue(Math.min(...s))} – ${formatValue(Math.max(...s))} (${s.length})` : "–";
      }),
    ]);
  }

  // CPU time per operation (worker and parent), from /proc and process.cpuUsage(): steadier than wall
  // time when other work shares the machine, and the figure an optimisation moves first.
  const cpuRows = [];
  for (const m of METRICS) {
    if (!workers.some((w) => medians[w]?.[`workerCpu.${m.key}`] !== undefined)) continue;
    cpuRows.push([
      `${m.label}`,
      ...workers.map((w) => formatValue(medians[w]?.[`workerCpu.${m.key}`])),
      ...workers.map((w) => formatValue(medians[w]?.[`parentCpu.${m.key}`])),
    ]);
  }
  const cpuHead = ["workload", ...cols.map((c) => `${c} worker µs`), ...cols.map((c) => `parent µs (with ${c})`)];
  const cpuTable = [cpuHead, cpuHead.map(() => "---"), ...cpuRows].map((r) => `| ${r.join(" | ")} |`).join("\n");

  const arrowCostRows = [];
  for (const w of workers) {
    const arrow = samples[w]?.["workerCpu.arrowEcho"];
    const raw = samples[w]?.["workerCpu.arrowRaw"];
    if (!arrow || !raw) continue;
    const r = median(arrow.map((a, i) => a / raw[i]));
    const t = isJava(w) ? ARROW_COST.target : undefined;
    arrowCostRows.push(`| ${name(w)} | ${formatValue(medians[w]["workerCpu.arrowEcho"])} | ${formatValue(medians[w]["workerCpu.arrowRaw"])} | ${
      formatRatio(r)} | ${[targetText(ARROW_COST, t), verdict(meets(ARROW_COST, r, t))].filter(Boolean).join(" ")} |`);
  }
  const arrowCost = arrowCostRows.length
    ? `
**What Arrow itself costs the worker**: its CPU time per \`arrowEcho\` call against a raw echo of the same
IPC stream bytes (\`echoRaw\`), and the median of the per-repetition ratios.

| worker | \`arrowEcho\` worker µs | raw echo of the same bytes, worker µs | ratio | target |
| --- | --- | --- | --- | --- |
${arrowCostRows.join("\n")}
`
    : "";
  const skipped = Object.entries(result.skipped ?? {})
    .map(([w, keys]) => `${name(w)}: ${keys.map((k) => METRICS.find((m) => m.key === k)?.label ?? k).join("; ")}`);
  const notMeasured = skipped.length
    ? `\n**Not measured** (the worker's module declares no such method): ${skipped.join(". ")}.\n`
    : "";

  // The floor's own ratio to Node bounds what any worker can reach under this parent.
  const floorRows = [];
  if (workers.includes("c") && workers.includes("node")) {
    for (const m of METRICS) {
      const t = m.targets.node;
      if (t === undefined || medians.c?.[m.key] === undefined || medians.node?.[m.key] === undefined) continue;
      if (m.key.startsWith("rss")) continue;
      const r = medians.c[m.key] / medians.node[m.key];
      floorRows.push(`| ${m.label} | ${formatRatio(r)} | ${targetText(m, t)} | ${meets(m, r, t) ? "reachable" : "**not reachable by any worker under this parent**"} |`);
    }
  }
  const floorTable = floorRows.length
    ? `\nThe C floor against Node, on the metrics both run: since no worker answers faster than the floor,
a Java / Node target beyond the floor's own ratio cannot be met under this parent.

| metric | C floor / Node | Java / Node target | |
| --- | --- | --- | --- |
${floorRows.join("\n")}
`
    : "";

  const section = `## End-to-end results

Generated by \`${result.command}\` on ${env.date.slice(0, 10)} (${env.seconds} s${result.quick ? ", **quick smoke counts: not a measurement**" : ""}).
Medians; a ratio A / B is worker A's median divided by worker B's, in the metric's unit, so for
ms, µs and MiB a ratio below 1 means A is better and for throughput a ratio above 1 does.${
  parity ? `\nThe target of ${parity.label} is ${JDK_PARITY} on every metric: the newer JDK at least as good.` : ""}

${table}
${notMeasured}
![The ratios of the table: each Java worker against Node and the C floor, and the two JDKs](${svgRelative})
${floorTable}
**CPU time per operation** (medians; worker: all its threads, from \`/proc/<pid>/stat\`; parent: this
process, \`process.cpuUsage()\`). Less sensitive than wall time to other load on the machine.

${cpuTable}
${arrowCost}
**Machine.** ${env.cpu}, ${env.nproc} cores, ${env.memGiB} GiB, ${env.kernel}; load average (1/5/15 min)
${env.loadStart} at the start, ${env.loadEnd} at the end. Node ${env.node}; ${
  javas.map(([k, j]) => `${name(k)}: ${j.version}`).join("; ")}; ${env.gcc}. Commit ${env.commit}.

**Java worker commands.**
${javas.map(([k, j]) => `- ${name(k)}: \`${j.command}\``).join("\n") || "(not run)"}
${javaCommandNotes(javas.map(([, j]) => j.command))}

**How.** One \`@procwire/core\` parent process (this script) drives every worker with the same
module definition (\`echo\` msgpack, \`echoRaw\` raw, \`stream\`, \`emit\` + event \`tick\`, \`arrowEcho\`
\`arrowCodec\` both ways, \`embeddings\` msgpack → \`arrowCodec\`; the C floor declares all but the two Arrow methods). Start-up: ${counts.spawns} spawns per worker, interleaved; each is
\`manager.spawn\` → ready (this includes the parent's fixed 100 ms spawn-error wait, so no worker can
be ready sooner), then \`manager.shutdown\` → process exit, then a bare spawn (no parent library) timed
to the first \`$init\` line. Throughput: ${counts.reps} repetition(s), each on a freshly spawned worker,
workers interleaved with the order rotated every round; within a repetition every figure is measured
after warming up on the same work (runs at half size, repeated for at least ${counts.warmupMs} ms). Counts per measured run: ${counts.seq} sequential
calls; ${counts.conc} calls with ${counts.inflight} in flight; ${counts.echo16} raw echoes of 16 MiB
(GB/s counts 2 × 16 MiB per call, GB = 10⁹ B); ${counts.s1k} chunks of 1 KiB; ${counts.s1m} chunks
of 1 MiB; ${counts.events} events; ${counts.arrowEcho ?? "–"} \`arrowEcho\` calls with a table of ${counts.arrowRows?.toLocaleString("en-US") ?? "–"} rows
(\`id\` Int64, \`score\` Float32; built once, sent as a \`Table\` through \`arrowCodec\`) and ${counts.arrowRaw ?? "–"} raw echoes of
its IPC stream bytes; ${counts.embeddings ?? "–"} \`embeddings {rows: ${counts.embRows?.toLocaleString("en-US") ?? "–"}, dim: ${counts.embDim ?? "–"}}\` calls (M rows/s: rows of
the tables per second, each table counted once per call). Every answer is checked (row count, schema, sampled values). The small request is the map
\`{id, name, price, quantity, tags: [2 strings], paid}\` (78 bytes of msgpack). RSS is \`VmRSS\` of the worker process from
\`/proc/<pid>/status\`: idle ${counts.settleMs} ms after ready, ${counts.afterMs ?? 0} ms after the message workloads (all but the Arrow
ones, whose tables would dominate it), and ${counts.afterMs ?? 0} ms after the Arrow workloads, at the end of a repetition;
threads are the entries of \`/proc/<pid>/task\` idle and after the message workloads. Raw samples: \`${rawResults}\`.

<details><summary>Spread of the samples</summary>

${spread.map((r) => `| ${r.join(" | ")} |`).join("\n")}

</details>
`;
  return { table, section };
}

/** What the options of the recorded Java commands are for, in brackets; empty for other commands. */
function javaCommandNotes(commands) {
  const all = commands.join(" ");
  const archives = [all.includes("SharedArchiveFile") && "class-data sharing archive", all.includes("AOTCache") && "ahead-of-time cache"]
    .filter(Boolean);
  const notes = [];
  if (archives.length) {
    notes.push(`the JVM options the README recommends for a worker, under "Running a worker"`,
      `the ${archives.join(" or the ")} is written for each worker by one training run of the same command under the parent, before any measurement`,
      "`--jvm-defaults` measures the JVM's defaults instead");
  }
  if (all.includes("--add-opens")) notes.push("`--add-opens` is what Arrow Java needs on JDK 17 and newer");
  return notes.length ? `(${notes.join(";\n")})` : "";
}

/**
 * Replaces the text between {@code <!-- name:begin -->} and {@code <!-- name:end -->} in {@code doc},
 * or appends a new marked section; text outside the markers (hand-written analysis) is kept.
 */
export function spliceSection(doc, name, content) {
  const begin = `<!-- ${name}:begin (generated by procwire-sample/bench/run.mjs; edit outside these markers) -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${begin}\n${content.trim()}\n${end}`;
  const re = new RegExp(`<!-- ${name}:begin[^>]*-->[\\s\\S]*?<!-- ${name}:end -->`);
  if (re.test(doc)) return doc.replace(re, () => block);
  const title = doc.trim() ? doc.replace(/\s*$/, "\n\n") : "# Benchmarks\n\n";
  return `${title}${block}\n`;
}

// ---- the chart -------------------------------------------------------------------------------

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A horizontal bar chart of each ratio of the report (one group per {@link comparisons} entry: how many
 * times better the first worker is than the second), on a log scale: the ratio itself for throughput,
 * its inverse for time and memory, so right of 1 is always "first ahead". Each bar carries the target
 * as a tick; green bars meet it, red ones miss it.
 */
export function renderSvg(result) {
  const { medians, env } = result;
  const groups = comparisons(result).map((o) => ({
    ...o,
    rows: METRICS.map((m) => {
      const r = ratio(medians, m, o.num, o.den);
      if (r === undefined) return null;
      const t = o.target(m);
      const adv = m.better === "lower" ? 1 / r : r;
      const tAdv = t === undefined ? undefined : m.better === "lower" ? 1 / t : t;
      return { m, r, adv, tAdv, ok: meets(m, r, t) };
    }).filter(Boolean),
  }));

  const W = 820;
  const labelW = 330;
  const x0 = labelW + 10;
  const plotW = W - x0 - 70;
  const rowH = 24;
  const lo = 0.1;
  const hi = 10;
  const x = (v) => x0 + ((Math.log10(Math.min(hi, Math.max(lo, v))) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotW;

  const out = [];
  let y = 70;
  for (const g of groups) {
    out.push(`<text x="10" y="${y + 14}" class="group">${esc(g.label)}</text>`);
    y += 24;
    for (const row of g.rows) {
      const { m, r, adv, tAdv, ok } = row;
      const color = ok === undefined ? "#78909c" : ok ? "#2e7d32" : "#c62828";
      const a = x(1);
      const b = x(adv);
      out.push(`<text x="${labelW}" y="${y + 16}" class="label" text-anchor="end">${esc(m.label.replace(/`/g, ""))}</text>`);
      out.push(`<rect x="${Math.min(a, b).toFixed(1)}" y="${y + 4}" width="${Math.max(1, Math.abs(b - a)).toFixed(1)}" height="${rowH - 8}" fill="${color}"/>`);
      if (tAdv !== undefined) {
        const tx = x(tAdv).toFixed(1);
        out.push(`<line x1="${tx}" x2="${tx}" y1="${y + 1}" y2="${y + rowH - 1}" class="target"/>`);
      }
      const text = `${adv >= 10 ? adv.toFixed(1) : adv.toFixed(2)}× (ratio ${formatRatio(r)})`;
      out.push(`<text x="${(Math.max(a, b) + 4).toFixed(1)}" y="${y + 16}" class="value">${esc(text)}</text>`);
      y += rowH;
    }
    y += 10;
  }
  const top = 64;
  const grid = [0.1, 0.2, 0.5, 1, 2, 5, 10]
    .map((v) => {
      const gx = x(v).toFixed(1);
      return `<line x1="${gx}" x2="${gx}" y1="${top}" y2="${y}" class="${v === 1 ? "one" : "grid"}"/><text x="${gx}" y="${y + 14}" class="axis" text-anchor="middle">${v}×</text>`;
    })
    .join("\n  ");
  const H = y + 44;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
  <style>
    .title { font-size: 15px; font-weight: bold; } .sub { font-size: 11px; fill: #555; }
    .group { font-size: 13px; font-weight: bold; } .label { font-size: 11px; } .value { font-size: 11px; }
    .axis { font-size: 10px; fill: #555; } .grid { stroke: #ddd; } .one { stroke: #333; }
    .target { stroke: #000; stroke-width: 2; stroke-dasharray: 3 2; }
  </style>
  <rect width="100%" height="100%" fill="#fff"/>
  <text x="10" y="20" class="title">How many times better the Java workers are (log scale; right of 1× = the first ahead)</text>
  <text x="10" y="38" class="sub">${esc("Group A / B: throughput A / B, time and memory B / A. Dashed tick = target; green = met, red = missed, grey = no target.")}</text>
  <text x="10" y="52" class="sub">${esc(`${env.date.slice(0, 10)}, ${env.cpu}, ${env.nproc} cores${result.quick ? " (quick smoke counts: not a measurement)" : ""}; see BENCHMARKS.md for the figures.`)}</text>
  ${grid}
  ${out.join("\n  ")}
  <text x="${x0 + plotW / 2}" y="${y + 32}" class="axis" text-anchor="middle">advantage of the first worker (×)</text>
</svg>
`;
}
