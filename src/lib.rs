//! acmctl: a certificate authority on one machine that keeps AWS
//! Certificate Manager's rules.
//!
//! The layers, from the outside in:
//! - front ends: `cli` (the clap tree) and `commands` (parse, call one
//!   operation, render through `output`, the only module that prints);
//! - `ops`: each ACM and ACM Private CA operation, once;
//! - `policy`: ACM's rules, pure functions of `model`;
//! - `pki` (keys and certificates, no I/O), `validation` (DNS and email),
//!   `store` (records and transactions; the `fs` engine on `fsx`);
//! - `model`: typed names and records; `settings`: flags, environment and
//!   config, resolved once.

// Unit tests are built with the dev-dependencies of the integration tests.
#![cfg_attr(test, allow(unused_crate_dependencies))]

// The musl build's allocator (src/alloc.rs) is the binary's, not the
// library's; the package declares it for that target only.
#[cfg(target_env = "musl")]
use dlmalloc as _;

pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod error;
pub mod fsx;
#[doc(hidden)]
pub mod fuzzing;
pub mod model;
pub mod ops;
pub mod output;
pub mod passphrase;
pub mod pki;
pub mod policy;
pub mod serve;
pub mod settings;
pub mod store;
pub mod text;
pub mod validation;

use std::process::ExitCode;

use crate::error::exit;

/// Keeps secrets out of crash dumps: a decrypted authority key or a
/// passphrase in memory must not land in a core file, nor be read by a
/// debugger of the same user (as ssh-agent and gpg-agent do).
fn protect_memory() {
    use rustix::process::{DumpableBehavior, Resource, Rlimit, getrlimit, set_dumpable_behavior, setrlimit};
    let limit = getrlimit(Resource::Core);
    let _ = setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: limit.maximum });
    let _ = set_dumpable_behavior(DumpableBehavior::NotDumpable);
}

/// Parses the command line, runs the command, and turns the outcome into
/// an exit code.
pub fn main() -> ExitCode {
    protect_memory();
    match commands::completions::complete_from_env() {
        Ok(false) => {}
        Ok(true) => return ExitCode::from(exit::SUCCESS),
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(exit::USAGE);
        }
    }
    let cli = match cli::Cli::parse_process() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind as K;
            let code = match e.kind() {
                K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                    return ExitCode::from(if e.kind() == K::DisplayHelpOnMissingArgumentOrSubcommand {
                        exit::USAGE
                    } else {
                        exit::SUCCESS
                    });
                }
                // A value that parsed as a word but is not a valid region,
                // ARN, domain name, … is bad input, not bad usage.
                K::ValueValidation => exit::INVALID_INPUT,
                _ => exit::USAGE,
            };
            output::clap_error(&e);
            return ExitCode::from(code);
        }
    };
    let settings = match settings::Settings::from_process(&cli.global) {
        Ok(s) => s,
        Err(err) => {
            let color = cli.global.color == output::ColorChoice::Always;
            output::Ui::new(cli.global.output, cli.global.quiet, color).error(&err);
            return ExitCode::from(err.exit_code());
        }
    };
    let ui = output::Ui::new(cli.global.output, cli.global.quiet, settings.color);
    let ctx = commands::Context::new(ui, settings);
    match commands::run(&ctx, &cli.command) {
        Ok(()) => ExitCode::from(exit::SUCCESS),
        Err(err) => {
            ctx.ui.error(&err);
            ExitCode::from(err.exit_code())
        }
    }
}
