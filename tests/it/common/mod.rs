//! Shared helpers for the integration tests: a throwaway store, the real
//! binary, and real tools (openssl) to check what it makes.
//!
//! Every process the tests start gets an empty environment plus PATH (see
//! `hermetic`), and acmctl and the shells around it also the variables of
//! their `Env`: nothing set by whoever runs the tests reaches them. A test
//! that needs another variable sets it itself.

pub mod pg;
pub mod records;
pub mod servers;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_acmctl");

/// `program` with an empty environment but PATH, to find the tools it
/// runs in turn.
pub fn hermetic(program: impl AsRef<OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        cmd.env("PATH", path);
    }
    cmd
}

/// A store in a temporary directory and the environment to run against it.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub store: PathBuf,
    pub vars: Vec<(String, String)>,
    /// The schema of a store on PostgreSQL, dropped with the `Env`.
    pub pg_schema: Option<String>,
    /// A store on PostgreSQL that `store init` makes when the first
    /// program runs (`Env::pg_on_first_use`).
    pub uninitialized: std::sync::atomic::AtomicBool,
}

/// What a run of acmctl printed and how it exited.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "expected success\nstdout: {}\nstderr: {}", self.stdout, self.stderr);
        self
    }

    #[track_caller]
    pub fn code(self, code: i32) -> Self {
        assert_eq!(self.code, code, "expected exit {code}\nstdout: {}\nstderr: {}", self.stdout, self.stderr);
        self
    }

    pub fn line(&self) -> String {
        self.stdout.trim().to_string()
    }
}

pub fn to_run(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

impl Env {
    /// A store for a test that holds of both engines: a directory, or with
    /// ACMCTL_TEST_ENGINE=pg (the conformance pass of scripts/test.sh) a
    /// new store on the test cluster (`Env::pg`).
    pub fn new() -> Env {
        match pg::engine() {
            pg::Engine::Fs => Env::fs(),
            pg::Engine::Pg => Env::pg_on_first_use(),
        }
    }

    /// A store in a directory, whatever the engine of the run: for tests of
    /// the filesystem engine itself (its files, modes, locks and crashes).
    pub fn fs() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        let config = dir.path().join("config.toml");
        // HOME for the shells the tests start, which keep files there.
        std::fs::create_dir(dir.path().join("home")).unwrap();
        Env {
            store: store.clone(),
            vars: vec![
                ("ACMCTL_HOME".into(), store.display().to_string()),
                ("ACMCTL_CONFIG".into(), config.display().to_string()),
            ],
            dir,
            pg_schema: None,
            uninitialized: Default::default(),
        }
    }

    /// Another environment on the same store, with a directory (and HOME)
    /// of its own: another user or machine of a shared store.
    pub fn sharing(&self) -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("home")).unwrap();
        Env {
            dir,
            store: self.store.clone(),
            vars: self.vars.clone(),
            pg_schema: None,
            uninitialized: Default::default(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// `program` (acmctl, or a shell or script that runs it) with a
    /// hermetic environment: PATH, HOME in the temporary directory,
    /// NO_COLOR, and this store's variables.
    pub fn program(&self, program: impl AsRef<OsStr>) -> Command {
        if self.uninitialized.load(std::sync::atomic::Ordering::SeqCst) {
            self.initialize();
        }
        let mut cmd = hermetic(program);
        cmd.stdin(Stdio::null()).env("HOME", self.path("home")).env("NO_COLOR", "1");
        for (k, v) in &self.vars {
            cmd.env(k, v);
        }
        cmd
    }

    /// acmctl with `args`, in this store's environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = self.program(BIN);
        cmd.args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        to_run(self.command(args).output().unwrap())
    }

    pub fn run_env(&self, env: &[(&str, &str)], args: &[&str]) -> Run {
        let mut cmd = self.command(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        to_run(cmd.output().unwrap())
    }

    /// A private root authority; returns its ARN.
    pub fn root(&self, region: &str, alg: &str) -> String {
        self.run(&["--region", region, "ca", "init", "--mode", "private", "--key-algorithm", alg]).ok().line()
    }

    pub fn subordinate(&self, region: &str, parent: &str, alg: &str) -> String {
        self.run(&[
            "--region", region, "ca", "init", "--mode", "private", "--type", "subordinate", "--parent", parent,
            "--key-algorithm", alg,
        ])
        .ok()
        .line()
    }

    /// A private certificate for `names` (the first is the domain name).
    pub fn private_cert(&self, region: &str, ca: &str, alg: &str, names: &[&str]) -> String {
        let mut args = vec![
            "--region", region, "cert", "request", "--certificate-authority-arn", ca, "--key-algorithm", alg,
            "--domain-name", names[0],
        ];
        if names.len() > 1 {
            args.push("--subject-alternative-names");
            args.extend(&names[1..]);
        }
        self.run(&args).ok().line()
    }

    /// `cert describe --output json` of a certificate of `region`: its
    /// `Certificate` object.
    pub fn describe(&self, region: &str, arn: &str) -> Value {
        let args = ["--region", region, "--output", "json", "cert", "describe", arn];
        self.run(&args).ok().json()["Certificate"].clone()
    }

    /// The same at the clock `now` (ACMCTL_NOW).
    pub fn describe_at(&self, region: &str, arn: &str, now: &str) -> Value {
        let args = ["--region", region, "--output", "json", "cert", "describe", arn];
        self.run_env(&[("ACMCTL_NOW", now)], &args).ok().json()["Certificate"].clone()
    }

    /// Every file of the store with its bytes and mode (on PostgreSQL,
    /// every row of the store's tables), to show that a refused command
    /// changed nothing.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, (Vec<u8>, u32)> {
        if let Some(schema) = &self.pg_schema {
            return pg::cluster().rows(schema);
        }
        let mut out = BTreeMap::new();
        snapshot_dir(&self.store, &mut out);
        out
    }
}

/// Asserts two snapshots are equal, naming the paths that differ.
#[track_caller]
pub fn assert_same_store(before: &BTreeMap<PathBuf, (Vec<u8>, u32)>, after: &BTreeMap<PathBuf, (Vec<u8>, u32)>, what: &str) {
    let changed: Vec<_> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(changed.is_empty(), "{what} changed the store: {changed:#?}");
}

fn snapshot_dir(dir: &Path, out: &mut BTreeMap<PathBuf, (Vec<u8>, u32)>) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        let meta = std::fs::symlink_metadata(&p).unwrap();
        // The lock file's existence is not state.
        if p.file_name().is_some_and(|n| n == "lock") {
            continue;
        }
        if meta.file_type().is_symlink() {
            // A link is its target, never followed.
            let target = std::fs::read_link(&p).unwrap().into_os_string().into_encoded_bytes();
            out.insert(p.clone(), (target, meta.permissions().mode()));
        } else if meta.is_dir() {
            out.insert(p.clone(), (Vec::new(), meta.permissions().mode()));
            snapshot_dir(&p, out);
        } else {
            out.insert(p.clone(), (std::fs::read(&p).unwrap(), meta.permissions().mode()));
        }
    }
}

/// Runs a real tool and returns its combined output and success.
pub fn tool(program: &str, args: &[&str]) -> (bool, String) {
    let out = hermetic(program).args(args).output().unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// `openssl verify -x509_strict` of a certificate served with its chain,
/// trusting only `root_pem`.
pub fn openssl_verify(env: &Env, root_pem: &str, cert_pem: &str, chain_pem: &str, hostname: &str) -> (bool, String) {
    let root = env.write("verify-root.pem", root_pem);
    let cert = env.write("verify-cert.pem", cert_pem);
    let chain = env.write("verify-chain.pem", if chain_pem.is_empty() { cert_pem } else { chain_pem });
    tool(
        "openssl",
        &[
            "verify", "-x509_strict", "-purpose", "sslserver", "-verify_hostname", hostname,
            "-CAfile", root.to_str().unwrap(), "-untrusted", chain.to_str().unwrap(), cert.to_str().unwrap(),
        ],
    )
}

/// The certificate and chain PEM of a certificate, from `cert get`.
pub fn get(env: &Env, region: &str, arn: &str) -> (String, String) {
    let v = env.run(&["--region", region, "--output", "json", "cert", "get", arn]).ok().json();
    (
        v["Certificate"].as_str().unwrap().to_string(),
        v["CertificateChain"].as_str().unwrap_or("").to_string(),
    )
}

/// The certificate of an authority (the root to trust).
pub fn ca_pem(env: &Env, region: &str, arn: &str) -> String {
    env.run(&["--region", region, "--output", "json", "ca", "certificate", arn]).ok().json()["Certificate"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Compares `actual` with the snapshot file at `path` (from the crate's
/// root) exactly, and returns the diff when they differ; `what` names the
/// actual text in the diff. With `SNAPSHOTS=overwrite` in the environment,
/// `actual` is written to the file instead: review the change with git diff.
pub fn snapshot_diff(path: &str, what: &str, actual: String) -> Option<String> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let expected = snapbox::Data::read_from(&file, None).raw();
    snapbox::Assert::new()
        .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
        .try_eq(Some(&what), snapbox::Data::text(actual), expected)
        .err()
        .map(|e| e.to_string())
}

/// Fails with every problem found (a snapshot's with its diff).
#[track_caller]
pub fn assert_no_diffs(problems: &[String]) {
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The only directory under `dir`.
pub fn only_dir(dir: &Path) -> PathBuf {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    entries.retain(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'));
    assert_eq!(entries.len(), 1, "expected one entry in {}: {entries:?}", dir.display());
    entries.remove(0)
}

/// Copies a store (or any tree) with modes, not following links.
pub fn copy_tree(from: &Path, to: &Path) {
    let ok = hermetic("cp").args(["-a"]).arg(from).arg(to).status().unwrap().success();
    assert!(ok, "cp -a {} {}", from.display(), to.display());
}

/// No sign of a panic in what a run printed.
#[track_caller]
pub fn assert_no_panic(run: &Run, what: &str) {
    for text in [&run.stdout, &run.stderr] {
        assert!(
            !text.contains("panicked") && !text.contains("RUST_BACKTRACE") && run.code != 101,
            "{what} panicked:\n{}{}",
            run.stdout,
            run.stderr
        );
    }
}

/// A child process killed when dropped, so a failing test leaves no server behind.
pub struct KillOnDrop(pub std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits for `acmctl serve` (started with `--ready-file ready`, its stderr
/// in `log`) to say where it listens, and returns that address. Bounded: a
/// serve that exits or is not ready within 60 s fails the test with its log.
pub fn wait_for_serve(child: &mut KillOnDrop, ready: &Path, log: &Path) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        if let Ok(text) = std::fs::read_to_string(ready)
            && !text.trim().is_empty()
        {
            return text.trim().to_string();
        }
        if let Ok(Some(status)) = child.0.try_wait() {
            panic!("acmctl serve exited ({status}) before it was ready:\n{}", std::fs::read_to_string(log).unwrap_or_default());
        }
        assert!(std::time::Instant::now() < deadline, "acmctl serve was not ready within 60 s");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

pub fn wait_for_listener(port: u16) {
    for _ in 0..400 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    panic!("nothing listens on 127.0.0.1:{port}");
}

/// `openssl s_server` on a free loopback port, serving a deployment
/// directory's cert.pem, privkey.pem and chain.pem as a server would.
pub fn tls_server(dir: &Path) -> (KillOnDrop, u16) {
    let port = free_port();
    let child = hermetic("openssl")
        .args(["s_server", "-accept", &format!("127.0.0.1:{port}"), "-quiet"])
        .arg("-cert").arg(dir.join("cert.pem"))
        .arg("-key").arg(dir.join("privkey.pem"))
        .arg("-cert_chain").arg(dir.join("chain.pem"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("openssl s_server runs");
    let guard = KillOnDrop(child);
    wait_for_listener(port);
    (guard, port)
}

/// Connects with `openssl s_client`, verifying the chain against `root`
/// and the host name, and returns the serial (uppercase hex, no colons) of
/// the certificate the server presented.
pub fn served_serial(env: &Env, port: u16, host: &str, root_pem: &str) -> String {
    let root = env.write("tls-root.pem", root_pem);
    let out = hermetic("openssl")
        .args(["s_client", "-connect", &format!("127.0.0.1:{port}"), "-verify_return_error", "-verify_hostname", host, "-servername", host, "-CAfile"])
        .arg(&root)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "handshake failed: {text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("Verify return code: 0 (ok)"), "{text}");
    let body = text.split("-----BEGIN CERTIFICATE-----").nth(1).expect("s_client prints the server certificate");
    let body = body.split("-----END CERTIFICATE-----").next().unwrap();
    let file = env.write("served.pem", format!("-----BEGIN CERTIFICATE-----{body}-----END CERTIFICATE-----\n"));
    let (ok, serial) = tool("openssl", &["x509", "-in", file.to_str().unwrap(), "-noout", "-serial"]);
    assert!(ok, "{serial}");
    serial.trim().trim_start_matches("serial=").to_uppercase()
}

/// The id that ends an ARN: the name of its directory in the store.
pub fn id(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap()
}

/// Whole days from Not Before to Not After in `openssl x509 -text` output.
pub fn validity_days(text: &str) -> i64 {
    let format = time::macros::format_description!(
        "[month repr:short] [day padding:space] [hour]:[minute]:[second] [year] GMT"
    );
    let field = |name: &str| {
        let line = text.lines().find(|l| l.trim_start().starts_with(name)).unwrap_or_else(|| panic!("no {name} in:\n{text}"));
        let value = line.split_once(": ").unwrap().1.trim();
        time::PrimitiveDateTime::parse(value, format).unwrap_or_else(|e| panic!("{name} {value:?}: {e}")).assume_utc()
    };
    (field("Not After") - field("Not Before")).whole_days()
}

/// The serial of a certificate as `cert describe` shows it, in openssl's spelling.
pub fn described_serial(env: &Env, region: &str, arn: &str) -> String {
    env.describe(region, arn)["Serial"].as_str().unwrap().replace(':', "").to_uppercase()
}

/// The public key of a certificate or a private key, as openssl prints it,
/// to show that a certificate and a key belong together.
pub fn public_key_of(env: &Env, pem: &str, is_key: bool) -> String {
    let file = env.write(if is_key { "pk-key.pem" } else { "pk-cert.pem" }, pem);
    let (ok, out) = if is_key {
        tool("openssl", &["pkey", "-in", file.to_str().unwrap(), "-pubout"])
    } else {
        tool("openssl", &["x509", "-in", file.to_str().unwrap(), "-noout", "-pubkey"])
    };
    assert!(ok, "{out}");
    out
}

/// A small deterministic generator (xorshift), so that a failing run can be
/// replayed from its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// An index below `n` (0 when `n` is 0).
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }
}

/// Runs acmctl on a pseudo-terminal (under `script`, as an interactive
/// shell would), its stdout discarded; returns whether it succeeded and
/// what the terminal showed.
pub fn run_on_terminal(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> (bool, String) {
    let line = std::iter::once(BIN.to_string()).chain(args.iter().map(|a| format!("'{a}'"))).collect::<Vec<_>>().join(" ");
    let out = env
        .program("script")
        .args(["-qec", &format!("{line} >/dev/null"), "/dev/null"])
        // What a terminal emulator sets; without it, progress bars stay hidden.
        .env("TERM", "xterm")
        .envs(vars.iter().copied())
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The variables a reload command saw, from the `env` output it wrote to
/// `path`, without those its shell sets itself (PWD, SHLVL, _, OLDPWD).
pub fn hook_env(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("the hook wrote no {}: {e}", path.display()));
    text.lines()
        .filter_map(|l| l.split_once('='))
        .filter(|(k, _)| !["PWD", "SHLVL", "_", "OLDPWD"].contains(k))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Waits (a minute at most: a deadline for a loaded machine, not a
/// measure) until process `pid` has ended: gone, or a zombie left for init
/// to reap. Returns whether it did.
pub fn process_ends(pid: u32) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // The state follows the command name in parentheses.
        let state = stat.rsplit_once(')').map(|(_, rest)| rest.trim_start().chars().next());
        if stat.is_empty() || state == Some(Some('Z')) || state == Some(Some('X')) {
            return true;
        }
        if std::time::Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Waits (two minutes at most) until `path` exists; false if it never does.
pub fn appears(path: &Path) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !path.exists() {
        if std::time::Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    true
}

/// The user id of `nobody`: another user, who owns nothing the tests make.
pub const NOBODY: u32 = 65534;

/// Whether the tests run as root, who can give a file to another user. CI
/// does; elsewhere the ownership tests say so and pass without running.
pub fn can_chown(test: &str) -> bool {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "CI runs as root so that {test} can give files to another user");
    eprintln!("{test}: not root, so files cannot be given to another user here; skipped");
    false
}

/// Gives `path` (not following a link) to user `uid`.
pub fn chown(path: &Path, uid: u32) {
    std::os::unix::fs::lchown(path, Some(uid), None).unwrap_or_else(|e| panic!("chown {}: {e}", path.display()));
}

/// Every entry under `dir` (not following links) with its bytes (a link's
/// target) and mode: to show that acmctl left a directory of the user's
/// alone.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let bytes = if meta.file_type().is_symlink() {
                std::fs::read_link(&p).unwrap().into_os_string().into_encoded_bytes()
            } else if meta.is_dir() {
                todo.push(p.clone());
                Vec::new()
            } else {
                std::fs::read(&p).unwrap()
            };
            out.insert(p, (bytes, meta.permissions().mode()));
        }
    }
    out
}
