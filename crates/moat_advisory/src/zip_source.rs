//! Reading advisories from an OSV zip export (`PyPI/all.zip`).

use crate::advisory::Advisory;
use crate::error::AdvisoryError;
use crate::fingerprint::SourceFingerprint;
use crate::parse::{Collector, MAX_ADVISORY_SIZE, is_advisory_file};
use crate::problem::{Problem, ProblemKind};
use std::io::{Cursor, Read};
use std::path::Path;

/// Everything read from one source.
pub(crate) struct Loaded {
    pub advisories: Vec<Advisory>,
    pub problems: Vec<Problem>,
    pub fingerprint: SourceFingerprint,
}

/// Reads every `*.json` entry of the zip at `path`, in any folder, in name order.
///
/// An archive that cannot be opened (corrupt, truncated, not a zip) is an error; an entry
/// that cannot be decompressed or parsed is a problem naming the entry.
pub(crate) fn load_zip(path: &Path) -> Result<Loaded, AdvisoryError> {
    let bytes = fs_err::read(path)?;
    let fingerprint = SourceFingerprint::of_bytes(&bytes);
    let zip_error = |source| AdvisoryError::Zip {
        path: path.to_path_buf(),
        source,
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).map_err(zip_error)?;

    let mut collector = Collector::default();
    let mut entries: Vec<(String, usize)> = Vec::new();
    for index in 0..archive.len() {
        match archive.name_for_index(index) {
            Some(Ok(name)) if is_advisory_file(&name) => entries.push((name.into_owned(), index)),
            Some(Ok(_)) | None => {}
            Some(Err(error)) => collector.problem(unreadable(&format!("entry #{index}"), &error)),
        }
    }
    entries.sort();

    let mut buffer = Vec::new();
    for (name, index) in entries {
        let mut file = match archive.by_index(index) {
            Ok(file) => file,
            Err(error) => {
                collector.problem(unreadable(&name, &error));
                continue;
            }
        };
        if file.is_dir() {
            continue;
        }
        if file.size() > MAX_ADVISORY_SIZE {
            collector.problem(too_large(&name, file.size()));
            continue;
        }
        buffer.clear();
        match (&mut file)
            .take(MAX_ADVISORY_SIZE + 1)
            .read_to_end(&mut buffer)
        {
            Ok(read) if read as u64 > MAX_ADVISORY_SIZE => {
                collector.problem(too_large(&name, read as u64));
            }
            Ok(_) => collector.add(&name, &buffer),
            Err(error) => collector.problem(unreadable(&name, &error)),
        }
    }
    let (advisories, problems) = collector.finish();
    Ok(Loaded {
        advisories,
        problems,
        fingerprint,
    })
}

fn unreadable(name: &str, error: &dyn std::fmt::Display) -> Problem {
    Problem::new(
        name,
        ProblemKind::Unreadable,
        format!("could not be decompressed: {error}"),
    )
}

pub(crate) fn too_large(name: &str, size: u64) -> Problem {
    Problem::new(
        name,
        ProblemKind::TooLarge,
        format!(
            "is {size} bytes, over the {MAX_ADVISORY_SIZE}-byte limit for one advisory; skipped"
        ),
    )
}
