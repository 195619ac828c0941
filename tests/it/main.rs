//! The integration tests, in one binary so that they link once. Each module
//! was a test binary of its own; `common` holds what they share.
//!
//! Run one module with `cargo test --test it MODULE::`, for example
//! `cargo test --test it concurrency::`.

// The tests drive the binary and use few of the library's dependencies.
#![allow(unused_crate_dependencies)]
// A test may say on stderr what it measured or could not do (a seed to
// replay, executions, a step that needs root); cargo shows it on failure.
#![allow(clippy::print_stderr)]

mod common;

mod cli;
mod completions;
mod concurrency;
mod crash;
mod deploy;
mod events;
mod examples;
mod fuzz;
mod help;
mod hostile_input;
mod import;
mod index;
mod key_safety;
mod limbo;
mod pca;
mod pg_faults;
mod pg_store;
mod private;
mod public;
mod refusals;
mod renewal;
mod revocation;
mod revocation_serve;
mod serials;
mod serve;
mod store_check;
mod store_copy;
mod tags;
