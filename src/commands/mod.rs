//! One module per verb: parse → domain → output.

pub mod ca;
pub mod cert;
pub mod completions;
pub mod deploy;
pub mod import;
pub mod man;
pub mod renew;
pub mod store;

use crate::cli::{CaCommand, CertCommand, Command, StoreCommand};
use crate::context::Context;
use crate::error::Result;

pub fn run(ctx: &Context, command: &Command) -> Result<()> {
    match command {
        Command::Ca(c) => match c {
            CaCommand::Init(a) => ca::init::run(ctx, a),
            CaCommand::List(a) => ca::list::run(ctx, a),
            CaCommand::Describe(a) => ca::describe::run(ctx, a),
            CaCommand::Certificate(a) => ca::certificate::run(ctx, a),
            CaCommand::Crl(a) => ca::crl::run(ctx, a),
        },
        Command::Cert(c) => match c {
            CertCommand::Request(a) => cert::request::run(ctx, a),
            CertCommand::List(a) => cert::list::run(ctx, a),
            CertCommand::Describe(a) => cert::describe::run(ctx, a),
            CertCommand::Get(a) => cert::get::run(ctx, a),
            CertCommand::Export(a) => cert::export::run(ctx, a),
            CertCommand::Delete(a) => cert::delete::run(ctx, a),
            CertCommand::Validate(a) => cert::validate::run(ctx, a),
            CertCommand::ResendValidationEmail(a) => cert::resend_validation_email::run(ctx, a),
            CertCommand::Revoke(a) => cert::revoke::run(ctx, a),
        },
        Command::Import(a) => import::run(ctx, a),
        Command::Deploy(a) => deploy::run(ctx, a),
        Command::Renew(a) => renew::run(ctx, a),
        Command::Completions(a) => completions::run(ctx, a),
        Command::Man(a) => man::run(ctx, a),
        Command::Store(c) => match c {
            StoreCommand::Check(a) => store::check::run(ctx, a),
        },
    }
}
