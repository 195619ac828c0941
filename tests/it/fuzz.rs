//! Replays the fuzz corpus (`fuzz/corpus/<target>/`, crash inputs under
//! `fuzz/regressions/<target>/`) through the library's fuzz entry points,
//! then mutates it for a fixed number of rounds. A longer run:
//!
//!   ACMCTL_FUZZ_SECONDS=60 cargo test --release --test it fuzz:: -- --nocapture
//!
//! ACMCTL_FUZZ_TARGET picks one target; ACMCTL_FUZZ_SEED replays a run.
//! Inputs that panic are written to `fuzz/artifacts/<target>/` and fail
//! the test.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::time::{Duration, Instant};

use acmctl::fuzzing::TARGETS;
use crate::common::Rng;

/// Fragments the parsers give meaning to.
const TOKENS: &[&[u8]] = &[
    b"-----BEGIN CERTIFICATE-----\n", b"-----END CERTIFICATE-----\n", b"-----BEGIN PRIVATE KEY-----\n",
    b"-----END PRIVATE KEY-----\n", b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n", b"-----END ", b"-----", b"*.", b"..",
    b".", b"-", b"xn--", b"arn:aws:acm:", b"arn:aws:acm-pca:", b":certificate/", b":certificate-authority/",
    b"us-east-1", b"123456789012", b"\0", b"=", b"\"", b"[", b"]", b"[[", b"\n", b"'''", b"\\u0000", b"0x", b"\xff",
    b"\xc3\xa9", b"AAAA", b"MIIB", b"==", b"version = 4294967296\n", b"serial = \"\"\n",
    b"not_after = 9999-12-31T23:59:60Z\n",
];

fn mutate(input: &[u8], corpus: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.index(4) {
        let len = out.len();
        match rng.index(8) {
            0 if len > 0 => {
                let i = rng.index(len);
                out[i] ^= 1 << rng.index(8);
            }
            1 if len > 0 => {
                let i = rng.index(len);
                out[i] = rng.next() as u8;
            }
            2 => {
                let i = rng.index(len + 1);
                out.insert(i, rng.next() as u8);
            }
            3 if len > 0 => {
                let a = rng.index(len);
                let b = (a + 1 + rng.index(16)).min(len);
                out.drain(a..b);
            }
            4 if len > 0 => {
                let a = rng.index(len);
                let b = (a + 1 + rng.index(64)).min(len);
                let piece = out[a..b].to_vec();
                let at = rng.index(len + 1);
                out.splice(at..at, piece.iter().cycle().take(piece.len() * (1 + rng.index(4))).copied());
            }
            5 | 6 => {
                let t = TOKENS[rng.index(TOKENS.len())];
                let at = rng.index(len + 1);
                out.splice(at..at, t.iter().copied());
            }
            _ => {
                let other = &corpus[rng.index(corpus.len())];
                if !other.is_empty() {
                    let a = rng.index(other.len());
                    let b = (a + 1 + rng.index(256)).min(other.len());
                    let at = rng.index(len + 1);
                    out.splice(at..at, other[a..b].iter().copied());
                }
            }
        }
    }
    out.truncate(64 * 1024);
    out
}

fn read_dir(dir: &Path) -> Vec<Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    files.into_iter().map(|p| std::fs::read(p).unwrap()).collect()
}

thread_local! {
    /// Set while a fuzz input runs on this thread: its panic is counted,
    /// not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Silences the panics of fuzz inputs, and only those: the other tests run
/// in this process at the same time, and their panics still print.
fn silence_input_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.get() {
                previous(info);
            }
        }));
    });
}

fn runs_clean(f: fn(&[u8]), input: &[u8]) -> bool {
    QUIET.set(true);
    let clean = catch_unwind(AssertUnwindSafe(|| f(input))).is_ok();
    QUIET.set(false);
    clean
}

#[test]
fn fuzz_targets_survive_their_corpus_and_mutations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let seconds: Option<u64> = std::env::var("ACMCTL_FUZZ_SECONDS").ok().and_then(|v| v.parse().ok());
    let only = std::env::var("ACMCTL_FUZZ_TARGET").ok();
    let seed: u64 = std::env::var("ACMCTL_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x5eed_acc7);
    silence_input_panics();
    let mut crashes = Vec::new();
    for (name, f) in TARGETS {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let mut corpus = read_dir(&root.join("corpus").join(name));
        assert!(!corpus.is_empty(), "fuzz/corpus/{name} is empty");
        corpus.extend(read_dir(&root.join("regressions").join(name)));
        for (i, input) in corpus.iter().enumerate() {
            if !runs_clean(*f, input) {
                crashes.push(format!("{name}: corpus input {i} panics"));
            }
        }
        let mut rng = Rng(seed ^ (name.len() as u64 * 0x9e37_79b9));
        let started = Instant::now();
        let mut execs: u64 = 0;
        let mut found = 0;
        loop {
            match seconds {
                Some(s) if started.elapsed() >= Duration::from_secs(s) => break,
                None if execs >= 20_000 => break,
                _ => {}
            }
            let base = &corpus[rng.index(corpus.len())];
            let input = mutate(base, &corpus, &mut rng);
            execs += 1;
            if !runs_clean(*f, &input) {
                found += 1;
                let dir = root.join("artifacts").join(name);
                std::fs::create_dir_all(&dir).unwrap();
                let path = dir.join(format!("crash-{execs}"));
                std::fs::write(&path, &input).unwrap();
                crashes.push(format!("{name}: {} panics", path.display()));
                if found > 20 {
                    break;
                }
            }
        }
        eprintln!("fuzz {name}: {execs} executions in {:.1}s, {found} crashes", started.elapsed().as_secs_f64());
    }
    acmctl::fuzzing::ocsp_responder_cleanup();
    assert!(crashes.is_empty(), "{}", crashes.join("\n"));
}
