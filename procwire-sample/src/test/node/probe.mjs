// The probe worker through the real parent: cancellation callbacks, the schema's per-method timeout,
// events from other threads, and acks followed by more work.

import { Module, workerCommand, spawn, settle, json, until, run } from "./harness.mjs";

run(async () => {
  const { command, args } = workerCommand();
  const mod = new Module("probe")
    .executable(command, args)
    .method("waitCancel", { cancellable: true })
    .method("slowWithTimeout", { cancellable: true })
    .method("emitFromThreads")
    .method("ackThenEmit", { response: "ack" })
    .method("ackEmpty", { response: "ack" })
    .method("ackImplicit", { response: "ack" })
    .method("releaseAck")
    .method("echo")
    .event("tick")
    .event("cancelled")
    .event("afterAck")
    .event("waiting");
  const { manager, errors } = await spawn(mod);
  const events = { tick: [], cancelled: [], afterAck: [], waiting: [] };
  for (const name of Object.keys(events)) mod.onEvent(name, (e) => events[name].push({ at: performance.now(), e: json(e) }));
  const out = {};

  const controller = new AbortController();
  const pending = settle(mod.send("waitCancel", { ms: 10000 }, { signal: controller.signal }));
  // Abort once the handler has started (and registered its callback), not merely after a delay.
  await until(() => events.waiting.length > 0, 5000);
  controller.abort();
  const aborted = await pending;
  await until(() => events.cancelled.length > 0, 3000);
  out.abort = { aborted, started: events.waiting.length, cancelled: events.cancelled.map((x) => x.e) };

  out.schemaTimeout = await settle(mod.send("slowWithTimeout", { ms: 3000 }));

  out.threads = await settle(mod.send("emitFromThreads", { threads: 4, count: 500 }));
  out.ticks = events.tick.map((x) => x.e);

  // The handler acks, then waits until it is released: the ack resolving at all shows it came while
  // the handler was still at work; the event shows the handler went on after it.
  events.afterAck.length = 0;
  out.ack = await settle(mod.send("ackThenEmit", { release: true }));
  out.ack.afterAckEventsAtAck = events.afterAck.length;
  out.ack.release = await settle(mod.send("releaseAck", {}));
  await until(() => events.afterAck.length > 0, 3000);
  out.ack.afterAckEvents = events.afterAck.length;
  out.ack.afterAck = events.afterAck.length ? events.afterAck[0].e : null;

  events.afterAck.length = 0;
  out.ackEmpty = await settle(mod.send("ackEmpty", {}));
  await until(() => events.afterAck.length > 0, 3000);
  out.ackEmpty.afterAckEvents = events.afterAck.length;

  out.ackImplicit = await settle(mod.send("ackImplicit", {}));

  out.after = await settle(mod.send("echo", "still serving"));
  out.errors = [...errors];
  await manager.shutdown();
  return out;
});
