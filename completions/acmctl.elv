
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand import 'Import a certificate, its private key and chain (ImportCertificate)'
            cand deploy 'Deploy a certificate to an ACM-integrated service'
            cand renew 'Renew certificates: managed renewal (RenewCertificate)'
            cand store 'The store itself'
            cand completions 'Print a shell completion script'
            cand man 'Print the manual page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;ca'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;ca;init'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;ca;list'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
        &'acmctl;ca;help'= {
            cand init 'Create a certificate authority in the current region'
            cand list 'List the certificate authorities of the current region'
            cand describe 'Show one certificate authority (DescribeCertificateAuthority)'
            cand certificate 'Print an authority''s certificate and chain, to install as trust'
            cand crl 'Print an authority''s current certificate revocation list (CRL)'
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
        &'acmctl;ca;help;help'= {
        }
        &'acmctl;cert'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;cert;request'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acmctl;cert;list'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
        &'acmctl;cert;help;help'= {
        }
        &'acmctl;import'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
        &'acmctl;store'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
            cand --output 'Output format: text for people, json in ACM''s API shapes for scripts'
            cand --color 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set'
            cand -q 'Print no status lines, only results and errors'
            cand --quiet 'Print no status lines, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Check the whole store and report anything inconsistent'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;store;check'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acmctl;store;help;check'= {
        }
        &'acmctl;store;help;help'= {
        }
        &'acmctl;completions'= {
            cand --region 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]'
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand --store 'Store directory [default: ACMCTL_HOME, else the platform data directory]'
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
            cand import 'Import a certificate, its private key and chain (ImportCertificate)'
            cand deploy 'Deploy a certificate to an ACM-integrated service'
            cand renew 'Renew certificates: managed renewal (RenewCertificate)'
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
        &'acmctl;help;import'= {
        }
        &'acmctl;help;deploy'= {
        }
        &'acmctl;help;renew'= {
        }
        &'acmctl;help;store'= {
            cand check 'Check the whole store and report anything inconsistent'
        }
        &'acmctl;help;store;check'= {
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
