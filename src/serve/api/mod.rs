//! The `Api` that serve runs: each supported operation of ACM and ACM
//! Private CA turned into a call of the operations layer (`ops`), in the
//! region of the request's credential scope, at the settings' clock. The
//! input has passed the model's checks already (`shapes::validate_input`);
//! what is left here is turning it into the operation's typed input,
//! ACM's shape of the answer (ACM-API.md §5) and ACM's error names (§7).

mod acm;
pub mod background;
mod batch;
mod error;
mod input;
mod page;
mod pca;
mod pca_lifecycle;
pub mod publication;
mod shape;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use serde_json::Value;

pub use error::api_error;

use crate::model::CertificateArn;
use crate::ops::Scope;
use crate::serve::args::PublicAuthority;
use crate::serve::error::ApiError;
use crate::serve::operation::Operation;
use crate::serve::protocol::{Api, RequestContext};
use crate::settings::Settings;
use crate::store::Store;

/// The operations layer behind serve: one store, shared by every worker
/// (each operation locks the region it writes, as a CLI command does).
pub struct OpsApi {
    store: Store,
    settings: Settings,
    public_authority: PublicAuthority,
    /// When DescribeCertificate last looked up each pending certificate's
    /// DNS records, so that a client polling in a loop costs one lookup
    /// every `RECHECK_EVERY`.
    rechecked: Mutex<HashMap<CertificateArn, Instant>>,
    /// The unsigned routes' CRLs, certificates and OCSP responses.
    publisher: crate::ops::ocsp::Publisher,
    /// Private RequestCertificate calls, issued together when they arrive
    /// together.
    batches: batch::Batches,
}

impl OpsApi {
    pub fn new(store: Store, settings: Settings, public_authority: PublicAuthority) -> OpsApi {
        // An unusable ACMCTL_CA_PASSPHRASE is reported by the operations
        // that need it; the responder then answers for unencrypted keys only.
        let publisher = crate::ops::ocsp::Publisher::new(settings.ca_passphrase().ok().flatten());
        OpsApi {
            store,
            settings,
            public_authority,
            rechecked: Mutex::new(HashMap::new()),
            publisher,
            batches: batch::Batches::default(),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The request's region, at the clock of this moment (ACMCTL_NOW when set).
    fn scope(&self, ctx: &RequestContext) -> Scope<'_> {
        Scope { store: &self.store, region: ctx.region, now: self.settings.clock.now(), settings: &self.settings }
    }
}

impl Api for OpsApi {
    fn call(&self, ctx: &RequestContext, op: Operation, input: Value) -> Result<Value, ApiError> {
        let scope = self.scope(ctx);
        match op {
            Operation::Acm(op) => acm::call(self, &scope, op, &input),
            Operation::Pca(op) => pca::call(self, &scope, op, &input),
        }
    }

    fn get(&self, path: &str, _query: &str) -> Option<crate::serve::http::Response> {
        publication::get(&self.publisher, &self.store, &self.settings, path)
    }

    fn post(&self, path: &str, body: &[u8]) -> Option<crate::serve::http::Response> {
        publication::post(&self.publisher, &self.store, &self.settings, path, body)
    }
}

/// Serve's workers and the background threads share one `OpsApi`.
impl<A: Api + ?Sized> Api for std::sync::Arc<A> {
    fn call(&self, ctx: &RequestContext, op: Operation, input: Value) -> Result<Value, ApiError> {
        (**self).call(ctx, op, input)
    }

    fn get(&self, path: &str, query: &str) -> Option<crate::serve::http::Response> {
        (**self).get(path, query)
    }

    fn post(&self, path: &str, body: &[u8]) -> Option<crate::serve::http::Response> {
        (**self).post(path, body)
    }
}

#[cfg(test)]
mod tests;
