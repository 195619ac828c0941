//! `acmctl serve`: the ACM and ACM Private CA APIs over HTTP (JSON 1.1 with
//! `X-Amz-Target`), every request verified by SigV4, for the aws CLI, boto3,
//! the SDKs and Terraform (contract: ACM-API.md).
//!
//! This module is the transport: HTTP, SigV4, the wire protocol and its
//! errors. The operations themselves are behind the `Api` trait
//! (`protocol.rs`), which the operations layer implements.

pub mod credentials;
pub mod error;
pub mod http;
pub mod json;
pub mod log;
pub mod operation;
pub mod protocol;
pub mod shapes;
pub mod sigv4;

pub use error::ApiError;
pub use operation::{AcmOperation, Operation, PcaOperation, Service};
pub use protocol::{Api, RequestContext};
