// Every sample service through the TypeScript module the processor generated for it
// (target/classes/META-INF/procwire/typescript): the module is declared by define<Service>() alone, the
// real parent's handshake must accept it, and each kind of method and event is used through the
// generated <Service>Client.

import { Module, workerCommand, spawn, settle, json, delay, until, run } from "./harness.mjs";
import { defineSeedWorker, SeedWorkerClient } from "../../../target/classes/META-INF/procwire/typescript/SeedWorker.procwire.mjs";
import { defineBenchWorker, BenchWorkerClient } from "../../../target/classes/META-INF/procwire/typescript/BenchWorker.procwire.mjs";
import { defineBookingDesk, BookingDeskClient } from "../../../target/classes/META-INF/procwire/typescript/BookingDesk.procwire.mjs";

/** The test's worker command with another main class. */
function executable(mainClass) {
  const { command, args } = workerCommand();
  return [command, [...args.slice(0, -1), mainClass]];
}

async function seed() {
  const mod = defineSeedWorker(new Module("seed").executable(...executable("dev.procwire.sample.SeedWorker")));
  const client = new SeedWorkerClient(mod);
  const logs = [];
  client.onLog((line) => logs.push(line.message));
  const { manager, errors } = await spawn(mod);
  const out = {
    add: await settle(client.add({ a: 1.5, b: 2 })),
    fibonacci: await settle(client.fibonacci(20)),
    isPrime: await settle(client.isPrime({ n: 97 })),
    sumArray: await settle(client.sumArray({ numbers: [1, 2, 3.5] })),
    echo: await settle(client.echo({ message: "hi" })),
  };
  await until(() => logs.length >= 5);
  out.logs = logs;
  await manager.shutdown();
  out.managerErrors = errors;
  return out;
}

async function bench() {
  const mod = defineBenchWorker(new Module("bench").executable(...executable("dev.procwire.sample.BenchWorker")));
  const client = new BenchWorkerClient(mod);
  const ticks = [];
  client.onTick((t) => ticks.push(json(t)));
  const { manager, errors } = await spawn(mod);
  const out = {
    echo: await settle(client.echo({ nested: [1, "two"] })),
    echoRaw: await settle(client.echoRaw(Buffer.from("cafe", "hex"))),
    emit: await settle(client.emit({ count: 3 })),
    ack: await settle(client.ackThenWork()),
    spin: await settle(client.spin(1)),
    fail: await settle(client.fail({ message: "no", code: "E_NO", data: { why: 1 } })),
  };
  const chunks = [];
  for await (const chunk of client.stream({ count: 4, size: 3 })) {
    // The declarations promise a Uint8Array for a byte[] chunk (bin); a Buffer would be one too.
    chunks.push({ uint8Array: chunk instanceof Uint8Array, bytes: chunk.length });
  }
  out.stream = chunks;
  // Generated as cancellable: an abort reaches the worker, which stops sleeping at once.
  const controller = new AbortController();
  const sleeping = settle(client.sleep({ ms: 60_000 }, { signal: controller.signal }));
  await delay(50);
  controller.abort();
  out.sleepAborted = await sleeping;
  out.afterAbort = await settle(client.spin({ ms: 1 }));
  // A stream aborted after its first chunk ends early.
  const streamController = new AbortController();
  let received = 0;
  out.streamAborted = await settle((async () => {
    for await (const _ of client.stream({ count: 1_000_000, size: 1 }, { signal: streamController.signal })) {
      if (++received === 1) streamController.abort();
    }
  })());
  out.streamReceived = received;
  await client.fireAndForget({ x: 1 });
  await until(() => ticks.some((t) => t.seq === -1));
  out.ticks = ticks;
  await manager.shutdown();
  out.managerErrors = errors;
  return out;
}

async function desk() {
  const mod = defineBookingDesk(new Module("desk").executable(...executable("dev.procwire.sample.booking.BookingDesk")));
  const client = new BookingDeskClient(mod);
  const audit = [];
  client.onAudit((e) => audit.push(json(e)));
  const { manager, errors } = await spawn(mod);
  const out = {
    now: await settle(client.now()),
    quote: await settle(client.quote({ room: "double", stay: "P2D" })),
    book: await settle(client.book({ guest: "Ada", room: "single", check_in: "2027-03-01", stay: "P3D" })),
  };
  const id = out.book.value?.booking_id;
  out.pay = await settle(client.pay({ booking_id: id, payment: { method: "card", last4: "4242", valid_until: "2029-12-31" } }));
  out.find = await settle(client.find(id));
  out.nowIsDate = (await client.now()) instanceof Date;
  out.arrivals = await settle(client.arrivals({ day: "2027-03-01" }));
  out.cancel = await settle(client.cancel({ booking_id: id }));
  await until(() => audit.length >= 3);
  out.audit = audit;
  await manager.shutdown();
  out.managerErrors = errors;
  return out;
}

run(async () => ({ seed: await seed(), bench: await bench(), desk: await desk() }));
