pub mod delete;
pub mod describe;
pub mod export;
pub mod get;
pub mod list;
pub mod request;
pub mod resend_validation_email;
pub mod validate;
