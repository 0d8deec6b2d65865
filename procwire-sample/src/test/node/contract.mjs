// The bench contract through the real parent: every response kind, events, errors, abort, and
// concurrency. Runs against the Java BenchWorker and the reference worker alike.

import { benchModule, spawn, settle, json, delay, until, run } from "./harness.mjs";

run(async () => {
  const mod = benchModule();
  const { manager, errors } = await spawn(mod);
  const ticks = [];
  mod.onEvent("tick", (t) => ticks.push(json(t)));
  const out = {};

  // result: values of every shape the parent's codec produces
  out.echo = {
    map: await settle(mod.send("echo", { a: 1, b: "x", nested: { list: [1, 2, 3], nil: null, yes: true } })),
    string: await settle(mod.send("echo", "héllo")),
    int40: await settle(mod.send("echo", 2 ** 40)),
    int53: await settle(mod.send("echo", 2 ** 53)),
    negative: await settle(mod.send("echo", -300)),
    half: await settle(mod.send("echo", 0.5)),
    nil: await settle(mod.send("echo", null)),
    buffer: await settle(mod.send("echo", Buffer.from([1, 2, 3]))),
    uint8: await settle(mod.send("echo", new Uint8Array([4, 5]))),
    date: await settle(mod.send("echo", new Date(1700000000123))),
    jsMap: await settle(mod.send("echo", new Map([["k", 1]]))),
  };

  // raw codec
  out.echoRaw = {
    bytes: await settle(mod.send("echoRaw", Buffer.from([0xc1, 0x00, 0xff]))),
    empty: await settle(mod.send("echoRaw", Buffer.alloc(0))),
  };
  // large payloads (read into the worker's pooled direct buffers): one above the eager allocation
  // limit, then three at once, so that a buffer reused too early would show as a wrong echo
  const large = async (sizes) => {
    const sent = sizes.map((n, i) => {
      const b = Buffer.alloc(n);
      for (let j = 0; j + 4 <= n; j += 4096) b.writeUInt32LE((j * 2654435761 + i) >>> 0, j);
      b[n - 1] = 0x80 + i;
      return b;
    });
    const back = await Promise.all(sent.map((b) => mod.send("echoRaw", b)));
    return back.map((b, i) => ({ length: b.length, same: Buffer.compare(Buffer.from(b), sent[i]) === 0 }));
  };
  out.echoRawLarge = {
    above16MiB: await large([(21 << 20) + 5]),
    concurrent: await large([16 << 20, 3 << 20, (64 << 10) + 1]),
  };

  // stream: chunks then end
  const chunks = [];
  for await (const c of mod.stream("stream", { count: 5, size: 3 })) chunks.push(json(c));
  out.stream = chunks;
  const none = [];
  for await (const c of mod.stream("stream", { count: 0, size: 3 })) none.push(json(c));
  out.emptyStream = none;

  // events arrive before the result that follows them
  ticks.length = 0;
  const emitted = await settle(mod.send("emit", { count: 5 }));
  out.emit = { result: emitted, ticksAtResult: [...ticks] };

  out.sleep = await settle(mod.send("sleep", { ms: 20 }));
  out.spin = await settle(mod.send("spin", { ms: 20 }));

  // errors
  out.fail = await settle(mod.send("fail", { message: "boom", code: "E_BOOM", data: { k: [1, 2] } }));
  out.failMessageOnly = await settle(mod.send("fail", { message: "plain" }));

  // ack
  out.ack = await settle(mod.send("ackThenWork", {}));

  // none: nothing comes back, but the handler runs
  ticks.length = 0;
  out.none = { result: await settle(mod.send("fireAndForget", { z: 1 })) };
  await until(() => ticks.length > 0, 3000);
  out.none.ticks = [...ticks];

  // abort via AbortController
  const controller = new AbortController();
  const aborted = settle(mod.send("sleep", { ms: 3000 }, { signal: controller.signal }));
  await delay(100);
  controller.abort();
  out.abort = { aborted: await aborted, after: await settle(mod.send("echo", "after abort")) };

  // abort a stream midway
  const streamController = new AbortController();
  let received = 0;
  let streamError = null;
  try {
    for await (const _ of mod.stream("stream", { count: 10_000_000, size: 16 }, { signal: streamController.signal })) {
      received++;
      if (received === 10) streamController.abort();
    }
  } catch (e) {
    streamError = { name: e?.name, message: String(e?.message) };
  }
  out.abortStream = { received, error: streamError, after: await settle(mod.send("echo", "after stream abort")) };

  // a slow handler does not delay another's response
  const slow = settle(mod.send("sleep", { ms: 3000 }));
  await delay(20);
  const quick = await settle(mod.send("echo", "quick"));
  out.concurrency = { quick, slow: await slow };

  // nor do CPU-bound ones
  const spins = [settle(mod.send("spin", { ms: 2000 })), settle(mod.send("spin", { ms: 2000 }))];
  await delay(20);
  const quickBehindCpu = await settle(mod.send("echo", "quick"));
  out.cpuConcurrency = { quick: quickBehindCpu, spins: await Promise.all(spins) };

  // a mistyped payload is an error for that request only
  const mistypedChunks = [];
  let mistypedError = null;
  try {
    for await (const c of mod.stream("stream", "not a map")) mistypedChunks.push(json(c));
  } catch (e) {
    mistypedError = { name: e?.name, message: String(e?.message) };
  }
  out.mistyped = {
    stream: { chunks: mistypedChunks, error: mistypedError },
    emit: await settle(mod.send("emit", { count: "three" })),
    after: await settle(mod.send("echo", "after mistyped")),
  };

  const start = performance.now();
  await manager.shutdown();
  out.shutdownMs = Math.round(performance.now() - start);
  out.errors = errors;
  out.state = mod.state;
  return out;
});
