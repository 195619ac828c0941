//! Malformed input of every kind: each row gives its documented exit code
//! and one sentence naming the file or argument and what is wrong, never
//! panics, and leaves the store byte-identical.
//!
//! The PEM, certificate, key and chain groups reach acmctl today through the
//! files of the store (an authority's certificate, chain and key) and through
//! passphrase and config files; rows for an import bundle belong beside them
//! when `import` exists.

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::*;

const REGION: &str = "us-west-2";

/// A store with a plain and an encrypted root, and one certificate.
struct Fixture {
    env: Env,
    ca: String,
    enc: String,
    cert: String,
    pass: PathBuf,
}

fn template() -> &'static Fixture {
    static T: OnceLock<Fixture> = OnceLock::new();
    T.get_or_init(|| {
        let env = Env::new();
        let pass = env.write("pass", "fixture-pass\n");
        let ca = env.root(REGION, "EC_prime256v1");
        let enc = env
            .run(&["--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1",
                   "--passphrase-file", pass.to_str().unwrap()])
            .ok()
            .line();
        let cert = env.private_cert(REGION, &ca, "EC_prime256v1", &["fixture.example.com"]);
        Fixture { env, ca, enc, cert, pass }
    })
}

/// What a row does to a copy of the template before running.
enum Setup {
    None,
    /// Write a file outside the store; `{file}` in the arguments names it.
    Input(Vec<u8>),
    /// Replace a file of the plain authority (relative to its directory).
    Authority(&'static str, Vec<u8>),
    /// Replace a file of the encrypted authority.
    Encrypted(&'static str, Vec<u8>),
    /// Replace a file of the certificate (relative to its directory).
    Certificate(&'static str, Vec<u8>),
    /// Replace the store's own store.toml.
    StoreFile(Vec<u8>),
    /// Write the config file.
    Config(&'static str),
}

struct Row {
    group: &'static str,
    what: &'static str,
    setup: Setup,
    /// `{ca}`, `{enc}`, `{cert}`, `{pass}`, `{file}` and `{path}` (the file
    /// the setup replaced) are filled in.
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    code: i32,
    /// A part of the one-sentence error; `{path}` and `{file}` are filled in.
    says: &'static str,
}

fn pem(label: &str, body: &str) -> Vec<u8> {
    format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n").into_bytes()
}

const REQUEST: &[&str] = &["cert", "request", "--domain-name", "h.example.com", "--certificate-authority-arn", "{ca}",
    "--key-algorithm", "EC_prime256v1"];
const REQUEST_ENC: &[&str] = &["cert", "request", "--domain-name", "h.example.com", "--certificate-authority-arn", "{enc}",
    "--key-algorithm", "EC_prime256v1", "--passphrase-file", "{pass}"];
const REQUEST_WITH_FILE: &[&str] = &["cert", "request", "--domain-name", "h.example.com", "--certificate-authority-arn",
    "{enc}", "--key-algorithm", "EC_prime256v1", "--passphrase-file", "{file}"];

fn req(name: &'static str) -> &'static [&'static str] {
    Box::leak(
        vec!["cert", "request", "--certificate-authority-arn", "{ca}", "--key-algorithm", "EC_prime256v1",
             Box::leak(format!("--domain-name={name}").into_boxed_str())]
            .into_boxed_slice(),
    )
}

fn rows(f: &Fixture) -> Vec<Row> {
    let key_pem = std::fs::read_to_string(
        f.env.store.join("regions").join(REGION).join("authorities").join(id(&f.ca)).join("private_key.pem"),
    )
    .unwrap();
    let cert_pem = ca_pem(&f.env, REGION, &f.ca);
    let cert_body: String = cert_pem.lines().filter(|l| !l.starts_with("-----")).collect::<Vec<_>>().join("\n");
    let key_body: String = key_pem.lines().filter(|l| !l.starts_with("-----")).collect::<Vec<_>>().join("\n");
    let cert_der = pem_der(&cert_pem);
    let key_der = pem_der(&key_pem);
    let mut half_cert = cert_pem.clone().into_bytes();
    half_cert.truncate(cert_pem.len() / 2);
    let rsa_key_pem = {
        // A key of another algorithm than the record says.
        let e = Env::new();
        let ca = e.root(REGION, "RSA_2048");
        std::fs::read(e.store.join("regions").join(REGION).join("authorities").join(id(&ca)).join("private_key.pem")).unwrap()
    };
    let other_ec_key = {
        let e = Env::new();
        let ca = e.root(REGION, "EC_prime256v1");
        std::fs::read(e.store.join("regions").join(REGION).join("authorities").join(id(&ca)).join("private_key.pem")).unwrap()
    };
    use Setup::*;
    let k = "private_key.pem";
    let c = "certificate.pem";
    vec![
        // ---- PEM, through an authority's key file ----
        Row { group: "pem", what: "empty key file", setup: Authority(k, vec![]), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "pem", what: "no BEGIN line", setup: Authority(k, format!("{key_body}\n-----END PRIVATE KEY-----\n").into_bytes()), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "pem", what: "mismatched END label", setup: Authority(k, key_pem.replace("END PRIVATE KEY", "END CERTIFICATE").into_bytes()), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "pem", what: "bad base64", setup: Authority(k, pem("PRIVATE KEY", "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0w!!!!")), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "pem", what: "trailing garbage after the certificate", setup: Authority(c, format!("{cert_pem}garbage\x01\x02").into_bytes()), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "pem", what: "DER instead of PEM key", setup: Authority(k, key_der.clone()), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "pem", what: "DER instead of PEM certificate", setup: Authority(c, cert_der.clone()), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "pem", what: "NUL bytes in the key", setup: Authority(k, key_pem.replacen('\n', "\n\0\0", 2).into_bytes()), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "pem", what: "two certificates where one is expected", setup: Authority(c, format!("{cert_pem}{cert_pem}").into_bytes()), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        // ---- certificates ----
        Row { group: "certificate", what: "truncated certificate", setup: Authority(c, half_cert), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "certificate", what: "certificate body that is not DER", setup: Authority(c, pem("CERTIFICATE", "AAAAAAAA")), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "certificate", what: "a key where the certificate belongs", setup: Authority(c, key_pem.clone().into_bytes()), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "certificate", what: "a stored certificate damaged, read by cert get", setup: Certificate("v1/certificate.pem", b"-----BEGIN CERTIFICATE-----\n".to_vec()), args: &["cert", "get", "{cert}"], env: &[], code: 1, says: "{path} is damaged" },
        // ---- keys ----
        Row { group: "key", what: "key that does not match the certificate", setup: Authority(k, other_ec_key), args: REQUEST, env: &[], code: 1, says: "{path} is damaged: the private key does not match" },
        Row { group: "key", what: "key of another algorithm than recorded", setup: Authority(k, rsa_key_pem), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "key", what: "wrong label", setup: Authority(k, pem("RSA PRIVATE KEY", &key_body)), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "key", what: "a certificate given as the key", setup: Authority(k, cert_pem.clone().into_bytes()), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "key", what: "oversize key file", setup: Authority(k, pem("PRIVATE KEY", &"QUFB".repeat(300_000))), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "key", what: "encrypted key that is not PKCS#8", setup: Encrypted(k, pem("ENCRYPTED PRIVATE KEY", "AAAA")), args: REQUEST_ENC, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "key", what: "legacy encrypted PEM where PKCS#8 is kept", setup: Encrypted(k, format!("-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n{cert_body}\n-----END EC PRIVATE KEY-----\n").into_bytes()), args: REQUEST_ENC, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "key", what: "plain key where an encrypted one is recorded", setup: Encrypted(k, key_pem.clone().into_bytes()), args: REQUEST_ENC, env: &[], code: 1, says: "{path} is damaged: expected an ENCRYPTED PRIVATE KEY" },
        // ---- chains ----
        Row { group: "chain", what: "chain file that is not PEM", setup: Authority("chain.pem", b"not a chain".to_vec()), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "chain", what: "a key inside the chain file", setup: Authority("chain.pem", format!("{cert_pem}{key_pem}").into_bytes()), args: REQUEST, env: &[], code: 1, says: "{path} is damaged: expected CERTIFICATE blocks" },
        // ---- passphrases ----
        Row { group: "passphrase", what: "missing passphrase file", setup: None, args: &["cert", "request", "--domain-name", "h.example.com", "--certificate-authority-arn", "{enc}", "--passphrase-file", "/nonexistent/pass"], env: &[], code: 3, says: "cannot read passphrase file /nonexistent/pass" },
        Row { group: "passphrase", what: "empty passphrase file", setup: Input(vec![]), args: REQUEST_WITH_FILE, env: &[], code: 3, says: "the passphrase in {file} is 0 bytes long" },
        Row { group: "passphrase", what: "oversize passphrase file", setup: Input(vec![b'x'; 4096]), args: REQUEST_WITH_FILE, env: &[], code: 3, says: "the passphrase in {file} is 4096 bytes long" },
        Row { group: "passphrase", what: "wrong passphrase with NUL bytes", setup: Input(b"fixture\0pass".to_vec()), args: REQUEST_WITH_FILE, env: &[], code: 3, says: "the passphrase does not decrypt the key" },
        Row { group: "passphrase", what: "passphrase too short in the environment", setup: None, args: &["cert", "request", "--domain-name", "h.example.com", "--certificate-authority-arn", "{enc}"], env: &[("ACMCTL_CA_PASSPHRASE", "ab")], code: 3, says: "the passphrase in ACMCTL_CA_PASSPHRASE is 2 bytes long" },
        Row { group: "passphrase", what: "a directory as the passphrase file", setup: None, args: &["cert", "export", "{cert}", "--passphrase-file", "/"], env: &[], code: 3, says: "cannot read passphrase file /" },
        // ---- domain names ----
        Row { group: "name", what: "empty domain name", setup: None, args: req(""), env: &[], code: 3, says: "--domain-name" },
        Row { group: "name", what: "domain name over 253 characters", setup: None, args: req(Box::leak(format!("{}.example.com", vec!["a".repeat(60); 5].join(".")).into_boxed_str())), env: &[], code: 3, says: "253" },
        Row { group: "name", what: "label over 63 characters", setup: None, args: req(Box::leak(format!("{}.example.com", "a".repeat(64)).into_boxed_str())), env: &[], code: 3, says: "63" },
        Row { group: "name", what: "inner wildcard", setup: None, args: req("www.*.example.com"), env: &[], code: 3, says: "wildcard" },
        Row { group: "name", what: "bad characters in a label", setup: None, args: req("exa mple.com"), env: &[], code: 3, says: "exa mple.com" },
        Row { group: "name", what: "label starting with a hyphen", setup: None, args: req("-bad.example.com"), env: &[], code: 3, says: "-bad.example.com" },
        Row { group: "name", what: "empty label", setup: None, args: req("a..example.com"), env: &[], code: 3, says: "a..example.com" },
        Row { group: "name", what: "over the SAN quota", setup: None, args: &["cert", "request", "--certificate-authority-arn", "{ca}", "--domain-name", "q.example.com", "--subject-alternative-names", "a1.example.com", "a2.example.com", "a3.example.com", "a4.example.com", "a5.example.com", "a6.example.com", "a7.example.com", "a8.example.com", "a9.example.com", "a10.example.com"], env: &[], code: 3, says: "10" },
        Row { group: "name", what: "first name over 64 characters", setup: None, args: req(Box::leak(format!("{}.example.com", "a".repeat(60)).into_boxed_str())), env: &[], code: 3, says: "64" },
        // ---- ARNs and regions ----
        Row { group: "arn", what: "malformed certificate ARN", setup: None, args: &["cert", "describe", "arn:aws:acm:us-west-2:123"], env: &[], code: 3, says: "arn:aws:acm:us-west-2:123" },
        Row { group: "arn", what: "authority ARN given as a certificate", setup: None, args: &["cert", "describe", "{ca}"], env: &[], code: 3, says: "ARN" },
        Row { group: "arn", what: "ARN with a bad id", setup: None, args: &["cert", "describe", "arn:aws:acm:us-west-2:123456789012:certificate/not-a-uuid"], env: &[], code: 3, says: "not-a-uuid" },
        Row { group: "arn", what: "certificate of another region", setup: None, args: &["--region", "eu-west-1", "cert", "describe", "{cert}"], env: &[], code: 5, says: "us-west-2" },
        Row { group: "arn", what: "certificate of another account", setup: None, args: &["cert", "describe", "arn:aws:acm:us-west-2:999999999999:certificate/00000000-0000-4000-8000-000000000000"], env: &[], code: 4, says: "999999999999" },
        Row { group: "arn", what: "unknown certificate", setup: None, args: &["cert", "delete", "arn:aws:acm:us-west-2:{account}:certificate/00000000-0000-4000-8000-000000000000"], env: &[], code: 4, says: "does not exist" },
        Row { group: "region", what: "unknown region flag", setup: None, args: &["--region", "moon-1", "cert", "list"], env: &[], code: 3, says: "moon-1" },
        Row { group: "region", what: "unknown region in AWS_REGION", setup: None, args: &["cert", "list"], env: &[("AWS_REGION", "mars-west-9")], code: 3, says: "AWS_REGION" },
        // ---- tags, tokens, flags ----
        Row { group: "flag", what: "tag without a value separator", setup: None, args: &["cert", "request", "--certificate-authority-arn", "{ca}", "--domain-name", "t.example.com", "--tags", "aws:owner=me"], env: &[], code: 3, says: "reserved prefix 'aws:'" },
        Row { group: "flag", what: "idempotency token with bad characters", setup: None, args: &["cert", "request", "--certificate-authority-arn", "{ca}", "--domain-name", "t.example.com", "--idempotency-token", "a b;c"], env: &[], code: 3, says: "a b;c" },
        Row { group: "flag", what: "unknown key algorithm", setup: None, args: &["cert", "request", "--certificate-authority-arn", "{ca}", "--domain-name", "t.example.com", "--key-algorithm", "RSA_1024"], env: &[], code: 3, says: "RSA_1024" },
        Row { group: "flag", what: "validity of zero days", setup: None, args: &["ca", "init", "--mode", "private", "--validity-days", "0"], env: &[], code: 3, says: "--validity-days" },
        Row { group: "flag", what: "unknown output format", setup: None, args: &["--output", "yaml", "cert", "list"], env: &[], code: 2, says: "yaml" },
        Row { group: "flag", what: "deploy to an EC2 instance", setup: None, args: &["deploy", "{cert}", "--target", "arn:aws:ec2:us-west-2:{account}:instance/i-0abc"], env: &[], code: 5, says: "refused by rule no-ec2" },
        Row { group: "arn", what: "malformed deploy target", setup: None, args: &["deploy", "{cert}", "--target", "arn:aws:elasticloadbalancing:us-west-2"], env: &[], code: 3, says: "arn:aws:elasticloadbalancing:us-west-2" },
        Row { group: "arn", what: "renewal of an unknown certificate", setup: None, args: &["renew", "arn:aws:acm:us-west-2:{account}:certificate/00000000-0000-4000-8000-000000000000"], env: &[], code: 4, says: "does not exist in region us-west-2" },
        // ---- config and store files ----
        Row { group: "config", what: "config file that is not TOML", setup: Config("region = [unclosed"), args: &["cert", "list"], env: &[], code: 3, says: "config" },
        Row { group: "config", what: "config san_quota out of range", setup: Config("san_quota = 100000\n"), args: &["cert", "list"], env: &[], code: 3, says: "san_quota 100000" },
        Row { group: "store", what: "store.toml that is not TOML", setup: StoreFile(b"\0\0\0".to_vec()), args: &["cert", "list"], env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "store", what: "store.toml of a future format", setup: StoreFile(b"format_version = 99\naccount_id = \"123456789012\"\n".to_vec()), args: &["cert", "list"], env: &[], code: 1, says: "format version 99" },
        Row { group: "store", what: "authority record truncated", setup: Authority("authority.toml", b"arn = \"arn:aws:acm-pca".to_vec()), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "store", what: "certificate record with NUL bytes", setup: Certificate("certificate.toml", b"arn = \"\0\"\n".to_vec()), args: &["cert", "describe", "{cert}"], env: &[], code: 1, says: "{path} is damaged" },
    ]
}

fn id(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap()
}

/// `-----BEGIN ...` text to its DER bytes.
fn pem_der(text: &str) -> Vec<u8> {
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    base64_decode(&body)
}

fn base64_decode(s: &str) -> Vec<u8> {
    let table = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Option::None,
        } as u32)
    };
    let (mut out, mut acc, mut bits) = (Vec::new(), 0u32, 0);
    for v in s.bytes().filter_map(table) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[test]
fn every_malformed_input_is_refused_cleanly() {
    let f = template();
    let account = f.cert.split(':').nth(4).unwrap().to_string();
    let table = rows(f);
    assert!(table.len() >= 34, "{} rows", table.len());
    let mut failures = Vec::new();
    for row in &table {
        let env = Env::new();
        copy_tree(&f.env.store, &env.store);
        let region = env.store.join("regions").join(REGION);
        let file = env.path("input");
        let mut path = PathBuf::new();
        match &row.setup {
            Setup::None => {}
            Setup::Input(bytes) => std::fs::write(&file, bytes).unwrap(),
            Setup::Authority(name, bytes) | Setup::Encrypted(name, bytes) => {
                let ca = if matches!(row.setup, Setup::Encrypted(..)) { &f.enc } else { &f.ca };
                path = region.join("authorities").join(id(ca)).join(name);
                std::fs::write(&path, bytes).unwrap();
            }
            Setup::Certificate(name, bytes) => {
                path = region.join("certificates").join(id(&f.cert)).join(name);
                std::fs::write(&path, bytes).unwrap();
            }
            Setup::StoreFile(bytes) => {
                path = env.store.join("store.toml");
                std::fs::write(&path, bytes).unwrap();
            }
            Setup::Config(text) => {
                path = env.path("config.toml");
                std::fs::write(&path, text).unwrap();
            }
        }
        let fill = |s: &str| {
            s.replace("{ca}", &f.ca)
                .replace("{enc}", &f.enc)
                .replace("{cert}", &f.cert)
                .replace("{pass}", f.pass.to_str().unwrap())
                .replace("{file}", file.to_str().unwrap())
                .replace("{path}", path.to_str().unwrap())
                .replace("{account}", &account)
        };
        let own_region = row.args.contains(&"--region") || !row.env.is_empty() && row.group == "region";
        let mut args: Vec<String> = if own_region { Vec::new() } else { vec!["--region".into(), REGION.into()] };
        args.extend(row.args.iter().map(|a| fill(a)));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let before = env.snapshot();
        let run = env.run_env(row.env, &args);
        let after = env.snapshot();
        let says = fill(row.says);
        let label = format!("[{}] {}", row.group, row.what);
        if run.stderr.contains("panicked") || run.stderr.contains("RUST_BACKTRACE") || run.code == 101 {
            failures.push(format!("{label}: panicked\n{}", run.stderr));
        } else if run.code != row.code {
            failures.push(format!("{label}: exit {} instead of {}\n{}", run.code, row.code, run.stderr));
        } else if !run.stderr.contains(&says) {
            failures.push(format!("{label}: error does not say '{says}'\n{}", run.stderr));
        } else if before != after {
            failures.push(format!("{label}: the store changed"));
        } else if run.stderr.lines().filter(|l| l.starts_with("error")).count() != 1 {
            failures.push(format!("{label}: not one error sentence\n{}", run.stderr));
        }
    }
    assert!(failures.is_empty(), "{} of {} rows failed:\n\n{}", failures.len(), table.len(), failures.join("\n\n"));
}
