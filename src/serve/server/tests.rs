//! The server in-process on a loopback port, with a test double for the
//! operations layer, driven by raw sockets: keep-alive, slow and vanishing
//! clients, oversized bodies, panics and stopping.

use std::io::{Read, Write};
use std::str::FromStr;
use std::sync::Mutex;
use std::thread::JoinHandle;

use serde_json::{Value, json};

use super::*;
use crate::model::Region;
use crate::serve::error::ApiError;
use crate::serve::log::Event;
use crate::serve::operation::{AcmOperation, Operation};
use crate::serve::protocol::RequestContext;
use crate::serve::sigv4::Verifier;

struct Double;

impl Api for Double {
    fn call(&self, _: &RequestContext, op: Operation, input: Value) -> Result<Value, ApiError> {
        match op {
            Operation::Acm(AcmOperation::DeleteCertificate) => panic!("a bug in the operations layer"),
            Operation::Acm(AcmOperation::RenewCertificate) => {
                std::thread::sleep(Duration::from_millis(400));
                Ok(json!({}))
            }
            _ => Ok(json!({"Certificate": input["CertificateArn"].clone()})),
        }
    }
}

#[derive(Default)]
struct MemLog(Mutex<Vec<String>>);

impl Log for MemLog {
    fn event(&self, event: &Event<'_>) {
        self.0.lock().unwrap().push(event.to_string());
    }
}

impl MemLog {
    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

struct Running {
    addr: SocketAddr,
    shutdown: Shutdown,
    thread: JoinHandle<Result<(), ServeError>>,
    log: Arc<MemLog>,
}

fn start(adjust: impl FnOnce(&mut Config)) -> Running {
    let mut config = Config::new("127.0.0.1:0".parse().unwrap());
    config.timeouts =
        Timeouts { idle: Duration::from_secs(5), request: Duration::from_millis(500), write: Duration::from_secs(2) };
    config.limits.max_body = 64 * 1024;
    adjust(&mut config);
    let log = Arc::new(MemLog::default());
    let handler = Handler::new(Double, Verifier::any_credentials(Region::from_str("us-east-1").unwrap()));
    let server = Server::bind(config, handler, log.clone()).unwrap();
    let addr = server.local_addr();
    let shutdown = server.shutdown_handle();
    let thread = std::thread::spawn(move || server.run());
    Running { addr, shutdown, thread, log }
}

impl Running {
    fn stop(self) -> Arc<MemLog> {
        self.shutdown.stop();
        self.thread.join().unwrap().unwrap();
        self.log
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        s
    }
}

const ARN: &str = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";

fn request(target: &str, extra: &str) -> Vec<u8> {
    let body = format!("{{\"CertificateArn\":\"{ARN}\"}}");
    format!(
        "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: CertificateManager.{target}\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Status, headers (lowercased names), body.
type Answer = (u16, Vec<(String, String)>, Vec<u8>);

/// Reads one response.
fn read_response(s: &mut TcpStream) -> Option<Answer> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if s.read(&mut byte).ok()? == 0 {
            return None;
        }
        buf.push(byte[0]);
    }
    let head = String::from_utf8(buf).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(": ")).map(|(n, v)| (n.to_ascii_lowercase(), v.to_string())).collect();
    let len: usize = headers.iter().find(|(n, _)| n == "content-length").map_or(0, |(_, v)| v.parse().unwrap());
    let mut body = vec![0u8; len];
    s.read_exact(&mut body).ok()?;
    Some((status, headers, body))
}

fn closed(s: &mut TcpStream) -> bool {
    let mut b = [0u8; 1];
    matches!(s.read(&mut b), Ok(0) | Err(_))
}

#[test]
fn it_announces_itself_and_writes_the_ready_file() {
    let dir = tempfile::tempdir().unwrap();
    let ready = dir.path().join("ready");
    let r = start(|c| c.ready_file = Some(ready.clone()));
    let mut s = r.connect();
    s.write_all(&request("GetCertificate", "")).unwrap();
    assert_eq!(read_response(&mut s).unwrap().0, 200);
    assert_eq!(std::fs::read_to_string(&ready).unwrap(), format!("{}\n", r.addr));
    let addr = r.addr;
    let lines = r.stop().lines();
    assert_eq!(lines[0], format!("acmctl serve: listening on http://{addr}"));
    assert_eq!(lines.iter().filter(|l| l.contains("CertificateManager.GetCertificate 200 -")).count(), 1, "{lines:?}");
}

#[test]
fn a_kept_alive_connection_serves_request_after_request() {
    let r = start(|_| {});
    let mut s = r.connect();
    for _ in 0..3 {
        s.write_all(&request("GetCertificate", "")).unwrap();
        let (status, headers, body) = read_response(&mut s).unwrap();
        assert_eq!(status, 200);
        assert!(headers.iter().any(|(n, v)| n == "x-amzn-requestid" && v.len() == 36));
        assert!(!headers.iter().any(|(n, _)| n == "connection"));
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["Certificate"], ARN);
    }
    // Two requests in one write (pipelining) are answered in order.
    let mut two = request("GetCertificate", "");
    two.extend(request("RenewCertificate", "Connection: close\r\n"));
    s.write_all(&two).unwrap();
    assert_eq!(read_response(&mut s).unwrap().0, 200);
    let (_, headers, _) = read_response(&mut s).unwrap();
    assert!(headers.contains(&("connection".into(), "close".into())));
    assert!(closed(&mut s));
    r.stop();
}

#[test]
fn slow_and_vanishing_clients_do_not_hold_the_server() {
    let r = start(|c| c.workers = 1);
    // A byte at a time, too slowly: cut off after the request time-out.
    let mut slow = r.connect();
    slow.write_all(b"POST / HTTP/1.1\r\nHo").unwrap();
    // Half a body, then gone.
    let mut gone = r.connect();
    let full = request("GetCertificate", "");
    gone.write_all(&full[..full.len() - 10]).unwrap();
    gone.shutdown(NetShutdown::Write).unwrap();
    // Meanwhile, with one worker, others are served.
    let started = Instant::now();
    let mut other = r.connect();
    for _ in 0..3 {
        other.write_all(&request("GetCertificate", "")).unwrap();
        assert_eq!(read_response(&mut other).unwrap().0, 200);
    }
    assert!(started.elapsed() < Duration::from_millis(400), "{:?}", started.elapsed());
    for _ in 0..3 {
        std::thread::sleep(Duration::from_millis(100));
        let _ = slow.write_all(b"s");
    }
    assert!(closed(&mut slow));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(closed(&mut gone));
    let lines = r.stop().lines();
    assert!(lines.iter().any(|l| l.ends_with("connection: closed: the request did not arrive in time")), "{lines:?}");
    assert!(lines.iter().any(|l| l.ends_with("connection: closed: the client went away mid-request")), "{lines:?}");
}

#[test]
fn a_body_over_the_limit_is_answered_and_the_connection_kept() {
    let r = start(|_| {});
    let mut s = r.connect();
    let body = vec![b'x'; 64 * 1024 + 1];
    let head = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: CertificateManager.GetCertificate\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(&body).unwrap();
    let (status, _, body) = read_response(&mut s).unwrap();
    assert_eq!(status, 400);
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["__type"], "ValidationException");
    s.write_all(&request("GetCertificate", "")).unwrap();
    assert_eq!(read_response(&mut s).unwrap().0, 200);
    // Far over the limit: answered, then closed without reading it all.
    let mut big = r.connect();
    big.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\nxxxx").unwrap();
    assert_eq!(read_response(&mut big).unwrap().0, 400);
    assert!(closed(&mut big));
    r.stop();
}

#[test]
fn garbage_gets_a_400_and_the_server_goes_on() {
    let r = start(|_| {});
    for garbage in [
        &b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"[..],
        b"GET / HTTP/9.9\r\n\r\n",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
    ] {
        let mut s = r.connect();
        s.write_all(garbage).unwrap();
        let (status, _, _) = read_response(&mut s).unwrap();
        assert!(status == 400 || status == 501, "{status}");
        assert!(closed(&mut s));
    }
    let mut s = r.connect();
    s.write_all(&request("DeleteCertificate", "")).unwrap();
    let (status, _, body) = read_response(&mut s).unwrap();
    assert_eq!(status, 500, "{}", String::from_utf8_lossy(&body));
    s.write_all(&request("GetCertificate", "")).unwrap();
    assert_eq!(read_response(&mut s).unwrap().0, 200);
    r.stop();
}

#[test]
fn stopping_answers_requests_in_flight_and_closes_idle_connections() {
    let r = start(|c| c.timeouts.idle = Duration::from_secs(60));
    let mut idle = r.connect();
    idle.write_all(&request("GetCertificate", "")).unwrap();
    assert_eq!(read_response(&mut idle).unwrap().0, 200);
    let mut busy = r.connect();
    busy.write_all(&request("RenewCertificate", "")).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let started = Instant::now();
    let log = r.stop();
    // The slow request was answered, with Connection: close; run returned
    // once it was, not after the idle connection's 60 s.
    let (status, headers, _) = read_response(&mut busy).unwrap();
    assert_eq!(status, 200);
    assert!(headers.contains(&("connection".into(), "close".into())));
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert!(closed(&mut idle));
    assert!(log.lines().iter().any(|l| l.contains("CertificateManager.RenewCertificate 200")));
}

#[test]
fn only_loopback_unless_allowed() {
    let handler = Handler::new(Double, Verifier::any_credentials(Region::from_str("us-east-1").unwrap()));
    let err =
        Server::bind(Config::new("0.0.0.0:0".parse().unwrap()), handler, Arc::new(MemLog::default())).err().unwrap();
    assert!(matches!(err, ServeError::NotLoopback(_)));
    assert!(err.to_string().contains("--allow-remote"));
    let r = start(|c| {
        c.listen = "0.0.0.0:0".parse().unwrap();
        c.allow_remote = true;
    });
    let mut s = TcpStream::connect(("127.0.0.1", r.addr.port())).unwrap();
    s.write_all(&request("GetCertificate", "")).unwrap();
    assert_eq!(read_response(&mut s).unwrap().0, 200);
    r.stop();
}

#[test]
fn connections_over_the_limit_wait_their_turn() {
    let r = start(|c| c.max_connections = 1);
    let mut first = r.connect();
    first.write_all(&request("GetCertificate", "")).unwrap();
    assert_eq!(read_response(&mut first).unwrap().0, 200);
    let mut second = r.connect();
    second.write_all(&request("GetCertificate", "Connection: close\r\n")).unwrap();
    // Not served while the first stays open…
    second.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
    let mut b = [0u8; 1];
    assert!(second.read(&mut b).is_err());
    // …and served once it closes.
    drop(first);
    second.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    assert_eq!(read_response(&mut second).unwrap().0, 200);
    r.stop();
}

#[test]
fn sigterm_stops_the_server_after_the_request_in_flight() {
    let r = start(|_| {});
    let log = r.log.clone();
    let on_stop = log.clone();
    crate::serve::signals::stop_on_signals(r.shutdown.clone(), move || on_stop.event(&Event::Stopping)).unwrap();
    let mut busy = r.connect();
    busy.write_all(&request("RenewCertificate", "")).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    // SAFETY: raise(3) sends a signal to this process, whose handler was
    // just installed; the handler then restores the default action.
    assert_eq!(unsafe { libc::raise(libc::SIGTERM) }, 0);
    assert_eq!(read_response(&mut busy).unwrap().0, 200);
    r.thread.join().unwrap().unwrap();
    assert!(log.lines().contains(&"acmctl serve: stopping after the requests in flight".to_string()));
}

/// A double that answers like the operations layer would, in the CLI's
/// shapes (RFC 3339 times, members the API lacks), with pages.
struct Shaped;

impl Api for Shaped {
    fn call(&self, ctx: &RequestContext, op: Operation, input: Value) -> Result<Value, ApiError> {
        use crate::serve::json::PageToken;
        use crate::serve::operation::PcaOperation;
        let region = ctx.region.as_str();
        let arn =
            |i: usize| format!("arn:aws:acm:{region}:123456789012:certificate/00000000-0000-4000-8000-00000000000{i}");
        match op {
            Operation::Acm(AcmOperation::DescribeCertificate) => Ok(json!({"Certificate": {
                "CertificateArn": input["CertificateArn"], "DomainName": "example.com", "Status": "ISSUED",
                "CreatedAt": "2024-12-04T13:46:40Z", "Tags": [{"Key": "k", "Value": "v"}], "InUseBy": []}})),
            Operation::Acm(AcmOperation::GetCertificate) => Ok(json!({
                "Certificate": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"})),
            Operation::Acm(AcmOperation::DeleteCertificate) => Err(ApiError::new(
                "ResourceNotFoundException",
                "Could not find certificate in this region [acmctl rule regional-resource: …]",
            )
            .with_rule("regional-resource")),
            Operation::Acm(AcmOperation::ListCertificates) => {
                let after = PageToken::decode(ctx.service, op.name(), &input)?;
                let created = |i: usize| time::OffsetDateTime::from_unix_timestamp(1_733_320_000 + i as i64).unwrap();
                let start = after.map_or(0, |t| (0..5).find(|i| created(*i) > t.created_at).unwrap_or(5));
                let size = input["MaxItems"].as_u64().unwrap_or(1000) as usize;
                let end = (start + size).min(5);
                let items: Vec<Value> =
                    (start..end).map(|i| json!({"CertificateArn": arn(i), "DomainName": "example.com"})).collect();
                let mut out = json!({"CertificateSummaryList": items, "NextToken": ""});
                if end < 5 {
                    out["NextToken"] =
                        json!(PageToken { created_at: created(end - 1), arn: arn(end - 1) }.encode(&input));
                }
                Ok(out)
            }
            Operation::Pca(PcaOperation::DescribeCertificateAuthority) => Ok(json!({"CertificateAuthority": {
                "Arn": input["CertificateAuthorityArn"], "Status": "ACTIVE", "Type": "ROOT", "Mode": "private",
                "CreatedAt": "2024-12-04T13:46:40Z"}})),
            _ => Err(ApiError::new("InvalidRequestException", "not in this double")),
        }
    }
}

/// Real clients against the transport: boto3 and the aws CLI from the venv
/// scripts/test.sh installs (.ci/venv, or the python ACMCTL_SERVE_PYTHON
/// names), and the JS SDK from tests/serve/js with the node_modules it
/// installs (or ACMCTL_SERVE_NODE_DIR). A missing client fails the test.
#[test]
#[allow(clippy::print_stderr, reason = "the server's log lines, shown when the clients fail")]
fn real_clients_speak_to_the_transport() {
    use crate::serve::credentials::Credentials;
    let env = |name| crate::settings::Env::var(&crate::settings::ProcessEnv, name);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python =
        env("ACMCTL_SERVE_PYTHON").map(std::path::PathBuf::from).unwrap_or_else(|| root.join(".ci/venv/bin/python"));
    let node_dir =
        env("ACMCTL_SERVE_NODE_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| root.join("tests/serve/js"));
    assert!(python.exists(), "{} is missing: scripts/test.sh installs the pinned clients", python.display());
    assert!(
        node_dir.join("node_modules").is_dir(),
        "{}/node_modules is missing: scripts/test.sh installs the JS SDK",
        node_dir.display()
    );
    let testdata = concat!(env!("CARGO_MANIFEST_DIR"), "/src/serve/testdata/credentials");
    let keys = std::fs::read_to_string(testdata).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let client_keys = dir.path().join("credentials");
    std::fs::write(
        &client_keys,
        format!(
            "{keys}\n[wrong-secret]\naws_access_key_id = ACMCJ46ZLKSXHOXCRJDZ\naws_secret_access_key = not-the-secret\n\n\
             [unknown-key]\naws_access_key_id = ACMCAAAAAAAAAAAAAAAA\naws_secret_access_key = whatever\n"
        ),
    )
    .unwrap();
    let verifier = Verifier::new(Credentials::parse(&keys, Path::new(testdata)).unwrap());
    let log = Arc::new(MemLog::default());
    let server =
        Server::bind(Config::new("127.0.0.1:0".parse().unwrap()), Handler::new(Shaped, verifier), log.clone()).unwrap();
    let url = format!("http://{}", server.local_addr());
    let shutdown = server.shutdown_handle();
    let thread = std::thread::spawn(move || server.run());
    let mut command = std::process::Command::new(python);
    command
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/serve/transport_smoke.py"))
        .env("AWS_ENDPOINT_URL", &url)
        .env("AWS_SHARED_CREDENTIALS_FILE", &client_keys)
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("ACMCTL_SERVE_NODE_DIR", &node_dir)
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY");
    let status = command.status().unwrap();
    shutdown.stop();
    thread.join().unwrap().unwrap();
    for line in log.lines() {
        eprintln!("{line}");
    }
    assert!(status.success());
}

/// Signs a request as an SDK would, with the verifier's own pieces: for
/// load, not as evidence (the captured requests are that).
fn sign(raw_unsigned: &str, key_id: &str, secret: &str, region: &str) -> Vec<u8> {
    use crate::serve::sigv4::{basic, canonical, hex, signing_key, string_to_sign};
    let amz_date = basic(time::OffsetDateTime::now_utc());
    let with_date = raw_unsigned.replacen("\r\n\r\n", &format!("\r\nX-Amz-Date: {amz_date}\r\n\r\n"), 1);
    let request = crate::serve::http::parse_all(with_date.as_bytes(), Limits::default()).remove(0).unwrap();
    let signed = ["content-type", "host", "x-amz-date", "x-amz-target"];
    let payload = hex(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &request.body).as_ref());
    let canonical = canonical::canonical_request(&request, &signed, &payload);
    let scope = format!("{}/{region}/acm/aws4_request", &amz_date[..8]);
    let to_sign = string_to_sign(&amz_date, &scope, &canonical);
    let key = signing_key(secret, &amz_date[..8], region, "acm");
    let signature = hex(aws_lc_rs::hmac::sign(&key, to_sign.as_bytes()).as_ref());
    let auth = format!(
        "Authorization: AWS4-HMAC-SHA256 Credential={key_id}/{scope}, SignedHeaders={}, Signature={signature}",
        signed.join(";")
    );
    with_date.replacen("\r\n\r\n", &format!("\r\n{auth}\r\n\r\n"), 1).into_bytes()
}

/// Requests per second through the whole transport (HTTP, SigV4, model
/// checks, output fitting) with a double that answers at once: what the
/// transport leaves for the operations. A measurement, not a test of speed:
/// `cargo test --release --lib serve::server::tests::transport_throughput -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement; run it in release"]
#[allow(clippy::print_stderr, reason = "the measurement is the output")]
fn transport_throughput() {
    use crate::serve::credentials::Credentials;
    let keys = include_str!("../testdata/credentials");
    let verifier = Verifier::new(Credentials::parse(keys, Path::new("testdata")).unwrap());
    let log = Arc::new(MemLog::default());
    let server =
        Server::bind(Config::new("127.0.0.1:0".parse().unwrap()), Handler::new(Shaped, verifier), log).unwrap();
    let addr = server.local_addr();
    let shutdown = server.shutdown_handle();
    let thread = std::thread::spawn(move || server.run());
    let body = format!("{{\"CertificateArn\":\"{ARN}\"}}");
    let unsigned = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-amz-json-1.1\r\n\
         X-Amz-Target: CertificateManager.DescribeCertificate\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let signed =
        Arc::new(sign(&unsigned, "ACMCJ46ZLKSXHOXCRJDZ", "SOrCt62AHR0v58sEsOPT0pv1Ui2WBmJATUGWSbPt", "us-east-1"));
    let (connections, seconds) = (32, 3);
    let until = Instant::now() + Duration::from_secs(seconds);
    let clients: Vec<_> = (0..connections)
        .map(|_| {
            let signed = Arc::clone(&signed);
            std::thread::spawn(move || {
                let mut s = TcpStream::connect(addr).unwrap();
                s.set_nodelay(true).unwrap();
                let mut latencies = Vec::new();
                while Instant::now() < until {
                    let t = Instant::now();
                    s.write_all(&signed).unwrap();
                    let (status, _, body) = read_response(&mut s).unwrap();
                    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
                    latencies.push(t.elapsed());
                }
                latencies
            })
        })
        .collect();
    let mut all: Vec<Duration> = clients.into_iter().flat_map(|c| c.join().unwrap()).collect();
    shutdown.stop();
    thread.join().unwrap().unwrap();
    all.sort();
    eprintln!(
        "transport: {} DescribeCertificate in {seconds} s over {connections} keep-alive connections: {:.0}/s, median {:?}, p99 {:?}",
        all.len(),
        all.len() as f64 / seconds as f64,
        all[all.len() / 2],
        all[all.len() * 99 / 100]
    );
}
