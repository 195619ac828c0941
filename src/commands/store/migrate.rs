use serde_json::json;

use crate::commands::Context;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::store::StoreLocation;
use crate::store::pg::PgStore;

/// Bring a PostgreSQL store's schema up to this acmctl's version
///
/// Migrations are never applied by another command: an upgraded acmctl on one
/// runner must not change the schema under the others. This applies the
/// missing ones in one transaction (all or nothing), after checking that
/// those already applied are this acmctl's. An acmctl older than the store's
/// schema refuses the store with a hint; a directory store has no schema.
///
/// Example:
///   acmctl store migrate --store 'postgresql://acmctl@db.example.com/acmctl?sslmode=verify-full&sslrootcert=/etc/acmctl/db-ca.pem'
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {}

pub fn run(ctx: &Context, _args: &Args) -> Result<()> {
    let StoreLocation::Pg(url) = &ctx.settings.store.location else {
        return Err(Error::invalid(format!(
            "the store {} is a directory, which has no schema to migrate",
            ctx.settings.store.location
        ))
        .with_hint("store migrate is for stores on PostgreSQL (--store postgresql://...)"));
    };
    let report = PgStore::migrate(url, &ctx.settings.store)?;
    ctx.ui.emit(&Output::new(
        json!({"Location": url.location(), "From": report.from, "To": report.to, "Applied": report.applied}),
        format!("{}\n", report.to),
    ));
    ctx.ui.status(&if report.applied.is_empty() {
        format!("the store's schema is at version {}: nothing to apply", report.to)
    } else {
        format!("migrated the store's schema from version {} to {}", report.from, report.to)
    });
    Ok(())
}
