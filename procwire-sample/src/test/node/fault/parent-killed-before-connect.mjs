// A parent that spawns the worker, reads $init and dies before it connects.
import { spawn } from "node:child_process";
import { emit, workerCommand } from "./common.mjs";

const { cmd, args } = workerCommand();
const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "inherit"] });
let buf = "";
child.stdout.on("data", (d) => {
  buf += d;
  const nl = buf.indexOf("\n");
  if (nl >= 0) {
    const init = JSON.parse(buf.slice(0, nl));
    emit({ event: "init", workerPid: child.pid, pipe: init.params.pipe });
  }
});
setInterval(() => {}, 1 << 30);
