//! Code built and run at run time.

pub mod eval_exec_call;
