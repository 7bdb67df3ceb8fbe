// For profiling by hand: starts Switchboard on a fresh database with the benchmark's seed (6 members,
// 100 conversations), prints its pid, URL and the wrk command lines, and keeps it up until Ctrl-C.
//   BENCH_PG=127.0.0.1:55632 node serve.mjs postgres|sqlite [members]
// BENCH_ARTIFACTS picks the build (default .tmp/bench/artifacts/bin, scripts/bench's), BENCH_SERVE_NAME (serve)
// names the database (bench_<name>_<provider>) and the details file (.tmp/bench/<name>.json), so that two builds
// can be served side by side (see "Profile of the members route" in bench/README.md). Then e.g.
//   dotnet dotnet-trace collect -p PID --profile dotnet-sampled-thread-time --duration 00:00:00:10  (from bench/)
process.env.BENCH_LIBRARY_ONLY = "1";
const { startSwitchboard, freshDatabase, seedWorkspace, seedMembers } = await import("./bench.mjs");
const { writeFileSync } = await import("node:fs");
const { join, resolve, dirname } = await import("node:path");
const { fileURLToPath } = await import("node:url");

const provider = process.argv[2] ?? "postgres";
const members = Number(process.argv[3] ?? 6);
const name = process.env.BENCH_SERVE_NAME ?? "serve";
const conn = freshDatabase(provider, `bench_${name}_${provider}`);
const sb = await startSwitchboard(provider, conn);
const seed = await seedWorkspace(sb.url, 100);
if (members > 6) seedMembers(provider, conn, seed.biz.id, members - 6, "/dev/null");
const tmp = resolve(dirname(fileURLToPath(import.meta.url)), "../../.tmp/bench");
const info = { url: sb.url, pid: sb.pid, provider, conn, headers: seed.headers, convs: seed.convs, agents: seed.agents.map((a) => a.id),
  agentTokens: seed.agents.map((a) => a.token), businessId: seed.biz.id };
writeFileSync(join(tmp, `${name}.json`), JSON.stringify(info, null, 2));
console.log(`Switchboard pid ${sb.pid} at ${sb.url} (${provider}); details in .tmp/bench/${name}.json`);
console.log(`wrk -t1 -c64 -d10s --latency -H 'Authorization: ${seed.headers.Authorization}' ${sb.url}/api/v1/team/members   # no header`);
console.log(`wrk -t1 -c64 -d10s --latency -H 'Authorization: ${seed.headers.Authorization}' -H 'x-workspace-id: ${seed.headers["x-workspace-id"]}' ${sb.url}/api/v1/team/members`);
const stop = async () => { await sb.stop(); process.exit(0); };
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
setInterval(() => {}, 1 << 30);
