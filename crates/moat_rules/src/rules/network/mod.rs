//! Network: unbounded waits and cleartext protocols.

pub mod bind_all_interfaces;
pub mod cleartext_protocol;
pub mod http_request_without_timeout;
pub mod httpoxy_cgi_handler;
pub mod pyghmi_import;
pub mod snmp_insecure_version;
pub mod snmp_weak_authentication;
pub mod ssh_host_key_not_verified;
pub mod url_open_unchecked_scheme;
