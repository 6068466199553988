//! One advisory file's bytes to an [`Advisory`], or a problem.

use crate::advisory::Advisory;
use crate::osv::OsvRecord;
use crate::problem::{Problem, ProblemKind};

/// Advisory files larger than this are skipped and reported (the largest record in the
/// PyPI export is well under 1 MiB; this bounds memory on hostile archives).
pub const MAX_ADVISORY_SIZE: u64 = 16 * 1024 * 1024;

/// Parses one OSV JSON file named `file`. Problems found inside a valid record (malformed
/// events) are pushed to `problems`; a file that is not a record at all is an `Err`.
pub fn parse_advisory(
    bytes: &[u8],
    file: &str,
    problems: &mut Vec<Problem>,
) -> Result<Advisory, Problem> {
    match serde_json::from_slice::<OsvRecord>(bytes) {
        Ok(record) => Ok(Advisory::from_osv(record, file, problems)),
        Err(error) => Err(Problem::new(
            file,
            ProblemKind::InvalidRecord,
            format!("not a valid OSV record: {error}"),
        )),
    }
}

/// Whether a file name inside an export is an advisory (`*.json`, any folder).
pub fn is_advisory_file(name: &str) -> bool {
    name.len() > ".json".len() && name.to_ascii_lowercase().ends_with(".json")
}

/// Collects parsed advisories, keeping the first record of each id and reporting later
/// duplicates. Callers feed files in sorted order so the choice is deterministic.
#[derive(Debug, Default)]
pub struct Collector {
    advisories: Vec<Advisory>,
    seen: rustc_hash::FxHashMap<String, String>,
    problems: Vec<Problem>,
}

impl Collector {
    /// Adds one file's bytes.
    pub fn add(&mut self, file: &str, bytes: &[u8]) {
        match parse_advisory(bytes, file, &mut self.problems) {
            Ok(advisory) => {
                if let Some(first) = self.seen.get(&advisory.id) {
                    let message = format!(
                        "`{first}` already defines `{}`; this copy was skipped",
                        advisory.id
                    );
                    self.problems.push(
                        Problem::new(file, ProblemKind::DuplicateId, message)
                            .for_advisory(&advisory.id),
                    );
                } else {
                    self.seen.insert(advisory.id.clone(), file.to_owned());
                    self.advisories.push(advisory);
                }
            }
            Err(problem) => self.problems.push(problem),
        }
    }

    /// Records a problem with a file that could not be read.
    pub fn problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    /// The advisories and the problems found.
    pub fn finish(self) -> (Vec<Advisory>, Vec<Problem>) {
        (self.advisories, self.problems)
    }
}
