pub mod delete;
pub mod describe;
pub mod export;
pub mod get;
pub mod list;
pub mod manifest;
pub mod request;
