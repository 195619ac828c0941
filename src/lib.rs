//! acmctl: a certificate authority on one machine that keeps AWS
//! Certificate Manager's rules.

pub mod alloc;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod context;
pub mod deployment;
pub mod error;
pub mod fuzzing;
pub mod issuance;
pub mod model;
pub mod output;
pub mod passphrase;
pub mod pki;
pub mod policy;
pub mod renewal;
pub mod serve;
pub mod store;
pub mod validation;

use std::process::ExitCode;

use clap::Parser;

use crate::error::exit;

/// Parses the command line, runs the command, and turns the outcome into
/// an exit code.
pub fn main() -> ExitCode {
    match commands::completions::complete_from_env() {
        Ok(false) => {}
        Ok(true) => return ExitCode::from(exit::SUCCESS),
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(exit::USAGE);
        }
    }
    let cli = match cli::Cli::try_parse() {
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
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let ctx = match context::Context::new(&cli.global) {
        Ok(ctx) => ctx,
        Err(err) => {
            output::Ui::new(cli.global.output, cli.global.quiet, cli.global.color).error(&err);
            return ExitCode::from(err.exit_code());
        }
    };
    match commands::run(&ctx, &cli.command) {
        Ok(()) => ExitCode::from(exit::SUCCESS),
        Err(err) => {
            ctx.ui.error(&err);
            ExitCode::from(err.exit_code())
        }
    }
}
