//! Snapshots of `--help` for every command. After a deliberate change to
//! the CLI, regenerate them with `UPDATE_SNAPSHOTS=1 cargo test --test it help::`
//! and review the diff.

use std::path::PathBuf;

use crate::common::*;

fn command_paths(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let mut path = prefix.clone();
        path.push(sub.get_name().to_string());
        command_paths(sub, path, out);
    }
}

#[test]
fn help_of_every_command_matches_its_snapshot() {
    let env = Env::new();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/help");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut paths = Vec::new();
    command_paths(&acmctl::cli::command(), Vec::new(), &mut paths);
    let mut mismatched = Vec::new();
    for path in &paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = env.run_env(&[("COLUMNS", "100")], &args).ok().stdout;
        let name = if path.is_empty() { "acmctl".to_string() } else { format!("acmctl-{}", path.join("-")) };
        let file = dir.join(format!("{name}.txt"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &out).unwrap();
            continue;
        }
        match std::fs::read_to_string(&file) {
            Ok(expected) if expected == out => {}
            Ok(_) => mismatched.push(format!("{name}: differs from {}", file.display())),
            Err(_) => mismatched.push(format!("{name}: no snapshot at {}", file.display())),
        }
        // Every command, groups included, explains itself with an example.
        if !path.is_empty() {
            assert!(out.contains("Example"), "{name} --help has no example:\n{out}");
        }
    }
    assert!(
        mismatched.is_empty(),
        "help changed (regenerate with UPDATE_SNAPSHOTS=1 cargo test --test it help::, and review):\n{}",
        mismatched.join("\n")
    );
}

#[test]
fn first_lines_of_help_are_short() {
    let mut paths = Vec::new();
    command_paths(&acmctl::cli::command(), Vec::new(), &mut paths);
    let root = acmctl::cli::command();
    for path in paths.iter().filter(|p| !p.is_empty()) {
        let mut cmd = &root;
        for p in path {
            cmd = cmd.find_subcommand(p).unwrap();
        }
        let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
        assert!(!about.is_empty() && about.len() <= 80, "{path:?}: first line {about:?}");
    }
}

/// A command's arguments are built only when it runs; the one-line summary
/// its parent's help lists is given on its own in cli.rs, and must say what
/// the command's doc comment says.
#[test]
fn summaries_listed_by_the_parent_match_each_command() {
    fn walk(unbuilt: &clap::Command, built: &clap::Command, path: &str) {
        for sub in built.get_subcommands().filter(|s| s.get_name() != "help") {
            let name = format!("{path} {}", sub.get_name());
            let listed = unbuilt.find_subcommand(sub.get_name()).unwrap_or_else(|| panic!("{name} is missing before building"));
            let listed_about = listed.get_about().map(|a| a.to_string());
            assert_eq!(listed_about, sub.get_about().map(|a| a.to_string()), "{name}: the summary in cli.rs differs from the command's own");
            walk(listed, sub, &name);
        }
    }
    walk(&<acmctl::cli::Cli as clap::CommandFactory>::command(), &acmctl::cli::command(), "acmctl");
}
