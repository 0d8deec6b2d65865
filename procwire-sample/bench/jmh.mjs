// The JMH suite (procwire-runtime/src/jmh): builds it with the `jmh` Maven profile, runs it with the GC
// profiler, and renders its results as the JMH section of BENCHMARKS.md. Used by `run.mjs --jmh`, or alone:
//
//   node procwire-sample/bench/jmh.mjs [--quick] [--results FILE]   # prints the section
//
// The JMH command it runs is printed, so it can be repeated by hand with other options.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot, javaLauncher } from "./workers.mjs";

const jmhDir = path.join(repoRoot, "procwire-runtime", "target", "jmh");
const jar = path.join(jmhDir, "benchmarks.jar");
const defaultResults = path.join(jmhDir, "results.json");

/** Builds and runs the suite; returns the Markdown section. */
export function runJmh({ quick = false, log = (s) => process.stderr.write(s + "\n") } = {}) {
  const build = ["-q", "-o", "-Pjmh", "-pl", "procwire-runtime", "-am", "-DskipTests", "package"];
  log(`JMH: mvn ${build.join(" ")}`);
  execFileSync("mvn", build, { cwd: repoRoot, stdio: "inherit" });
  const java = javaLauncher();
  const args = ["-jar", jar, "-prof", "gc", "-rf", "json", "-rff", defaultResults];
  if (quick) args.push("-wi", "1", "-i", "1", "-w", "200ms", "-r", "300ms");
  log(`JMH: ${path.basename(java)} ${args.map((a) => (a.startsWith("/") ? path.relative(repoRoot, a) : a)).join(" ")}`);
  execFileSync(java, args, { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] });
  return renderJmh(JSON.parse(readFileSync(defaultResults, "utf8")), {
    command: `mvn ${build.join(" ")} && java ${args.map((a) => (a.startsWith("/") ? path.relative(repoRoot, a) : a)).join(" ")}`,
    quick,
  });
}

/** Index results by "Class.method" plus params: { score (ops/s), error, alloc (B/op) }. */
function index(results) {
  const out = {};
  for (const r of results) {
    const name = r.benchmark.split(".").slice(-2).join(".");
    const params = r.params ? Object.values(r.params).join(",") : "";
    const key = params ? `${name}[${params}]` : name;
    out[key] = {
      score: r.primaryMetric.score,
      error: r.primaryMetric.scoreError,
      unit: r.primaryMetric.scoreUnit,
      alloc: r.secondaryMetrics?.["gc.alloc.rate.norm"]?.score,
      jdk: r.jdkVersion,
      vm: r.vmName,
    };
  }
  return out;
}

const n0 = (v) => (v === undefined || Number.isNaN(v) ? "–" : Math.round(v).toLocaleString("en-US"));
const pm = (r) => (r.error && Number.isFinite(r.error) ? ` ± ${Math.round(r.error).toLocaleString("en-US")}` : "");

export function renderJmh(results, { command, quick }) {
  const r = index(results);
  const any = Object.values(r)[0];
  const rows = [];
  const pair = (label, ours, theirs) => {
    const a = r[ours];
    const b = r[theirs];
    if (!a || !b) return;
    const speed = a.score / b.score;
    const lessAlloc = a.alloc !== undefined && b.alloc !== undefined ? a.alloc < b.alloc : undefined;
    const met = speed >= 2 && lessAlloc !== false;
    rows.push(`| ${label} | ${n0(a.score)}${pm(a)} | ${n0(a.alloc)} | ${n0(b.score)}${pm(b)} | ${n0(b.alloc)} | ${speed.toFixed(2)}× | ≥ 2× and less allocation: ${met ? "met" : "**missed**"} |`);
  };
  pair("encode one `Order`", "SerializerBenchmark.generatedEncode", "SerializerBenchmark.jacksonEncode");
  pair("decode one `Order`", "SerializerBenchmark.generatedDecode", "SerializerBenchmark.jacksonDecode");

  const extra = [];
  for (const [key, label] of [
    ["SerializerBenchmark.generatedEncodeReused", "generated-shape encode into a reused writer"],
    ["SerializerBenchmark.dynamicEncode", "dynamic model encode (`Codecs.VALUE`, maps and lists)"],
    ["SerializerBenchmark.dynamicDecode", "dynamic model decode (`readValue()`)"],
    ["FrameBenchmark.decodeSmall", "decode a 78-byte-payload frame (from a batch of 64)"],
    ["FrameBenchmark.encodeSmall", "encode a 78-byte-payload frame, fresh writer (as today)"],
    ["FrameBenchmark.encodeSmallReused", "encode a 78-byte-payload frame, reused writer"],
    ["FrameBenchmark.decodeLarge[1048576]", "decode a 1 MiB frame"],
    ["FrameBenchmark.decodeLarge[16777216]", "decode a 16 MiB frame"],
    ["FrameBenchmark.encodeLarge[1048576]", "encode a 1 MiB bin chunk frame"],
    ["FrameBenchmark.encodeLarge[16777216]", "encode a 16 MiB bin frame"],
  ]) {
    const x = r[key];
    if (!x) continue;
    const size = /\[(\d+)\]/.exec(key)?.[1];
    const gbs = size ? ` (${((x.score * Number(size)) / 1e9).toFixed(1)} GB/s)` : "";
    extra.push(`| ${label} | ${n0(x.score)}${pm(x)}${gbs} | ${n0(x.alloc)} |`);
  }

  return `## Microbenchmarks (JMH)

Command: \`${command}\`${quick ? " (**quick smoke settings: not a measurement**)" : ""}. JMH 1.37,
${any ? `${any.vm} ${any.jdk}` : ""}; throughput in operations per second (mean of the measured
iterations ± the 99.9% error JMH reports), allocation in bytes per operation from \`-prof gc\`
(\`gc.alloc.rate.norm\`). Sources: \`procwire-runtime/src/jmh/java/dev/procwire/runtime/bench\`.

The representative object is an \`Order\` record: \`id\` (long), \`customer\` (string), \`total\`
(double), \`paid\` (boolean), \`tags\` (list of 2 strings) and \`lines\` (list of 3 records of 3 fields),
196 bytes of MsgPack. Both serializers produce and read exactly the same bytes (checked at set-up).

| operation | generated shape, ops/s | B/op | Jackson + jackson-dataformat-msgpack, ops/s | B/op | speed-up | target |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

| other measurement | ops/s | B/op |
| --- | --- | --- |
${extra.join("\n")}
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const i = args.indexOf("--results");
  if (i >= 0) {
    const file = path.resolve(args[i + 1]);
    if (!existsSync(file)) throw new Error(`no results at ${file}`);
    console.log(renderJmh(JSON.parse(readFileSync(file, "utf8")), { command: "(saved results)", quick }));
  } else {
    console.log(runJmh({ quick }));
  }
}
