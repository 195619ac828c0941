//! Real servers on 127.0.0.1 for the public-certificate tests: a DNS server
//! built on hickory's wire format, an SMTP server (aiosmtpd), and pkilint.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use hickory_resolver::proto::op::{Message, ResponseCode};
use hickory_resolver::proto::rr::rdata::{CAA, CNAME};
use hickory_resolver::proto::rr::{Name, RData, Record, RecordType};

/// An authoritative DNS server on 127.0.0.1 (UDP and TCP, one port) that
/// answers CNAME queries and CAA queries from tables the test controls, and
/// SERVFAIL for the names it is told to. A clone is the same server: its
/// tables can be set from another thread.
#[derive(Clone)]
pub struct DnsServer {
    pub addr: String,
    zone: Arc<Mutex<Zone>>,
    /// Answer UDP with the truncation bit only, so that clients must retry
    /// over TCP.
    truncate_udp: Arc<AtomicBool>,
}

#[derive(Clone, Default)]
struct Zone {
    cnames: HashMap<String, String>,
    /// (issuer critical, tag, value) per name.
    caa: HashMap<String, Vec<(bool, String, String)>>,
    servfail: HashSet<String>,
    /// Names whose CAA queries get no answer at all, as from a name server
    /// that is down: the client waits out its time-out.
    silent_caa: HashSet<String>,
}

fn key(name: &str) -> String {
    let n = name.to_ascii_lowercase();
    if n.ends_with('.') { n } else { format!("{n}.") }
}

fn answer(query: &[u8], zone: &Zone, truncate: bool) -> Option<Vec<u8>> {
    let request = Message::from_vec(query).ok()?;
    let mut response = Message::response(request.metadata.id, request.metadata.op_code);
    response.metadata.authoritative = true;
    response.metadata.recursion_desired = request.metadata.recursion_desired;
    response.add_queries(request.queries.clone());
    if truncate {
        response.metadata.truncation = true;
        return response.to_vec().ok();
    }
    let mut known = false;
    for q in &request.queries {
        let name = key(&q.name().to_ascii());
        if q.query_type() == RecordType::CAA && zone.silent_caa.contains(&name) {
            return None;
        }
        if zone.servfail.contains(&name) {
            response.metadata.response_code = ResponseCode::ServFail;
            return response.to_vec().ok();
        }
        if let Some(value) = zone.cnames.get(&name) {
            known = true;
            if matches!(q.query_type(), RecordType::CNAME | RecordType::ANY | RecordType::A | RecordType::AAAA) {
                let target = Name::from_ascii(value).ok()?;
                response.add_answer(Record::from_rdata(q.name().clone(), 60, RData::CNAME(CNAME(target))));
            }
        }
        if let Some(set) = zone.caa.get(&name) {
            known = true;
            if q.query_type() == RecordType::CAA {
                for (critical, tag, value) in set {
                    let mut caa = CAA::new_issue(*critical, None, Vec::new());
                    caa.tag = tag.clone();
                    caa.value = value.as_bytes().to_vec();
                    response.add_answer(Record::from_rdata(q.name().clone(), 60, RData::CAA(caa)));
                }
            }
        }
    }
    if !known {
        response.metadata.response_code = ResponseCode::NXDomain;
    }
    response.to_vec().ok()
}

impl DnsServer {
    pub fn start() -> DnsServer {
        // One port for both transports, as a name server has.
        let (udp, tcp) = loop {
            let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
            let port = udp.local_addr().unwrap().port();
            if let Ok(tcp) = TcpListener::bind(("127.0.0.1", port)) {
                break (udp, tcp);
            }
        };
        let addr = udp.local_addr().unwrap().to_string();
        let zone = Arc::new(Mutex::new(Zone::default()));
        let truncate_udp = Arc::new(AtomicBool::new(false));
        {
            let zone = zone.clone();
            let truncate = truncate_udp.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok((n, from)) = udp.recv_from(&mut buf) {
                    let table = zone.lock().unwrap().clone();
                    if let Some(reply) = answer(&buf[..n], &table, truncate.load(Ordering::SeqCst)) {
                        let _ = udp.send_to(&reply, from);
                    }
                }
            });
        }
        {
            let zone = zone.clone();
            std::thread::spawn(move || {
                for stream in tcp.incoming().flatten() {
                    let zone = zone.clone();
                    std::thread::spawn(move || serve_tcp(stream, &zone));
                }
            });
        }
        DnsServer { addr, zone, truncate_udp }
    }

    pub fn set(&self, name: &str, value: &str) {
        self.zone.lock().unwrap().cnames.insert(key(name), value.to_string());
    }

    pub fn remove(&self, name: &str) {
        self.zone.lock().unwrap().cnames.remove(&key(name));
    }

    /// The CAA record set of `name`: (issuer critical, tag, value) each;
    /// an empty set removes it.
    pub fn set_caa(&self, name: &str, records: &[(bool, &str, &str)]) {
        let mut zone = self.zone.lock().unwrap();
        if records.is_empty() {
            zone.caa.remove(&key(name));
        } else {
            let set = records.iter().map(|(c, t, v)| (*c, t.to_string(), v.to_string())).collect();
            zone.caa.insert(key(name), set);
        }
    }

    /// Every query for `name` answered SERVFAIL (`on`), or as usual.
    pub fn servfail(&self, name: &str, on: bool) {
        let mut zone = self.zone.lock().unwrap();
        if on {
            zone.servfail.insert(key(name));
        } else {
            zone.servfail.remove(&key(name));
        }
    }

    /// CAA queries for `name` left unanswered (`on`), or answered as usual.
    pub fn silence_caa(&self, name: &str, on: bool) {
        let mut zone = self.zone.lock().unwrap();
        if on {
            zone.silent_caa.insert(key(name));
        } else {
            zone.silent_caa.remove(&key(name));
        }
    }

    pub fn truncate_udp(&self, on: bool) {
        self.truncate_udp.store(on, Ordering::SeqCst);
    }
}

fn serve_tcp(mut stream: TcpStream, zone: &Mutex<Zone>) {
    loop {
        let mut len = [0u8; 2];
        if stream.read_exact(&mut len).is_err() {
            return;
        }
        let mut query = vec![0u8; u16::from_be_bytes(len) as usize];
        if stream.read_exact(&mut query).is_err() {
            return;
        }
        let table = zone.lock().unwrap().clone();
        let Some(reply) = answer(&query, &table, false) else { return };
        let mut framed = (reply.len() as u16).to_be_bytes().to_vec();
        framed.extend(reply);
        if stream.write_all(&framed).is_err() {
            return;
        }
    }
}

/// A name server that never answers: it reads each UDP query and drops it,
/// so that a resolver waits out its time-out; it says when the first query
/// came.
pub struct SilentDns {
    pub addr: String,
    queried: Arc<(Mutex<bool>, Condvar)>,
}

impl SilentDns {
    pub fn start() -> SilentDns {
        let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
        let addr = udp.local_addr().unwrap().to_string();
        let queried = Arc::new((Mutex::new(false), Condvar::new()));
        let seen = queried.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while udp.recv_from(&mut buf).is_ok() {
                *seen.0.lock().unwrap() = true;
                seen.1.notify_all();
            }
        });
        SilentDns { addr, queried }
    }

    /// Waits (two minutes at most) for the first query; false if none came.
    pub fn wait_for_query(&self) -> bool {
        let (lock, came) = &*self.queried;
        let waited = came.wait_timeout_while(lock.lock().unwrap(), Duration::from_secs(120), |q| !*q).unwrap();
        *waited.0
    }
}

/// A tool from `ACMCTL_TOOLS_BIN`, else the virtualenv that scripts/test.sh
/// makes (`.ci/venv/bin`), else PATH. A missing tool fails the test.
pub fn venv_tool(name: &str) -> PathBuf {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(d) = std::env::var_os("ACMCTL_TOOLS_BIN") {
        dirs.push(PathBuf::from(d));
    }
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/venv/bin"));
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    dirs.into_iter()
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{name} is not installed: scripts/test.sh installs it into .ci/venv"))
}

/// A real SMTP server (aiosmtpd) on 127.0.0.1 that stores what it receives
/// in a Maildir.
pub struct SmtpServer {
    pub addr: String,
    pub maildir: PathBuf,
    child: Child,
}

impl SmtpServer {
    pub fn start(dir: &Path) -> SmtpServer {
        Self::start_on(dir, super::free_port())
    }

    pub fn start_on(dir: &Path, port: u16) -> SmtpServer {
        let maildir = dir.join(format!("maildir-{port}"));
        let addr = format!("127.0.0.1:{port}");
        let child = super::hermetic(venv_tool("aiosmtpd"))
            .args(["-n", "-c", "aiosmtpd.handlers.Mailbox", "-l", &addr])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cannot start aiosmtpd");
        let server = SmtpServer { addr, maildir, child };
        // Waiting for the server to listen is not a timed assertion: the
        // deadline only turns a server that never starts into a failure.
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(&server.addr).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start on {}", server.addr);
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// Every message received so far, as text.
    pub fn messages(&self) -> Vec<String> {
        let mut out: Vec<(std::time::SystemTime, String)> = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.maildir.join(sub)) else { continue };
            for e in entries.flatten() {
                let when = e.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH);
                out.push((when, std::fs::read_to_string(e.path()).unwrap()));
            }
        }
        out.sort();
        out.into_iter().map(|(_, m)| m).collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The value of `Approval token: …` in a message.
pub fn token_of(message: &str) -> String {
    message
        .lines()
        .find_map(|l| l.strip_prefix("Approval token: "))
        .unwrap_or_else(|| panic!("no 'Approval token:' line in:\n{message}"))
        .trim()
        .to_string()
}

/// The addresses of a message's To: header.
pub fn recipients(message: &str) -> Vec<String> {
    let mut to = String::new();
    let mut in_to = false;
    for line in message.lines() {
        if line.is_empty() {
            break;
        }
        if let Some(rest) = line.strip_prefix("To: ") {
            to.push_str(rest);
            in_to = true;
        } else if in_to && line.starts_with([' ', '\t']) {
            to.push_str(line);
        } else {
            in_to = false;
        }
    }
    let mut out: Vec<String> = to.split(',').map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect();
    out.sort();
    out
}

/// Runs pkilint's CA/B Forum server-certificate linter on a PEM file and
/// returns its findings of severity WARNING or above, one per line.
pub fn pkilint_findings(pem: &Path, cert_type: &str) -> Vec<String> {
    pkilint("lint_cabf_serverauth_cert", &["-t", cert_type], &[pem])
}

/// pkilint's signer/signee chain linter; findings of WARNING or above.
pub fn pkilint_chain_findings(issuer: &Path, subject: &Path) -> Vec<String> {
    pkilint("lint_pkix_signer_signee_cert_chain", &[], &[issuer, subject])
}

/// Another of pkilint's linters (`lint_ocsp_response`, `lint_crl`, ...)
/// with its own arguments; findings of WARNING or above.
pub fn pkilint_tool_findings(tool: &str, args: &[&str], file: &Path) -> Vec<String> {
    pkilint(tool, args, &[file])
}

/// `tool lint ARGS -s WARNING FILES`, its findings. Python's warnings are
/// off: a library's deprecation notice on stderr is not a finding, while a
/// traceback still is.
fn pkilint(tool: &str, args: &[&str], files: &[&Path]) -> Vec<String> {
    let out = super::hermetic(venv_tool(tool))
        .env("PYTHONWARNINGS", "ignore")
        .arg("lint")
        .args(args)
        .args(["-s", "WARNING"])
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool}: {e}"));
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    findings(&text)
}

fn findings(text: &str) -> Vec<String> {
    // Findings are indented lines "    code (SEVERITY)[: detail]" under a
    // validator line; anything else (a traceback) is kept whole so that it
    // fails the caller's assertion with the reason.
    let lines: Vec<String> = text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    let mut out = Vec::new();
    for l in &lines {
        if l.starts_with("    ") {
            out.push(l.trim().to_string());
        } else if !l.contains(" @ ") {
            out.push(l.clone());
        }
    }
    out
}
