//! `--help` of every command, against its snapshot in
//! `tests/snapshots/help/`. After a deliberate change to the CLI, rewrite
//! them with `SNAPSHOTS=overwrite cargo test --test it help::` and review
//! the diff.

use std::path::Path;

use crate::common::*;

const SNAPSHOTS: &str = "tests/snapshots/help";

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
    let mut paths = Vec::new();
    command_paths(&acmctl::cli::command(), Vec::new(), &mut paths);
    let mut problems = Vec::new();
    let mut names = Vec::new();
    for path in &paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = env.run_env(&[("COLUMNS", "100")], &args).ok().stdout;
        let name = if path.is_empty() { "acmctl".to_string() } else { format!("acmctl-{}", path.join("-")) };
        // Every command, groups included, explains itself with an example.
        if !path.is_empty() && !out.contains("Example") {
            problems.push(format!("{name} --help has no example:\n{out}"));
        }
        problems.extend(snapshot_diff(&format!("{SNAPSHOTS}/{name}.txt"), &format!("acmctl {}", args.join(" ")), out));
        names.push(format!("{name}.txt"));
    }
    // A snapshot of a command that is gone would still read as documentation.
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(SNAPSHOTS)).into_iter().flatten().flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if !names.contains(&file) {
            problems.push(format!("{SNAPSHOTS}/{file} is the snapshot of no command: remove it"));
        }
    }
    assert_no_diffs(&problems);
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
            // A group's commands are added when the group itself is built
            // (cli::Deferred): as when it runs, build it alone (rendering its
            // usage builds nothing else).
            let mut listed = listed.clone();
            listed.render_usage();
            let listed_about = listed.get_about().map(|a| a.to_string());
            assert_eq!(listed_about, sub.get_about().map(|a| a.to_string()), "{name}: the summary in cli.rs differs from the command's own");
            walk(&listed, sub, &name);
        }
    }
    walk(&<acmctl::cli::Cli as clap::CommandFactory>::command(), &acmctl::cli::command(), "acmctl");
}
