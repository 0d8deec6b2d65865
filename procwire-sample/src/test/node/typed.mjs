// The TypedWorker (a generated binding) through the real parent: what a JavaScript caller receives for
// BigInteger and long results, what a BigInteger parameter accepts, and the errors of parameters that
// refuse what was sent (a validating record, a number beyond a float); and, through the generated client,
// methods that read no payload under the raw and Arrow codecs, and a raw answer of nothing.

import { Module, workerCommand, spawn, settle, run } from "./harness.mjs";
import { defineTypedWorker, TypedWorkerClient } from "../../../target/test-classes/META-INF/procwire/typescript/TypedWorker.procwire.mjs";

/** The value as JavaScript has it: its type and its exact text (JSON would hide a bigint or round nothing). */
async function seen(promise) {
  try {
    const v = await promise;
    return { ok: true, type: typeof v, text: String(v) };
  } catch (e) {
    return { ok: false, message: String(e?.message ?? e), code: e?.data?.code ?? null };
  }
}

run(async () => {
  const { command, args } = workerCommand();
  const mod = new Module("typed")
    .executable(command, args)
    .method("width")
    .method("half")
    .method("big")
    .method("bigText")
    .method("longOf");
  const { manager, errors } = await spawn(mod);
  const out = {};

  out.width = {
    valid: await settle(mod.send("width", { lo: 1, hi: 5 })),
    refused: await settle(mod.send("width", { lo: 5, hi: 1 })),
  };
  out.half = {
    valid: await settle(mod.send("half", { x: 3 })),
    beyondFloat: await settle(mod.send("half", { x: 1e300 })),
  };

  const digits = ["0", "5", "-5", "9007199254740991", "-9007199254740991", "9007199254740992", "9007199254740993",
    "-9007199254740993", "9223372036854775807", "18446744073709551615", "18446744073709551616",
    "123456789012345678901234567890"];
  out.big = {};
  for (const d of digits) out.big[d] = await seen(mod.send("big", { digits: d }));
  // What a caller sends back: the string it received, or a number when it holds one.
  out.bigText = {
    fromItsOwnString: await seen(mod.send("bigText", { n: (await mod.send("big", { digits: "-123456789012345678901234567890" })) })),
    fromASafeNumber: await seen(mod.send("bigText", { n: 9007199254740991 })),
    fromTwoTo53: await seen(mod.send("bigText", { n: 2 ** 53 })),
  };
  out.longOf = {
    maxSafe: await seen(mod.send("longOf", { digits: "9007199254740991" })),
    beyondSafe: await seen(mod.send("longOf", { digits: "9007199254740993" })),
  };

  await manager.shutdown();
  out.managerErrors = errors;
  out.generated = await generatedClient(command, args);
  return out;
});

/** The methods whose payloads are not values, called through the generated TypedWorkerClient. */
async function generatedClient(command, args) {
  const mod = defineTypedWorker(new Module("typed-generated").executable(command, args));
  const client = new TypedWorkerClient(mod);
  const { manager, errors } = await spawn(mod);
  const bytes = async (promise) => {
    const r = await settle(promise, { raw: true });
    return r.ok ? { ok: true, isBuffer: Buffer.isBuffer(r.value), hex: Buffer.from(r.value).toString("hex") } : r;
  };
  const out = {
    stamp: await bytes(client.stamp()),
    store: await bytes(client.store(Buffer.from([1, 2, 3]))),
    ping: await settle(client.ping()),
  };
  await manager.shutdown();
  out.managerErrors = errors;
  return out;
}
