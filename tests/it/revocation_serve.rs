//! What `acmctl serve` publishes for revocation, read by the clients that
//! check it: `openssl ocsp` (POST, and the GET form of RFC 5019),
//! `openssl verify -crl_download` following the certificate's own
//! distribution point, nginx stapling OCSP from the address in its
//! certificate, and pkilint's OCSP response and CRL linters. Then bad
//! input, which gets an OCSP error status or a 4xx while serve keeps
//! serving.
//!
//! Serve starts first, on a free port; the authority is then created with
//! that address as its CRL and OCSP names, so that what it issues points
//! at this serve.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use base64::Engine;

use crate::common::servers::pkilint_tool_findings;
use crate::common::*;

const REGION: &str = "eu-west-1";
const HOST: &str = "shop.example.internal";

/// OCSPResponseStatus values (RFC 6960 4.2.1).
const SUCCESSFUL: u8 = 0;
const MALFORMED_REQUEST: u8 = 1;
const UNAUTHORIZED: u8 = 6;

/// A running `acmctl serve`, killed when dropped.
struct Serve {
    addr: String,
    log: PathBuf,
    _child: KillOnDrop,
}

impl Serve {
    fn start(env: &Env) -> Serve {
        Self::start_named(env, "serve", &[])
    }

    fn start_named(env: &Env, name: &str, vars: &[(&str, &str)]) -> Serve {
        let ready = env.path(&format!("{name}.ready"));
        let log = env.path(&format!("{name}.log"));
        let mut cmd = env.command(&["serve", "--listen", "127.0.0.1:0", "--ready-file", ready.to_str().unwrap()]);
        cmd.envs(vars.iter().copied()).stdout(Stdio::null()).stderr(std::fs::File::create(&log).unwrap());
        let mut child = KillOnDrop(cmd.spawn().expect("acmctl serve starts"));
        let addr = wait_for_serve(&mut child, &ready, &log);
        Serve { addr, log, _child: child }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// An HTTP answer.
struct Answer {
    status: u16,
    content_type: String,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| l.split_once(':').filter(|(n, _)| n.eq_ignore_ascii_case(name))).map(|(_, v)| v.trim())
    }
}

/// One request on a connection of its own, read to its close.
fn http(addr: &str, method: &str, path: &str, body: &[u8]) -> Answer {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/ocsp-request\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    // A body refused for its size may be cut short by the server.
    let _ = s.write_all(body);
    // Read up to the end of the body its Content-Length gives: a server
    // may keep the connection after refusing a body.
    let mut out = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        if let Some(end) = out.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&out[..end]).into_owned();
            let header = |name: &str| {
                head.lines()
                    .find_map(|l| l.split_once(':').filter(|(n, _)| n.eq_ignore_ascii_case(name)))
                    .map(|(_, v)| v.trim().to_string())
            };
            let len: usize = header("content-length").and_then(|v| v.parse().ok()).expect("a Content-Length");
            if out.len() >= end + 4 + len {
                let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status code");
                let content_type = header("content-type").unwrap_or_default();
                return Answer { status, content_type, head, body: out[end + 4..end + 4 + len].to_vec() };
            }
        }
        match s.read(&mut buf) {
            Ok(0) | Err(_) => panic!("{method} {path}: the answer ends early: {}", String::from_utf8_lossy(&out)),
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
}

/// The responseStatus of a DER OCSPResponse.
fn ocsp_status(der: &[u8]) -> u8 {
    assert_eq!(der.first(), Some(&0x30), "not an OCSPResponse: {der:02x?}");
    let at = match der[1] {
        n if n < 0x80 => 2,
        n => 2 + usize::from(n & 0x7f),
    };
    assert_eq!(&der[at..at + 2], [0x0a, 0x01], "no ENUMERATED status: {der:02x?}");
    der[at + 2]
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs openssl; stdout and stderr together.
fn openssl(args: &[&str]) -> (bool, String) {
    let out = hermetic("openssl").args(args).stdin(Stdio::null()).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

/// Serve, and an authority publishing its CRL and OCSP there, with a leaf.
struct Setup {
    env: Env,
    serve: Serve,
    ca: String,
    leaf: String,
    ca_pem: PathBuf,
    leaf_pem: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let env = Env::new();
        let serve = Serve::start(&env);
        let ca = env
            .run(&[
                "--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1",
                "--ocsp-cname", &serve.addr, "--crl-cname", &serve.addr,
            ])
            .ok()
            .line();
        let leaf = env.private_cert(REGION, &ca, "EC_prime256v1", &[HOST]);
        let ca_pem = env.write("ca.pem", ca_pem(&env, REGION, &ca));
        let leaf_pem = env.write("leaf.pem", get(&env, REGION, &leaf).0);
        Setup { env, serve, ca, leaf, ca_pem, leaf_pem }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.serve.addr)
    }

    fn id(&self) -> &str {
        id(&self.ca)
    }

    /// `openssl ocsp` asking serve about `what` (`-cert FILE` or `-serial N`).
    fn ask(&self, what: &[&str], extra: &[&str]) -> String {
        let url = self.url("/ocsp");
        let mut args = vec!["ocsp", "-issuer", path_str(&self.ca_pem), "-CAfile", path_str(&self.ca_pem), "-url", &url];
        args.extend(what);
        args.extend(extra);
        let (ok, out) = openssl(&args);
        assert!(ok, "openssl ocsp failed:\n{out}\n--- serve's log:\n{}", self.serve.log());
        out
    }

    fn revoke(&self, reason: &str) -> String {
        self.env.run(&["--region", REGION, "cert", "revoke", &self.leaf, "--reason", reason]).ok();
        let d = self.env.describe(REGION, &self.leaf);
        d["RevokedAt"].as_str().expect("a revocation time").to_string()
    }

    /// A request for the leaf, DER, as openssl writes it.
    fn request_der(&self, name: &str, nonce: bool) -> Vec<u8> {
        let out = self.env.path(name);
        let (ok, text) = openssl(&[
            "ocsp", "-issuer", path_str(&self.ca_pem), "-cert", path_str(&self.leaf_pem),
            if nonce { "-nonce" } else { "-no_nonce" }, "-reqout", path_str(&out),
        ]);
        assert!(ok, "{text}");
        std::fs::read(out).unwrap()
    }
}

/// openssl's rendering of a time, as `openssl ocsp` prints it.
fn openssl_time(rfc3339: &str) -> String {
    let t = time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .or_else(|_| {
            rfc3339.parse::<f64>().map(|s| time::OffsetDateTime::from_unix_timestamp(s as i64).unwrap()).map_err(|_| ())
        })
        .unwrap_or_else(|_| panic!("RevokedAt '{rfc3339}' is not a time"));
    let f = time::format_description::parse_borrowed::<2>("[month repr:short] [day padding:space] [hour]:[minute]:[second] [year] GMT")
        .unwrap();
    t.format(&f).unwrap()
}

#[test]
fn openssl_ocsp_sees_good_then_revoked_with_its_reason_and_unknown_for_a_serial_never_issued() {
    let s = Setup::new();
    let leaf = path_str(&s.leaf_pem).to_string();
    for nonce in ["-nonce", "-no_nonce"] {
        let out = s.ask(&["-cert", &leaf], &[nonce]);
        assert!(out.contains(&format!("{leaf}: good")), "{out}");
        assert!(out.contains("Response verify OK"), "{out}");
        assert!(out.contains("Next Update:"), "{out}");
        assert!(!out.contains("WARNING"), "{out}");
    }
    let never = s.ask(&["-serial", "0x0123456789abcdef0123456789abcdef"], &["-nonce"]);
    assert!(never.contains(": unknown"), "{never}");
    assert!(never.contains("Response verify OK"), "{never}");

    // The GET form (RFC 5019): the request in base64, URL-escaped.
    let b64 = base64::engine::general_purpose::STANDARD.encode(s.request_der("get.req", false));
    let escaped = b64.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
    let got = http(&s.serve.addr, "GET", &format!("/ocsp/{escaped}"), b"");
    assert_eq!((got.status, got.content_type.as_str()), (200, "application/ocsp-response"));
    let resp = s.env.write("get.resp", &got.body);
    let (ok, out) = openssl(&[
        "ocsp", "-respin", path_str(&resp), "-issuer", path_str(&s.ca_pem), "-cert", &leaf, "-CAfile",
        path_str(&s.ca_pem),
    ]);
    assert!(ok && out.contains(&format!("{leaf}: good")) && out.contains("Response verify OK"), "{out}");
    // Some clients leave the base64 unescaped: the same answer.
    let raw = http(&s.serve.addr, "GET", &format!("/ocsp/{b64}"), b"");
    assert_eq!((raw.status, ocsp_status(&raw.body)), (200, SUCCESSFUL));
    assert_eq!(raw.body, got.body, "the cached answer, byte for byte");
    // RFC 5019's HTTP caching: a GET answer without a nonce may be kept.
    let cache = got.header("cache-control").unwrap_or_default();
    let max_age: i64 = cache
        .strip_prefix("max-age=")
        .and_then(|v| v.split(',').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("Cache-Control: {cache}"));
    assert!((1..=1800).contains(&max_age) && cache.contains("public"), "{cache}");
    assert!(got.header("expires").is_some_and(|v| v.ends_with(" GMT")), "{}", got.head);
    assert!(got.header("last-modified").is_some_and(|v| v.ends_with(" GMT")), "{}", got.head);
    // One with a nonce is made for that request only.
    let b64 = base64::engine::general_purpose::URL_SAFE.encode(s.request_der("nonce.req", true));
    let nonced = http(&s.serve.addr, "GET", &format!("/ocsp/{b64}"), b"");
    assert_eq!((nonced.status, ocsp_status(&nonced.body)), (200, SUCCESSFUL));
    assert_eq!(nonced.header("cache-control"), None, "{}", nonced.head);

    let revoked_at = s.revoke("KEY_COMPROMISE");
    for nonce in ["-nonce", "-no_nonce"] {
        let out = s.ask(&["-cert", &leaf], &[nonce]);
        assert!(out.contains(&format!("{leaf}: revoked")), "{out}");
        assert!(out.contains("Reason: keyCompromise"), "{out}");
        assert!(out.contains(&format!("Revocation Time: {}", openssl_time(&revoked_at))), "{out}");
        assert!(out.contains("Response verify OK"), "{out}");
    }
    // The GET form is answered anew too: the cached good answer is gone.
    let got = http(&s.serve.addr, "GET", &format!("/ocsp/{escaped}"), b"");
    let resp = s.env.write("get2.resp", &got.body);
    let (ok, out) = openssl(&[
        "ocsp", "-respin", path_str(&resp), "-issuer", path_str(&s.ca_pem), "-cert", &leaf, "-CAfile",
        path_str(&s.ca_pem),
    ]);
    assert!(ok && out.contains(&format!("{leaf}: revoked")), "{out}");
    // One log line per request, unsigned ones included.
    assert!(s.serve.log().contains(" POST /ocsp 200 "), "{}", s.serve.log());
}

#[test]
fn openssl_verify_downloads_the_crl_from_the_distribution_point_and_refuses_a_revoked_certificate() {
    let s = Setup::new();
    let verify = || {
        openssl(&["verify", "-crl_check", "-crl_download", "-CAfile", path_str(&s.ca_pem), path_str(&s.leaf_pem)])
    };
    let (ok, out) = verify();
    assert!(ok && out.contains(": OK"), "{out}\n--- serve's log:\n{}", s.serve.log());
    assert!(s.serve.log().contains(&format!("GET /crl/{}.crl 200", s.id())), "{}", s.serve.log());

    // The CRL itself, and the authority's certificate at its caIssuers URL.
    let crl = http(&s.serve.addr, "GET", &format!("/crl/{}.crl", s.id()), b"");
    assert_eq!((crl.status, crl.content_type.as_str()), (200, "application/pkix-crl"));
    let ca = http(&s.serve.addr, "GET", &format!("/ca/{}.crt", s.id()), b"");
    assert_eq!((ca.status, ca.content_type.as_str()), (200, "application/pkix-cert"));
    let der = s.env.write("ca.der", &ca.body);
    let (ok, pem) = openssl(&["x509", "-inform", "DER", "-in", path_str(&der)]);
    assert!(ok, "{pem}");
    assert_eq!(pem, std::fs::read_to_string(&s.ca_pem).unwrap(), "the caIssuers URL serves the authority's certificate");
    let (ok, ext) = openssl(&["x509", "-in", path_str(&s.leaf_pem), "-noout", "-ext", "authorityInfoAccess"]);
    assert!(ok && ext.contains(&format!("CA Issuers - URI:{}", s.url(&format!("/ca/{}.crt", s.id())))), "{ext}");

    s.revoke("SUPERSEDED");
    let (ok, out) = verify();
    assert!(!ok && out.contains("certificate revoked"), "{out}");
}

/// The CRL's number, lastUpdate and nextUpdate, as openssl reads them.
fn crl_fields(env: &Env, der: &[u8]) -> String {
    let file = env.write("fields.crl", der);
    let (ok, out) = openssl(&["crl", "-inform", "DER", "-in", path_str(&file), "-noout", "-crlnumber", "-lastupdate", "-nextupdate"]);
    assert!(ok, "{out}");
    out
}

#[test]
fn the_served_crl_is_signed_again_once_it_is_due() {
    let s = Setup::new();
    let path = format!("/crl/{}.crl", s.id());
    let first = http(&s.serve.addr, "GET", &path, b"");
    assert_eq!(first.status, 200);
    let before = crl_fields(&s.env, &first.body);
    assert!(before.contains("crlNumber=0x01"), "{before}");
    // A serve whose clock is eight days on, past the CRL's seven days.
    let later = time::OffsetDateTime::now_utc() + time::Duration::days(8);
    let at = later.format(&time::format_description::well_known::Rfc3339).unwrap();
    let serve = Serve::start_named(&s.env, "later", &[("ACMCTL_NOW", &at)]);
    let again = http(&serve.addr, "GET", &path, b"");
    assert_eq!(again.status, 200, "{}", serve.log());
    let after = crl_fields(&s.env, &again.body);
    assert!(after.contains("crlNumber=0x02"), "{after}");
    let field = |name: &str| {
        let line = after.lines().find_map(|l| l.strip_prefix(name)).unwrap_or_else(|| panic!("{after}"));
        let f = time::format_description::parse_borrowed::<2>(
            "[month repr:short] [day padding:space] [hour]:[minute]:[second] [year] GMT",
        )
        .unwrap();
        time::PrimitiveDateTime::parse(line.trim(), &f).unwrap_or_else(|e| panic!("{line}: {e}")).assume_utc()
    };
    assert!(field("lastUpdate=") > later - time::Duration::days(1), "signed at the later clock: {after}");
    assert!(field("nextUpdate=") > later, "valid after the later clock: {after}");
}

/// nginx with OCSP stapling, serving the leaf on a free loopback port.
struct Nginx {
    prefix: PathBuf,
    port: u16,
    child: KillOnDrop,
}

impl Nginx {
    fn start(s: &Setup) -> Nginx {
        let prefix = s.env.path("nginx");
        std::fs::create_dir_all(prefix.join("logs")).unwrap();
        // The leaf's key, exported encrypted and decrypted for nginx.
        let pass = s.env.write("pass.txt", "nginx stapling test");
        let v = s
            .env
            .run(&["--region", REGION, "--output", "json", "cert", "export", &s.leaf, "--passphrase-file", path_str(&pass)])
            .ok()
            .json();
        let encrypted = s.env.write("key.enc.pem", v["PrivateKey"].as_str().unwrap());
        let key = prefix.join("key.pem");
        let pass_arg = format!("file:{}", path_str(&pass));
        let (ok, out) = openssl(&["pkey", "-in", path_str(&encrypted), "-passin", &pass_arg, "-out", path_str(&key)]);
        assert!(ok, "{out}");
        let fullchain = format!("{}{}", v["Certificate"].as_str().unwrap(), v["CertificateChain"].as_str().unwrap());
        let fullchain = s.env.write("fullchain.pem", fullchain);
        let port = free_port();
        let conf = format!(
            "daemon off;\npid logs/nginx.pid;\nerror_log logs/error.log info;\nevents {{ worker_connections 64; }}\n\
             http {{\n  access_log off;\n  server {{\n    listen 127.0.0.1:{port} ssl;\n    server_name {HOST};\n    \
             ssl_certificate {};\n    ssl_certificate_key {};\n    ssl_stapling on;\n    ssl_stapling_verify on;\n    \
             ssl_trusted_certificate {};\n    location / {{ return 200 \"ok\\n\"; }}\n  }}\n}}\n",
            fullchain.display(),
            key.display(),
            s.ca_pem.display()
        );
        std::fs::write(prefix.join("nginx.conf"), conf).unwrap();
        let child = hermetic(nginx_binary())
            .args(["-e", "logs/error.log", "-p"])
            .arg(&prefix)
            .args(["-c", "nginx.conf"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nginx runs");
        let child = KillOnDrop(child);
        wait_for_listener(port);
        Nginx { prefix, port, child }
    }

    fn reload(&self) {
        let out = hermetic(nginx_binary())
            .args(["-e", "logs/error.log", "-p"])
            .arg(&self.prefix)
            .args(["-c", "nginx.conf", "-s", "reload"])
            .output()
            .unwrap();
        assert!(out.status.success(), "nginx -s reload: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn error_log(&self) -> String {
        std::fs::read_to_string(self.prefix.join("logs/error.log")).unwrap_or_default()
    }

    /// One handshake with `-status`: what s_client shows of the staple.
    fn handshake(&self, ca: &Path) -> String {
        let out = hermetic("openssl")
            .args(["s_client", "-connect", &format!("127.0.0.1:{}", self.port), "-servername", HOST, "-status"])
            .args(["-verify_return_error", "-CAfile"])
            .arg(ca)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Handshakes until `done` holds of one, up to 50: nginx fetches the
    /// response on the first handshake that wants it and staples it from a
    /// later one.
    fn handshake_until(&self, ca: &Path, done: impl Fn(&str, &str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..50 {
            last = self.handshake(ca);
            if done(&last, &self.error_log()) {
                return last;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        panic!("no handshake showed the expected staple; the last:\n{last}\n--- nginx's log:\n{}", self.error_log());
    }
}

/// SIGTERM first: the master stops its workers, which a SIGKILL to the
/// master alone would leave running.
impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = hermetic("kill").args(["-TERM", &self.child.0.id().to_string()]).status();
        for _ in 0..100 {
            if !matches!(self.child.0.try_wait(), Ok(None)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn nginx_binary() -> PathBuf {
    ["/usr/sbin/nginx", "/usr/local/sbin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .expect("nginx is not installed: scripts/test.sh installs it")
}

#[test]
fn nginx_staples_the_response_from_the_address_in_its_certificate() {
    let s = Setup::new();
    let nginx = Nginx::start(&s);
    let out = nginx.handshake_until(&s.ca_pem, |out, _| out.contains("OCSP Response Status: successful"));
    assert!(out.contains("Cert Status: good"), "{out}");
    assert!(out.contains("Verify return code: 0 (ok)"), "{out}");
    assert!(s.serve.log().contains(" GET /ocsp/"), "nginx asks with GET:\n{}", s.serve.log());

    s.revoke("KEY_COMPROMISE");
    nginx.reload();
    // nginx checks the status it fetches and staples only a good one: a
    // revoked answer is logged and the handshake carries no staple.
    let out = nginx.handshake_until(&s.ca_pem, |_, log| log.contains("certificate status \"revoked\""));
    assert!(!out.contains("Cert Status: good"), "{out}");
}

#[test]
fn pkilint_finds_nothing_wrong_with_the_ocsp_responses_and_the_crl() {
    let s = Setup::new();
    let mut responses = Vec::new();
    for (name, nonce) in [("plain", false), ("nonce", true)] {
        let got = http(&s.serve.addr, "POST", "/ocsp", &s.request_der(&format!("{name}.req"), nonce));
        assert_eq!(ocsp_status(&got.body), SUCCESSFUL);
        responses.push(s.env.write(&format!("{name}.resp"), &got.body));
    }
    let crl = http(&s.serve.addr, "GET", &format!("/crl/{}.crl", s.id()), b"");
    let empty_crl = s.env.write("empty.crl", &crl.body);
    s.revoke("AFFILIATION_CHANGED");
    let got = http(&s.serve.addr, "POST", "/ocsp", &s.request_der("revoked.req", false));
    responses.push(s.env.write("revoked.resp", &got.body));
    let crl = http(&s.serve.addr, "GET", &format!("/crl/{}.crl", s.id()), b"");
    let crl = s.env.write("revoked.crl", &crl.body);

    let mut problems = Vec::new();
    for r in &responses {
        for f in pkilint_tool_findings("lint_ocsp_response", &[], r) {
            problems.push(format!("{}: {f}", r.display()));
        }
    }
    for c in [&empty_crl, &crl] {
        for f in pkilint_tool_findings("lint_crl", &["-t", "CRL", "-p", "PKIX"], c) {
            problems.push(format!("{}: {f}", c.display()));
        }
    }
    assert_no_diffs(&problems);
}

#[test]
fn bad_requests_get_ocsp_errors_or_4xx_and_serve_keeps_serving() {
    let s = Setup::new();
    let addr = s.serve.addr.as_str();
    let ocsp = |method: &str, path: &str, body: &[u8]| {
        let a = http(addr, method, path, body);
        assert_eq!((a.status, a.content_type.as_str()), (200, "application/ocsp-response"), "{method} {path}");
        ocsp_status(&a.body)
    };
    assert_eq!(ocsp("POST", "/ocsp", b"not an OCSP request"), MALFORMED_REQUEST);
    assert_eq!(ocsp("POST", "/ocsp", b""), MALFORMED_REQUEST);
    assert_eq!(ocsp("POST", "/ocsp", &[0x30; 100 * 1024]), MALFORMED_REQUEST);
    let mut truncated = s.request_der("t.req", true);
    truncated.truncate(truncated.len() - 3);
    assert_eq!(ocsp("POST", "/ocsp", &truncated), MALFORMED_REQUEST);
    assert_eq!(ocsp("GET", "/ocsp/%%%not-base64!", b""), MALFORMED_REQUEST);
    assert_eq!(ocsp("GET", "/ocsp", b""), MALFORMED_REQUEST);
    // Over serve's body limit (4 MiB): refused before it is read, as an
    // OCSP answer to the responder's clients and as JSON elsewhere.
    assert_eq!(ocsp("POST", "/ocsp", &vec![0u8; 5 * 1024 * 1024]), MALFORMED_REQUEST);
    let big = http(addr, "POST", "/random", &vec![0u8; 5 * 1024 * 1024]);
    assert!((400..500).contains(&big.status), "{}", big.status);

    // A certificate of another authority, one that publishes no OCSP.
    let other = s.env.root(REGION, "EC_prime256v1");
    let other_pem = s.env.write("other.pem", ca_pem(&s.env, REGION, &other));
    let other_leaf = s.env.private_cert(REGION, &other, "EC_prime256v1", &["other.example.internal"]);
    let other_leaf = s.env.write("other-leaf.pem", get(&s.env, REGION, &other_leaf).0);
    let url = s.url("/ocsp");
    let (_, out) = openssl(&[
        "ocsp", "-issuer", path_str(&other_pem), "-cert", path_str(&other_leaf), "-url", &url, "-CAfile",
        path_str(&other_pem),
    ]);
    assert!(out.contains("Responder Error: unauthorized (6)"), "{out}");
    let req = s.env.path("other.req");
    let (ok, out) = openssl(&[
        "ocsp", "-issuer", path_str(&other_pem), "-cert", path_str(&other_leaf), "-reqout", path_str(&req),
    ]);
    assert!(ok, "{out}");
    assert_eq!(ocsp("POST", "/ocsp", &std::fs::read(&req).unwrap()), UNAUTHORIZED);

    // Nothing is published for the other authority, and nothing elsewhere.
    let other_id = id(&other).to_string();
    for (method, path) in [
        ("GET", format!("/crl/{other_id}.crl")),
        ("GET", format!("/ca/{other_id}.crt")),
        ("GET", "/crl/00000000-0000-0000-0000-000000000000.crl".into()),
        ("GET", "/crl/../../etc/passwd.crl".into()),
        ("GET", "/ca/%2e%2e%2fstore.crt".into()),
        ("GET", format!("/crl/{}.crt", s.id())),
        ("GET", "/random/garbage".into()),
        ("POST", "/random".into()),
        ("PUT", "/ocsp".into()),
        ("DELETE", format!("/crl/{}.crl", s.id())),
    ] {
        let a = http(addr, method, &path, b"garbage");
        assert!((400..500).contains(&a.status), "{method} {path}: {}", a.status);
    }
    // The API itself still wants a signature.
    let unsigned = http(addr, "POST", "/", b"{}");
    assert!((400..500).contains(&unsigned.status), "unsigned POST /: {}", unsigned.status);

    // Still serving, and still right.
    let out = s.ask(&["-cert", path_str(&s.leaf_pem)], &["-nonce"]);
    assert!(out.contains(": good") && out.contains("Response verify OK"), "{out}");
    assert!(!s.serve.log().contains("panicked"), "{}", s.serve.log());
}
