//! The PostgreSQL engine of the store (STORE-ENGINES.md, issue 18): one
//! database (or one schema of it) holds a whole store, shared by many
//! runners and hosts.
//!
//! - [`url`]: store URLs (`postgresql://…`) and where the password comes from;
//! - [`tls`]: rustls client configurations, one per `sslmode`, on aws-lc-rs;
//! - [`seal`]: private keys encrypted on the client under the store key;
//! - [`schema`]: the schema, its migrations and the `acmctl_meta` row;
//! - [`conn`]: the connection, transactions with retries, lock time-outs;
//! - [`ops`]: the SQL of each record-level operation, on plain values;
//! - [`error`]: one error type, with the class that picks the exit code;
//! - [`engine`] and `tx`: `Store::Pg`, the record-level interface on all of the above;
//! - `check`: `store check` on one snapshot.
//!
//! Nothing here reads the environment: settings are passed in.

mod check;
pub mod conn;
pub mod engine;
pub mod error;
pub mod ops;
pub mod schema;
pub mod seal;
pub mod tls;
mod tx;
pub mod url;

#[cfg(test)]
mod tests;

pub use conn::{PgConn, TxError, TxMode};
pub use engine::{Initialised, PgStore};
pub use error::{ErrorClass, PgError};
pub use seal::{SealContext, SealKind, StoreKey, StoreKeys};
pub use url::{PasswordSources, PgUrl, SslMode};
