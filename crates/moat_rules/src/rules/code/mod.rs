//! Code built and run at run time, and code that does not read as it runs.

pub mod confusable_identifier;
pub mod ctypes_relative_library;
pub mod dynamic_import;
pub mod eval_exec_call;
pub mod eval_of_external_data;
pub mod getattr_from_request;
pub mod logging_config_listen;
pub mod secret_logged;
pub mod sys_path_writable;
pub mod trojan_source;
