//! Malformed input of every kind: each row gives its documented exit code
//! and one sentence naming the file or argument and what is wrong, never
//! panics, and leaves the store byte-identical.
//!
//! The PEM, certificate, key and chain groups reach acmctl through the files
//! of the store (an authority's certificate, chain and key), through
//! passphrase and config files, and through the bundle `import` is given.
//! Import bundles are made by openssl when the test runs.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::*;

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
        let env = Env::fs();
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

/// The import bundles, good and bad: one openssl script, run once. The
/// leaf (leaf.pem, leaf.key) is signed by inter.pem, which root.pem signs;
/// good.pem is their chain in order. Every other file spoils one thing.
const IMPORT_INPUTS: &str = r#"
set -e
ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
pem() { { echo "-----BEGIN $1-----"; openssl base64; echo "-----END $1-----"; } }
ec root.key; ec inter.key; ec leaf.key; ec other.key; ec impostor.key
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' > ca.ext
printf 'subjectAltName=DNS:www.example.com\nbasicConstraints=critical,CA:FALSE\n' > leaf.ext
openssl req -x509 -new -key root.key -subj /CN=Hostile-Root -days 30 -addext basicConstraints=critical,CA:TRUE -out root.pem
openssl req -new -key inter.key -subj /CN=Hostile-Intermediate -out inter.csr
openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -set_serial 7 -days 30 -extfile ca.ext -out inter.pem
openssl req -new -key leaf.key -subj /CN=www.example.com -out leaf.csr
sign() { openssl x509 -req -in leaf.csr -CA inter.pem -CAkey inter.key -days 30 "$@"; }
sign -set_serial 9 -extfile leaf.ext -out leaf.pem
cat inter.pem root.pem > good.pem
# certificates
sign -set_serial 10 -out v1.pem
sign -set_serial -5 -extfile leaf.ext -out negative-serial.pem
printf 'subjectAltName=DNS:www.example.com\n1.2.3.4.5.6.7=critical,ASN1:UTF8String:unknown\n' > critical.ext
sign -set_serial 11 -extfile critical.ext -out critical.pem
sign -set_serial 12 -extfile leaf.ext -sha1 -out sha1.pem
openssl req -x509 -new -key leaf.key -subj / -days 30 -addext subjectAltName=DNS:www.example.com -out empty-issuer.pem
openssl x509 -in leaf.pem -outform DER | head -c 200 | pem CERTIFICATE > truncated.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024.key
openssl req -x509 -new -key rsa1024.key -subj /CN=small.example.com -days 30 -out rsa1024.pem
openssl ecparam -name prime256v1 -param_enc explicit -genkey -noout -out explicit.key
openssl req -x509 -new -key explicit.key -subj /CN=explicit.example.com -days 30 -out explicit.pem
openssl ec -in explicit.key -param_enc named_curve -out explicit-named.key
# keys
openssl pkcs8 -topk8 -in leaf.key -passout pass:secret1 -out encrypted-pkcs8.key
openssl ec -in leaf.key -aes256 -passout pass:secret1 -out encrypted-legacy.key
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:1024 -out dsa.param
openssl genpkey -paramfile dsa.param -out dsa.key
openssl req -x509 -new -key dsa.key -subj /CN=dsa.example.com -days 30 -out dsa.pem
openssl genpkey -algorithm ED25519 -out ed25519.key
openssl req -x509 -new -key ed25519.key -subj /CN=ed.example.com -days 30 -out ed25519.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:5120 -out rsa5120.key
openssl req -x509 -new -key rsa5120.key -subj /CN=big.example.com -days 30 -out rsa5120.pem
{ head -c 6000 /dev/zero | tr '\0' '#'; echo; cat leaf.key; } > oversize.key
sed 's/PRIVATE KEY/RSA PRIVATE KEY/' leaf.key > wrong-label.key
openssl ec -in leaf.key -param_enc explicit -out explicit-sec1.key
openssl pkcs8 -topk8 -nocrypt -in explicit-sec1.key -out explicit-pkcs8.key
# chains
cat leaf.pem inter.pem root.pem > with-leaf.pem
cat root.pem inter.pem > reversed.pem
cp root.pem missing-intermediate.pem
openssl req -x509 -new -key other.key -subj /CN=Unrelated -days 30 -out unrelated.pem
cat inter.pem root.pem unrelated.pem > with-unrelated.pem
openssl req -x509 -new -key impostor.key -subj /CN=Hostile-Intermediate -days 30 -addext basicConstraints=critical,CA:TRUE -out impostor.pem
cat impostor.pem root.pem > same-name-other-key.pem
cat inter.pem root.pem inter.pem root.pem > cycle.pem
cat inter.pem inter.pem root.pem > duplicate-intermediate.pem
cat inter.pem root.pem root.pem > duplicate-root.pem
openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -set_serial 8 -days 30 -extfile ca.ext -sha1 -out inter-sha1.pem
cat inter-sha1.pem root.pem > sha1-intermediate.pem
cp good.pem over-100.pem; for i in $(seq 100); do cat root.pem >> over-100.pem; done
"#;

fn import_inputs() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = hermetic("sh").arg("-c").arg(IMPORT_INPUTS).current_dir(dir.path()).output().unwrap();
        assert!(out.status.success(), "openssl could not make the import inputs: {}", String::from_utf8_lossy(&out.stderr));
        dir
    })
    .path()
}

/// `import` of files from the import inputs (`{in}/NAME`).
fn import(cert: &str, key: &str, chain: Option<&str>) -> &'static [&'static str] {
    let file = |name: &str| -> &'static str { Box::leak(format!("{{in}}/{name}").into_boxed_str()) };
    let mut args = vec!["import", "--certificate", file(cert), "--private-key", file(key)];
    if let Some(c) = chain {
        args.extend(["--certificate-chain", file(c)]);
    }
    Box::leak(args.into_boxed_slice())
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
    /// `{ca}`, `{enc}`, `{cert}`, `{pass}`, `{file}`, `{path}` (the file
    /// the setup replaced) and `{in}` (the import inputs) are filled in.
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
        let e = Env::fs();
        let ca = e.root(REGION, "RSA_2048");
        std::fs::read(e.store.join("regions").join(REGION).join("authorities").join(id(&ca)).join("private_key.pem")).unwrap()
    };
    let other_ec_key = {
        let e = Env::fs();
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
        // ---- certificates, through import (refusals are exit 3) ----
        Row { group: "certificate", what: "import: X.509 v1", setup: None, args: import("v1.pem", "leaf.key", Option::None), env: &[], code: 3, says: "cannot import {in}/v1.pem: the certificate is X.509 version 1; ACM imports only version 3" },
        Row { group: "certificate", what: "import: expired", setup: None, args: import("leaf.pem", "leaf.key", Option::None), env: &[("ACMCTL_NOW", "2099-01-01T00:00:00Z")], code: 3, says: "cannot import {in}/leaf.pem: the certificate has expired" },
        Row { group: "certificate", what: "import: not yet valid", setup: None, args: import("leaf.pem", "leaf.key", Option::None), env: &[("ACMCTL_NOW", "2001-01-01T00:00:00Z")], code: 3, says: "cannot import {in}/leaf.pem: the certificate is not yet valid" },
        Row { group: "certificate", what: "import: empty issuer", setup: None, args: import("empty-issuer.pem", "leaf.key", Option::None), env: &[], code: 3, says: "cannot import {in}/empty-issuer.pem: the certificate's issuer name is empty" },
        Row { group: "certificate", what: "import: negative serial", setup: None, args: import("negative-serial.pem", "leaf.key", Option::None), env: &[], code: 3, says: "cannot import {in}/negative-serial.pem: the certificate's serial number is negative" },
        Row { group: "certificate", what: "import: truncated DER", setup: None, args: import("truncated.pem", "leaf.key", Option::None), env: &[], code: 3, says: "cannot import {in}/truncated.pem: the certificate cannot be parsed" },
        Row { group: "certificate", what: "import: unknown critical extension", setup: None, args: import("critical.pem", "leaf.key", Option::None), env: &[], code: 3, says: "cannot import {in}/critical.pem: the certificate has an unknown critical extension (1.2.3.4.5.6.7)" },
        Row { group: "certificate", what: "import: SHA-1 signature", setup: None, args: import("sha1.pem", "leaf.key", Option::None), env: &[], code: 3, says: "cannot import {in}/sha1.pem: the certificate is signed with SHA-1" },
        // ACM itself imports RSA 1024; acmctl does not, as browsers no
        // longer trust it and its signatures are refused when chains are checked.
        Row { group: "certificate", what: "import: RSA-1024", setup: None, args: import("rsa1024.pem", "rsa1024.key", Option::None), env: &[], code: 3, says: "cannot import {in}/rsa1024.key: the PKCS#8 private key is an RSA key of an unsupported size" },
        Row { group: "certificate", what: "import: explicit-curve EC", setup: None, args: import("explicit.pem", "explicit-named.key", Option::None), env: &[], code: 3, says: "cannot import {in}/explicit.pem: the certificate's public key is EC with explicit curve parameters, which is not supported" },
        // ---- keys, through import ----
        Row { group: "key", what: "import: encrypted PKCS#8", setup: None, args: import("leaf.pem", "encrypted-pkcs8.key", Option::None), env: &[], code: 3, says: "cannot import {in}/encrypted-pkcs8.key: the private key is encrypted" },
        Row { group: "key", what: "import: legacy encrypted PEM (Proc-Type: 4,ENCRYPTED)", setup: None, args: import("leaf.pem", "encrypted-legacy.key", Option::None), env: &[], code: 3, says: "cannot import {in}/encrypted-legacy.key: the private key is encrypted" },
        Row { group: "key", what: "import: key of another certificate", setup: None, args: import("leaf.pem", "other.key", Option::None), env: &[], code: 3, says: "cannot import {in}/other.key: the private key does not match the certificate in {in}/leaf.pem" },
        Row { group: "key", what: "import: DSA", setup: None, args: import("dsa.pem", "dsa.key", Option::None), env: &[], code: 3, says: "cannot import {in}/dsa.key: the PKCS#8 private key is a DSA key" },
        Row { group: "key", what: "import: Ed25519", setup: None, args: import("ed25519.pem", "ed25519.key", Option::None), env: &[], code: 3, says: "cannot import {in}/ed25519.key: the private key is Ed25519, which is not supported" },
        Row { group: "key", what: "import: RSA over 4096 bits", setup: None, args: import("rsa5120.pem", "rsa5120.key", Option::None), env: &[], code: 3, says: "cannot import {in}/rsa5120.key: the private key is RSA 5120-bit, which is not supported" },
        Row { group: "key", what: "import: key file over 5 KiB", setup: None, args: import("leaf.pem", "oversize.key", Option::None), env: &[], code: 3, says: "cannot import {in}/oversize.key: the private key is 5121 bytes, over ACM's limit of 5 KiB" },
        Row { group: "key", what: "import: SEC1 key with explicit curve parameters", setup: None, args: import("leaf.pem", "explicit-sec1.key", Option::None), env: &[], code: 3, says: "cannot import {in}/explicit-sec1.key: the EC private key gives its curve as explicit parameters" },
        Row { group: "key", what: "import: PKCS#8 key with explicit curve parameters", setup: None, args: import("leaf.pem", "explicit-pkcs8.key", Option::None), env: &[], code: 3, says: "cannot import {in}/explicit-pkcs8.key: the EC private key gives its curve as explicit parameters" },
        Row { group: "key", what: "import: wrong label", setup: None, args: import("leaf.pem", "wrong-label.key", Option::None), env: &[], code: 3, says: "cannot import {in}/wrong-label.key: the block is labelled 'RSA PRIVATE KEY' but holds a PKCS#8 key" },
        Row { group: "key", what: "import: a certificate given as the key", setup: None, args: import("leaf.pem", "leaf.pem", Option::None), env: &[], code: 3, says: "cannot import {in}/leaf.pem: expected a private key, found a 'CERTIFICATE' block" },
        // ---- chains, through import ----
        Row { group: "chain", what: "import: the leaf in its own chain", setup: None, args: import("leaf.pem", "leaf.key", Some("with-leaf.pem")), env: &[], code: 3, says: "cannot import {in}/with-leaf.pem: chain certificate 1 is the certificate itself" },
        Row { group: "chain", what: "import: wrong order", setup: None, args: import("leaf.pem", "leaf.key", Some("reversed.pem")), env: &[], code: 3, says: "cannot import {in}/reversed.pem: chain certificate 1 did not sign the certificate" },
        Row { group: "chain", what: "import: missing intermediate", setup: None, args: import("leaf.pem", "leaf.key", Some("missing-intermediate.pem")), env: &[], code: 3, says: "cannot import {in}/missing-intermediate.pem: chain certificate 1 did not sign the certificate" },
        Row { group: "chain", what: "import: an unrelated certificate", setup: None, args: import("leaf.pem", "leaf.key", Some("with-unrelated.pem")), env: &[], code: 3, says: "cannot import {in}/with-unrelated.pem: chain certificate 3 did not sign chain certificate 2" },
        Row { group: "chain", what: "import: the issuer's name with another key", setup: None, args: import("leaf.pem", "leaf.key", Some("same-name-other-key.pem")), env: &[], code: 3, says: "cannot import {in}/same-name-other-key.pem: chain certificate 1 did not sign the certificate" },
        Row { group: "chain", what: "import: a cycle", setup: None, args: import("leaf.pem", "leaf.key", Some("cycle.pem")), env: &[], code: 3, says: "cannot import {in}/cycle.pem: chain certificate 3 repeats chain certificate 1" },
        Row { group: "chain", what: "import: more than 100 certificates", setup: None, args: import("leaf.pem", "leaf.key", Some("over-100.pem")), env: &[], code: 3, says: "cannot import {in}/over-100.pem: the chain has 102 certificates, over the limit of 100" },
        Row { group: "chain", what: "import: a duplicate intermediate", setup: None, args: import("leaf.pem", "leaf.key", Some("duplicate-intermediate.pem")), env: &[], code: 3, says: "cannot import {in}/duplicate-intermediate.pem: chain certificate 2 repeats chain certificate 1" },
        Row { group: "chain", what: "import: an intermediate signed with SHA-1", setup: None, args: import("leaf.pem", "leaf.key", Some("sha1-intermediate.pem")), env: &[], code: 3, says: "cannot import {in}/sha1-intermediate.pem: chain certificate 1 is signed with SHA-1" },
        // A self-signed root signs its copy, so only the repeat gives it away.
        Row { group: "chain", what: "import: a duplicate root", setup: None, args: import("leaf.pem", "leaf.key", Some("duplicate-root.pem")), env: &[], code: 3, says: "cannot import {in}/duplicate-root.pem: chain certificate 3 repeats chain certificate 2" },
        // ---- passphrases ----
        Row { group: "passphrase", what: "missing passphrase file", setup: None, args: &["cert", "request", "--domain-name", "h.example.com", "--certificate-authority-arn", "{enc}", "--passphrase-file", "/nonexistent/pass"], env: &[], code: 3, says: "cannot read passphrase file /nonexistent/pass" },
        Row { group: "passphrase", what: "empty passphrase file", setup: Input(vec![]), args: REQUEST_WITH_FILE, env: &[], code: 3, says: "the passphrase in {file} is 0 bytes long" },
        Row { group: "passphrase", what: "oversize passphrase file", setup: Input(vec![b'x'; 4096]), args: REQUEST_WITH_FILE, env: &[], code: 3, says: "the passphrase file {file} holds more than 128 bytes" },
        Row { group: "passphrase", what: "passphrase with a NUL byte", setup: Input(b"fixture\0pass".to_vec()), args: REQUEST_WITH_FILE, env: &[], code: 3, says: "the passphrase in {file} contains a NUL byte" },
        Row { group: "passphrase", what: "a passphrase file that never ends", setup: None, args: &["cert", "request", "--domain-name", "h.example.com", "--certificate-authority-arn", "{enc}", "--key-algorithm", "EC_prime256v1", "--passphrase-file", "/dev/zero"], env: &[], code: 3, says: "the passphrase file /dev/zero holds more than 128 bytes" },
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
        Row { group: "environment", what: "lock timeout that is not a number", setup: None, args: REQUEST, env: &[("ACMCTL_LOCK_TIMEOUT", "soon")], code: 3, says: "ACMCTL_LOCK_TIMEOUT 'soon' is not a number of seconds" },
        Row { group: "environment", what: "lock timeout too large for a clock", setup: None, args: &["cert", "list"], env: &[("ACMCTL_LOCK_TIMEOUT", "1e400")], code: 3, says: "ACMCTL_LOCK_TIMEOUT '1e400'" },
        Row { group: "environment", what: "clock that is not RFC 3339", setup: None, args: REQUEST, env: &[("ACMCTL_NOW", "tomorrow")], code: 3, says: "ACMCTL_NOW 'tomorrow' is not an RFC 3339 time" },
        Row { group: "environment", what: "clock at year 0", setup: None, args: REQUEST, env: &[("ACMCTL_NOW", "0000-01-01T00:00:00Z")], code: 3, says: "ACMCTL_NOW '0000-01-01T00:00:00Z' is not an RFC 3339 time between the years 1950 and 9899" },
        Row { group: "environment", what: "clock at year 9999", setup: None, args: &["cert", "list"], env: &[("ACMCTL_NOW", "9999-12-31T23:59:59Z")], code: 3, says: "ACMCTL_NOW '9999-12-31T23:59:59Z' is not an RFC 3339 time between the years 1950 and 9899" },
        Row { group: "environment", what: "a request before the authority's NotBefore", setup: None, args: REQUEST, env: &[("ACMCTL_NOW", "2001-01-01T00:00:00Z")], code: 6, says: "certificate authority {ca} is not valid until" },
        Row { group: "environment", what: "a reload command time-out of zero", setup: None, args: &["cert", "list"], env: &[("ACMCTL_HOOK_TIMEOUT", "0")], code: 3, says: "ACMCTL_HOOK_TIMEOUT '0' is not a positive number of seconds" },
        // ---- tags, tokens, flags ----
        Row { group: "flag", what: "tag without a value separator", setup: None, args: &["cert", "request", "--certificate-authority-arn", "{ca}", "--domain-name", "t.example.com", "--tags", "aws:owner=me"], env: &[], code: 3, says: "reserved prefix 'aws:'" },
        Row { group: "flag", what: "tag with a line break", setup: None, args: &["cert", "request", "--certificate-authority-arn", "{ca}", "--domain-name", "t.example.com", "--tags", "team=web\nx"], env: &[], code: 3, says: "tag 'team' contains '\\n', which ACM does not allow in tags" },
        Row { group: "flag", what: "tag with an escape", setup: None, args: &["cert", "request", "--certificate-authority-arn", "{ca}", "--domain-name", "t.example.com", "--tags", "te\x1b[2Jam=web"], env: &[], code: 3, says: "tag 'te\\u{1b}[2Jam' contains '\\u{1b}', which ACM does not allow in tags" },
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
        Row { group: "config", what: "a config file that never ends", setup: None, args: &["cert", "list"], env: &[("ACMCTL_CONFIG", "/dev/zero")], code: 3, says: "config file /dev/zero is larger than 1 MiB; it is not a config file" },
        Row { group: "config", what: "a config file over 1 MiB", setup: Config(Box::leak(format!("region = \"eu-west-1\"\n{}\n", "#".repeat(1 << 20)).into_boxed_str())), args: &["cert", "list"], env: &[], code: 3, says: "config file {path} is larger than 1 MiB; it is not a config file" },
        Row { group: "config", what: "a reload command time-out of zero in the config file", setup: Config("hook_timeout = 0\n"), args: &["cert", "list"], env: &[], code: 3, says: "config file {path}: hook_timeout must be at least 1 second" },
        Row { group: "config", what: "an empty caa_domains", setup: Config("caa_domains = []\n"), args: &["cert", "list"], env: &[], code: 3, says: "config file {path}: caa_domains is empty" },
        Row { group: "config", what: "a caa_domains entry that is no domain", setup: Config("caa_domains = [\"amazon com\"]\n"), args: &["cert", "list"], env: &[], code: 3, says: "caa_domains entry 'amazon com' is not a domain name" },
        Row { group: "config", what: "two event sinks in the config file", setup: Config("event_file = \"e.jsonl\"\nevent_command = \"cat\"\n"), args: &["cert", "list"], env: &[], code: 3, says: "event_file and event_command are both set" },
        Row { group: "config", what: "two event sinks in the environment", setup: None, args: &["cert", "list"], env: &[("ACMCTL_EVENT_FILE", "e.jsonl"), ("ACMCTL_EVENT_COMMAND", "cat")], code: 3, says: "ACMCTL_EVENT_FILE and ACMCTL_EVENT_COMMAND are both set" },
        Row { group: "store", what: "store.toml that is not TOML", setup: StoreFile(b"\0\0\0".to_vec()), args: &["cert", "list"], env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "store", what: "store.toml of a future format", setup: StoreFile(b"format_version = 99\naccount_id = \"123456789012\"\n".to_vec()), args: &["cert", "list"], env: &[], code: 1, says: "format version 99" },
        Row { group: "store", what: "authority record truncated", setup: Authority("authority.toml", b"arn = \"arn:aws:acm-pca".to_vec()), args: REQUEST, env: &[], code: 1, says: "{path} is damaged" },
        Row { group: "store", what: "certificate record with NUL bytes", setup: Certificate("certificate.toml", b"arn = \"\0\"\n".to_vec()), args: &["cert", "describe", "{cert}"], env: &[], code: 1, says: "{path} is damaged" },
    ]
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
        let env = Env::fs();
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
                .replace("{in}", import_inputs().to_str().unwrap())
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

/// The rows above spoil one thing each; the unspoilt bundle imports, so
/// their refusals are about what was spoilt.
#[test]
fn the_unspoilt_import_bundle_is_accepted() {
    let env = Env::fs();
    let dir = import_inputs();
    let file = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let arn = env
        .run(&["--region", REGION, "import", "--certificate", &file("leaf.pem"), "--private-key", &file("leaf.key"),
               "--certificate-chain", &file("good.pem")])
        .ok()
        .line();
    let (_, chain) = get(&env, REGION, &arn);
    assert_eq!(chain, std::fs::read_to_string(dir.join("good.pem")).unwrap());
}

/// `cert request --manifest FILE` from the template's plain authority.
fn manifest(env: &Env, file: &Path) -> Run {
    let ca = &template().ca;
    env.run(&["--region", REGION, "cert", "request", "--manifest", file.to_str().unwrap(), "--certificate-authority-arn", ca,
              "--key-algorithm", "EC_prime256v1"])
}

#[test]
fn a_manifest_over_the_cap_is_refused_before_it_is_read() {
    let env = Env::fs();
    copy_tree(&template().env.store, &env.store);
    // 65 MiB that take no room: a sparse file, all zeros.
    let file = env.path("huge.txt");
    std::fs::File::create(&file).unwrap().set_len(65 << 20).unwrap();
    let before = env.snapshot();
    let r = manifest(&env, &file).code(3);
    assert!(r.stderr.contains(&format!("manifest {} is larger than 64 MiB; split it into several manifests", file.display())), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "a manifest over the cap");
}

#[test]
fn a_manifest_line_of_a_hundred_thousand_names_stops_at_the_quota() {
    let env = Env::fs();
    copy_tree(&template().env.store, &env.store);
    let names: Vec<String> = (0..100_000).map(|i| format!("n{i}.example.com")).collect();
    let file = env.write("names.txt", format!("first.example.com\n{}\n", names.join(" ")));
    let before = env.snapshot();
    let r = manifest(&env, &file).code(3);
    let says = format!("manifest {} line 2: the request has more than 10 names; the quota is 10 names per certificate", file.display());
    assert!(r.stderr.contains(&says), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "a manifest line over the quota");
}

#[test]
fn arguments_with_control_characters_are_echoed_escaped() {
    let f = template();
    // (arguments, what the error quotes of them)
    let cases: &[(&[&str], &str)] = &[
        (&["--region", "x\x1b[2J", "cert", "list"], r"'x\u{1b}[2J'"),
        (&["--region", "eu\nwest-1", "cert", "list"], r"'eu\nwest-1'"),
        (&["--region", REGION, "cert", "request", "--domain-name", "www\x1b[31m.example.com", "--certificate-authority-arn", &f.ca], r"www\u{1b}[31m.example.com"),
        (&["--region", REGION, "cert", "request", "--domain-name", "t.example.com", "--certificate-authority-arn", &f.ca, "--tags", "k\x1b[31m=v"], r"invalid value 'k\u{1b}[31m=v'"),
        (&["--region", REGION, "cert", "request", "--domain-name", "t.example.com", "--certificate-authority-arn", &f.ca, "--tags", "k=a\x1b]0;title\x07b"], r"invalid value 'k=a\u{1b}]0;title\u{7}b'"),
        (&["--region", REGION, "cert", "request", "--domain-name", "t.example.com", "--certificate-authority-arn", &f.ca, "--idempotency-token", "a\x1b[2Jb"], r"'a\u{1b}[2Jb'"),
        (&["--region", REGION, "cert", "describe", "arn:aws:acm:us-west-2:123456789012:certificate/\x1b[2J"], r"\u{1b}[2J"),
    ];
    for (args, quoted) in cases {
        let run = f.env.run(args);
        assert_no_panic(&run, "a command");
        assert_eq!(run.code, 3, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(quoted), "{args:?}: the error does not quote {quoted}:\n{}", run.stderr);
        assert!(!run.stderr.chars().any(|c| c.is_control() && c != '\n'), "{args:?}: a control character reached the terminal: {:?}", run.stderr);
    }
}
