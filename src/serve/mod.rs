//! `acmctl serve`: the ACM and ACM Private CA APIs over HTTP (JSON 1.1 with
//! `X-Amz-Target`), every request verified by SigV4, for the aws CLI, boto3,
//! the SDKs and Terraform (contract: ACM-API.md).
//!
//! This module is the transport: HTTP, SigV4, the wire protocol and its
//! errors. The operations themselves are behind the `Api` trait
//! (`protocol.rs`), which the operations layer implements; `run` is the
//! whole command once it has one.

pub mod api;
pub mod args;
pub mod credentials;
pub mod error;
pub mod http;
pub mod json;
pub mod log;
pub mod operation;
pub mod protocol;
pub mod server;
pub mod shapes;
pub mod signals;
pub mod sigv4;

use std::path::Path;
use std::sync::Arc;

pub use args::Args;
pub use error::ApiError;
pub use log::{Event, Log};
pub use operation::{AcmOperation, Operation, PcaOperation, Service};
pub use protocol::{Api, RequestContext};
pub use server::{Config, ServeError, Server, Shutdown};

use crate::model::Region;
use credentials::Credentials;
use sigv4::Verifier;

/// Runs `acmctl serve` until SIGINT or SIGTERM: loads (or creates) the
/// credentials file under `store_dir` unless `--credentials` names one,
/// binds, and serves `api`. `default_region` is the region of requests that
/// carry no credential scope, which only `--any-credentials` lets through.
pub fn run<A: Api + 'static>(
    args: &Args,
    store_dir: &Path,
    default_region: Region,
    api: A,
    log: Arc<dyn Log>,
) -> Result<(), ServeError> {
    let config = args.config();
    // Refused before anything is created or bound.
    if !config.listen.ip().is_loopback() && !config.allow_remote {
        return Err(ServeError::NotLoopback(config.listen));
    }
    let verifier = if args.any_credentials {
        log.event(&Event::Warning(
            "--any-credentials: signatures are not checked; anyone who can reach this address can use the CA",
        ));
        Verifier::any_credentials(default_region)
    } else {
        let path = args.credentials.clone().unwrap_or_else(|| credentials::default_path(store_dir));
        let loaded = Credentials::load_or_create(&path)?;
        for warning in &loaded.warnings {
            log.event(&Event::Warning(warning));
        }
        if loaded.created {
            log.event(&Event::Notice(&format!(
                "created {} with a new key; clients use it with AWS_SHARED_CREDENTIALS_FILE={}",
                path.display(),
                path.display()
            )));
        }
        Verifier::new(loaded.credentials)
    };
    let server = Server::bind(config, protocol::Handler::new(api, verifier), Arc::clone(&log))?;
    if !server.local_addr().ip().is_loopback() {
        log.event(&Event::Warning("serving plain HTTP beyond this machine (--allow-remote)"));
    }
    let on_stop = Arc::clone(&log);
    signals::stop_on_signals(server.shutdown_handle(), move || on_stop.event(&Event::Stopping))
        .map_err(ServeError::Signals)?;
    server.run()
}
