//! Shell completions: the committed scripts match the CLI, and bash really
//! completes with them. Regenerate after a CLI change with
//! `UPDATE_SNAPSHOTS=1 cargo test --test completions`.

mod common;

use std::path::PathBuf;

use clap_complete::Shell;
use common::*;

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
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    for (shell, file) in FILES {
        let out = env.run(&["completions", &shell.to_string()]).ok().stdout;
        assert_eq!(out, acmctl::commands::completions::script(shell));
        let path = dir().join(file);
        if update {
            std::fs::write(&path, &out).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == out,
            "{} is stale: regenerate with UPDATE_SNAPSHOTS=1 cargo test --test completions",
            path.display()
        );
    }
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
    let out = std::process::Command::new("bash").args(["--norc", "-c", &program]).output().unwrap();
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
