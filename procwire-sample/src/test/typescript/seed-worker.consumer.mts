// Compiled by GeneratedTypeScriptTest with tsc --strict --noEmit: every line without @ts-expect-error must
// type-check, and every @ts-expect-error line must be an error.
import { Module } from "@procwire/core";
import { defineSeedWorker, SeedWorkerClient, type LogLine } from "../../../target/classes/META-INF/procwire/typescript/SeedWorker.procwire.mjs";

const module = defineSeedWorker(new Module("seed").executable("java", ["-jar", "procwire-sample.jar"]));
const seed = new SeedWorkerClient(module);

export async function use(signal: AbortSignal): Promise<number> {
  const sum: number = await seed.add({ a: 1, b: 2 }, { signal });
  const fib: number = await seed.fibonacci(10) + await seed.fibonacci({ n: 10 });
  const prime: boolean = await seed.isPrime({ n: 7 });
  const total: number = await seed.sumArray({ numbers: [1, 2, 3] });
  const echoed: string | null = await seed.echo({ message: "hi" });
  const unsubscribe: () => void = seed.onLog((line: LogLine | null) => console.log(line?.message));
  unsubscribe();
  // typed send through the module itself, too
  const product: number = await module.send("multiply", { a: 2, b: 3 });

  // @ts-expect-error a wrong payload type: a is a number
  await seed.add({ a: "1", b: 2 });
  // @ts-expect-error a missing required key: b is a primitive
  await seed.add({ a: 1 });
  // @ts-expect-error an unknown method
  await seed.subtract({ a: 1, b: 2 });
  // @ts-expect-error a wrong use of an event payload: message is a string
  seed.onLog((line) => { const n: number = line!.message; return n; });
  // @ts-expect-error the result is a number, not a string
  const wrong: string = await seed.add({ a: 1, b: 2 });
  return sum + fib + total + product + (prime ? 1 : 0) + (echoed?.length ?? 0) + wrong.length;
}
