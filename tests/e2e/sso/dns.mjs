// A local DNS server (dnsmasq, from Debian) answering the TXT records a test publishes, as the .NET SSO tests run it:
// the service looks verification records up there (Sso:DnsServer), never in the real DNS.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { Resolver } from "node:dns/promises";

const binary = process.env.SWITCHBOARD_TEST_DNSMASQ || "/usr/sbin/dnsmasq";

export async function publishTxt(port, records) {
  if (!existsSync(binary)) throw new Error("dnsmasq is not installed (scripts/test installs dnsmasq-base)");
  const args = [
    "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--no-poll", "--pid-file=",
    "--listen-address=127.0.0.1", "--bind-interfaces", `--port=${port}`, "--user=root", "--log-facility=-", "--local=/example/",
    ...records.map(([name, value]) => `--txt-record=${name},${value}`),
  ];
  const child = spawn(binary, args, { stdio: "ignore" });
  const resolver = new Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`dnsmasq exited with ${child.exitCode}`);
    try {
      await resolver.resolveTxt(records[0][0]);
      return { stop: () => new Promise((ok) => (child.exitCode !== null ? ok() : (child.once("exit", ok), child.kill()))) };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill();
  throw new Error("dnsmasq did not answer");
}
