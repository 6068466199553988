//! Where untrusted input comes from: the threat level of a taint source.

use std::fmt;
use std::str::FromStr;

/// Who controls the input a taint source produces. Taint models give each source one, and
/// the configuration (`[tool.moat.taint] untrusted`) says which of them are untrusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Threat {
    /// Input from the network: HTTP requests, sockets, uploaded files.
    Remote,
    /// Input from the person or program running the code: `sys.argv`, `input()`, files
    /// named on the command line.
    Local,
    /// The process environment: `os.environ`.
    Environment,
}

impl Threat {
    /// Every threat level, in documentation order.
    pub const ALL: [Threat; 3] = [Self::Remote, Self::Local, Self::Environment];

    /// The levels treated as untrusted when the configuration does not say: the network.
    /// Input from whoever runs the program (`sys.argv`) is theirs to give, unless the
    /// program runs with more rights than they have (setuid, `sudo` rules): then add
    /// `local`.
    pub const DEFAULT_UNTRUSTED: [Threat; 1] = [Self::Remote];

    /// The lowercase name used in models and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Remote => "remote",
            Self::Local => "local",
            Self::Environment => "environment",
        }
    }
}

impl fmt::Display for Threat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Threat {
    type Err = String;

    /// Parses a name (`remote`, `local`, `environment`, in any case); the error lists them.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|threat| threat.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let allowed: Vec<&str> = Self::ALL.iter().map(|t| t.as_str()).collect();
                format!(
                    "`{s}` is not a kind of input; expected one of: {}",
                    allowed.join(", ")
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::Threat;

    #[test]
    fn names_round_trip() {
        for threat in Threat::ALL {
            assert_eq!(threat.as_str().parse::<Threat>(), Ok(threat));
            assert_eq!(threat.to_string(), threat.as_str());
        }
        assert_eq!("Remote".parse::<Threat>(), Ok(Threat::Remote));
        assert_eq!(
            "network".parse::<Threat>(),
            Err(
                "`network` is not a kind of input; expected one of: remote, local, environment"
                    .to_string()
            )
        );
    }
}
