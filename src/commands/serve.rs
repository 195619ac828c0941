//! `acmctl serve`: the store's operations over the ACM and ACM Private CA
//! APIs (the transport is `crate::serve`, the operations `serve::api`).

use std::sync::Arc;

use crate::commands::Context;
use crate::error::{Error, ErrorKind, Result};
use crate::serve::api::{OpsApi, background};
use crate::serve::credentials::CredentialsError;
use crate::serve::{Args, Event, Log, ServeError};
use crate::store::Store;

/// Serve's log lines, through `output` like everything else printed.
struct UiLog(crate::output::Ui);

impl Log for UiLog {
    fn event(&self, event: &Event<'_>) {
        self.0.log(&event.to_string());
    }
}

/// How serve's failures end the command: a non-loopback address without
/// --allow-remote is a wrong command line (2), a credentials file others
/// could change is refused (5), a bad one is bad input (3), and not being
/// able to listen or write is a failure (1).
fn exit_error(e: ServeError) -> Error {
    let kind = match &e {
        ServeError::NotLoopback(_) => ErrorKind::Usage,
        ServeError::Credentials(CredentialsError::Unsafe { .. }) => ErrorKind::Refused,
        ServeError::Credentials(CredentialsError::Syntax { .. } | CredentialsError::Invalid { .. }) => {
            ErrorKind::InvalidInput
        }
        _ => ErrorKind::Failure,
    };
    let hint = match &e {
        ServeError::Credentials(CredentialsError::Unsafe { .. }) => Some("chmod 600 the file; it must be yours"),
        ServeError::Bind { .. } => Some("choose another --listen port, or 0 for a free one"),
        _ => None,
    };
    let err = Error::new(kind, e.to_string());
    match hint {
        Some(h) => err.with_hint(h),
        None => err,
    }
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let settings = ctx.settings.clone();
    // Refused before the store is opened or anything is created.
    if !args.listen.ip().is_loopback() && !args.allow_remote {
        return Err(exit_error(ServeError::NotLoopback(args.listen)));
    }
    if settings.store_named
        && let Some(dir) = settings.store.location.dir()
    {
        crate::settings::check_store_parent(dir)?;
    }
    let store = Store::open(&settings.store)?;
    // A database store keeps no files: serve's own (its credentials) are
    // this machine's, in its data directory.
    let store_dir = match &store {
        Store::Pg(s) => s.local_dir()?.to_path_buf(),
        Store::Fs(s) => s.root().to_path_buf(),
    };
    let region = settings.region;
    let log: Arc<dyn Log> = Arc::new(UiLog(ctx.ui.clone()));
    let api = Arc::new(OpsApi::new(store, settings, args.public_authority));
    background::start(Arc::clone(&api), args.validation_interval(), args.renewal_interval(), Arc::clone(&log));
    crate::serve::run(args, &store_dir, region, api, log).map_err(exit_error)
}
