//! `account config get|put`: the account's settings in the region
//! (GetAccountConfiguration, PutAccountConfiguration).

use clap::Subcommand;

use crate::commands::Context;
use crate::error::Result;
use crate::model::AccountConfiguration;
use crate::output::Output;
use crate::output::acm::{self, ExpiryEvents};
use crate::output::table::fields;

/// Show the account's settings in the region (GetAccountConfiguration)
///
/// Example:
///   acmctl account config get --output json | jq .ExpiryEvents.DaysBeforeExpiry
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Get {}

/// Change the account's settings in the region (PutAccountConfiguration)
///
/// DaysBeforeExpiry: how many days before a certificate expires its expiry
/// events start (default 45).
///
/// Example:
///   acmctl account config put --days-before-expiry 30
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Put {
    /// Days before expiry that expiry events start (at least 1)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=365))]
    pub days_before_expiry: u32,
}

#[derive(Subcommand, Debug)]
#[command(defer = true)]
pub enum ConfigCommand {
    #[command(about = "Show the account's settings in the region (GetAccountConfiguration)")]
    Get(Get),
    #[command(about = "Change the account's settings in the region (PutAccountConfiguration)")]
    Put(Put),
}

pub fn run_config(ctx: &Context, command: &ConfigCommand) -> Result<()> {
    let scope = ctx.scope()?;
    let config = match command {
        ConfigCommand::Get(_) => crate::ops::account::get(&scope)?,
        ConfigCommand::Put(a) => crate::ops::account::put(&scope, a.days_before_expiry)?,
    };
    show(ctx, &config);
    Ok(())
}

fn show(ctx: &Context, config: &AccountConfiguration) {
    ctx.ui.emit(&Output::new(
        acm::AccountConfiguration { expiry_events: ExpiryEvents { days_before_expiry: config.days_before_expiry } },
        fields(&[("Days before expiry", config.days_before_expiry.to_string())]),
    ));
}
