// The two ways a Node parent can drive the Java seed worker, behind one small interface:
//   const parent = await startCoreParent({ onLog });   // @procwire/core, binary data plane
//   const parent = await startStdioParent({ onLog });  // @procwire/transport, JSON-RPC on stdio
//   await parent.call("add", { a: 42, b: 58 });        // → 100
//   await parent.stop();
// The worker is the same jar, started the same way, with no flag.

import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Module, ModuleManager } from "@procwire/core";
import { createStdioChannel } from "@procwire/transport";

const here = dirname(fileURLToPath(import.meta.url));

/** The jar built by `mvn -DskipTests package`. */
export const jarPath = join(here, "..", "target", "procwire-sample.jar");

/** The java launcher: $JAVA, else $JAVA_HOME/bin/java, else java on the PATH. */
export const javaCommand =
  process.env.JAVA ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java");

// PROCWIRE_SEED_WORKER (a JSON array: [command, ...args]) starts the worker another way, e.g. from a
// class path instead of the jar (the test suite does this).
const override = process.env.PROCWIRE_SEED_WORKER ? JSON.parse(process.env.PROCWIRE_SEED_WORKER) : null;
const [command, ...args] = override ?? [javaCommand, "-jar", jarPath];

/** The program that runs the worker (java, unless PROCWIRE_SEED_WORKER says otherwise). */
export const workerCommand = command;

/** How the worker is started, for printing. */
export function describeWorker() {
  return override ? "PROCWIRE_SEED_WORKER" : `${javaCommand} -jar ${relative(process.cwd(), jarPath) || jarPath}`;
}

/** Fails with a helpful message when the jar has not been built. */
export function requireJar() {
  if (!override && !existsSync(jarPath)) {
    throw new Error(`${jarPath} not found: build it first with "mvn -q -DskipTests package" in the repository root`);
  }
}

export const METHODS = ["add", "multiply", "fibonacci", "is_prime", "sum_array", "echo"];

/** A @procwire/core parent: spawns the worker, which connects over the binary data plane. */
export async function startCoreParent({ onLog = () => {}, timeout = 60_000 } = {}) {
  requireJar();
  const worker = new Module("seed").executable(command, args).requestTimeout(timeout);
  for (const m of METHODS) worker.method(m);
  worker.event("log");
  worker.onEvent("log", (event) => onLog(event.message));
  const manager = new ModuleManager();
  manager.register(worker);
  await manager.spawn();
  return {
    name: "@procwire/core",
    call: (method, params) => worker.send(method, params),
    stop: () => manager.shutdown(),
  };
}

/**
 * A @procwire/transport createStdioChannel parent: line-delimited JSON-RPC 2.0 on the worker's
 * stdin/stdout. stop() sends the `shutdown` notification the original example sends and waits for
 * the worker's `__shutdown_complete__`.
 */
export async function startStdioParent({ onLog = () => {}, timeout = 60_000 } = {}) {
  requireJar();
  const channel = await createStdioChannel(command, { args, timeout });
  let shutdownComplete;
  const completed = new Promise((resolve) => (shutdownComplete = resolve));
  channel.onNotification((notification) => {
    if (notification.method === "log") {
      onLog(notification.params.message);
    } else if (notification.method === "__shutdown_complete__") {
      shutdownComplete(notification.params);
    }
    // Anything else (the worker's v2 `$init` announcement first of all) is not for this parent.
  });
  return {
    name: "@procwire/transport",
    channel,
    call: async (method, params) => {
      try {
        return await channel.request(method, params);
      } catch (error) {
        // The channel rejects with "Request failed" and keeps the JSON-RPC error object as the cause.
        if (error?.cause?.message !== undefined) {
          const e = new Error(error.cause.message);
          e.code = error.cause.code;
          e.data = error.cause.data;
          throw e;
        }
        throw error;
      }
    },
    stop: async () => {
      await channel.notify("shutdown", {});
      let timer;
      const done = await Promise.race([completed, new Promise((r) => (timer = setTimeout(() => r(null), 5000)))]);
      clearTimeout(timer);
      await channel.close();
      return done;
    },
  };
}
