// The real parent starting the worker through a launcher script (sh stays between them): the default
// peer check must accept the parent, which is then the worker's grandparent.
import { ModuleManager } from "@procwire/core";
import { emit, faultModule, workerCommand } from "./common.mjs";

const { cmd, args } = workerCommand();
const quote = (a) => `'${a.replace(/'/g, `'\\''`)}'`;
const script = [cmd, ...args].map(quote).join(" ") + "; exit $?";
const worker = faultModule("fault", { executable: { cmd: "sh", args: ["-c", script] } });
const manager = new ModuleManager();
manager.register(worker);
await manager.spawn();
const echoed = await worker.send("echo", { through: "a launcher" });
emit({ event: "echo", echoed, launcherPid: worker.process.pid });
await manager.shutdown();
