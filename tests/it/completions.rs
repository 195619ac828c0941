//! Shell completions: the committed scripts match the CLI, bash and fish
//! really complete with them, and the dynamic zsh script offers what zsh
//! shows. Rewrite the scripts after a CLI change with
//! `SNAPSHOTS=overwrite cargo test --test it completions::`.

use std::path::PathBuf;

use clap_complete::Shell;
use crate::common::*;

const FILES: [(Shell, &str); 5] = [
    (Shell::Bash, "acmctl.bash"),
    (Shell::Zsh, "_acmctl"),
    (Shell::Fish, "acmctl.fish"),
    (Shell::PowerShell, "_acmctl.ps1"),
    (Shell::Elvish, "acmctl.elv"),
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions")
}

#[test]
fn committed_completion_scripts_match_the_cli() {
    let env = Env::new();
    let mut problems = Vec::new();
    for (shell, file) in FILES {
        let out = env.run(&["completions", &shell.to_string()]).ok().stdout;
        assert_eq!(out, acmctl::commands::completions::script(shell));
        problems.extend(snapshot_diff(&format!("completions/{file}"), &format!("acmctl completions {shell}"), out));
    }
    assert_no_diffs(&problems);
}

/// Completes the words of `line` (the last one partial) with the committed
/// bash script, as bash itself does on TAB.
fn bash_complete(line: &str) -> Vec<String> {
    let script = dir().join("acmctl.bash");
    let words: Vec<&str> = line.split(' ').collect();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE='{line}'\nCOMP_POINT=${{#COMP_LINE}}\n_acmctl acmctl '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words.get(words.len().wrapping_sub(2)).copied().unwrap_or(""),
    );
    let out = hermetic("bash").args(["--norc", "-c", &program]).output().unwrap();
    assert!(out.status.success(), "bash failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
}

#[test]
fn bash_completes_commands_options_and_regions() {
    assert_eq!(bash_complete("acmctl ce"), vec!["cert"]);
    let cert = bash_complete("acmctl cert re");
    assert!(cert.contains(&"request".to_string()), "{cert:?}");
    let opts = bash_complete("acmctl cert request --dom");
    assert_eq!(opts, vec!["--domain-name"]);
    let mut regions = bash_complete("acmctl --region eu-west-");
    regions.sort();
    assert_eq!(regions, vec!["eu-west-1", "eu-west-2", "eu-west-3"]);
}

/// Completes `line` (the last word partial) with the dynamic bash script,
/// as bash does on TAB, with the store of `env`. Bash itself splits the
/// word at colons, so each candidate is what follows the last colon typed.
fn dynamic_bash_complete(env: &Env, line: &str) -> Vec<String> {
    let script = env.run(&["completions", "bash", "--dynamic"]).ok().stdout;
    let path = env.write("dynamic.bash", script);
    let program = format!(
        "source '{}'\nCOMP_LINE='{line}'\nCOMP_POINT=${{#COMP_LINE}}\nread -ra COMP_WORDS <<< \"$COMP_LINE\"\nCOMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n_clap_complete_acmctl\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        path.display()
    );
    shell_lines(env, "bash", &["--norc", "-c", &program])
}

/// Runs a shell with the environment acmctl gets in `env` (its store);
/// returns the lines it prints.
fn shell_lines(env: &Env, shell: &str, args: &[&str]) -> Vec<String> {
    let out = env.program(shell).args(args).output().unwrap_or_else(|e| panic!("cannot run {shell} (scripts/test.sh installs it): {e}"));
    assert!(out.status.success(), "{shell} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// What fish offers on TAB after `line`, with `script` loaded: each
/// candidate, a tab, and its description.
fn fish_complete(env: &Env, script: &std::path::Path, line: &str) -> Vec<String> {
    let program = format!("source '{}'; complete --do-complete '{line}'", script.display());
    shell_lines(env, "fish", &["--no-config", "-c", &program])
}

/// What bash shows for an ARN once `typed` (ending in a colon) is on the line.
fn after(arn: &str, typed: &str) -> String {
    arn.strip_prefix(typed).unwrap().to_string()
}

#[test]
fn dynamic_bash_completes_arns_from_the_store() {
    let env = Env::new();
    let ca_eu = env.root("eu-west-1", "EC_prime256v1");
    let ca_us = env.root("us-east-1", "EC_prime256v1");
    let cert_eu = env.private_cert("eu-west-1", &ca_eu, "EC_prime256v1", &["a.example.internal"]);
    let cert_us = env.private_cert("us-east-1", &ca_us, "EC_prime256v1", &["b.example.internal"]);

    // Certificates of every region, cut where bash cut the word.
    let mut all = dynamic_bash_complete(&env, "acmctl cert describe arn:aws:acm:");
    all.sort();
    let mut want = vec![after(&cert_eu, "arn:aws:acm:"), after(&cert_us, "arn:aws:acm:")];
    want.sort();
    assert_eq!(all, want);
    // A typed region narrows them to its own.
    let typed = "arn:aws:acm:eu-west-1:";
    assert_eq!(dynamic_bash_complete(&env, &format!("acmctl cert describe {typed}")), vec![after(&cert_eu, typed)]);
    assert!(dynamic_bash_complete(&env, "acmctl cert describe arn:aws:acm:ap-south-1:").is_empty());
    // Authorities where an authority is wanted, certificates where a certificate is.
    let typed = "arn:aws:acm-pca:us-";
    assert_eq!(
        dynamic_bash_complete(&env, &format!("acmctl cert request --certificate-authority-arn {typed}")),
        vec![after(&ca_us, "arn:aws:acm-pca:")]
    );
    let typed = "arn:aws:acm:us-east-1:";
    assert_eq!(dynamic_bash_complete(&env, &format!("acmctl deploy {typed}")), vec![after(&cert_us, typed)]);
    // Commands still complete as with the static script.
    assert_eq!(dynamic_bash_complete(&env, "acmctl ce"), vec!["cert"]);
}

#[test]
fn dynamic_completion_creates_no_store() {
    let env = Env::new();
    assert!(dynamic_bash_complete(&env, "acmctl cert describe arn:aws:acm:").is_empty());
    assert!(!env.store.exists(), "completing created a store at {}", env.store.display());
}

#[test]
fn the_dynamic_script_is_what_complete_env_prints() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let flag = env.run(&["completions", shell, "--dynamic"]).ok().stdout;
        let var = env.run_env(&[("COMPLETE", shell)], &[]).ok().stdout;
        assert_eq!(flag, var, "{shell}");
        assert!(flag.contains(BIN), "{shell} script does not call {BIN}:\n{flag}");
    }
}

#[test]
fn fish_completes_commands_options_and_regions_with_descriptions() {
    let env = Env::new();
    let script = dir().join("acmctl.fish");
    let cert = fish_complete(&env, &script, "acmctl ce");
    assert_eq!(cert, vec!["cert\tCertificates: request, validate, read, export, revoke and delete"]);
    let verbs = fish_complete(&env, &script, "acmctl cert re");
    assert!(verbs.contains(&"request\tRequest a certificate (RequestCertificate)".to_string()), "{verbs:?}");
    // (Before the command, the static fish script completes only
    // `--region=eu-west-`; the dynamic one completes both forms.)
    let mut regions = fish_complete(&env, &script, "acmctl cert list --region eu-west-");
    regions.sort();
    assert_eq!(regions, vec!["eu-west-1", "eu-west-2", "eu-west-3"]);
}

#[test]
fn dynamic_fish_completes_arns_with_what_they_name() {
    let env = Env::new();
    let ca = env.root("eu-west-1", "EC_prime256v1");
    let cert = env.private_cert("eu-west-1", &ca, "EC_prime256v1", &["a.example.internal"]);
    let script = env.write("dynamic.fish", env.run(&["completions", "fish", "--dynamic"]).ok().stdout);
    assert_eq!(
        fish_complete(&env, &script, "acmctl cert describe arn:aws:acm:"),
        vec![format!("{cert}\ta.example.internal")]
    );
    let common_name = described_authority_name(&env, &ca);
    assert_eq!(
        fish_complete(&env, &script, "acmctl cert request --certificate-authority-arn arn:aws:acm-pca:eu"),
        vec![format!("{ca}\t{common_name}")]
    );
    assert!(fish_complete(&env, &script, "acmctl cert describe arn:aws:acm:ap-south-1:").is_empty());
    let mut regions = fish_complete(&env, &script, "acmctl --region eu-west-");
    regions.sort();
    assert_eq!(regions, vec!["eu-west-1", "eu-west-2", "eu-west-3"]);
}

fn described_authority_name(env: &Env, arn: &str) -> String {
    let d = env.run(&["--region", "eu-west-1", "--output", "json", "ca", "describe", arn]).ok().json();
    let subject = &d["CertificateAuthority"]["CertificateAuthorityConfiguration"]["Subject"];
    subject["CommonName"].as_str().unwrap().to_string()
}

/// What the dynamic zsh script hands zsh's `_describe` for `line` (the
/// last word partial): `value:description`, colons in the value escaped.
/// `_describe` itself runs only inside zsh's line editor, so a stand-in
/// prints what it is given.
fn dynamic_zsh_candidates(env: &Env, line: &str) -> Vec<String> {
    let script = env.write("dynamic.zsh", env.run(&["completions", "zsh", "--dynamic"]).ok().stdout);
    let words: Vec<String> = line.split(' ').map(|w| format!("'{w}'")).collect();
    let program = format!(
        "compdef() {{ : }}\n_describe() {{ print -rl -- \"${{(@P)3}}\" }}\nsource '{}'\nwords=({})\nCURRENT={}\n_clap_dynamic_completer_acmctl\n",
        script.display(),
        words.join(" "),
        words.len()
    );
    shell_lines(env, "zsh", &["-f", "-c", &program])
}

#[test]
fn dynamic_zsh_offers_commands_regions_and_arns_with_what_they_name() {
    let env = Env::new();
    let ca = env.root("eu-west-1", "EC_prime256v1");
    let cert = env.private_cert("eu-west-1", &ca, "EC_prime256v1", &["a.example.internal"]);
    let escaped = |arn: &str| arn.replace(':', "\\:");
    assert_eq!(
        dynamic_zsh_candidates(&env, "acmctl ce"),
        vec!["cert:Certificates: request, validate, read, export, revoke and delete"]
    );
    assert_eq!(dynamic_zsh_candidates(&env, "acmctl --region eu-west-"), vec!["eu-west-1", "eu-west-2", "eu-west-3"]);
    assert_eq!(
        dynamic_zsh_candidates(&env, "acmctl cert describe arn:aws:acm:"),
        vec![format!("{}:a.example.internal", escaped(&cert))]
    );
    let common_name = described_authority_name(&env, &ca);
    assert_eq!(
        dynamic_zsh_candidates(&env, "acmctl cert request --certificate-authority-arn arn:aws:acm-pca:eu"),
        vec![format!("{}:{common_name}", escaped(&ca))]
    );
}
