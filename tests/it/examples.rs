//! The scripts in examples/ run as documented.

use crate::common::*;

fn run_example(name: &str) -> String {
    let env = Env::new();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name);
    let out = env.program("bash").arg(&script).env("ACMCTL", BIN).output().unwrap();
    assert!(
        out.status.success(),
        "{name} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

#[test]
fn tour() {
    let out = run_example("tour.sh");
    // Piped, as here, its headings are plain text like acmctl's own output.
    assert!(!out.contains('\x1b'), "escape codes in piped output:\n{out}");
    assert!(out.contains("\n$ acmctl --region eu-west-1 cert list\n"), "{out}");
}

#[test]
fn ci_pipeline() {
    run_example("ci-pipeline.sh");
}

/// Needs nginx (scripts/test.sh installs it); deploys, renews and checks what nginx serves.
#[test]
fn nginx_deploy() {
    run_example("nginx-deploy.sh");
}

#[test]
fn acm_rules() {
    let out = run_example("acm-rules.sh");
    // The walk shows each refusal with the rule it applies.
    for rule in ["regional-resource", "target-in-region", "no-ec2", "global-target-us-east-1", "imported-not-renewed", "public-domain"] {
        assert!(out.contains(&format!("refused by rule {rule}")), "acm-rules.sh never shows rule {rule}:\n{out}");
    }
}
