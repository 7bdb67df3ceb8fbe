// The packages as another team gets them: `dotnet pack` both projects into a folder feed, create a fresh
// `dotnet new web` app outside the repository (so none of its MSBuild files apply), add the packages from
// that feed beside the configured NuGet sources, put in the README's quick start verbatim, run it, and talk
// to it with the official socket.io-client.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import fs from "node:fs";
import os from "node:os";
import { io } from "socket.io-client";
import { freePort, stopFixture, once } from "./fixture.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const readme = path.join(repoRoot, "src/Switchboard.SocketIO/README.md");
const nugetCache = process.env.NUGET_PACKAGES ?? path.join(os.homedir(), ".nuget/packages");

/** The C# block that follows the `quick-start` marker in the package README. */
export function quickStart(markdown) {
  const match = /<!-- quick-start:[^>]*-->\s*```csharp\n([\s\S]*?)```/.exec(markdown);
  if (!match) throw new Error("no quick-start block in the README");
  return match[1];
}

function dotnet(args, cwd) {
  return execFileSync("dotnet", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DOTNET_NOLOGO: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
  });
}

describe("the packed Switchboard.SocketIO in a fresh app", { timeout: 600000 }, () => {
  let work;
  let server;
  let url;
  let version;
  const clients = [];

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "sio-package-"));
    const feed = path.join(work, "feed");
    // Packing the Redis project builds the core one as well; the core then packs from that build. Both build
    // under the temporary folder (--artifacts-path), never into the repository's bin/obj, which the other suites
    // run from (scripts/test builds once, then tests with --no-build).
    const artifacts = path.join(work, "artifacts");
    const pack = (project, ...extra) =>
      dotnet(["pack", project, "-c", "Release", "-o", feed, "--artifacts-path", artifacts, "--nologo", "-v", "q", ...extra], repoRoot);
    pack("src/Switchboard.SocketIO.Redis");
    pack("src/Switchboard.SocketIO", "--no-build");
    const core = fs.readdirSync(feed).find((f) => /^Switchboard\.SocketIO\.\d.*\.nupkg$/.test(f));
    assert.ok(core, `no core package in ${fs.readdirSync(feed)}`);
    version = core.slice("Switchboard.SocketIO.".length, -".nupkg".length);

    // NuGet caches a package by id and version: drop a copy of this version packed earlier from other sources.
    dropFromCache();

    const app = path.join(work, "Chat");
    dotnet(["new", "web", "-n", "Chat", "-o", app, "--no-restore"], work);
    // The local feed is added to the sources already configured (the NuGet mirror), not put in their place.
    fs.writeFileSync(
      path.join(app, "nuget.config"),
      `<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><add key="local" value="${feed}" /></packageSources></configuration>\n`,
    );
    // Restored once, by the build below.
    dotnet(["add", "package", "Switchboard.SocketIO", "--version", version, "--no-restore"], app);
    dotnet(["add", "package", "Switchboard.SocketIO.Redis", "--version", version, "--no-restore"], app);
    fs.writeFileSync(path.join(app, "Program.cs"), quickStart(fs.readFileSync(readme, "utf8")));
    dotnet(["build", "-c", "Release", "--nologo", "-v", "q"], app);

    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn("dotnet", [path.join(app, "bin/Release/net10.0/Chat.dll"), "--urls", url], {
      cwd: app,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // ASP.NET Core's own "Now listening on" line says Kestrel accepts connections; no polling, no sleep.
    await new Promise((resolve, reject) => {
      let output = "";
      const read = (d) => {
        output += d;
        if (output.includes("Now listening on")) resolve();
      };
      server.stdout.on("data", read);
      server.stderr.on("data", read);
      server.once("exit", (code) => reject(new Error(`quick start exited (${code}): ${output}`)));
    });
  });

  after(async () => {
    clients.forEach((c) => c.close());
    if (server) await stopFixture(server);
    if (work) fs.rmSync(work, { recursive: true, force: true });
    if (version) dropFromCache();
  });

  function dropFromCache() {
    for (const id of ["switchboard.socketio", "switchboard.socketio.redis"]) {
      fs.rmSync(path.join(nugetCache, id, version.toLowerCase()), { recursive: true, force: true });
    }
  }

  function connect() {
    const socket = io(url, { reconnection: false, forceNew: true, timeout: 5000 });
    clients.push(socket);
    return socket;
  }

  it("restores both packages at the version MinVer derived from git", () => {
    assert.match(version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/);
    const assets = JSON.parse(fs.readFileSync(path.join(work, "Chat/obj/project.assets.json"), "utf8"));
    const libraries = Object.keys(assets.libraries);
    assert.ok(libraries.includes(`Switchboard.SocketIO/${version}`), libraries.join(", "));
    assert.ok(libraries.includes(`Switchboard.SocketIO.Redis/${version}`), libraries.join(", "));
  });

  it("carries the MIT license expression in the restored packages", () => {
    for (const id of ["switchboard.socketio", "switchboard.socketio.redis"]) {
      const nuspec = fs.readFileSync(path.join(nugetCache, id, version.toLowerCase(), `${id}.nuspec`), "utf8");
      assert.match(nuspec, /<license type="expression">MIT<\/license>/, `${id}: ${nuspec}`);
    }
  });

  it("answers the quick start's acknowledgement and broadcasts to the room", async () => {
    const ada = connect();
    await once(ada, "connect");
    const grace = connect();
    await once(grace, "connect");

    const joined = once(ada, "joined");
    assert.equal(await grace.timeout(5000).emitWithAck("hello", "Grace"), "hello, Grace");
    assert.deepEqual(await joined, ["Grace"]);
  });
});
