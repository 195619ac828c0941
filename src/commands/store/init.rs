use serde_json::json;

use crate::commands::Context;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::store::pg::PgStore;
use crate::store::{Store, StoreLocation};

/// Create the store: a directory, or the schema in an empty PostgreSQL database
///
/// A directory store is also made by the first command that writes to it; a
/// store on PostgreSQL is made only by this command, in an empty database (or
/// in the empty schema the URL's options=-csearch_path%3DNAME names), with the
/// account id of the config file's account_id or a random one. Its private
/// keys are sealed under the store key in the file ACMCTL_STORE_KEY_FILE
/// names; that file is created (mode 600, 32 random bytes) when it does not
/// exist. Keep it apart from the database and its backups: without it no key
/// in the store can be used.
///
/// Example:
///   ACMCTL_STORE_KEY_FILE=~/.config/acmctl/store.key \
///     acmctl store init --store 'postgresql://acmctl@db.example.com/acmctl?sslmode=verify-full&sslrootcert=/etc/acmctl/db-ca.pem'
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {}

pub fn run(ctx: &Context, _args: &Args) -> Result<()> {
    let options = &ctx.settings.store;
    match &options.location {
        StoreLocation::Dir(dir) => {
            if ctx.settings.store_named {
                crate::settings::check_store_parent(dir)?;
            }
            let store = Store::open(options)?;
            let account = store.account().to_string();
            ctx.ui.emit(&Output::new(
                json!({"Location": store.location(), "AccountId": account}),
                format!("{}\n", store.location()),
            ));
            ctx.ui.status(&format!("the store at {} holds account {account}", store.location()));
            Ok(())
        }
        StoreLocation::Pg(url) => {
            let made = PgStore::init(url, options, ctx.now).map_err(Error::from)?;
            let account = made.account.to_string();
            ctx.ui.emit(&Output::new(
                json!({
                    "Location": url.location(),
                    "AccountId": account,
                    "SchemaVersion": made.version,
                    "StoreKeyFile": made.key_file.display().to_string(),
                    "StoreKeyCreated": made.key_created,
                }),
                format!("{}\n", url.location()),
            ));
            if made.key_created {
                ctx.ui.status(&format!(
                    "created the store key file {}: keep a copy apart from the database, no key in the store can be used without it",
                    made.key_file.display()
                ));
            }
            ctx.ui.status(&format!(
                "created the store at {} (schema version {}, account {account})",
                url.location(),
                made.version
            ));
            Ok(())
        }
    }
}
