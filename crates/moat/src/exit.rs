//! Exit statuses, documented in the README and in `--help`.

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: nothing at or above the thresholds, and every file analysed.
    Success,
    /// 1: findings were reported, or some files could not be read or parsed.
    Failure,
    /// 2: a usage or configuration error, or a path that does not exist.
    Usage,
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Failure => 1,
            Self::Usage => 2,
        }
    }
}

/// A usage or configuration error: printed as `error: …`, exit status 2.
#[derive(Debug)]
pub struct UsageError(pub String);
