//! Error-handling mistakes.

pub mod assert_access_check;
pub mod assert_used;
pub mod bare_except_swallowed;
pub mod exception_in_response;
pub mod finally_control_flow;
mod handler_body;
mod security_check;
pub mod try_except_pass;
