use std::path::PathBuf;

use serde_json::json;

use crate::commands::Context;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::settings::store_location;
use crate::store::pg::PgStore;
use crate::store::{Store, StoreLocation, StoreOptions};

/// Copy a whole store to an empty one: a directory to a database and back
///
/// SRC and DST are each a store directory or a postgresql:// URL. DST must
/// hold no records yet; a directory that does not exist is made, and an empty
/// database (or schema) is set up as 'acmctl store init' would, for SRC's
/// account. Private keys are sealed or opened with the store key named by
/// ACMCTL_STORE_KEY_FILE. Every record is read back from DST and compared with
/// SRC; a difference is an error. Copied: authorities (keys, CRLs, CSRs,
/// reserved serials, certificates they issued for CSRs), certificates with
/// every version SRC keeps, the idempotency tokens used within the hour, and
/// the account settings of each region. A database keeps the earlier versions
/// of renewed and re-imported certificates; a directory keeps the current
/// version only, so a copy to a directory leaves the earlier ones behind (and
/// says how many).
///
/// Example:
///   acmctl store copy ~/.local/share/acmctl 'postgresql://acmctl@db.example.com/acmctl?sslmode=verify-full&sslrootcert=/etc/acmctl/db-ca.pem'
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The store to copy: a directory or a postgresql:// URL
    #[arg(value_name = "SRC")]
    pub src: PathBuf,
    /// The empty store to copy it to: a directory or a postgresql:// URL
    #[arg(value_name = "DST")]
    pub dst: PathBuf,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let options = |location| StoreOptions { location, ..ctx.settings.store.clone() };
    let src_options = options(store_location(&args.src)?);
    let src = match Store::open_existing(&src_options)? {
        Some(s) => s,
        None => return Err(Error::not_found(format!("there is no store at {}", src_options.location))),
    };
    // Refused before anything is made at DST.
    if let Store::Pg(s) = &src {
        s.require_keys()?;
    }
    let mut dst_options = options(store_location(&args.dst)?);
    dst_options.new_account = Some(src.account());
    let dst = match &dst_options.location {
        StoreLocation::Dir(dir) => {
            crate::settings::check_store_parent(dir)?;
            Store::open(&dst_options)?
        }
        StoreLocation::Pg(url) => Store::Pg(Box::new(PgStore::open_or_init(url, &dst_options, ctx.now)?)),
    };
    let copied = crate::store::copy::copy(&src, &dst, ctx.now)?;
    ctx.ui.emit(&Output::new(
        json!({
            "Source": src.location(),
            "Destination": dst.location(),
            "Regions": copied.regions,
            "Authorities": copied.authorities,
            "Certificates": copied.certificates,
            "Serials": copied.serials,
            "IssuedCertificates": copied.issued,
            "EarlierVersions": copied.earlier_versions,
            "EarlierVersionsNotKept": copied.earlier_versions_left,
            "IdempotencyTokens": copied.idempotency_tokens,
        }),
        format!("{}\n", dst.location()),
    ));
    ctx.ui.status(&format!(
        "copied {} authorities and {} certificates in {} regions to {}, and read every one back",
        copied.authorities,
        copied.certificates,
        copied.regions,
        dst.location()
    ));
    if copied.earlier_versions_left > 0 {
        ctx.ui.status(&format!(
            "left behind {} earlier versions of renewed or re-imported certificates: a store directory keeps the current version only",
            copied.earlier_versions_left
        ));
    }
    Ok(())
}
