//! `import` over the x509-limbo corpus (../shared/testdata/x509-limbo):
//! every case with a leaf key is imported with the clock at the case's
//! validation time. The chain is put together the way a person would, by
//! following issuer names through the case's intermediates and trust
//! anchors; `import` must then check it by signatures. Each case is
//! accepted, or refused with exit 3 for a reason pinned below, so that any
//! change of verdict shows up. Then every accepted leaf is imported with
//! another case's key and must be refused as a mismatch.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::common::*;
use serde_json::Value;
use x509_parser::prelude::*;

/// The clock for cases that give no validation time: inside the validity
/// of the corpus' certificates, fixed so that the verdicts do not drift.
const DEFAULT_TIME: &str = "2024-06-01T00:00:00Z";

/// Every case `import` refuses, with a part of the reason it must give.
const REFUSED: &[(&str, &str)] = &[
    // Over ACM's 32 KiB limit for a certificate.
    ("pathological::nc-dos-1", "over ACM's limit of 32 KiB"),
    ("pathological::nc-dos-3", "over ACM's limit of 32 KiB"),
    // Outside the validity period at the case's clock.
    ("rfc5280::validity::expired-leaf", "has expired"),
    ("rfc5280::validity::expired-1-second", "has expired"),
    ("rfc5280::validity::expired-5-seconds", "has expired"),
    ("rfc5280::validity::not-yet-valid-1-second", "not yet valid"),
    ("rfc5280::validity::not-yet-valid-5-seconds", "not yet valid"),
    ("rfc5280::validity::notbefore-fractional", "not yet valid"),
    // Leaf keys ACM does not import.
    ("webpki::forbidden-p192-leaf", "EC key that cannot be read"),
    ("webpki::forbidden-dsa-leaf", "DSA key is not supported"),
    ("webpki::forbidden-weak-rsa-in-leaf", "RSA key that cannot be read"),
    ("webpki::forbidden-rsa-key-not-divisible-by-8-in-leaf", "RSA 2052-bit"),
    // Certificates RFC 5280 and the CA/B Forum forbid outright, whatever
    // their chain: ACM imports only X.509 v3 certificates naming their issuer.
    ("webpki::v1-cert", "X.509 version 1; ACM imports only version 3"),
    ("rfc5280::ee-empty-issuer", "issuer name is empty"),
    ("rfc5280::ca-empty-subject", "issuer name is empty"),
    ("rfc5280::serial::zero", "serial number is zero"),
    ("rfc5280::unknown-critical-extension-ee", "unknown critical extension (1.3.6.1.4.1.55738.666.1)"),
    // The issuer that names and key identifiers point to did not make the
    // signature: caught only because signatures are checked.
    ("invalid::invalid-issuer-key", "chain certificate 1 did not sign the certificate"),
    ("pathological::pathological-chain-same-subject-distinct-key", "chain certificate 1 did not sign the certificate"),
    // Signatures by keys too weak to verify (RSA 1024 is rejected by the
    // verifier; DSA and P-192 are not implemented by it).
    ("webpki::forbidden-weak-rsa-key-in-root", "chain certificate 1 did not sign the certificate"),
    ("webpki::forbidden-dsa-root", "cannot be checked"),
    ("webpki::forbidden-p192-root", "cannot be checked"),
];

struct Case {
    id: String,
    leaf: String,
    key: String,
    chain: Vec<String>,
    time: String,
    expected: String,
}

fn der(pem_text: &str) -> Vec<u8> {
    ::pem::parse(pem_text).expect("the corpus holds PEM").into_contents()
}

/// The chain a person (or a bundling tool) would assemble: from the leaf,
/// repeatedly the first candidate whose subject is the current issuer and
/// whose subject key identifier matches the authority key identifier, when
/// both are present, until a self-issued certificate or no candidate.
/// Signatures are left for `import` to check.
fn chain_by_names(leaf: &str, candidates: &[String]) -> Vec<String> {
    let mut chain = Vec::new();
    let mut used = vec![false; candidates.len()];
    let ders: Vec<Vec<u8>> = candidates.iter().map(|c| der(c)).collect();
    let mut current = der(leaf);
    for _ in 0..candidates.len() {
        let (_, cert) = X509Certificate::from_der(&current).expect("corpus certificates parse");
        if !chain.is_empty() && cert.subject().as_raw() == cert.issuer().as_raw() {
            break;
        }
        let issuer = cert.issuer().as_raw().to_vec();
        let aki = authority_key_id(&cert);
        let next = (0..candidates.len()).find(|&i| {
            !used[i]
                && X509Certificate::from_der(&ders[i]).is_ok_and(|(_, c)| {
                    c.subject().as_raw() == issuer.as_slice()
                        && match (&aki, subject_key_id(&c)) {
                            (Some(a), Some(s)) => *a == s,
                            _ => true,
                        }
                })
        });
        let Some(i) = next else { break };
        used[i] = true;
        chain.push(candidates[i].clone());
        current = ders[i].clone();
    }
    chain
}

fn authority_key_id(cert: &X509Certificate<'_>) -> Option<Vec<u8>> {
    cert.extensions().iter().find_map(|e| match e.parsed_extension() {
        ParsedExtension::AuthorityKeyIdentifier(a) => a.key_identifier.as_ref().map(|k| k.0.to_vec()),
        _ => None,
    })
}

fn subject_key_id(cert: &X509Certificate<'_>) -> Option<Vec<u8>> {
    cert.extensions().iter().find_map(|e| match e.parsed_extension() {
        ParsedExtension::SubjectKeyIdentifier(k) => Some(k.0.to_vec()),
        _ => None,
    })
}

fn cases() -> Vec<Case> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/x509-limbo/limbo.json");
    let path = if path.exists() { path } else { PathBuf::from("/work/shared/testdata/x509-limbo/limbo.json") };
    let data: Value = serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .expect("limbo.json is JSON");
    let all = data["testcases"].as_array().expect("testcases");
    assert_eq!(all.len(), 208, "the corpus changed");
    all.iter()
        .filter_map(|t| {
            let key = t["peer_certificate_key"].as_str()?.to_string();
            let leaf = t["peer_certificate"].as_str().unwrap().to_string();
            let strings = |k: &str| -> Vec<String> {
                t[k].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect()
            };
            let mut candidates = strings("untrusted_intermediates");
            candidates.extend(strings("trusted_certs"));
            Some(Case {
                id: t["id"].as_str().unwrap().to_string(),
                chain: chain_by_names(&leaf, &candidates),
                leaf,
                key,
                time: t["validation_time"].as_str().unwrap_or(DEFAULT_TIME).to_string(),
                expected: t["expected_result"].as_str().unwrap().to_string(),
            })
        })
        .collect()
}

fn import(env: &Env, case: &Case, key: &str, with_chain: bool) -> Run {
    let cert = env.write("limbo-cert.pem", &case.leaf);
    let key = env.write("limbo-key.pem", key);
    let mut args = vec!["import".to_string(), "--certificate".into(), cert.display().to_string(), "--private-key".into(), key.display().to_string()];
    if with_chain && !case.chain.is_empty() {
        let chain = env.write("limbo-chain.pem", case.chain.concat());
        args.extend(["--certificate-chain".into(), chain.display().to_string()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.run_env(&[("ACMCTL_NOW", &case.time)], &args)
}

#[test]
fn limbo_leaves_import_or_are_refused_for_a_pinned_reason() {
    let env = Env::new();
    let cases = cases();
    assert_eq!(cases.len(), 189, "cases with a leaf key");
    let pinned: BTreeMap<&str, &str> = REFUSED.iter().copied().collect();
    let mut accepted = Vec::new();
    let mut refused = BTreeMap::new();
    let mut accepted_expected_failure = 0;
    for case in &cases {
        let before = env.snapshot();
        let r = import(&env, case, &case.key, true);
        assert!(!r.stderr.contains("panicked"), "{}: {}", case.id, r.stderr);
        match r.code {
            0 => {
                accepted.push(case);
                if case.expected == "FAILURE" {
                    accepted_expected_failure += 1;
                }
            }
            3 => {
                assert!(r.stdout.is_empty(), "{}: {}", case.id, r.stdout);
                assert_same_store(&before, &env.snapshot(), &case.id);
                refused.insert(case.id.as_str(), r.stderr.trim().to_string());
            }
            other => panic!("{}: exit {other}: {}", case.id, r.stderr),
        }
    }
    let mut changes = Vec::new();
    for (id, message) in &refused {
        match pinned.get(id) {
            None => changes.push(format!("{id} is newly refused: {message}")),
            Some(reason) if !message.contains(reason) => changes.push(format!("{id}: expected '{reason}' in: {message}")),
            Some(_) => {}
        }
    }
    for id in pinned.keys() {
        if !refused.contains_key(id) {
            changes.push(format!("{id} is no longer refused"));
        }
    }
    assert!(changes.is_empty(), "verdicts changed:\n{}", changes.join("\n"));
    // Import is not path validation: it checks the key, the clock and that
    // each chain certificate signed the one before it. So most cases that
    // limbo expects to FAIL validation (name constraints, extensions, ...)
    // still import; those that limbo expects to PASS all import here.
    let refused_expected_success: Vec<_> =
        cases.iter().filter(|c| c.expected == "SUCCESS" && refused.contains_key(c.id.as_str())).map(|c| &c.id).collect();
    assert!(refused_expected_success.is_empty(), "valid chains refused: {refused_expected_success:?}");
    eprintln!(
        "limbo: {} cases with a key, {} accepted ({} of them limbo FAILURE cases), {} refused",
        cases.len(),
        accepted.len(),
        accepted_expected_failure,
        refused.len()
    );
    assert_eq!((accepted.len(), refused.len()), (167, 22));
    let listed = env.run(&["--output", "json", "cert", "list"]).ok().json();
    assert_eq!(listed["CertificateSummaryList"].as_array().unwrap().len(), accepted.len());

    // Each accepted leaf with the key of the next accepted case whose
    // public key differs: a mismatch, naming the key file.
    let spki = |c: &Case| {
        let d = der(&c.leaf);
        X509Certificate::from_der(&d).unwrap().1.public_key().raw.to_vec()
    };
    let before = env.snapshot();
    let mut mismatches = 0;
    for (i, case) in accepted.iter().enumerate() {
        let mine = spki(case);
        let other = accepted[i + 1..].iter().chain(&accepted[..i]).find(|o| spki(o) != mine).expect("another key");
        let r = import(&env, case, &other.key, false).code(3);
        assert!(r.stderr.contains("does not match") && r.stderr.contains("limbo-key.pem"), "{}: {}", case.id, r.stderr);
        mismatches += 1;
    }
    assert_same_store(&before, &env.snapshot(), "mismatched keys");
    eprintln!("limbo: {mismatches} leaves refused with another case's key");
    assert_eq!(mismatches, accepted.len());
}
