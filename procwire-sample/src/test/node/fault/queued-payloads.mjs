// Raw and MsgPack echoes of the BenchWorker whose requests wait in the worker's queue, with every byte
// of every answer compared with what was sent. Sizes straddle each of the worker's buffer thresholds.
//
// The queue is filled by order on the wire, not by timing: SCENARIO's calls go out while long sleeps
// hold all MAX_CONCURRENT handler slots, and the sleeps are aborted only afterwards. The worker reads a
// connection's frames in order, so it has read (and queued) every request before it sees the aborts
// that free the slots.
//
// SCENARIO:
//   echo  - rounds of queued echoes; the first round also fills the queue to PROCWIRE_MAX_QUEUED and
//           sends requests beyond it, which must be refused as OVERLOADED.
//   abort - the same, with some queued calls aborted before the slots free (the worker reads the
//           abort while the call waits) and some aborted a moment after (racing their answer).
//   drop  - the parent drops the data connection while calls are queued: it declares a maxPayloadSize
//           and one queued echo is larger than that, so its answer makes the parent close the socket.
//
// Env: FAULT_WORKER (the worker command, JSON), SCENARIO, MAX_CONCURRENT, SEED.
// Prints one JSON line: { event: "done", outcomes, failures, ... }.
import { readFileSync } from "node:fs";
import { Module, ModuleManager } from "@procwire/core";
import { msgpackCodec, rawCodec } from "@procwire/codecs";
import { emit, workerCommand } from "./common.mjs";

const KiB = 1024;
const MiB = 1024 * KiB;
/** The worker's buffer thresholds: direct payloads, its read buffer, eager allocation, direct limit. */
const THRESHOLDS = [64 * KiB, 256 * KiB, 16 * MiB, 64 * MiB];
/** Requests per round at most, and their bytes at most (a round is queued whole in the worker). */
const ROUND_REQUESTS = 12;
const ROUND_BYTES = 160 * MiB;
/** Echoes that fill the queue in the first echo round (PROCWIRE_MAX_QUEUED = this + MAX_CONCURRENT). */
const FILL = ROUND_REQUESTS;
/** In the drop scenario, answers above this make the parent drop the connection. */
const DROP_LIMIT = 32 * MiB;
/** Sleeps that hold the handler slots: long enough never to end on their own. */
const HOLD_MS = 600_000;

const SCENARIO = process.env.SCENARIO ?? "echo";
const MC = Number(process.env.MAX_CONCURRENT ?? 1);
const SEED = Number(process.env.SEED ?? 16) >>> 0;

// ---- seeded randomness ---------------------------------------------------------------------------

/** mulberry32: a small seeded generator of floats in [0, 1). */
function generator(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(SEED ^ 0x9e3779b9);
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)); // inclusive
const logBetween = (lo, hi) => Math.min(hi, Math.floor(Math.exp(Math.log(lo) + random() * (Math.log(hi) - Math.log(lo)))));
function shuffle(a) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** The bytes of request `index`: an xorshift32 stream seeded by the run's seed and the index, so no two requests share content. */
function pattern(index, length) {
  const words = new Uint32Array(Math.ceil(length / 4));
  let x = (Math.imul(SEED ^ 0x85ebca6b, 0x9e3779b1) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x;
  }
  return Buffer.from(words.buffer, 0, length);
}

// ---- what is sent --------------------------------------------------------------------------------

/** Bytes MsgPack adds around a Buffer of `n` bytes (the worker's thresholds apply to the frame's payload). */
function msgpackOverhead(n) {
  const probe = Math.min(n, 70_000); // every length from 65,536 on has the same (ext 32) header
  return msgpackCodec.serialize(Buffer.alloc(probe)).length - probe;
}

/** The Buffer length whose request frame carries `frameBytes` of payload. */
function bufferLengthFor(codec, frameBytes) {
  if (codec === "raw") return frameBytes;
  for (const o of [6, 4, 3, 2]) {
    const n = frameBytes - o;
    if (n >= 0 && msgpackOverhead(n) === o) return n;
  }
  return Math.max(0, frameBytes - 3);
}

/** Frame payload sizes: small ones, each threshold -1/0/+1, and random ones between thresholds. */
function planSizes({ between: perGap = 1, huge = 3 } = {}) {
  const sizes = [0, 1, between(2, 4 * KiB), between(4 * KiB, 64 * KiB - 2)];
  let previous = 64 * KiB;
  for (const t of THRESHOLDS) {
    const straddle = [t - 1, t, t + 1];
    if (t === 64 * MiB) sizes.push(...shuffle(straddle).slice(0, huge));
    else sizes.push(...straddle);
    if (t > previous) for (let k = 0; k < perGap; k++) sizes.push(logBetween(previous + 2, t - 2));
    previous = t;
  }
  return sizes;
}

let nextIndex = 0;
/** One echo request: its index (which seeds its bytes), method, frame payload size and Buffer length. */
function request(codec, frameBytes) {
  const index = nextIndex++;
  return { index, method: codec === "raw" ? "echoRaw" : "echo", frameBytes, length: bufferLengthFor(codec, frameBytes) };
}

/** Both codecs at every planned size, in a seeded order. */
function planRequests(options) {
  const all = [];
  for (const codec of ["raw", "msgpack"]) for (const s of planSizes(options)) all.push(request(codec, s));
  return shuffle(all);
}

/** Requests grouped into rounds of at most ROUND_REQUESTS and ROUND_BYTES (a larger request goes alone). */
function rounds(requests) {
  const out = [];
  let cur = [];
  let bytes = 0;
  for (const r of requests) {
    if (cur.length > 0 && (cur.length >= ROUND_REQUESTS || bytes + r.length > ROUND_BYTES)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(r);
    bytes += r.length;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

// ---- the worker ------------------------------------------------------------------------------------

function spawnModule() {
  let { cmd, args } = workerCommand();
  if (SCENARIO === "drop") {
    // The parent answers a dropped connection by killing its child with SIGKILL. Started under a shell,
    // the worker JVM outlives that kill, sees its connection and then its stdin end, and finishes its
    // own clean-up of the queued calls, so the test can see it (and its stderr) through to its exit.
    args = ["-c", '"$@"; exit $?', "sh", cmd, ...args];
    cmd = "sh";
  }
  const env = { PROCWIRE_MAX_CONCURRENT: String(MC) };
  if (SCENARIO === "echo") env.PROCWIRE_MAX_QUEUED = String(FILL + MC);
  const m = new Module("stress")
    .executable(cmd, args, { env })
    .method("echo", { cancellable: true })
    .method("echoRaw", { codec: rawCodec, cancellable: true })
    .method("sleep", { cancellable: true })
    .requestTimeout(0);
  if (SCENARIO === "drop") m.maxPayloadSize(DROP_LIMIT);
  return m;
}

// ---- outcomes ------------------------------------------------------------------------------------

const outcomes = { correct: 0, aborted: 0, disconnected: 0, overloaded: 0 };
const failures = [];
const firstBytes = new Map(); // hex of a payload's first 8 bytes -> request index, to name the owner of wrong bytes
const isAbort = (e) => e?.name === "AbortError";
const isDisconnect = (e) => /Module disconnected/.test(String(e?.message));
const isOverloaded = (e) => /overloaded/i.test(String(e?.message)) || e?.code === "OVERLOADED";

function describe(r) {
  return `#${r.index} ${r.method} ${r.length} B (frame payload ${r.frameBytes} B)`;
}

function fail(r, what) {
  if (failures.length < 20) failures.push(`${describe(r)}: ${what}`);
  else if (failures.length === 20) failures.push("…");
}

function check(r, sent, got) {
  if (!Buffer.isBuffer(got)) return fail(r, `answer is not a Buffer: ${typeof got} ${String(got).slice(0, 80)}`);
  if (got.length === sent.length && got.equals(sent)) {
    outcomes.correct++;
    return;
  }
  let at = 0;
  const n = Math.min(got.length, sent.length);
  while (at < n && got[at] === sent[at]) at++;
  const owner = got.length >= 8 ? firstBytes.get(got.subarray(0, 8).toString("hex")) : undefined;
  fail(r, `WRONG BYTES: answer of ${got.length} B differs from offset ${at}`
    + (owner !== undefined && owner !== r.index ? `, starts with the bytes of request #${owner}` : ""));
}

/** Sends `r` and records its outcome; `allowed` lists the errors this call may end with. */
function call(worker, r, { signal, allowed = [] } = {}) {
  const sent = pattern(r.index, r.length); // made now and dropped once checked: only a round's bytes are held
  if (sent.length >= 8) firstBytes.set(sent.subarray(0, 8).toString("hex"), r.index);
  return worker.send(r.method, sent, signal ? { signal } : undefined).then(
    (got) => check(r, sent, got),
    (e) => {
      if (allowed.includes("aborted") && isAbort(e)) outcomes.aborted++;
      else if (allowed.includes("disconnected") && isDisconnect(e)) outcomes.disconnected++;
      else if (allowed.includes("overloaded") && isOverloaded(e)) outcomes.overloaded++;
      else fail(r, `failed: ${e?.name} ${e?.code ?? ""} ${e?.message ?? e}`);
    });
}

const HOLDER = { index: -1, method: "sleep", length: 0, frameBytes: 0 };

/** Sleeps that take every handler slot (or wait in the queue ahead of what follows); abort() ends them. */
function holdSlots(worker, allowed = ["aborted"]) {
  const controllers = [];
  const done = [];
  for (let i = 0; i < MC; i++) {
    const ac = new AbortController();
    controllers.push(ac);
    done.push(worker.send("sleep", { ms: HOLD_MS }, { signal: ac.signal }).then(
      (v) => fail(HOLDER, `a holding sleep ended on its own: ${v}`),
      (e) => {
        if (!(isAbort(e) && allowed.includes("aborted")) && !(isDisconnect(e) && allowed.includes("disconnected"))) {
          fail(HOLDER, `a holding sleep failed: ${e?.message ?? e}`);
        }
      }));
  }
  return { release: () => controllers.forEach((ac) => ac.abort()), done: Promise.all(done) };
}

// ---- scenarios -----------------------------------------------------------------------------------

/** Echo rounds, all queued; the first one fills the queue and goes beyond it. */
async function echoScenario(worker) {
  const fill = [];
  for (let i = 0; i < FILL + MC; i++) fill.push(request(random() < 0.5 ? "raw" : "msgpack", logBetween(2, 1 * MiB)));
  const beyond = [request("raw", between(64 * KiB + 1, 1 * MiB)), request("raw", between(64 * KiB + 1, 1 * MiB)), request("msgpack", 1000)];
  const plan = rounds(planRequests());
  let sent = fill.length + beyond.length;
  // First round: the worker is fresh, so the MC sleeps run and the queue holds exactly FILL + MC.
  {
    const hold = holdSlots(worker);
    const calls = fill.map((r) => call(worker, r));
    // Answered by the worker's reader at once, the queue being full (not awaited before the release:
    // were they queued, they would wait for the slots).
    calls.push(...beyond.map((r) => call(worker, r, { allowed: ["overloaded"] })));
    hold.release();
    await Promise.all([...calls, hold.done]);
  }
  for (const round of plan) {
    sent += round.length;
    // A round's sleeps may wait behind the last round's, still ending: then they queue too, ahead of
    // the round's echoes, which stay at most FILL + MC in the queue.
    const hold = holdSlots(worker);
    const calls = round.map((r) => call(worker, r));
    hold.release();
    await Promise.all([...calls, hold.done]);
  }
  return { sent, rounds: plan.length + 1, expectedOverloaded: beyond.length };
}

/** Echo rounds with aborts: some read by the worker while the call waits, some racing the answer. */
async function abortScenario(worker) {
  const plan = rounds(planRequests({ huge: 1 }));
  let abortedWhileQueued = 0;
  let abortedRacing = 0;
  let sent = 0;
  for (const round of plan) {
    sent += round.length;
    const hold = holdSlots(worker);
    const abortNow = [];
    const calls = round.map((r) => {
      const ac = new AbortController();
      const p = call(worker, r, { signal: ac.signal, allowed: ["aborted"] });
      const u = random();
      if (u < 0.35) {
        abortedWhileQueued++;
        abortNow.push(() => ac.abort()); // before the slots free: the worker reads it while the call waits
      } else if (u < 0.6) {
        abortedRacing++;
        const delay = between(0, 3);
        r.abortLater = () => setTimeout(() => ac.abort(), delay);
      }
      return p;
    });
    abortNow.forEach((abort) => abort());
    hold.release();
    round.forEach((r) => r.abortLater?.());
    await Promise.all([...calls, hold.done]);
  }
  return { sent, rounds: plan.length, abortedWhileQueued, abortedRacing };
}

/**
 * One round: echoes answered before the drop, the oversized echo that makes the parent drop the
 * connection, sleeps that take the slots after it, and echoes of every size queued behind them, still
 * queued when the connection drops.
 */
async function dropScenario(worker) {
  const head = shuffle(planSizes({ huge: 0 }).filter((s) => s <= 16 * MiB + 1)).slice(0, 8)
    .map((s) => request(random() < 0.5 ? "raw" : "msgpack", s));
  const tripwire = request("raw", DROP_LIMIT + 1);
  const tail = planRequests({ huge: 1 });
  const hold = holdSlots(worker);
  const calls = head.map((r) => call(worker, r, { allowed: ["disconnected"] }));
  calls.push(call(worker, tripwire, { allowed: ["disconnected"] }));
  const holders = holdSlots(worker, ["disconnected"]); // queued behind the tripwire: they take the slots once it is answered
  calls.push(...tail.map((r) => call(worker, r, { allowed: ["disconnected"] })));
  hold.release();
  await Promise.all([...calls, hold.done, holders.done]);
  return { sent: head.length + 1 + tail.length, rounds: 1, queuedAtDrop: tail.length, tripwire: describe(tripwire) };
}

/** Whether a process exists and has not exited (a zombie has). */
function running(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3));
  } catch {
    return false;
  }
}

// ---- run -----------------------------------------------------------------------------------------

const worker = spawnModule();
const manager = new ModuleManager();
const parentErrors = [];
manager.on("module:error", (_name, err) => parentErrors.push(String(err?.message ?? err)));
worker.on("error", (err) => parentErrors.push(String(err?.message ?? err)));
manager.register(worker);
await manager.spawn();
const pid = worker.process.pid;
let jvmPid = pid;
let wrapperExit = null;
if (SCENARIO === "drop") {
  jvmPid = Number(readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/)[0]);
  // Whether the worker JVM was still there when the parent's kill of its shell took effect.
  wrapperExit = new Promise((resolve) => worker.process.once("exit", (_code, signal) =>
    resolve({ signal, jvmAlive: running(jvmPid) })));
}
emit({ event: "spawned", pid, jvmPid });

const t0 = performance.now();
const scenarios = { echo: echoScenario, abort: abortScenario, drop: dropScenario };
const summary = await scenarios[SCENARIO](worker);
if (wrapperExit) summary.wrapperExit = await wrapperExit;
const ms = Math.round(performance.now() - t0);
emit({ event: "done", scenario: SCENARIO, maxConcurrent: MC, seed: SEED, ms, ...summary, outcomes, failures,
  parentErrors: parentErrors.slice(0, 5), state: worker.state });
await manager.shutdown();
