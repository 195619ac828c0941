//! Reload commands (`deploy --exec`): run with `sh -c` once the files are
//! in place and the store is no longer locked, in a clean environment (an
//! allow-list of acmctl's, plus the documented ACMCTL_* variables: never a
//! passphrase), in a process group of their own, and stopped with that
//! whole group when they outlast the time-out or acmctl dies.

use std::ffi::OsStr;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::model::CertificateArn;
use crate::settings::HookSettings;

/// Runs a deployment's reload command. Its output goes to acmctl's
/// stderr, so that stdout stays the command's result.
pub fn run(settings: &HookSettings, cmd: &str, arn: &CertificateArn, dest: &Path, target: &str) -> Result<()> {
    let failed = |how: String| {
        Error::failure(format!(
            "the files of {arn} are in {} and recorded, but the reload command '{cmd}' for {target} {how}",
            dest.display()
        ))
        .with_hint("fix the command and deploy again; the server may still serve the previous certificate")
    };
    let arn_text = arn.to_string();
    let vars: [(&str, &OsStr); 3] = [
        ("ACMCTL_CERTIFICATE_ARN", arn_text.as_ref()),
        ("ACMCTL_DEPLOY_DIR", dest.as_os_str()),
        ("ACMCTL_TARGET_ARN", target.as_ref()),
    ];
    match run_shell(settings, cmd, &vars, None) {
        Ok(Some(status)) if status.success() => Ok(()),
        Ok(Some(status)) => Err(failed(format!("failed with {}", how(status)))),
        Ok(None) => Err(failed(format!("did not finish within {} s and was stopped", settings.timeout.as_secs_f64()))
            .with_hint("make the command finish sooner, or raise ACMCTL_HOOK_TIMEOUT (seconds)")),
        Err(e) => Err(Error::failure(format!("cannot run the reload command '{cmd}' for {target}")).caused_by(e)),
    }
}

/// Runs `cmd` with `sh -c` in a clean environment (the allowed part of
/// acmctl's, and `vars`), in a process group of its own, stopped with that
/// group at the time-out; `input` on its stdin (else nothing), its stdout
/// to acmctl's stderr. None: it was stopped at the time-out.
pub(crate) fn run_shell(
    settings: &HookSettings,
    cmd: &str,
    vars: &[(&str, &OsStr)],
    input: Option<&[u8]>,
) -> std::io::Result<Option<ExitStatus>> {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(cmd)
        .env_clear()
        .envs(settings.env.iter().map(|(k, v)| (k, v)))
        .envs(vars.iter().copied())
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(std::io::stderr());
    // A group of its own (the guard's, made first: see `Guard`), so that
    // the time-out, or acmctl's death, stops what it started too.
    let guard = Guard::start(settings);
    command.process_group(guard.group().unwrap_or(0));
    let parent = rustix::process::getpid();
    // SAFETY: the closure runs in the child between fork and exec, and
    // calls only prctl and getppid, which are async-signal-safe; it
    // allocates nothing.
    unsafe {
        command.pre_exec(move || {
            // If acmctl is killed, so is the command (the signal survives
            // `sh -c`'s exec of a single command).
            rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL))?;
            if rustix::process::getppid() != Some(parent) {
                return Err(std::io::Error::other("acmctl exited before the command started"));
            }
            Ok(())
        })
    };
    let mut child = command.spawn()?;
    if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
        // A command that exits without reading its input is its own
        // business: what counts is how it exits.
        let _ = stdin.write_all(bytes);
    }
    let group = guard.group().unwrap_or(child.id() as i32);
    let outcome = wait(&mut child, settings.timeout, group);
    drop(guard);
    outcome
}

fn how(status: ExitStatus) -> String {
    match status.code() {
        Some(c) => format!("exit status {c}"),
        None => "a signal".to_string(),
    }
}

/// Stops the command's process group should acmctl die before it is done
/// with the command. The parent-death signal reaches the shell alone, not
/// what the shell started; so a second shell, started first in a process
/// group of its own that the command then joins, reads a pipe from acmctl.
/// acmctl writes a line to it once it is done with the command; if acmctl
/// dies first, the pipe closes with nothing written and the guard kills
/// its group: the command, what it started, and itself. (Made before the
/// command, it is in place before the command can start anything; in a
/// group of its own, a terminal's Ctrl-C does not stop it first.) Without
/// a guard (sh cannot be started), the command has a group of its own and
/// its shell alone is stopped.
struct Guard(Option<std::process::Child>);

impl Guard {
    fn start(settings: &HookSettings) -> Guard {
        let child = Command::new("sh")
            .arg("-c")
            .arg("read done || kill -KILL 0")
            .env_clear()
            .envs(settings.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .ok();
        Guard(child)
    }

    /// The guard's process group (its own id), for the command to join.
    fn group(&self) -> Option<i32> {
        self.0.as_ref().map(|c| c.id() as i32)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            if let Some(mut pipe) = child.stdin.take() {
                let _ = pipe.write_all(b"done\n");
            }
            let _ = child.wait();
        }
    }
}

/// Waits for `child` up to `limit`; past it, kills its process group
/// `group` and returns None.
fn wait(child: &mut std::process::Child, limit: Duration, group: i32) -> std::io::Result<Option<ExitStatus>> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if start.elapsed() >= limit {
            if let Some(group) = rustix::process::Pid::from_raw(group) {
                let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
            }
            let _ = child.kill();
            child.wait()?;
            return Ok(None);
        }
        std::thread::sleep(pause.min(limit.saturating_sub(start.elapsed())));
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountId, Region};

    fn arn() -> CertificateArn {
        CertificateArn::new("eu-west-1".parse::<Region>().unwrap(), "123456789012".parse::<AccountId>().unwrap())
    }

    fn settings(timeout: Duration) -> HookSettings {
        HookSettings {
            timeout,
            env: vec![("PATH".into(), crate::settings::Env::var(&crate::settings::ProcessEnv, "PATH").unwrap())],
        }
    }

    #[test]
    fn the_command_sees_only_the_allowed_environment() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("env");
        let cmd = format!("env > '{}'", out.display());
        run(&settings(Duration::from_secs(30)), &cmd, &arn(), dir.path(), "arn:target").unwrap();
        let env = std::fs::read_to_string(&out).unwrap();
        let mut names: Vec<&str> = env.lines().filter_map(|l| l.split_once('=')).map(|(k, _)| k).collect();
        names.retain(|n| !["PWD", "SHLVL", "_", "OLDPWD"].contains(n)); // set by sh itself
        names.sort();
        assert_eq!(names, ["ACMCTL_CERTIFICATE_ARN", "ACMCTL_DEPLOY_DIR", "ACMCTL_TARGET_ARN", "PATH"], "{env}");
    }

    #[test]
    fn a_command_that_outlasts_the_time_out_is_stopped_with_its_children() {
        let dir = tempfile::tempdir().unwrap();
        let pidfile = dir.path().join("child.pid");
        // A child in the background that would outlive sh.
        let cmd = format!("sleep 300 & echo $! > '{}'; wait", pidfile.display());
        let start = Instant::now();
        let e = run(&settings(Duration::from_secs(3)), &cmd, &arn(), dir.path(), "arn:target").unwrap_err();
        assert!(e.message.contains("did not finish within 3 s"), "{}", e.message);
        assert!(start.elapsed() < Duration::from_secs(60));
        let pid: i32 = std::fs::read_to_string(&pidfile).unwrap().trim().parse().unwrap();
        // The background sleep was in the group, and is gone (or a zombie
        // about to be reaped by init). SIGKILL is delivered asynchronously:
        // on a loaded machine the process may take a moment to die.
        let gone = || {
            let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            (state.is_empty() || state.contains(") Z"), state)
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while !gone().0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        let (dead, state) = gone();
        assert!(dead, "the background child survived the time-out: {state}");
    }

    #[test]
    fn a_failing_command_is_an_error_that_says_how() {
        let dir = tempfile::tempdir().unwrap();
        let e = run(&settings(Duration::from_secs(30)), "exit 7", &arn(), dir.path(), "arn:target").unwrap_err();
        assert!(e.message.contains("failed with exit status 7"), "{}", e.message);
    }
}
