//! The revocation flags of `ca init` and `ca update`: where an authority
//! publishes its CRL and answers OCSP (ACM Private CA's
//! RevocationConfiguration).

use crate::error::{Error, Result};
use crate::model::{CrlConfiguration, OcspConfiguration, RevocationConfiguration};

#[derive(clap::Args, Debug, Clone, Default)]
pub struct RevocationArgs {
    /// Publish the CRL at http://NAME/crl/<id>.crl and name it in the certificates issued
    #[arg(long, value_name = "HOST[:PORT]")]
    pub crl_cname: Option<String>,
    /// How long each CRL is valid, in days (1 to 5000) [default: 7]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=5000))]
    pub crl_expiration_days: Option<u32>,
    /// Publish the CRL, but leave its distribution point out of the certificates issued
    #[arg(long)]
    pub omit_crl_extension: bool,
    /// Answer OCSP at http://NAME/ocsp and name it in the certificates issued
    #[arg(long, value_name = "HOST[:PORT]")]
    pub ocsp_cname: Option<String>,
}

impl RevocationArgs {
    fn given(&self) -> bool {
        self.crl_cname.is_some()
            || self.crl_expiration_days.is_some()
            || self.omit_crl_extension
            || self.ocsp_cname.is_some()
    }

    /// The configuration these flags give over `current` (`None` when no
    /// flag is given). `no_crl`/`no_ocsp` turn either off.
    pub fn apply(
        &self,
        current: Option<&RevocationConfiguration>,
        no_crl: bool,
        no_ocsp: bool,
    ) -> Result<Option<RevocationConfiguration>> {
        if !self.given() && !no_crl && !no_ocsp {
            return Ok(None);
        }
        let mut r = current.cloned().unwrap_or_default();
        if no_crl && (self.crl_cname.is_some() || self.crl_expiration_days.is_some() || self.omit_crl_extension) {
            return Err(Error::usage("--no-crl turns the CRL off; it takes no other --crl flag"));
        }
        if no_ocsp && self.ocsp_cname.is_some() {
            return Err(Error::usage("--no-ocsp turns OCSP off; drop --ocsp-cname"));
        }
        if no_crl {
            r.crl = Some(CrlConfiguration { enabled: false, ..CrlConfiguration::default() });
        } else if self.crl_cname.is_some() || self.crl_expiration_days.is_some() || self.omit_crl_extension {
            let mut crl = r.crl.take().unwrap_or_default();
            crl.enabled = true;
            if let Some(n) = &self.crl_cname {
                crl.custom_cname = Some(n.clone());
            }
            if let Some(d) = self.crl_expiration_days {
                crl.expiration_in_days = Some(d);
            }
            crl.omit_extension |= self.omit_crl_extension;
            if crl.custom_cname.is_none() && !crl.omit_extension {
                return Err(Error::usage("the CRL needs a name to be found at: give --crl-cname HOST[:PORT]"));
            }
            r.crl = Some(crl);
        }
        if no_ocsp {
            r.ocsp = Some(OcspConfiguration { enabled: false, custom_cname: None });
        } else if let Some(n) = &self.ocsp_cname {
            r.ocsp = Some(OcspConfiguration { enabled: true, custom_cname: Some(n.clone()) });
        }
        Ok(Some(r))
    }
}
