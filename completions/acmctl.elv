
use builtin;
use str;

set edit:completion:arg-completer[acmctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'acmctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'acmctl'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ca 'Certificate authorities: private roots and subordinates, the public authority'
            cand cert 'Certificates: request, validate, read, export, revoke and delete'
            cand account 'The account''s settings in the region'
            cand import 'Import a certificate, its private key and chain (ImportCertificate)'
            cand deploy 'Deploy a certificate to an ACM-integrated service'
            cand renew 'Renew certificates: managed renewal (RenewCertificate)'
            cand serve 'Serve the ACM and ACM Private CA APIs to the aws CLI, the SDKs and Terraform'
            cand store 'The store itself'
            cand completions 'Print a shell completion script'
            cand man 'Print the manual page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;ca'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a certificate authority in the current region'
            cand list 'List the certificate authorities of the current region'
            cand describe 'Show one certificate authority (DescribeCertificateAuthority)'
            cand certificate 'Print an authority''s certificate and chain, to install as trust'
            cand crl 'Print an authority''s current certificate revocation list (CRL)'
            cand csr 'Print an authority''s certificate signing request (GetCertificateAuthorityCsr)'
            cand import-certificate 'Install an authority''s certificate (ImportCertificateAuthorityCertificate)'
            cand issue 'Sign a certificate signing request with an authority (IssueCertificate)'
            cand get-certificate 'Print a certificate an authority signed for a CSR (GetCertificate of ACM PCA)'
            cand revoke 'Revoke a certificate by its serial (RevokeCertificate of ACM PCA)'
            cand update 'Enable, disable or reconfigure an authority (UpdateCertificateAuthority)'
            cand delete 'Delete an authority, restorable for a while (DeleteCertificateAuthority)'
            cand restore 'Restore a deleted authority within its window (RestoreCertificateAuthority)'
            cand tags 'Add, remove and list an authority''s tags'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;ca;init'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --mode 'Which kind of authority: private (ACM Private CA) or public'
            cand --type 'ROOT (self-signed) or SUBORDINATE (signed by --parent)'
            cand --parent 'ARN of the parent authority of a subordinate; it must be in the same region'
            cand --common-name 'Subject common name (of the intermediate, for --mode public) [default: a name with the region and the authority type]'
            cand --key-algorithm 'RSA_2048, RSA_3072, RSA_4096, EC_prime256v1, EC_secp384r1 or EC_secp521r1'
            cand --validity-days 'How long the authority''s certificate is valid'
            cand --passphrase-file 'Keep the new authority''s key encrypted (PKCS#8, PBES2) with the passphrase in this file [env: ACMCTL_CA_PASSPHRASE]'
            cand --parent-passphrase-file 'File with the passphrase of the parent''s encrypted key [env: ACMCTL_CA_PASSPHRASE]'
            cand --crl-cname 'Publish the CRL at http://NAME/crl/<id>.crl and name it in the certificates issued'
            cand --crl-expiration-days 'How long each CRL is valid, in days (1 to 5000) [default: 7]'
            cand --ocsp-cname 'Answer OCSP at http://NAME/ocsp and name it in the certificates issued'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand --pending-certificate 'Make the key and its CSR only, PENDING_CERTIFICATE, as CreateCertificateAuthority does'
            cand --omit-crl-extension 'Publish the CRL, but leave its distribution point out of the certificates issued'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;list'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;describe'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;certificate'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;crl'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --passphrase-file 'File with the passphrase of the authority''s encrypted key [env: ACMCTL_CA_PASSPHRASE]'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;csr'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;import-certificate'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --certificate 'The authority''s certificate, PEM'
            cand --certificate-chain 'The chain above it, PEM, its issuer first (subordinates)'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;issue'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --csr 'The certificate signing request, PEM'
            cand --template 'The template, as its name or ARN [default: EndEntityCertificate/V1]'
            cand --validity-days 'How long the certificate is valid'
            cand --idempotency-token 'Returns the same certificate for the same request within 5 minutes'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;get-certificate'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --certificate-arn 'ARN of the certificate, as ''acmctl ca issue'' printed it'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;revoke'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --serial 'The certificate''s serial number, hex'
            cand --reason 'Why the certificate is revoked'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;update'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --status 'ACTIVE or DISABLED'
            cand --crl-cname 'Publish the CRL at http://NAME/crl/<id>.crl and name it in the certificates issued'
            cand --crl-expiration-days 'How long each CRL is valid, in days (1 to 5000) [default: 7]'
            cand --ocsp-cname 'Answer OCSP at http://NAME/ocsp and name it in the certificates issued'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand --omit-crl-extension 'Publish the CRL, but leave its distribution point out of the certificates issued'
            cand --no-crl 'Stop publishing the CRL''s distribution point in new certificates'
            cand --no-ocsp 'Stop answering OCSP and naming the responder in new certificates'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;delete'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --permanent-deletion-days 'Days it can be restored (7 to 30)'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;restore'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;tags'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add tags to a certificate authority (TagCertificateAuthority)'
            cand remove 'Remove tags from a certificate authority (UntagCertificateAuthority)'
            cand list 'List a certificate authority''s tags (ListTags)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;ca;tags;add'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --tags 'Tags as KEY=VALUE'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;tags;remove'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --tags 'Tags as KEY or KEY=VALUE'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;tags;list'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;tags;help'= {
            cand add 'Add tags to a certificate authority (TagCertificateAuthority)'
            cand remove 'Remove tags from a certificate authority (UntagCertificateAuthority)'
            cand list 'List a certificate authority''s tags (ListTags)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;ca;tags;help;add'= {
        }
        &'acmctl;ca;tags;help;remove'= {
        }
        &'acmctl;ca;tags;help;list'= {
        }
        &'acmctl;ca;tags;help;help'= {
        }
        &'acmctl;ca;help'= {
            cand init 'Create a certificate authority in the current region'
            cand list 'List the certificate authorities of the current region'
            cand describe 'Show one certificate authority (DescribeCertificateAuthority)'
            cand certificate 'Print an authority''s certificate and chain, to install as trust'
            cand crl 'Print an authority''s current certificate revocation list (CRL)'
            cand csr 'Print an authority''s certificate signing request (GetCertificateAuthorityCsr)'
            cand import-certificate 'Install an authority''s certificate (ImportCertificateAuthorityCertificate)'
            cand issue 'Sign a certificate signing request with an authority (IssueCertificate)'
            cand get-certificate 'Print a certificate an authority signed for a CSR (GetCertificate of ACM PCA)'
            cand revoke 'Revoke a certificate by its serial (RevokeCertificate of ACM PCA)'
            cand update 'Enable, disable or reconfigure an authority (UpdateCertificateAuthority)'
            cand delete 'Delete an authority, restorable for a while (DeleteCertificateAuthority)'
            cand restore 'Restore a deleted authority within its window (RestoreCertificateAuthority)'
            cand tags 'Add, remove and list an authority''s tags'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;ca;help;init'= {
        }
        &'acmctl;ca;help;list'= {
        }
        &'acmctl;ca;help;describe'= {
        }
        &'acmctl;ca;help;certificate'= {
        }
        &'acmctl;ca;help;crl'= {
        }
        &'acmctl;ca;help;csr'= {
        }
        &'acmctl;ca;help;import-certificate'= {
        }
        &'acmctl;ca;help;issue'= {
        }
        &'acmctl;ca;help;get-certificate'= {
        }
        &'acmctl;ca;help;revoke'= {
        }
        &'acmctl;ca;help;update'= {
        }
        &'acmctl;ca;help;delete'= {
        }
        &'acmctl;ca;help;restore'= {
        }
        &'acmctl;ca;help;tags'= {
            cand add 'Add tags to a certificate authority (TagCertificateAuthority)'
            cand remove 'Remove tags from a certificate authority (UntagCertificateAuthority)'
            cand list 'List a certificate authority''s tags (ListTags)'
        }
        &'acmctl;ca;help;tags;add'= {
        }
        &'acmctl;ca;help;tags;remove'= {
        }
        &'acmctl;ca;help;tags;list'= {
        }
        &'acmctl;ca;help;help'= {
        }
        &'acmctl;cert'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand request 'Request a certificate (RequestCertificate)'
            cand list 'List the certificates of the current region (ListCertificates)'
            cand describe 'Show one certificate (DescribeCertificate)'
            cand get 'Print a certificate and its chain in PEM (GetCertificate)'
            cand export 'Export a private certificate with its key, encrypted (ExportCertificate)'
            cand delete 'Delete a certificate and its key (DeleteCertificate)'
            cand validate 'Validate a public certificate''s domains, and issue it once all are'
            cand resend-validation-email 'Send the validation email again (ResendValidationEmail)'
            cand revoke 'Revoke a private certificate and re-sign its authority''s CRL (RevokeCertificate)'
            cand tags 'Add, remove and list a certificate''s tags'
            cand update-options 'Change a certificate''s options (UpdateCertificateOptions)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;cert;request'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --domain-name 'The certificate''s first name, also its subject common name'
            cand --manifest 'Issue one private certificate per line of FILE (names separated by spaces)'
            cand --subject-alternative-names 'More names for the certificate'
            cand --validation-method 'How a public certificate''s domains are validated: DNS (the default) or EMAIL'
            cand --validation-domain 'EMAIL validation: the domain whose addresses approve, the names'' own or a parent of them [default: each name without ''*.'']'
            cand --certificate-authority-arn 'The private authority that issues the certificate'
            cand --key-algorithm 'RSA_2048, EC_prime256v1 or EC_secp384r1'
            cand --idempotency-token 'Returns the same certificate for the same request within one hour (1-32 word characters)'
            cand --tags 'Tags as KEY=VALUE'
            cand --passphrase-file 'File with the passphrase of the authority''s encrypted key [env: ACMCTL_CA_PASSPHRASE]'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand --export 'A public certificate whose key may be exported (''cert export''), and which may then be revoked (Options.Export ENABLED; fixed at request time)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;list'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --status 'Only these statuses (PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT, REVOKED, FAILED)'
            cand --key-type 'Only these key algorithms (RSA_2048, EC_prime256v1, EC_secp384r1, …)'
            cand --expiring-within 'Only certificates whose not-after falls within DAYS from now (already expired ones included)'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;describe'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;get'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;export'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --passphrase-file 'File holding the passphrase that encrypts the exported key'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;delete'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;validate'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --nameserver 'DNS server to ask, HOST:PORT [default: ACMCTL_NAMESERVER, config file, system resolver]'
            cand --token 'EMAIL validation: the approval token from the validation email'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;resend-validation-email'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --domain 'Only the validation domain D (as in DomainValidationOptions'' ValidationDomain)'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;revoke'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --reason 'Why the certificate is revoked'
            cand --passphrase-file 'File with the passphrase of the authority''s encrypted key [env: ACMCTL_CA_PASSPHRASE]'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;tags'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add tags to a certificate (AddTagsToCertificate)'
            cand remove 'Remove tags from a certificate (RemoveTagsFromCertificate)'
            cand list 'List a certificate''s tags (ListTagsForCertificate)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;cert;tags;add'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --tags 'Tags as KEY=VALUE'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;tags;remove'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --tags 'Tags as KEY or KEY=VALUE'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;tags;list'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;tags;help'= {
            cand add 'Add tags to a certificate (AddTagsToCertificate)'
            cand remove 'Remove tags from a certificate (RemoveTagsFromCertificate)'
            cand list 'List a certificate''s tags (ListTagsForCertificate)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;cert;tags;help;add'= {
        }
        &'acmctl;cert;tags;help;remove'= {
        }
        &'acmctl;cert;tags;help;list'= {
        }
        &'acmctl;cert;tags;help;help'= {
        }
        &'acmctl;cert;update-options'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --certificate-transparency-logging-preference 'ENABLED or DISABLED'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;help'= {
            cand request 'Request a certificate (RequestCertificate)'
            cand list 'List the certificates of the current region (ListCertificates)'
            cand describe 'Show one certificate (DescribeCertificate)'
            cand get 'Print a certificate and its chain in PEM (GetCertificate)'
            cand export 'Export a private certificate with its key, encrypted (ExportCertificate)'
            cand delete 'Delete a certificate and its key (DeleteCertificate)'
            cand validate 'Validate a public certificate''s domains, and issue it once all are'
            cand resend-validation-email 'Send the validation email again (ResendValidationEmail)'
            cand revoke 'Revoke a private certificate and re-sign its authority''s CRL (RevokeCertificate)'
            cand tags 'Add, remove and list a certificate''s tags'
            cand update-options 'Change a certificate''s options (UpdateCertificateOptions)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;cert;help;request'= {
        }
        &'acmctl;cert;help;list'= {
        }
        &'acmctl;cert;help;describe'= {
        }
        &'acmctl;cert;help;get'= {
        }
        &'acmctl;cert;help;export'= {
        }
        &'acmctl;cert;help;delete'= {
        }
        &'acmctl;cert;help;validate'= {
        }
        &'acmctl;cert;help;resend-validation-email'= {
        }
        &'acmctl;cert;help;revoke'= {
        }
        &'acmctl;cert;help;tags'= {
            cand add 'Add tags to a certificate (AddTagsToCertificate)'
            cand remove 'Remove tags from a certificate (RemoveTagsFromCertificate)'
            cand list 'List a certificate''s tags (ListTagsForCertificate)'
        }
        &'acmctl;cert;help;tags;add'= {
        }
        &'acmctl;cert;help;tags;remove'= {
        }
        &'acmctl;cert;help;tags;list'= {
        }
        &'acmctl;cert;help;update-options'= {
        }
        &'acmctl;cert;help;help'= {
        }
        &'acmctl;account'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand config 'The account''s settings in the region: expiry events'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;account;config'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand get 'Show the account''s settings in the region (GetAccountConfiguration)'
            cand put 'Change the account''s settings in the region (PutAccountConfiguration)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;account;config;get'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;account;config;put'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --days-before-expiry 'Days before expiry that expiry events start (at least 1)'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;account;config;help'= {
            cand get 'Show the account''s settings in the region (GetAccountConfiguration)'
            cand put 'Change the account''s settings in the region (PutAccountConfiguration)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;account;config;help;get'= {
        }
        &'acmctl;account;config;help;put'= {
        }
        &'acmctl;account;config;help;help'= {
        }
        &'acmctl;account;help'= {
            cand config 'The account''s settings in the region: expiry events'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;account;help;config'= {
            cand get 'Show the account''s settings in the region (GetAccountConfiguration)'
            cand put 'Change the account''s settings in the region (PutAccountConfiguration)'
        }
        &'acmctl;account;help;config;get'= {
        }
        &'acmctl;account;help;config;put'= {
        }
        &'acmctl;account;help;help'= {
        }
        &'acmctl;import'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --certificate 'The certificate, PEM (exactly one)'
            cand --private-key 'The certificate''s private key, PEM, unencrypted'
            cand --certificate-chain 'The intermediate certificates, PEM, the issuer of the certificate first'
            cand --certificate-arn 'Re-import: replace this IMPORTED certificate, keeping its ARN'
            cand --tags 'Tags as KEY=VALUE (new imports only)'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;deploy'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --target 'ARN of the load balancer, CloudFront distribution or API Gateway domain name'
            cand --dest 'Directory the server reads [default: STORE/deployments/<target>]'
            cand --exec 'Command that reloads the server, run with sh -c after the files are in place'
            cand --endpoint-type 'API Gateway endpoint type of the domain name: REGIONAL or EDGE [default: REGIONAL]'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand --dry-run 'Print the decision and the rules checked; write nothing'
            cand --remove 'Remove the deployment of the certificate to the target (the files stay for the server)'
            cand --force 'Write into a --dest directory that already holds files acmctl did not make (never replacing them)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;renew'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --event-file 'A sweep appends expiry events to this JSON-lines file [default: ACMCTL_EVENT_FILE, config file event_file]'
            cand --event-command 'A sweep gives each expiry event on stdin to this command (sh -c) [default: ACMCTL_EVENT_COMMAND, config file event_command]'
            cand --passphrase-file 'File with the passphrase of the authority''s encrypted key [env: ACMCTL_CA_PASSPHRASE]'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;serve'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand --listen 'Address to listen on, ADDR:PORT or PORT; port 0 picks a free one'
            cand --credentials 'AWS shared-credentials file of the keys that may call serve [default: STORE/serve/credentials, created with one key when missing]'
            cand --ready-file 'Write ADDR:PORT to this file once serve listens'
            cand --workers 'Requests handled at once'
            cand --validation-interval 'Seconds between DNS checks of certificates pending validation'
            cand --renewal-interval 'Seconds between sweeps of managed renewal'
            cand --public-authority 'The region''s public authority: auto creates it on the first public request, as ACM always has one; require refuses the request instead'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand --any-credentials 'Accept requests whatever their signature, as moto and LocalStack do (the region still comes from the credential scope)'
            cand --allow-remote 'Listen on an address other than loopback (plain HTTP: keys and passphrases cross the network unencrypted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;store'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Check the whole store and report anything inconsistent'
            cand init 'Create the store: a directory, or the schema in an empty PostgreSQL database'
            cand migrate 'Bring a PostgreSQL store''s schema up to this acmctl''s version'
            cand copy 'Copy a whole store to an empty one: a directory to a database and back'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;store;check'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;store;init'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;store;migrate'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;store;copy'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;store;help'= {
            cand check 'Check the whole store and report anything inconsistent'
            cand init 'Create the store: a directory, or the schema in an empty PostgreSQL database'
            cand migrate 'Bring a PostgreSQL store''s schema up to this acmctl''s version'
            cand copy 'Copy a whole store to an empty one: a directory to a database and back'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;store;help;check'= {
        }
        &'acmctl;store;help;init'= {
        }
        &'acmctl;store;help;migrate'= {
        }
        &'acmctl;store;help;copy'= {
        }
        &'acmctl;store;help;help'= {
        }
        &'acmctl;completions'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand --dynamic 'Print the script that completes ARNs from the store by calling acmctl'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;man'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;help'= {
            cand ca 'Certificate authorities: private roots and subordinates, the public authority'
            cand cert 'Certificates: request, validate, read, export, revoke and delete'
            cand account 'The account''s settings in the region'
            cand import 'Import a certificate, its private key and chain (ImportCertificate)'
            cand deploy 'Deploy a certificate to an ACM-integrated service'
            cand renew 'Renew certificates: managed renewal (RenewCertificate)'
            cand serve 'Serve the ACM and ACM Private CA APIs to the aws CLI, the SDKs and Terraform'
            cand store 'The store itself'
            cand completions 'Print a shell completion script'
            cand man 'Print the manual page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;help;ca'= {
            cand init 'Create a certificate authority in the current region'
            cand list 'List the certificate authorities of the current region'
            cand describe 'Show one certificate authority (DescribeCertificateAuthority)'
            cand certificate 'Print an authority''s certificate and chain, to install as trust'
            cand crl 'Print an authority''s current certificate revocation list (CRL)'
            cand csr 'Print an authority''s certificate signing request (GetCertificateAuthorityCsr)'
            cand import-certificate 'Install an authority''s certificate (ImportCertificateAuthorityCertificate)'
            cand issue 'Sign a certificate signing request with an authority (IssueCertificate)'
            cand get-certificate 'Print a certificate an authority signed for a CSR (GetCertificate of ACM PCA)'
            cand revoke 'Revoke a certificate by its serial (RevokeCertificate of ACM PCA)'
            cand update 'Enable, disable or reconfigure an authority (UpdateCertificateAuthority)'
            cand delete 'Delete an authority, restorable for a while (DeleteCertificateAuthority)'
            cand restore 'Restore a deleted authority within its window (RestoreCertificateAuthority)'
            cand tags 'Add, remove and list an authority''s tags'
        }
        &'acmctl;help;ca;init'= {
        }
        &'acmctl;help;ca;list'= {
        }
        &'acmctl;help;ca;describe'= {
        }
        &'acmctl;help;ca;certificate'= {
        }
        &'acmctl;help;ca;crl'= {
        }
        &'acmctl;help;ca;csr'= {
        }
        &'acmctl;help;ca;import-certificate'= {
        }
        &'acmctl;help;ca;issue'= {
        }
        &'acmctl;help;ca;get-certificate'= {
        }
        &'acmctl;help;ca;revoke'= {
        }
        &'acmctl;help;ca;update'= {
        }
        &'acmctl;help;ca;delete'= {
        }
        &'acmctl;help;ca;restore'= {
        }
        &'acmctl;help;ca;tags'= {
            cand add 'Add tags to a certificate authority (TagCertificateAuthority)'
            cand remove 'Remove tags from a certificate authority (UntagCertificateAuthority)'
            cand list 'List a certificate authority''s tags (ListTags)'
        }
        &'acmctl;help;ca;tags;add'= {
        }
        &'acmctl;help;ca;tags;remove'= {
        }
        &'acmctl;help;ca;tags;list'= {
        }
        &'acmctl;help;cert'= {
            cand request 'Request a certificate (RequestCertificate)'
            cand list 'List the certificates of the current region (ListCertificates)'
            cand describe 'Show one certificate (DescribeCertificate)'
            cand get 'Print a certificate and its chain in PEM (GetCertificate)'
            cand export 'Export a private certificate with its key, encrypted (ExportCertificate)'
            cand delete 'Delete a certificate and its key (DeleteCertificate)'
            cand validate 'Validate a public certificate''s domains, and issue it once all are'
            cand resend-validation-email 'Send the validation email again (ResendValidationEmail)'
            cand revoke 'Revoke a private certificate and re-sign its authority''s CRL (RevokeCertificate)'
            cand tags 'Add, remove and list a certificate''s tags'
            cand update-options 'Change a certificate''s options (UpdateCertificateOptions)'
        }
        &'acmctl;help;cert;request'= {
        }
        &'acmctl;help;cert;list'= {
        }
        &'acmctl;help;cert;describe'= {
        }
        &'acmctl;help;cert;get'= {
        }
        &'acmctl;help;cert;export'= {
        }
        &'acmctl;help;cert;delete'= {
        }
        &'acmctl;help;cert;validate'= {
        }
        &'acmctl;help;cert;resend-validation-email'= {
        }
        &'acmctl;help;cert;revoke'= {
        }
        &'acmctl;help;cert;tags'= {
            cand add 'Add tags to a certificate (AddTagsToCertificate)'
            cand remove 'Remove tags from a certificate (RemoveTagsFromCertificate)'
            cand list 'List a certificate''s tags (ListTagsForCertificate)'
        }
        &'acmctl;help;cert;tags;add'= {
        }
        &'acmctl;help;cert;tags;remove'= {
        }
        &'acmctl;help;cert;tags;list'= {
        }
        &'acmctl;help;cert;update-options'= {
        }
        &'acmctl;help;account'= {
            cand config 'The account''s settings in the region: expiry events'
        }
        &'acmctl;help;account;config'= {
            cand get 'Show the account''s settings in the region (GetAccountConfiguration)'
            cand put 'Change the account''s settings in the region (PutAccountConfiguration)'
        }
        &'acmctl;help;account;config;get'= {
        }
        &'acmctl;help;account;config;put'= {
        }
        &'acmctl;help;import'= {
        }
        &'acmctl;help;deploy'= {
        }
        &'acmctl;help;renew'= {
        }
        &'acmctl;help;serve'= {
        }
        &'acmctl;help;store'= {
            cand check 'Check the whole store and report anything inconsistent'
            cand init 'Create the store: a directory, or the schema in an empty PostgreSQL database'
            cand migrate 'Bring a PostgreSQL store''s schema up to this acmctl''s version'
            cand copy 'Copy a whole store to an empty one: a directory to a database and back'
        }
        &'acmctl;help;store;check'= {
        }
        &'acmctl;help;store;init'= {
        }
        &'acmctl;help;store;migrate'= {
        }
        &'acmctl;help;store;copy'= {
        }
        &'acmctl;help;completions'= {
        }
        &'acmctl;help;man'= {
        }
        &'acmctl;help;help'= {
        }
    ]
    $completions[$command]
}
