//! One module per verb: each parses its arguments, calls one operation and
//! renders the result.

pub mod account;
pub mod ca;
pub mod cert;
pub mod completions;
pub mod deploy;
pub mod import;
pub mod man;
pub mod renew;
pub mod serve;
pub mod store;
pub mod tags;

use std::cell::OnceCell;

use time::OffsetDateTime;

use crate::cli::{AccountCommand, CaCommand, CertCommand, Command, StoreCommand};
use crate::error::Result;
use crate::ops::Scope;
use crate::output::Ui;
use crate::settings::Settings;
use crate::store::Store;

/// What every command works with: the settings, the clock read once, the
/// store (opened when first needed) and the `Ui`.
pub struct Context {
    pub ui: Ui,
    pub settings: Settings,
    pub now: OffsetDateTime,
    store: OnceCell<Store>,
}

impl Context {
    pub fn new(ui: Ui, settings: Settings) -> Context {
        let now = settings.clock.now();
        Context { ui, settings, now, store: OnceCell::new() }
    }

    pub fn store(&self) -> Result<&Store> {
        if let Some(s) = self.store.get() {
            return Ok(s);
        }
        if self.settings.store_named
            && let Some(dir) = self.settings.store.location.dir()
        {
            crate::settings::check_store_parent(dir)?;
        }
        let store = Store::open(&self.settings.store)?;
        Ok(self.store.get_or_init(|| store))
    }

    /// The current region of the store, now.
    pub fn scope(&self) -> Result<Scope<'_>> {
        Ok(Scope { store: self.store()?, region: self.settings.region, now: self.now, settings: &self.settings })
    }
}

pub fn run(ctx: &Context, command: &Command) -> Result<()> {
    match command {
        Command::Ca(c) => match &**c {
            CaCommand::Init(a) => ca::init::run(ctx, a),
            CaCommand::List(a) => ca::list::run(ctx, a),
            CaCommand::Describe(a) => ca::describe::run(ctx, a),
            CaCommand::Certificate(a) => ca::certificate::run(ctx, a),
            CaCommand::Crl(a) => ca::crl::run(ctx, a),
            CaCommand::Csr(a) => ca::csr::run(ctx, a),
            CaCommand::ImportCertificate(a) => ca::import_certificate::run(ctx, a),
            CaCommand::Issue(a) => ca::issue::run(ctx, a),
            CaCommand::GetCertificate(a) => ca::get_certificate::run(ctx, a),
            CaCommand::Revoke(a) => ca::revoke::run(ctx, a),
            CaCommand::Update(a) => ca::update::run(ctx, a),
            CaCommand::Delete(a) => ca::delete::run(ctx, a),
            CaCommand::Restore(a) => ca::restore::run(ctx, a),
            CaCommand::Tags(c) => tags::run_ca(ctx, c),
        },
        Command::Cert(c) => match &**c {
            CertCommand::Request(a) => cert::request::run(ctx, a),
            CertCommand::List(a) => cert::list::run(ctx, a),
            CertCommand::Describe(a) => cert::describe::run(ctx, a),
            CertCommand::Get(a) => cert::get::run(ctx, a),
            CertCommand::Export(a) => cert::export::run(ctx, a),
            CertCommand::Delete(a) => cert::delete::run(ctx, a),
            CertCommand::Validate(a) => cert::validate::run(ctx, a),
            CertCommand::ResendValidationEmail(a) => cert::resend_validation_email::run(ctx, a),
            CertCommand::Revoke(a) => cert::revoke::run(ctx, a),
            CertCommand::Tags(c) => tags::run_cert(ctx, c),
            CertCommand::UpdateOptions(a) => cert::update_options::run(ctx, a),
        },
        Command::Account(c) => match &**c {
            AccountCommand::Config(c) => account::run_config(ctx, c),
        },
        Command::Import(a) => import::run(ctx, a),
        Command::Deploy(a) => deploy::run(ctx, a),
        Command::Renew(a) => renew::run(ctx, a),
        Command::Serve(a) => serve::run(ctx, a),
        Command::Completions(a) => completions::run(ctx, a),
        Command::Man(a) => man::run(ctx, a),
        Command::Store(c) => match &**c {
            StoreCommand::Check(a) => store::check::run(ctx, a),
            StoreCommand::Init(a) => store::init::run(ctx, a),
            StoreCommand::Migrate(a) => store::migrate::run(ctx, a),
            StoreCommand::Copy(a) => store::copy::run(ctx, a),
        },
    }
}
