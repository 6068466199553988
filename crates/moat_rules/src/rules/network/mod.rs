//! Network: unbounded waits and cleartext protocols.
