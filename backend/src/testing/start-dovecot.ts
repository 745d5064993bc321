// A real IMAP server for tests: Debian's dovecot (package dovecot-imapd) with a throwaway config in a temp dir,
// listening on 127.0.0.1 on a free port, one mail user from a passwd-file, mail stored as a non-root user.
import { execFile, spawn } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  pass: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function uidOf(name: string): Promise<{ uid: number; gid: number } | null> {
  try {
    const { stdout } = await promisify(execFile)("getent", ["passwd", name]);
    const [, , uid, gid] = stdout.trim().split(":");
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

async function listening(port: number): Promise<boolean> {
  const { connect } = await import("node:net");
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port }, () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), "threadline-dovecot-"));
  const root = process.getuid?.() === 0;
  // As root, dovecot needs its own unprivileged users; mail is stored as "nobody". Otherwise everything runs as us.
  const mailUser = root
    ? ((await uidOf("nobody")) ?? { uid: 65534, gid: 65534 })
    : { uid: process.getuid!(), gid: process.getgid!() };
  const login = root ? "dovenull" : userInfo().username;
  const internal = root ? "dovecot" : userInfo().username;
  const internalGroup = root ? "dovecot" : (await promisify(execFile)("id", ["-gn"])).stdout.trim();
  const user = "anna";
  const pass = `pw-${Math.random().toString(36).slice(2)}`;
  // dovecot's unprivileged auth and login processes must be able to enter the directory and read the passdb.
  chmodSync(dir, 0o755);
  for (const d of ["run", "state", "mail"]) mkdirSync(join(dir, d));
  if (root) chownSync(join(dir, "mail"), mailUser.uid, mailUser.gid);
  writeFileSync(join(dir, "passwd"), `${user}:{PLAIN}${pass}::::::\n`);
  const port = await freePort();
  const conf = join(dir, "dovecot.conf");
  writeFileSync(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
default_login_user = ${login}
default_internal_user = ${internal}
default_internal_group = ${internalGroup}
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUser.uid} gid=${mailUser.gid} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
`,
  );
  const child = spawn("dovecot", ["-F", "-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  for (let i = 0; i < 200 && child.exitCode === null; i++) {
    if (await listening(port)) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  if (child.exitCode !== null || !(await listening(port))) {
    let log = "";
    try {
      log = readFileSync(join(dir, "dovecot.log"), "utf8");
    } catch {
      /* no log yet */
    }
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`dovecot did not start (is dovecot-imapd installed?): ${stderr}\n${log}`);
  }
  return {
    host: "127.0.0.1",
    port,
    user,
    pass,
    async stop() {
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
